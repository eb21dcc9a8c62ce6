extension DataPlane {
    /// Everything the control plane decided, one sorted line per fact: main RIB entries (with
    /// forwarding and origin), BGP best paths (every attribute, IGP cost, deciding step, source),
    /// unresolvable next hops, sessions with their reasons, track states and convergence. Two
    /// runs of the same scenario agree exactly when their digests are equal (the sweep verifier).
    public func stateDigest() -> [String] {
        var lines = ["converged \(statistics.converged)"]
        for (r, router) in network.routers.enumerated() where liveness.routerUp[r] {
            for entry in mainRIB(router: r) {
                lines.append("\(router.name) rib \(entry.prefix) \(entry.protocolKind.rawValue) \(entry.distance)/\(entry.metric) "
                             + "\(entry.forwarding.text(at: router)): \(entry.origin)")
            }
            for (prefix, route) in bgpTables[r] {
                let a = route.attributes, path = route.path
                var source = "local"
                switch route.source {
                case .local(let origin): source = origin.rawValue
                case .learned(let neighbor, let peer, let address, let ebgp):
                    source = "\(ebgp ? "ebgp" : "ibgp") from \(network.routers[peer].name) \(address) (neighbor \(neighbor + 1))"
                }
                lines.append("\(router.name) bgp \(prefix) \(source) path [\(a.asPath)] nh \(a.nextHop) weight \(a.weight) lp \(a.localPreference)"
                             + " origin \(a.origin) med \(a.med.map(String.init) ?? "none") igp \(route.igpCost) decided-by \(route.decidedBy.rawValue)"
                             + " originator \(path.originatorID?.description ?? "none") clusters \(path.clusterList.map(\.description))"
                             + " communities \(a.communities.map(\.description)) peer-id \(route.peerRouterID)")
            }
            for (prefix, hop) in inaccessible[r] { lines.append("\(router.name) unresolved \(prefix) next hop \(hop)") }
            for (id, up) in trackStates[r] { lines.append("\(router.name) track \(id) \(up ? "up" : "down")") }
        }
        for session in sessions {
            lines.append("\(network.routers[session.router].name) session \(session.peerAddress) (neighbor \(session.neighborIndex + 1)) "
                         + (session.established ? "established" : "down: \(session.reason ?? "")"))
        }
        return lines.sorted()
    }
}
