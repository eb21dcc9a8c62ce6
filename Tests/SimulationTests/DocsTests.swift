import Foundation
import Testing
@testable import Simulation

/// Hand-written docs that mirror code must not drift from it.
@Suite struct DocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func decisionProcessTableMatchesTheCode() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/bgp-decision-process.md"), encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.dropFirst(2).first?.isNumber == true }.map(String.init)
        let expected = BestPathStep.allCases.enumerated().map { "| \($0.offset) | `\($0.element.rawValue)` | \($0.element.explanation) |" }
        #expect(rows == expected)
    }

    /// The dialect table's last four columns (IOS, EOS, FRR, Junos) state each default: its first word is on/off.
    @Test func dialectDefaultsTableMatchesTheCode() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/bgp-decision-process.md"), encoding: .utf8)
        let knobs: [(String, KeyPath<BestPathOptions, Bool>)] = [("| deterministic MED ", \.deterministicMED), ("| always compare MED ", \.alwaysCompareMED),
                                                                 ("| missing MED is worst ", \.missingMEDAsWorst), ("| compare router-id ", \.compareRouterID)]
        for (label, keyPath) in knobs {
            let row = try #require(text.split(separator: "\n").first { $0.hasPrefix(label) }, "\(label) row missing")
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let stated = cells.suffix(4).map { $0.hasPrefix("on") }
            let actual = [VendorDialect.ios, .eos, .frr, .junos].map { BestPathOptions.defaults(for: $0)[keyPath: keyPath] }
            #expect(stated == actual, "\(label)")
        }
    }

    @Test func dispositionsAreAllDocumented() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/dispositions.md"), encoding: .utf8)
        let samples: [Disposition] = [.delivered(node: "x"), .nullRouted(router: "x", route: "r", location: nil), .noRoute(router: "x"),
                                      .loop(router: "x"), .neighborUnreachable(router: "x", interface: "i"),
                                      .unresolvedNextHop(router: "x", prefix: Prefix(network: IPAddress(0), length: 0), nextHop: IPAddress(0)),
                                      .sourceUnavailable(node: "x")]
        for disposition in samples { #expect(text.contains("| `\(disposition.kind)` |"), "\(disposition.kind) missing") }
    }
}

extension DocsTests {
    @Test func everyDiagnosticCodeIsCatalogued() throws {
        let catalogue = try String(contentsOf: Self.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let sources = Self.root.appendingPathComponent("Sources")
        var used: Set<String> = []
        let enumerator = FileManager.default.enumerator(atPath: sources.path)
        while let file = enumerator?.nextObject() as? String {
            guard file.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            let regex = /"((?:LOAD|MODEL|SIM|CFG)[0-9]{3})"/
            for match in text.matches(of: regex) { used.insert(String(match.output.1)) }
        }
        #expect(used.count >= 20)
        for code in used.sorted() { #expect(catalogue.contains("| `\(code)` |"), "\(code) is not in docs/diagnostics.md") }
    }
}
