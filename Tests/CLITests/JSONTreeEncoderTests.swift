import Foundation
@testable import Pipeline
import Testing

/// The report writer must give exactly Foundation's JSONEncoder bytes (sorted keys, pretty,
/// slashes unescaped): CI pipelines diff these files, and earlier releases wrote them with it.
@Suite struct JSONTreeEncoderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var examples: [String] {
        let folder = root.appendingPathComponent("topologies")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            .map { folder.appendingPathComponent("\($0)/topology.yml").path }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    @Test(arguments: examples) func reportsMatchFoundation(_ path: String) throws {
        let network = try #require(TopologyLoader.load(path: path).network)
        let plane = Engine.run(network)
        let simulation = ReportBuilder(plane: plane).simulation(includeRIB: true, includeBGP: true)
        #expect(JSONOutput.encode(simulation).count > 500)
        #expect(JSONOutput.encode(simulation) == JSONOutput.foundationEncode(simulation))
        var options = FailureAnalysis.Options()
        options.ribChanges = true
        options.bgpChanges = true
        let failures = FailureAnalysis.run(network, options: options)
        #expect(JSONOutput.encode(failures) == JSONOutput.foundationEncode(failures))
        let lint = ReportBuilder(plane: plane).adjacencies(router: 0)
        #expect(JSONOutput.encode(lint) == JSONOutput.foundationEncode(lint))
    }

    struct Edge: Encodable {
        var text = "quote \" backslash \\ slash / tab \t newline \n return \r bell \u{07} nul \u{00} unit \u{1F} del \u{7F} é 中 🙂"
        var numbers: [Double] = [0, 1, -2.5, 0.1, 1e21, 123456789.125, 5e-324]
        var integers: [Int64] = [Int64.min, -1, 0, Int64.max]
        var unsigned: UInt64 = .max
        var flags = [true, false]
        var missing: String? = nil
        var present: String? = "x"
        var empty: [String] = []
        var emptyMap: [String: Int] = [:]
        var map: [String: [Int]] = ["b": [2], "a": [1], "B": [], "ä": [3], "a b": [4], "10": [5], "9": [6]]
        var intKeys: [Int: String] = [10: "ten", 9: "nine", -1: "minus"]
        var nested: [[String: Bool]] = [["z": true, "y": false], [:]]
    }

    @Test func edgeCasesMatchFoundation() throws {
        let value = Edge()
        let ours = JSONOutput.encode(value)
        #expect(ours.contains("\"quote \\\" backslash \\\\ slash / tab \\t") && ours.contains("\"intKeys\" : {"), "\(ours)")
        #expect(ours == JSONOutput.foundationEncode(value))
        #expect(JSONOutput.encode([Edge(), Edge()]) == JSONOutput.foundationEncode([Edge(), Edge()]))
        #expect(JSONOutput.encode("top-level string") == JSONOutput.foundationEncode("top-level string"))
        #expect(JSONOutput.encode(42) == JSONOutput.foundationEncode(42))
    }
}
