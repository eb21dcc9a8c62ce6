import Foundation
import Testing
@testable import Pipeline

/// Results never depend on the order of routers in a file or of neighbor statements in a
/// router: every example is loaded, its routers and neighbor lists permuted (references
/// remapped), and every best path, session and flow trace compared by name, with no failure
/// and with each single link failed.
@Suite struct OrderIndependenceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var topologies: [String] {
        let directory = root.appendingPathComponent("topologies")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("\($0)/topology.yml").path)
        }.sorted()
    }

    /// The network with router i moved to position order[i] and every neighbor list reversed
    /// (`reverse`) or rotated by one.
    static func permuted(_ network: Network, order: [Int], reverse: Bool) -> Network {
        // The model's own reordering (links, hosts, VRF hosts and VPN peers remapped), then
        // neighbor statements reversed or rotated by one.
        var other = network.reordered(routers: order, reversingNeighbors: reverse)
        if !reverse {
            for r in other.routers.indices {
                guard var bgp = other.routers[r].bgp, bgp.neighbors.count > 1 else { continue }
                bgp.neighbors = Array(bgp.neighbors.dropFirst()) + [bgp.neighbors[0]]
                other.routers[r].bgp = bgp
            }
        }
        return other
    }

    /// Everything a user reads, by names: best paths, sessions, flow traces.
    static func fingerprint(_ network: Network, failing link: String?) -> [String] {
        var failures = FailureSpec()
        if let link, let index = network.linkIndex(named: link) { failures.links.insert(index) }
        let plane = Engine.run(network, failures: failures)
        var lines: [String] = ["converged \(plane.statistics.converged)"]
        for (r, router) in network.routers.enumerated() {
            for (prefix, route) in plane.bgpTables[r] {
                var from = "local"
                if case .learned(_, let peer, let address, _) = route.source { from = "\(network.routers[peer].name) \(address)" }
                lines.append("\(router.name) \(prefix) \(from) \(route.attributes.asPath) \(route.attributes.nextHop) \(route.attributes.med.map(String.init) ?? "-") \(route.decidedBy.rawValue)")
            }
        }
        for session in plane.sessions {
            lines.append("session \(network.routers[session.router].name) \(session.peerAddress) \(session.established)")
        }
        let tracer = Tracer(plane: plane)
        for flow in network.flows {
            for path in tracer.trace(from: flow.source, to: flow.destination).paths {
                lines.append("flow \(flow.name) \(path.nodes.joined(separator: ">")) \(path.disposition.kind) \(path.disposition.node)")
            }
        }
        return lines.sorted()
    }

    @Test(arguments: topologies) func permutingRoutersAndNeighborsChangesNothing(_ name: String) throws {
        let load = TopologyLoader.load(path: Self.root.appendingPathComponent("topologies/\(name)/topology.yml").path)
        let network = try #require(load.network)
        let count = network.routers.count
        let reversed = Array((0..<count).reversed())
        let rotated = (0..<count).map { ($0 + 1) % count }
        for (order, reverse) in [(reversed, true), (rotated, false)] {
            let other = Self.permuted(network, order: order, reverse: reverse)
            for link in [nil] + network.links.map(\.name) as [String?] {
                #expect(Self.fingerprint(network, failing: link) == Self.fingerprint(other, failing: link), "\(name), \(link ?? "no failure"), order \(order)")
            }
        }
    }
}
