import Foundation
import Pipeline
import Testing

/// A sweep that reuses the baseline (IGP patches, BGP results and re-propagation, session
/// checks, traces without text) must report exactly what re-simulating every scenario from
/// scratch reports: the whole JSON report, flow by flow, with cause chains.
@Suite struct SweepEquivalenceTests {
    static func report(_ network: Network, k: Int, reuse: Bool) -> String {
        var options = FailureAnalysis.Options()
        options.enumeration = ScenarioEnumeration(maximumFailures: k, includeSets: true, includeRouters: true)
        options.reuseBaseline = reuse
        return JSONOutput.encode(FailureAnalysis.run(network, options: options))
    }

    @Test(arguments: ["null0-peering", "null0-peering-redundant", "null0-peering-tracked", "null0-peering-conditional",
                      "null0-peering-core-pin", "bgp-route-reflection", "bgp-med", "bgp-igp-cost"])
    func examplePairsMatchTheNaiveSweep(_ name: String) throws {
        let path = MitigationAnalysisTests.root.appendingPathComponent("topologies/\(name)/topology.yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        #expect(Self.report(network, k: 2, reuse: true) == Self.report(network, k: 2, reuse: false))
    }

    /// A failure away from every router on a flow's path still moves it, through the IGP (a
    /// remote IP SLA probe takes a tracked, redistributed Null0 pin away) or through BGP alone
    /// (a remote beacon withdrawn ends a conditional advertisement): the sweep must trace it again.
    @Test(arguments: ["remote-track", "remote-condition"])
    func remoteChangesAreTracedAgain(_ fixture: String) throws {
        let path = MitigationAnalysisTests.root.appendingPathComponent("Tests/AnalysisTests/Fixtures/\(fixture).yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        let reused = Self.report(network, k: 1, reuse: true)
        #expect(reused == Self.report(network, k: 1, reuse: false))
        var options = FailureAnalysis.Options()
        options.enumeration = ScenarioEnumeration(maximumFailures: 1, includeSets: false, includeRouters: false)
        let report = FailureAnalysis.run(network, options: options)
        #expect(report.baseline.first?.at == "B")
        let remote = try #require(report.scenarios.first { $0.name == (fixture == "remote-track" ? "link Y-X" : "link W-Z") })
        #expect(remote.flows.first?.at == "C" && remote.flows.first?.classification == .blackHoled)
    }

    /// Route reflectors in several ASes with hosts: hot-potato choices at the reflectors move
    /// with IGP costs, so prefixes re-propagate from the baseline's best paths.
    @Test func generatedReflectorNetworkPairsMatchTheNaiveSweep() throws {
        let spec = TopologyGenerator.Spec(routers: 16, ases: 2, prefixes: 16, chordsPerRouter: 0.6, reflectorsPerAS: 2, seed: 7, hosts: 4)
        let network = try #require(TopologyLoader.load(yaml: TopologyGenerator.yaml(spec), file: "gen-rr").network)
        let reused = Self.report(network, k: 2, reuse: true)
        #expect(reused == Self.report(network, k: 2, reuse: false))
        #expect(reused.contains("\"rerouted\""), "the failures should move some flows")
    }
}

/// The same equivalence with label switching: LDP traces reused through their label footprint
/// (FEC routes and transport addresses), RSVP-TE states reused where a failure touches no LSP.
@Suite struct LabelSweepEquivalenceTests {
    @Test(arguments: ["mpls-ldp-core", "mpls-ldp-core-sync", "mpls-rsvp-srlg", "mpls-rsvp-bandwidth"])
    func mplsExamplesMatchTheNaiveSweep(_ name: String) throws {
        let path = MitigationAnalysisTests.root.appendingPathComponent("topologies/\(name)/topology.yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        #expect(SweepEquivalenceTests.report(network, k: 2, reuse: true) == SweepEquivalenceTests.report(network, k: 2, reuse: false))
    }

    @Test(arguments: ["ios-mpls-ldp", "junos-mpls-ldp", "eos-mpls-ldp"])
    func netlabFixturesMatchTheNaiveSweep(_ name: String) throws {
        let (network, _) = try RouteSim.loadConfigs([NetlabMPLSTests.fixtures.appendingPathComponent(name).path]).get()
        #expect(SweepEquivalenceTests.report(network, k: 1, reuse: true) == SweepEquivalenceTests.report(network, k: 1, reuse: false))
    }

    /// A generated network with LDP everywhere, 60 LSPs and hosts: failures move LSPs, some
    /// flows reroute, most traces and LSP states are reused.
    @Test func generatedLDPAndRSVPNetworkMatchesTheNaiveSweep() throws {
        var spec = TopologyGenerator.Spec(routers: 24, ases: 2, prefixes: 16, chordsPerRouter: 0.6, reflectorsPerAS: 2, seed: 11, hosts: 4)
        spec.ldp = true
        spec.lsps = 60
        let network = try #require(TopologyLoader.load(yaml: TopologyGenerator.yaml(spec), file: "gen-mpls").network)
        let reused = SweepEquivalenceTests.report(network, k: 1, reuse: true)
        #expect(reused == SweepEquivalenceTests.report(network, k: 1, reuse: false))
        #expect(reused.contains("\"lspChanges\""), "the failures should move some LSPs")
    }
}
