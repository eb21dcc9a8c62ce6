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
}
