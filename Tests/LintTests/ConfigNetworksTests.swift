import Foundation
import ConfigParsers
import Lint
import Testing

/// Issue 13 #6: a folder holding several networks is linted network by network.
@Suite struct ConfigNetworksTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func routersInFoldersOfTheirOwnBelongToTheFolderAbove() {
        #expect(ConfigNetworks.network(of: "lab/r1.cfg") == "lab")
        #expect(ConfigNetworks.network(of: "topo/r1/bgpd.conf") == "topo")
        #expect(ConfigNetworks.network(of: "topo/r1/zebra.conf") == "topo")
        #expect(ConfigNetworks.network(of: "lab/as20r2/etc/frr/frr.conf") == "lab")
        #expect(ConfigNetworks.network(of: "r1.cfg") == "")
        #expect(ConfigNetworks.group(["a/r1.cfg", "b/r1.cfg", "a/r2.cfg"]).map(\.files) == [["a/r1.cfg", "a/r2.cfg"], ["b/r1.cfg"]])
        #expect(!ConfigNetworks.isConfigCandidate("configs/README.md") && ConfigNetworks.isConfigCandidate("configs/r1.cfg") && ConfigNetworks.isConfigCandidate("configs/r1"))
    }

    /// Linting the folder that holds two copies of the same network (same names, same
    /// addressing, one with a mitigation) finds exactly what linting each copy alone finds: the
    /// copies never meet (they did: links across them, routers renamed, no failure sweep).
    @Test func aFolderOfNetworksLintsLikeEachNetworkAlone() throws {
        let examples = Self.root.appendingPathComponent("examples").path
        func findings(_ path: String) -> [String] {
            let (files, _, _) = Linter.collect([path])
            return Linter.run(Linter.parseAll(files)).findings.map { "\($0.file):\($0.line) \($0.code) \($0.message)" }
        }
        let together = findings(examples).sorted()
        var alone: [String] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: examples).sorted() {
            alone += findings((examples as NSString).appendingPathComponent(folder))
        }
        #expect(together == alone.sorted())
        #expect(together.contains { $0.contains("null0-peering-configs/R2.cfg") && $0.contains("FAILURE-BLACKHOLE") })
        #expect(!together.contains { $0.contains("the failure sweep was not run") })
    }
}
