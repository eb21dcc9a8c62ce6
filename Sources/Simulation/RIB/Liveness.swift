/// Which routers, interfaces and links are up in one run.
public struct Liveness: Sendable {
    public var routerUp: [Bool]
    public var linkUp: [Bool]
    /// Per router, per interface.
    public var interfaceUp: [[Bool]]
    /// The link each link interface belongs to.
    public var linkOfInterface: [InterfaceRef: Int]

    init(network: Network, failures: FailureSpec) {
        let failures = failures.withVRFInstances(in: network)
        routerUp = network.routers.indices.map { !failures.routers.contains($0) }
        linkUp = network.links.indices.map { index in
            let link = network.links[index]
            return !failures.links.contains(index) && !failures.routers.contains(link.a.router) && !failures.routers.contains(link.b.router)
                && !network.routers[link.a.router].interfaces[link.a.interface].shutdown
                && !network.routers[link.b.router].interfaces[link.b.interface].shutdown
        }
        var linkOf: [InterfaceRef: Int] = [:]
        for (index, link) in network.links.enumerated() { linkOf[link.a] = index; linkOf[link.b] = index }
        linkOfInterface = linkOf
        var up: [[Bool]] = []
        for (r, router) in network.routers.enumerated() {
            let alive = !failures.routers.contains(r)
            let linkUpFlags = linkUp
            up.append(router.interfaces.indices.map { i in
                guard alive, !router.interfaces[i].shutdown else { return false }
                if let link = linkOf[InterfaceRef(router: r, interface: i)] { return linkUpFlags[link] }
                return true
            })
        }
        interfaceUp = up
    }

    /// The same as `init(network:failures:)`, derived from the run without failures (sweeps
    /// build one per scenario: this copies arrays instead of rebuilding the interface-to-link
    /// table, and touches only what the failures take down).
    init(network: Network, failures: FailureSpec, noFailures base: Liveness) {
        let failures = failures.withVRFInstances(in: network)
        routerUp = base.routerUp
        for r in failures.routers { routerUp[r] = false }
        linkUp = base.linkUp
        interfaceUp = base.interfaceUp
        linkOfInterface = base.linkOfInterface
        for r in failures.routers { interfaceUp[r] = Array(repeating: false, count: interfaceUp[r].count) }
        func takeDown(_ index: Int) {
            guard linkUp[index] else { return }
            let link = network.links[index]
            linkUp[index] = false
            interfaceUp[link.a.router][link.a.interface] = false
            interfaceUp[link.b.router][link.b.interface] = false
        }
        for index in failures.links { takeDown(index) }
        if !failures.routers.isEmpty {
            for (index, link) in network.links.enumerated() where !routerUp[link.a.router] || !routerUp[link.b.router] { takeDown(index) }
        }
    }
}

/// Who owns an address: a router interface or a host.
public enum AddressOwner: Hashable, Sendable {
    case router(InterfaceRef)
    case host(Int)
}
