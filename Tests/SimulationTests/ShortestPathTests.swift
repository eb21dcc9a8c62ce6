import Foundation
import Pipeline
import Testing
@testable import Simulation

/// The bit-set Dijkstra must agree with the list-based one (kept for sources with more than 64
/// adjacencies) on distances and ECMP first hops, with and without failures, including a hub
/// with more adjacencies than a bit set holds.
@Suite struct ShortestPathTests {
    func compare(_ network: Network, failures: FailureSpec, name: String) {
        let igp = IGPComputation(network: network, liveness: Liveness(network: network, failures: failures))
        let adjacency = igp.buildAdjacency()
        for source in network.routers.indices {
            let fast = igp.shortestPaths(from: source, adjacency: adjacency)
            let lists = igp.shortestPathsWithLists(from: source, adjacency: adjacency)
            #expect(fast.0 == lists.0, "\(name): distances from \(network.routers[source].name)")
            #expect(fast.1 == lists.1, "\(name): first hops from \(network.routers[source].name)")
        }
    }

    @Test func bitSetsAgreeWithLists() throws {
        var networks = EngineInvariantTests.generatedNetworks
        for path in EngineInvariantTests.examples { if let network = TopologyLoader.load(path: path).network { networks.append((path, network)) } }
        var ecmp = 0
        for (name, network) in networks {
            compare(network, failures: .none, name: name)
            for link in network.links.indices.prefix(6) { compare(network, failures: FailureSpec(links: [link]), name: "\(name) without link \(link)") }
            let igp = IGPComputation(network: network, liveness: Liveness(network: network, failures: .none))
            let adjacency = igp.buildAdjacency()
            for source in network.routers.indices { ecmp += igp.shortestPaths(from: source, adjacency: adjacency).1.filter { $0.count > 1 }.count }
        }
        #expect(ecmp > 0, "no equal-cost paths exercised")
    }

    /// A hub with 70 spokes, each spoke also on a ring: every spoke is reached directly and
    /// over two-hop equal-cost paths.
    @Test func hubWithMoreThan64Adjacencies() throws {
        var yaml = "name: hub\nases:\n  65000: { igp: ospf }\nrouters:\n  hub: { asn: 65000 }\n"
        for i in 0..<70 { yaml += "  s\(i): { asn: 65000 }\n" }
        yaml += "links:\n"
        for i in 0..<70 { yaml += "  - { endpoints: [hub, s\(i)], cost: 10 }\n  - { endpoints: [s\(i), s\((i + 1) % 70)], cost: 5 }\n" }
        let network = try #require(TopologyLoader.load(yaml: yaml, file: "hub.yml").network)
        compare(network, failures: .none, name: "hub")
        compare(network, failures: FailureSpec(links: [0, 2, 4]), name: "hub with spokes cut")
    }

    /// Incremental SPF after a failure equals the full SPF: every source, every single link and
    /// router failure, every example and generated network, plus pairs on the small examples.
    @Test func incrementalAfterFailuresEqualsFull() throws {
        var networks = EngineInvariantTests.generatedNetworks
        for path in EngineInvariantTests.examples { if let network = TopologyLoader.load(path: path).network { networks.append((path, network)) } }
        var compared = 0, differentFromBaseline = 0
        for (name, network) in networks {
            let base = IGPComputation(network: network, liveness: Liveness(network: network, failures: .none))
            let baseAdjacency = base.buildAdjacency()
            let before = network.routers.indices.map { base.shortestPaths(from: $0, adjacency: baseAdjacency) }
            let scenarios = ScenarioEnumeration(maximumFailures: network.routers.count <= 12 ? 2 : 1, includeSets: false).scenarios(for: network).scenarios
            for scenario in scenarios {
                let liveness = Liveness(network: network, failures: scenario.spec)
                let igp = IGPComputation(network: network, liveness: liveness)
                let adjacency = igp.buildAdjacency()
                let incoming = IGPComputation.incoming(adjacency)
                let failedEdges = IGPComputation.failedEdges(baseAdjacency, failedLinks: Set(network.links.indices.filter { !liveness.linkUp[$0] }))
                for source in network.routers.indices where liveness.routerUp[source] {
                    let full = igp.shortestPaths(from: source, adjacency: adjacency)
                    // No affected node: the baseline's result must still be exact.
                    let fast = IGPComputation.affectedNodes(distance: before[source].0, failedEdges: failedEdges, baselineAdjacency: baseAdjacency)
                        .map { igp.incrementalShortestPaths(from: source, before: before[source], affected: $0, adjacency: adjacency, incoming: incoming) } ?? before[source]
                    #expect(fast.0 == full.0, "\(name): \(scenario.name): distances from \(network.routers[source].name)")
                    #expect(fast.1 == full.1, "\(name): \(scenario.name): first hops from \(network.routers[source].name)")
                    compared += 1
                    if full.1 != before[source].1 { differentFromBaseline += 1 }
                }
            }
        }
        #expect(compared > 1000 && differentFromBaseline > 100, "\(compared) compared, \(differentFromBaseline) changed")
    }
}
