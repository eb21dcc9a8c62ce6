extension Network {
    /// The same network with router i moved to position `order[i]` (links, hosts and the
    /// routers named by neighbors remapped) and, with `reversingNeighbors`, every router's
    /// neighbor statements in reverse order. A network has one answer whatever its order,
    /// unless BGP has several stable states: order decides which one a run lands in.
    public func reordered(routers order: [Int], reversingNeighbors: Bool) -> Network {
        var reordered = routers
        for (old, new) in order.enumerated() where old < routers.count && new < routers.count {
            var router = routers[old]
            if reversingNeighbors, var bgp = router.bgp {
                bgp.neighbors.reverse()
                router.bgp = bgp
            }
            reordered[new] = router
        }
        func remap(_ ref: InterfaceRef) -> InterfaceRef { InterfaceRef(router: order[ref.router], interface: ref.interface) }
        let links = self.links.map { Link(name: $0.name, a: remap($0.a), b: remap($0.b), location: $0.location) }
        let hosts = self.hosts.map { Host(name: $0.name, attachment: remap($0.attachment), address: $0.address, location: $0.location) }
        return Network(name: name, sourceFile: sourceFile, autonomousSystems: autonomousSystems, routers: reordered,
                       links: links, hosts: hosts, flows: flows, failureSets: failureSets)
    }
}
