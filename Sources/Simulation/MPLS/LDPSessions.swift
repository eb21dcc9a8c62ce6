/// LDP link sessions (RFC 5036): one per link between two routers of which at least one runs
/// MPLS. A session is up when both routers run LDP, LDP is enabled on both interfaces (`mpls
/// ip`), both are up, and each router has a route to the other's transport address (its
/// router ID, as Cisco's and Junos' default LDP transport address is the LDP router ID), since
/// the session is TCP between those addresses. Label forwarding over these sessions is not
/// modelled yet (docs/mpls.md).
public struct LDPSession: Sendable, Equatable, Codable {
    public var link: String
    public var a: String
    public var b: String
    public var up: Bool
    /// Why it is down: the first of not running LDP, LDP off on an interface, down, no transport route.
    public var reason: String?
}

extension DataPlane {
    public func ldpSessions() -> [LDPSession] {
        network.links.indices.compactMap { index in
            let link = network.links[index]
            guard network.routers[link.a.router].mpls != nil || network.routers[link.b.router].mpls != nil else { return nil }
            let why = ldpSessionDownReason(link: index)
            return LDPSession(link: link.name, a: network.routers[link.a.router].name, b: network.routers[link.b.router].name, up: why == nil, reason: why)
        }
    }

    /// Why link `index` has no LDP session, or nil when it has one. Reads the routers in place
    /// (a sweep asks this for every link of every scenario; copying `Router`s dominated it).
    func ldpSessionDownReason(link index: Int) -> String? {
        let ends = (network.links[index].a, network.links[index].b)
        for end in [ends.0, ends.1] where network.routers[end.router].mpls?.ldp != true {
            return "\(network.routers[end.router].name) does not run LDP"
        }
        for end in [ends.0, ends.1] where !network.routers[end.router].interfaces[end.interface].ldp {
            return "LDP is not enabled on \(network.routers[end.router].name) \(network.routers[end.router].interfaces[end.interface].name)"
        }
        for end in [ends.0, ends.1] where !liveness.routerUp[end.router] { return "\(network.routers[end.router].name) is down" }
        if !liveness.linkUp[index] { return "link \(network.links[index].name) is down" }
        for end in [ends.0, ends.1] where !liveness.interfaceUp[end.router][end.interface] {
            return "\(network.routers[end.router].name) \(network.routers[end.router].interfaces[end.interface].name) is down"
        }
        for (from, to) in [(ends.0.router, ends.1.router), (ends.1.router, ends.0.router)] {
            let target = network.routers[to].mpls?.transportAddress ?? network.routers[to].routerID
            guard owners.interface(of: from, owning: target) == nil else { continue }
            // The IGP carries transport addresses (loopbacks): the non-BGP table answers without
            // building a forwarding table per router in every scenario of a sweep.
            let route = nonBGPRoutes[from].longestMatch(target)?.value
            if route == nil || route?.isDiscard == true {
                return "\(network.routers[from].name) has no route to \(network.routers[to].name)'s transport address \(target)"
            }
        }
        return nil
    }
}
