import Diagnostics
import Foundation
@testable import Lint
import Testing

/// Lint's JSON writes findings by hand (one document of tens of thousands of findings through
/// JSONEncoder held ~45 MB): the result must be byte for byte what JSONEncoder writes.
struct LintJSONTests {
    static func encoderReport(_ report: Linter.Report) throws -> String {
        struct Whole: Encodable { var schemaVersion = 1; var findings: [Finding]; var files: [String]; var summary: [String: Int] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Whole(findings: report.findings, files: [], summary: [:])), as: UTF8.self)
    }

    @Test func stringsAreEscapedAsJSONEncoderEscapesThem() throws {
        let every = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init))) + "é ∆ 🛣 \u{7F}\u{2028}"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        for text in [every, "", "a/b \"q\" \\ end"] {
            let expected = String(decoding: try encoder.encode([text]), as: UTF8.self)
            #expect("[" + LintOutput.jsonString(text) + "]" == expected)
        }
    }

    @Test func findingsAreWrittenAsJSONEncoderWritesThem() throws {
        let text = "router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\nip route 198.51.100.0 255.255.255.0 Null0\n router bgp 65001\n network 198.51.100.0 mask 255.255.255.0\n"
        let report = Linter.run([Linter.FileResult(path: "dir/r\"1\t.cfg", device: Linter.parse(text: text, file: "dir/r\"1\t.cfg"), source: text)])
        #expect(report.findings.count >= 2 && report.findings.contains { $0.text == nil } == false)
        var withoutText = report
        withoutText.findings[0].text = nil
        for sample in [report, withoutText] {
            let written = LintOutput.json(sample)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
            #expect((object["findings"] as? [Any])?.count == sample.findings.count)
            // The findings array as JSONEncoder lays it out, found inside the hand-written document.
            let whole = try Self.encoderReport(sample)
            let start = try #require(whole.range(of: "\"findings\" : ["))
            let end = try #require(whole.range(of: "\n  ]", range: start.upperBound..<whole.endIndex))
            #expect(written.contains(whole[start.lowerBound..<end.upperBound]))
        }
    }
}
