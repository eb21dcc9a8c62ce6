import Diagnostics
import ConfigParsers
import Foundation
import Lint
import Testing

/// Issue 13 #5: the simulation-backed rule never skips silently: above the lint limit, or when
/// the configs do not build a network, it says so once, as a note on the first file.
@Suite struct LintSweepNoteTests {
    static func device(_ index: Int, loopback: String) -> Linter.FileResult {
        let text = """
        hostname r\(index)
        interface Loopback0
         ip address \(loopback) 255.255.255.255
        interface Gi0/1
         ip address 172.16.\(index / 128).\((index % 128) * 2) 255.255.255.254
        router ospf 1
        """
        let file = String(format: "r%03d.cfg", index)
        return Linter.FileResult(path: file, device: Linter.parse(text: text, file: file, dialect: .ios), source: text)
    }

    static func notes(_ files: [Linter.FileResult]) -> [Finding] {
        Linter.run(files).findings.filter { $0.code == "FAILURE-BLACKHOLE" }
    }

    @Test func aboveTheLimitItSaysSoOnce() {
        let files = (0...LintSimulation.maximumRouters).map { Self.device($0, loopback: "10.1.\($0 / 250).\($0 % 250 + 1)") }
        let notes = Self.notes(files)
        #expect(notes.count == 1)
        #expect(notes.first?.severity == .note)
        #expect(notes.first?.file == "r000.cfg")
        #expect(notes.first?.message == "the failure sweep and the network build's checks (CFG001 and CFG002 from the build) were not run: 151 routers, above the lint limit of 150; run `routesim failures --configs` on them")
    }

    /// Whichever rule that needs the network is enabled says it (once), not only FAILURE-BLACKHOLE.
    @Test func theNoteComesFromTheFirstEnabledRuleThatNeedsTheNetwork() {
        let files = (0...LintSimulation.maximumRouters).map { Self.device($0, loopback: "10.1.\($0 / 250).\($0 % 250 + 1)") }
        var configuration = LintConfiguration()
        configuration.disabled = ["FAILURE-BLACKHOLE", "NON-CONVERGENCE"]
        let notes = Linter.run(files, configuration: configuration).findings.filter { $0.severity == .note && $0.message.contains("lint limit") }
        #expect(notes.map(\.code) == ["CFG001"] && notes.first?.file == "r000.cfg")
        configuration.disabled = ["FAILURE-BLACKHOLE", "NON-CONVERGENCE", "CFG001"]
        #expect(Linter.run(files, configuration: configuration).findings.filter { $0.message.contains("lint limit") }.map(\.code) == ["CFG002"])
        configuration.disabled = []
        #expect(Linter.run(files, configuration: configuration).findings.filter { $0.message.contains("lint limit") }.map(\.code) == ["FAILURE-BLACKHOLE"])
    }

    @Test func unbuildableNetworksSaySo() {
        // r1's loopback is r0's link address: the network does not build (one loopback /32 on two
        // routers would be anycast, which is legal).
        let notes = Self.notes([Self.device(0, loopback: "10.1.0.1"), Self.device(1, loopback: "172.16.0.0")])
        #expect(notes.count == 1)
        #expect(notes.first?.message.hasPrefix("the failure sweep was not run: the configs do not build a network: address 172.16.0.0") == true, "\(notes)")
    }

    @Test func smallBuildableNetworksRunWithoutANote() {
        #expect(Self.notes([Self.device(0, loopback: "10.1.0.1"), Self.device(1, loopback: "10.1.0.2")]).isEmpty)
    }
}
