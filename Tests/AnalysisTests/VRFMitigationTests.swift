import Foundation
import Pipeline
import Testing

/// `--suggest` on the background note's black hole inside a VRF (topologies/l3vpn-null0-pin):
/// PE2 loses its only core link and its VRF keeps announcing the Null0-pinned aggregate to the
/// branch CE. Expected before running: announcing the aggregate only while the VRF holds VPN
/// routes inside it (exist-map on the more-specifics) withdraws it from CE3 once PE2's VPN
/// routes go, so CE3 uses PE3 (delivered); a second core link on PE2 keeps its VPN routes.
/// Moving the pin into the core IGP and tracked statics make no sense inside a VRF: not offered.
struct VRFMitigationTests {
    static func suggestions() throws -> [MitigationSuggester.Suggestion] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (network, _) = try RouteSim.load(root.appendingPathComponent("topologies/l3vpn-null0-pin/topology.yml").path).get()
        let options = FailureAnalysis.Options()
        return MitigationSuggester.suggest(network, report: FailureAnalysis.run(network, options: options), options: options)
    }

    @Test func thePinInTheVRFGetsVRFFixesVerifiedOnThePEFailure() throws {
        let suggestions = try Self.suggestions()
        #expect(Set(suggestions.map(\.mitigation)) == [.conditionalAdvertisement, .redundantLink], "\(suggestions.map(\.change))")
        #expect(suggestions.allSatisfy { $0.scenario == "link PE2-P1" && $0.recommended }, "\(suggestions.map { "\($0.scenario) \($0.change) \($0.newProblems)" })")
        let conditional = try #require(suggestions.first { $0.mitigation == .conditionalAdvertisement })
        #expect(conditional.configuration.map(\.router) == ["PE2"])
        let lines = conditional.configuration.first?.lines ?? []
        #expect(lines.contains("ip prefix-list ROUTESIM-VPN-SPECIFICS seq 10 permit 10.1.0.0/16 ge 17"))
        #expect(lines.contains(" address-family ipv4 vrf red"))
        let link = try #require(suggestions.first { $0.mitigation == .redundantLink })
        #expect(link.change.hasPrefix("add a second core link PE2-P1"))
    }
}
