/// Several stable states, found by running the network a second time with every message order
/// reversed (routers and neighbor statements): routesim's answer never depends on order when
/// BGP has one stable state, so two runs that both converge and disagree prove that BGP has
/// at least two for those prefixes (a DISAGREE gadget, a local-preference wedgie, RFC 3345 MED
/// or reflection anomalies), and which one the network is in depends on history.
public enum StableStates {
    public struct Finding: Sendable, Equatable {
        public var prefix: Prefix
        /// Routers whose best path differs between the two orders.
        public var routers: [String]
    }

    /// nil when either run did not converge (then the question has no answer); otherwise the
    /// prefixes whose best paths depend on order (empty: both orders agree).
    public static func check(_ network: Network, failures: FailureSpec = .none, options: SimulationOptions = SimulationOptions()) -> [Finding]? {
        let count = network.routers.count
        let order = Array((0..<count).reversed())
        let other = network.reordered(routers: order, reversingNeighbors: true)
        let remapped = FailureSpec(links: failures.links, routers: Set(failures.routers.map { order[$0] }))
        let a = Engine.run(network, failures: failures, options: options)
        let b = Engine.run(other, failures: remapped, options: options)
        guard a.statistics.converged, b.statistics.converged else { return nil }
        var differing: [Prefix: Set<String>] = [:]
        for r in network.routers.indices {
            let name = network.routers[r].name
            let left = summaries(a, router: r), right = summaries(b, router: order[r])
            for prefix in Set(left.keys).union(right.keys) where left[prefix] != right[prefix] { differing[prefix, default: []].insert(name) }
        }
        return differing.keys.sorted().map { Finding(prefix: $0, routers: differing[$0, default: []].sorted()) }
    }

    /// Each best path by what identifies it across orders: where it came from (by name), its
    /// AS path and next hop.
    static func summaries(_ plane: DataPlane, router r: Int) -> [Prefix: String] {
        var result: [Prefix: String] = [:]
        for (prefix, route) in plane.bgpTables[r] {
            var from = "local"
            if case .learned(_, let peer, _, _) = route.source { from = plane.network.routers[peer].name }
            result[prefix] = "\(from) [\(route.attributes.asPath)] \(route.attributes.nextHop)"
        }
        return result
    }
}
