/// Follows a packet hop by hop through the forwarding tables, splitting at ECMP next hops.
public struct Tracer: Sendable {
    public let plane: DataPlane
    public static let maximumBranches = 64
    public static let maximumHops = 64

    /// false: look routes up by probing the RIB tables instead of building a forwarding trie per
    /// router (same answers; cheaper when each data plane serves only a few traces).
    public let usesFIB: Bool

    public init(plane: DataPlane, usesFIB: Bool = true) {
        self.plane = plane
        self.usesFIB = usesFIB
    }

    /// `source` is a host or router name; a router sources from its first loopback.
    public func trace(from source: String, to destination: IPv4Address) -> Trace {
        let network = plane.network
        if let h = network.hostIndex[source] {
            let host = network.hosts[h]
            let gateway = host.attachment
            let router = network.routers[gateway.router]
            guard plane.liveness.interfaceUp[gateway.router][gateway.interface] else {
                return Trace(source: source, destination: destination, paths: [TracePath(hops: [Hop(node: source, action: "gateway \(router.name) is down")], disposition: .sourceUnavailable(node: source))])
            }
            if destination == host.address {
                return Trace(source: source, destination: destination, paths: [TracePath(hops: [Hop(node: source, action: "local address")], disposition: .delivered(node: source))])
            }
            let first = Hop(node: source, action: "sent to gateway \(router.interfaces[gateway.interface].address) (\(router.name))", outInterface: nil)
            var paths: [TracePath] = []
            walk(router: gateway.router, destination: destination, hops: [first], visited: [], paths: &paths)
            return Trace(source: source, destination: destination, paths: paths)
        }
        guard let r = network.routerIndex[source], plane.liveness.routerUp[r] else {
            return Trace(source: source, destination: destination, paths: [TracePath(hops: [], disposition: .sourceUnavailable(node: source))])
        }
        var paths: [TracePath] = []
        walk(router: r, destination: destination, hops: [], visited: [], paths: &paths)
        return Trace(source: source, destination: destination, paths: paths)
    }

    /// `visited`: the routers on this branch so far (a short list: at most maximumHops).
    private func walk(router r: Int, destination: IPv4Address, hops: [Hop], visited: [Int], paths: inout [TracePath]) {
        guard paths.count < Tracer.maximumBranches else { return }
        let network = plane.network
        let name = network.routers[r].name
        var hops = hops
        func finish(_ action: String, _ disposition: Disposition, prefix: Prefix? = nil, protocolKind: RouteProtocol? = nil) {
            hops.append(Hop(node: name, action: action, prefix: prefix, protocolKind: protocolKind))
            paths.append(TracePath(hops: hops, disposition: disposition))
        }
        if visited.contains(r) || hops.count > Tracer.maximumHops { finish("seen before on this path", .loop(router: name)); return }
        if case .router(let ref)? = plane.owners[destination], ref.router == r, plane.liveness.interfaceUp[r][ref.interface] {
            hops.append(Hop(node: name, detail: .owns(destination, interface: network.routers[r].interfaces[ref.interface].name)))
            paths.append(TracePath(hops: hops, disposition: .delivered(node: name)))
            return
        }
        let found = usesFIB ? plane.lookup(router: r, address: destination) : plane.lookupWithoutFIB(router: r, address: destination)
        guard let entry = found else {
            if let (prefix, hop) = unresolved(router: r, destination: destination) {
                finish("BGP paths for \(prefix) have unresolvable next hop \(hop)", .unresolvedNextHop(router: name, prefix: prefix, nextHop: hop))
            } else {
                finish("no route to \(destination)", .noRoute(router: name))
            }
            return
        }
        var nextVisited = visited
        nextVisited.append(r)
        switch entry.forwarding {
        case .discard:
            finish("\(entry.protocolKind.rawValue) \(entry.prefix): \(entry.origin)", .nullRouted(router: name, route: "\(entry.origin) \(entry.prefix)", location: entry.location),
                   prefix: entry.prefix, protocolKind: entry.protocolKind)
        case .attached(let interface):
            send(from: r, interface: interface, gateway: destination, entry: entry, destination: destination, hops: hops, visited: nextVisited, paths: &paths)
        case .forward(let nextHops):
            for nextHop in nextHops {
                send(from: r, interface: nextHop.interface, gateway: nextHop.gateway, entry: entry, destination: destination, hops: hops, visited: nextVisited, paths: &paths)
            }
        }
    }

    private func send(from r: Int, interface: Int, gateway: IPv4Address, entry: RIBEntry, destination: IPv4Address,
                      hops: [Hop], visited: [Int], paths: inout [TracePath]) {
        let network = plane.network
        let name = network.routers[r].name
        let interfaceName = network.routers[r].interfaces[interface].name
        var hops = hops
        hops.append(Hop(node: name, detail: .forwarded(entry, gateway: gateway, interface: interfaceName), prefix: entry.prefix,
                        protocolKind: entry.protocolKind, outInterface: interfaceName))
        switch plane.owners[gateway] {
        case .host(let h)? where network.hosts[h].attachment == InterfaceRef(router: r, interface: interface):
            let host = network.hosts[h]
            if host.address == destination {
                hops.append(Hop(node: host.name, action: "owns \(destination)"))
                paths.append(TracePath(hops: hops, disposition: .delivered(node: host.name)))
            } else {
                hops.append(Hop(node: host.name, action: "not a router: drops traffic for \(destination)"))
                paths.append(TracePath(hops: hops, disposition: .noRoute(router: host.name)))
            }
        case .router(let ref)? where plane.liveness.interfaceUp[ref.router][ref.interface] && onSameSegment(InterfaceRef(router: r, interface: interface), ref):
            walk(router: ref.router, destination: destination, hops: hops, visited: visited, paths: &paths)
        default:
            paths.append(TracePath(hops: hops, disposition: .neighborUnreachable(router: name, interface: interfaceName)))
        }
    }

    private func onSameSegment(_ a: InterfaceRef, _ b: InterfaceRef) -> Bool {
        if let link = plane.liveness.linkOfInterface[a] { return plane.liveness.linkUp[link] && plane.liveness.linkOfInterface[b] == link }
        let network = plane.network
        return network.routers[a.router].interfaces[a.interface].prefix == network.routers[b.router].interfaces[b.interface].prefix
    }

    private func unresolved(router r: Int, destination: IPv4Address) -> (Prefix, IPv4Address)? {
        let table = plane.inaccessible[r]
        guard !table.isEmpty else { return nil }
        for length in stride(from: 32, through: 0, by: -1) {
            let prefix = Prefix(network: destination, length: UInt8(length))
            if let hop = table[prefix] { return (prefix, hop) }
        }
        return nil
    }
}
