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

/// `--suggest` on an LSP that is down: topologies/mpls-rsvp-srlg, failure set duct-7 takes both
/// strict paths of each LSP. Expected before running (RFC 3209: a path with no explicit hops is
/// computed by CSPF in the network as it is): a dynamic secondary routes around the duct over
/// P1-P4, the LSP comes up and the customer traffic is delivered; nothing else breaks.
struct RSVPMitigationTests {
    @Test func aDynamicSecondaryBringsTheLSPBackAndIsVerified() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (network, _) = try RouteSim.load(root.appendingPathComponent("topologies/mpls-rsvp-srlg/topology.yml").path).get()
        var options = FailureAnalysis.Options()
        options.enumeration = ScenarioEnumeration(onlySets: true)   // `failures --srlg`
        let report = FailureAnalysis.run(network, options: options)
        let suggestions = MitigationSuggester.suggest(network, report: report, options: options).filter { $0.mitigation == .lspDynamicSecondary }
        #expect(suggestions.map(\.scenario) == ["set duct-7", "set duct-7"])
        #expect(suggestions.allSatisfy { $0.removesBlackHole && $0.newProblems.isEmpty }, "\(suggestions.map { "\($0.change): \($0.newProblems)" })")
        #expect(suggestions.map(\.change).sorted() == ["LSP PE1/to-PE2: replace the pinned secondary path with one computed by CSPF (no explicit hops)",
                                                       "LSP PE2/to-PE1: replace the pinned secondary path with one computed by CSPF (no explicit hops)"])
        #expect(suggestions.first?.configuration.first?.lines.first?.hasPrefix("# topology YAML") == true)
        // Applied, the LSP runs on the new secondary through P1-P4 when the duct fails.
        var fixed = network
        let head = try #require(network.routerIndex["PE1"])
        fixed.routers[head].lsps[0].secondary = LSPPath(hops: [], strict: false, location: network.routers[head].lsps[0].location)
        let (duct, _) = FailureSpec.resolve(links: ["duct-7"], routers: [], in: fixed)
        let state = try #require(Engine.run(fixed, failures: duct).lspStates().first { $0.name == "to-PE2" })
        #expect(state.up && state.path == "secondary" && state.routers == ["PE1", "P1", "P4", "PE2"], "\(state)")
    }
}
