import Foundation
import Pipeline
import Testing

/// `failures --verify`: the plain path re-run on sampled scenarios agrees with the sweep on
/// every example and fixture, and says so loudly where it cannot (a prefix with two stable
/// states, where the sweep keeps the state routers were in).
@Suite struct SweepVerifierTests {
    static let root = MitigationAnalysisTests.root

    static var networks: [String] {
        let topologies = ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("topologies").path)) ?? [])
            .sorted().map { "topologies/\($0)/topology.yml" }
        return topologies + ["Tests/AnalysisTests/Fixtures/remote-track.yml", "Tests/AnalysisTests/Fixtures/remote-condition.yml",
                             "Tests/SimulationTests/Fixtures/track-redistributed.yml", "Tests/SimulationTests/Fixtures/ibgp-transport-chain.yml"]
    }

    static func verify(_ network: Network, k: Int, count: Int) -> (FailureReport, SweepVerifier.Result) {
        var options = FailureAnalysis.Options()
        options.enumeration = ScenarioEnumeration(maximumFailures: k, includeSets: true, includeRouters: true)
        let report = FailureAnalysis.run(network, options: options)
        return (report, SweepVerifier.verify(network, report: report, options: options, count: count))
    }

    @Test(arguments: networks) func everyScenarioOfEveryExampleVerifies(_ path: String) throws {
        let network = try #require(TopologyLoader.load(path: Self.root.appendingPathComponent(path).path).network)
        let (report, result) = Self.verify(network, k: 2, count: 10_000)
        #expect(result.checked.count == report.scenariosRun)
        if path.contains("bgp-oldest-path") {
            // Age decides there by design: every difference must be that, and C-B among them.
            #expect(result.mismatches.allSatisfy { $0.kind == .routeAge }, "\(SweepVerifier.describe(result))")
            #expect(result.mismatches.contains { $0.scenario == "link C-B" })
        } else {
            #expect(result.passed, "\(SweepVerifier.describe(result))")
        }
    }

    @Test func generatedNetworksVerify() throws {
        // The third is dual-stack (every prefix twice, MP-BGP on every session, IPv6 flows).
        var dualStack = TopologyGenerator.Spec(routers: 30, ases: 3, prefixes: 15, reflectorsPerAS: 1, seed: 2, hosts: 3)
        dualStack.ipv6 = true
        for spec in [TopologyGenerator.Spec(routers: 30, ases: 3, prefixes: 15, seed: 9, hosts: 3),
                     TopologyGenerator.Spec(routers: 24, ases: 1, prefixes: 12, chordsPerRouter: 0.7, seed: 5, hosts: 3), dualStack] {
            let network = try #require(TopologyLoader.load(yaml: TopologyGenerator.yaml(spec), file: "gen").network)
            let (_, result) = Self.verify(network, k: 1, count: 40)
            #expect(result.checked.count == 40)
            #expect(result.passed, "\(SweepVerifier.describe(result))")
        }
    }

    /// Generated networks with session policies, aggregates, conditional advertisement,
    /// tracked pins and mixed dialects: every difference the verifier finds must be a prefix
    /// with several stable states (both states stable), never a sweep state that is not
    /// stable. Seed 11 holds one (a local-preference / prepend wedgie in the style of RFC 4264).
    @Test func mixedGeneratedNetworksDifferOnlyWhereSeveralStableStatesExist() throws {
        var severalStates = 0
        for seed in [1, 3, 6, 9, 11] as [UInt64] {
            let spec = TopologyGenerator.Spec(routers: 24, ases: 1 + Int(seed % 4), prefixes: 14, reflectorsPerAS: seed % 3 == 0 ? 1 : 0,
                                              seed: seed, hosts: 4, mixed: true)
            let network = try #require(TopologyLoader.load(yaml: TopologyGenerator.yaml(spec), file: "mixed-\(seed)").network)
            let (report, result) = Self.verify(network, k: 1, count: 10_000)
            #expect(result.checked.count == report.scenariosRun)
            for mismatch in result.mismatches {
                #expect(mismatch.kind == .severalStableStates, "seed \(seed): \(SweepVerifier.describe(result))")
                severalStates += 1
            }
        }
        #expect(severalStates > 0, "seed 11 no longer shows two stable states: pick another seed that does")
    }

    /// The DISAGREE gadget: after O-X fails the sweep keeps X's path through Y's neighbour, a
    /// fresh run lands in the other stable state. The verifier must name that scenario.
    @Test func twoStableStatesAreReported() throws {
        let path = Self.root.appendingPathComponent("Tests/SimulationTests/Fixtures/bgp-two-stable-states.yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        let (_, result) = Self.verify(network, k: 1, count: 100)
        #expect(result.mismatches.map(\.scenario) == ["link O-X"])
        #expect(result.mismatches.first?.kind == .severalStableStates)
        #expect(result.mismatches.first?.differences.contains { $0.hasPrefix("- X bgp 100.64.0.0/24") } == true)
        #expect(SweepVerifier.describe(result).hasPrefix("verify: FAILED: 1 of"))
    }

    /// The sample is deterministic, has the asked size, and starts with the worst scenarios.
    @Test func sampleTakesTheWorstFirstThenASpread() throws {
        let path = Self.root.appendingPathComponent("topologies/null0-peering/topology.yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        var options = FailureAnalysis.Options()
        options.enumeration = ScenarioEnumeration(maximumFailures: 2, includeSets: false, includeRouters: true)
        let report = FailureAnalysis.run(network, options: options)
        let scenarios = options.enumeration.scenarios(for: network).scenarios
        let sample = SweepVerifier.sample(scenarios, report: report, count: 6)
        #expect(sample.count == 6)
        #expect(sample == SweepVerifier.sample(scenarios, report: report, count: 6))
        #expect(Set(sample).count == 6)
        // The black hole of the background note is the worst scenario of this network.
        #expect(sample.contains { scenarios[$0].name == "link R1-R2" })
        #expect(SweepVerifier.sample(scenarios, report: report, count: 1000).count == scenarios.count)
    }
}
