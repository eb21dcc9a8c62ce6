import Foundation
import Pipeline
import Testing

/// `failures --rib` / `--bgp`: per scenario, the routes that differ from the baseline's.
@Suite struct RouteChangesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var examples: [String] {
        let folder = root.appendingPathComponent("topologies")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            .map { folder.appendingPathComponent("\($0)/topology.yml").path }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// What the null0-peering README says happens when R1-R2 fails, route by route: R1 loses
    /// its OSPF routes over the link and moves 203.0.113.0/24 from R2 (iBGP, AS path 65002) to
    /// transit T1 (eBGP, 64500 65002), the only path left; R2 loses the client LAN
    /// 198.51.100.0/25 it reached over R1, while its Null0 pin stays (no change to report there).
    @Test func theNull0ScenarioListsWhatMoved() throws {
        let network = try #require(TopologyLoader.load(path: Self.root.appendingPathComponent("topologies/null0-peering/topology.yml").path).network)
        var options = FailureAnalysis.Options()
        options.ribChanges = true
        options.bgpChanges = true
        options.enumeration = ScenarioEnumeration(maximumFailures: 1, includeSets: false, includeRouters: false)
        let report = FailureAnalysis.run(network, options: options)
        let scenario = try #require(report.scenarios.first { $0.name == "link R1-R2" })
        let bgp = try #require(scenario.bgpChanges)
        #expect(bgp == [RouteChange(router: "R1", prefix: "203.0.113.0/24",
                                    before: "ibgp from R2, path 65002, next hop 10.1.0.2, local-pref 100",
                                    after: "ebgp from T1, path 64500 65002, next hop 10.254.0.9, local-pref 100")])
        let rib = try #require(scenario.ribChanges)
        #expect(rib.contains { $0.router == "R2" && $0.prefix == "198.51.100.0/25" && $0.after == nil && $0.before?.hasPrefix("ospf via") == true })
        #expect(rib.contains { $0.router == "R1" && $0.prefix == "203.0.113.0/24" && $0.after?.hasPrefix("ebgp via 10.254.0.9") == true })
        #expect(!rib.contains { $0.prefix == "198.51.100.0/24" })
        // Text and JSON carry them; without the options, neither does.
        let text = FailureTextReport.render(report)
        #expect(text.contains("    BGP changes: 1\n      R1 203.0.113.0/24: ibgp from R2, path 65002"))
        #expect(JSONOutput.encode(report).contains("\"ribChanges\""))
        let plain = FailureAnalysis.run(network, options: FailureAnalysis.Options())
        #expect(plain.scenarios.allSatisfy { $0.ribChanges == nil && $0.bgpChanges == nil })
        #expect(!JSONOutput.encode(plain).contains("Changes\""))
    }

    /// The sweep compares only the prefixes its delta says may differ; that must find exactly
    /// what comparing every prefix finds, in every single-failure scenario of every example.
    @Test func theDeltaFindsEveryChange() throws {
        var ageless = SimulationOptions()
        ageless.routeAge = false
        var compared = 0
        for path in Self.examples {
            let network = try #require(TopologyLoader.load(path: path).network)
            let baseline = Engine.baseline(network, options: ageless)
            for scenario in ScenarioEnumeration(maximumFailures: 1, includeSets: false).scenarios(for: network).scenarios {
                let reused = Engine.run(network, failures: scenario.spec, options: ageless, baseline: baseline)
                let fresh = Engine.run(network, failures: scenario.spec, options: ageless)
                #expect(fresh.prefixesThatMayDiffer(router: 0) == nil)
                #expect(RouteChanges.rib(baseline: baseline.plane, scenario: reused) == RouteChanges.rib(baseline: baseline.plane, scenario: fresh),
                        "\(path): \(scenario.name)")
                #expect(RouteChanges.bgp(baseline: baseline.plane, scenario: reused) == RouteChanges.bgp(baseline: baseline.plane, scenario: fresh),
                        "\(path): \(scenario.name)")
                if network.routers.indices.contains(where: { reused.prefixesThatMayDiffer(router: $0) != nil }) { compared += 1 }
            }
        }
        #expect(compared > 50, "the delta was hardly used: \(compared) scenarios")
    }
}
