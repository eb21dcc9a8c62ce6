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
                        "bad-policy", "bad-bgp", "numeric-duplicate-key", "empty-endpoints", "edge-addresses"]
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
        #expect(result.diagnostics.map(\.description) == ["/nonexistent/topology.yml:1:1: error: cannot read topology file: no such file or directory [LOAD009]\n  hint: check the path and its permissions"])
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

    /// Issue 12 #1: a 50,000-long alias chain (each anchor a list holding the previous alias) was
    /// refused by the old expansion guard, and then freeing the composed tree overflowed the stack.
    @Test func aliasChainIsRefusedWithoutBuildingTheDeepTree() {
        var lines = ["a0: &a0 [x]"]
        for index in 1..<50_000 { lines.append("a\(index): &a\(index) [*a\(index - 1)]") }
        let result = TopologyLoader.load(yaml: lines.joined(separator: "\n"), file: "chain.yml")
        #expect(result.diagnostics.map(\.code) == ["LOAD008"])
        #expect(result.diagnostics.first?.message.contains("through aliases") == true)
        #expect(result.diagnostics.first?.location?.line == 200)
    }

    /// Issue 12 #6: only what aliases add counts toward the alias bound; a plain document with more
    /// nodes than that bound loads (generate --routers 10000 wrote such files and they were refused).
    @Test func onlyWhatAliasesAddCountsTowardTheAliasBound() throws {
        let plain = "[" + Array(repeating: "1", count: 5_000).joined(separator: ",") + "]"
        #expect(throws: Never.self) { try YAMLComposer.compose(plain, file: "plain.yml", aliasBound: 1_000).get() }
        let aliased = "a: &a [" + Array(repeating: "1", count: 600).joined(separator: ",") + "]\nb: *a\nc: *a"
        #expect(throws: Never.self) { try YAMLComposer.compose("a: &a [1]\nb: *a", file: "ok.yml", aliasBound: 2).get() }
        guard case .failure(let failure) = YAMLComposer.compose(aliased, file: "aliased.yml", aliasBound: 1_000) else {
            Issue.record("two aliases of a 601-node list add 1,202 nodes: above a bound of 1,000"); return
        }
        #expect(failure.diagnostics.map(\.description) == ["aliased.yml:3:4: error: aliases add more than 1000 nodes to the document [LOAD008]\n  hint: aliases that nest aliases grow exponentially (a 'billion laughs'); expand them by hand"])
    }

    /// Keys that are aliases of large subtrees are never hashed or compared structurally.
    @Test func aliasedKeysDoNotHang() {
        var lines = ["l0: &l0 [a, a, a, a, a, a, a, a, a, a]"]
        for level in 1...5 { lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        lines.append("k: {? *l5 : 1, ? *l5 : 2}")
        let result = TopologyLoader.load(yaml: lines.joined(separator: "\n"), file: "keys.yml")
        #expect(result.network == nil)
        #expect(result.diagnostics.contains { $0.code == "LOAD003" })
    }
}
