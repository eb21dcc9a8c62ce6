import Foundation
import Pipeline
import Testing

/// One reporting layer: the failure sweep and `diff` hand findings to the same writers as lint.
/// Expected outcomes from the background note and the examples' READMEs, written before the run:
/// without the conditional advertisement, link R1-R2 failing black-holes R2's, R3's and R4's
/// traffic to 198.51.100.0/24 at R2's Null0 line (R2.cfg:18); with it, only R2's own.
struct FindingReportTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")

    static func sweep(_ folder: String) throws -> (Network, FailureReport) {
        let (network, _) = try RouteSim.loadConfigs([examples.appendingPathComponent(folder).path]).get()
        return (network, FailureAnalysis.run(network, options: FailureAnalysis.Options()))
    }

    @Test func aSweepsBlackHoleIsAFindingAtTheNull0LineWithItsCauseChain() throws {
        let (network, report) = try Self.sweep("null0-peering-configs")
        let findings = report.findingReport(network: network, source: "configs").findings
        let blackHoles = findings.filter { $0.code == "FAILURE-BLACKHOLE" }
        #expect(blackHoles.count == 1)
        let found = try #require(blackHoles.first)
        #expect(found.severity == .error && found.file.hasSuffix("null0-peering-configs/R2.cfg") && found.line == 18)
        #expect(found.message.hasPrefix("when link R1-R2 fails: 3 flows are black-holed at R2"))
        // The chain: the announcement received by R3 and R4 ..., the Null0 line, the dropping router.
        let steps = try #require(found.steps)
        #expect(steps.count >= 3 && steps[steps.count - 2].location?.line == 18)
        #expect(findings.filter { $0.code == "FAILURE-ISOLATED" }.allSatisfy { $0.severity == .note })
    }

    @Test func junitFailsExactlyWhatFailOnNames() throws {
        let (network, report) = try Self.sweep("null0-peering-configs")
        let findings = report.findingReport(network: network, source: "configs")
        let blackhole = findings.junit(FindingWriterOptions(root: "/") { $0.code == "FAILURE-BLACKHOLE" })
        #expect(blackhole.contains("<testsuites name=\"routesim failures\"") && blackhole.contains("failures=\"1\" errors=\"0\""))
        let never = findings.junit(FindingWriterOptions(root: "/") { _ in false })
        #expect(never.contains("failures=\"0\" errors=\"0\"") && !never.contains("<failure"))
    }

    @Test func diffReportsTheBlackHoleThatRemovingTheConditionReintroduces() throws {
        let (base, _) = try RouteSim.loadConfigs([Self.examples.appendingPathComponent("null0-peering-conditional-configs").path]).get()
        let (head, _) = try RouteSim.loadConfigs([Self.examples.appendingPathComponent("null0-peering-configs").path]).get()
        let impact = ChangeImpact.compare(base: base, head: head, baseName: "conditional", headName: "unconditional")
        let findings = impact.findingReport(head: head, headSource: "head").findings.filter { $0.severity == .error }
        #expect(findings.map(\.code) == ["FAILURE-BLACKHOLE", "FAILURE-BLACKHOLE"])
        #expect(findings.allSatisfy { $0.file.hasSuffix("null0-peering-configs/R2.cfg") && $0.line == 18 && $0.steps != nil })
        #expect(Set(findings.compactMap { $0.message.firstMatch(of: /(R\d)->198\.51\.100\.0\/24/).map { String($0.1) } }) == ["R3", "R4"])
    }

    @Test func everyCommandsCIFormatsComeFromOneWriter() throws {
        let (network, report) = try Self.sweep("null0-peering-configs")
        let findings = report.findingReport(network: network, source: "configs")
        for format in ReportFormat.findingFormats {
            let text = try #require(findings.rendered(as: format, options: FindingWriterOptions(root: Self.examples.path)))
            #expect(text.contains("FAILURE-BLACKHOLE"), "\(format)")
        }
        #expect(findings.rendered(as: .text, options: FindingWriterOptions(root: "/")) == nil)
    }

    @Test func oneSeverityTypeAcceptsTheOldLintWord() throws {
        #expect(Severity(named: "info") == .note && Severity(named: "note") == .note && Severity(named: "fatal") == nil)
        let decoded = try JSONDecoder().decode([Severity].self, from: Data(#"["info", "warning", "error"]"#.utf8))
        #expect(decoded == [.note, .warning, .error])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Severity].self, from: Data(#"["loud"]"#.utf8)) }
    }
}
