import Foundation
import Testing
@testable import TopologyLoader

/// Each `Fixtures/errors/<case>.yml` must produce exactly the diagnostics in `<case>.txt`
/// (paths shown relative to the fixture folder). `RECORD_SNAPSHOTS=1 swift test` rewrites them.
@Suite struct LoaderErrorTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/errors")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func render(_ name: String) -> (LoadResult, String) {
        let path = folder.appendingPathComponent("\(name).yml").path
        let result = TopologyLoader.load(path: path)
        let text = result.diagnostics.map(\.description).joined(separator: "\n")
            .replacingOccurrences(of: folder.path + "/", with: "") + "\n"
        return (result, text)
    }

    @Test func everyErrorClassHasAFixture() {
        let required = ["syntax", "tab-indent", "wrong-type", "unknown-key", "missing-key", "dangling-router", "dangling-reference",
                        "invalid-address", "overlapping", "duplicate-name", "duplicate-key", "alias-bomb", "deep-nesting", "empty",
                        "bad-policy", "bad-bgp"]
        #expect(Set(required).isSubset(of: Set(Self.cases)))
    }

    @Test(arguments: cases) func fixture(_ name: String) throws {
        let (result, text) = Self.render(name)
        #expect(result.network == nil, "an error fixture must not load")
        #expect(result.diagnostics.contains { $0.severity == .error })
        for diagnostic in result.diagnostics where diagnostic.severity == .error {
            #expect(diagnostic.location != nil, "\(diagnostic) has no location")
        }
        let expectedURL = Self.folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try text.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(text == expected)
    }

    @Test func missingFileIsAnError() {
        let result = TopologyLoader.load(path: "/nonexistent/topology.yml")
        #expect(result.network == nil)
        #expect(result.diagnostics.map(\.description) == ["/nonexistent/topology.yml:1:1: error: cannot read topology file: no such file [LOAD009]\n  hint: check the path and its permissions"])
    }

    @Test func binaryInputIsAnError() {
        let result = TopologyLoader.load(yaml: "routers:\u{0}\u{1}", file: "bin.yml")
        #expect(result.diagnostics.first?.code == "LOAD009")
    }

    @Test func hugeDocumentsAreRefusedBeforeParsing() {
        let nested = "routers: " + String(repeating: "{a: ", count: 5000) + "1" + String(repeating: "}", count: 5000)
        let result = TopologyLoader.load(yaml: nested, file: "deep.yml")
        #expect(result.diagnostics.first?.code == "LOAD008")
    }

    @Test func aliasesWithinLimitsAreFine() {
        let yaml = """
        policies:
          route-maps:
            ANY: &any [ { action: permit } ]
            ALSO: *any
        routers: { R1: { asn: 65001 } }
        """
        let result = TopologyLoader.load(yaml: yaml, file: "ok.yml")
        #expect(result.network?.routers[0].policies.routeMaps["ALSO"]?.entries.count == 1)
    }
}
