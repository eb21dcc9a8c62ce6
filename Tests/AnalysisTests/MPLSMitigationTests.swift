import Foundation
import Pipeline
import Testing

/// `--suggest` on an MPLS black hole (docs/mpls.md): on topologies/mpls-ldp-core, link P1-P2
/// failing black-holes both flows at the P3-P2 link without LDP. Expected, before running:
/// enabling LDP on P3-P2 keeps the labels on P1-P3-P2 (delivered); LDP-IGP synchronisation
/// (RFC 5443) raises P3-P2 to the maximum metric, so the IGP takes P1-P4-P2, which has LDP
/// (delivered). Neither creates a problem elsewhere.
struct MPLSMitigationTests {
    @Test func bothMPLSFixesRemoveTheBlackHoleAndAreWrittenPerRouter() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (network, _) = try RouteSim.load(root.appendingPathComponent("topologies/mpls-ldp-core/topology.yml").path).get()
        let options = FailureAnalysis.Options()
        let report = FailureAnalysis.run(network, options: options)
        let suggestions = MitigationSuggester.suggest(network, report: report, options: options)
        let mpls = suggestions.filter { $0.scenario == "link P1-P2" }
        #expect(Set(mpls.map(\.mitigation)) == [.enableLDP, .ldpIGPSync])
        let summary = mpls.map { "\($0.mitigation): \($0.newProblems)" }
        #expect(mpls.allSatisfy { $0.recommended }, "\(summary)")
        let enable = try #require(mpls.first { $0.mitigation == .enableLDP })
        #expect(enable.configuration.map(\.router) == ["P3", "P2"] && enable.configuration.allSatisfy { $0.lines.last == " mpls ip" })
    }
}
