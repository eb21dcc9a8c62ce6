extension Network {
    /// The same network with router i moved to position `order[i]` (links, hosts, VRF hosts and
    /// VPN peers remapped) and, with `reversingNeighbors`, every router's
    /// neighbor statements in reverse order. A network has one answer whatever its order,
    /// unless BGP has several stable states: order decides which one a run lands in.
    public func reordered(routers order: [Int], reversingNeighbors: Bool) -> Network {
        var reordered = routers
        for (old, new) in order.enumerated() where old < routers.count && new < routers.count {
            var router = routers[old]
            if var bgp = router.bgp {
                if reversingNeighbors { bgp.neighbors.reverse() }
                for n in bgp.neighbors.indices { if let peer = bgp.neighbors[n].vpn?.peer { bgp.neighbors[n].vpn?.peer = order[peer] } }
                router.bgp = bgp
            }
            if let host = router.vrf?.host { router.vrf?.host = order[host] }
            reordered[new] = router
        }
        func remap(_ ref: InterfaceRef) -> InterfaceRef { InterfaceRef(router: order[ref.router], interface: ref.interface) }
        let links = self.links.map { Link(name: $0.name, a: remap($0.a), b: remap($0.b), location: $0.location) }
        let hosts = self.hosts.map { host in
            var moved = host
            moved.attachment = remap(host.attachment)
            return moved
        }
        return Network(name: name, sourceFile: sourceFile, autonomousSystems: autonomousSystems, routers: reordered,
                       links: links, hosts: hosts, flows: flows, failureSets: failureSets)
    }
}
