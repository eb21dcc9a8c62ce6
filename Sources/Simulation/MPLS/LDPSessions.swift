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
    /// A targeted session (`link` is then `A-B`, the two routers); absent for link sessions.
    public var targeted: Bool?
}

extension DataPlane {
    /// Link sessions, then targeted sessions.
    public func ldpSessions() -> [LDPSession] {
        let links = network.links.indices.compactMap { index -> LDPSession? in
            let link = network.links[index]
            guard network.routers[link.a.router].mpls != nil || network.routers[link.b.router].mpls != nil else { return nil }
            let why = ldpSessionDownReason(link: index)
            return LDPSession(link: link.name, a: network.routers[link.a.router].name, b: network.routers[link.b.router].name, up: why == nil, reason: why)
        }
        return links + targetedLDPSessions()
    }

    /// Targeted sessions (RFC 5036 section 2.4.2): one per pair of routers where one sends
    /// targeted hellos to an address of the other. Up when both run LDP and are up, the other
    /// targets it too or accepts targeted hellos, and each has a route to the other's
    /// transport address. They carry no forwarding in routesim (LDP over RSVP-TE and session
    /// protection are not modelled): they are reported. In name order of the pair.
    func targetedLDPSessions() -> [LDPSession] {
        var pairs: [String: LDPSession] = [:]
        for (r, router) in network.routers.enumerated() {
            for address in router.mpls?.targetedNeighbors ?? [] {
                guard case .router(let ref)? = owners[address, from: r], ref.router != r else {
                    let key = "\(router.name)-\(address)"
                    pairs[key] = LDPSession(link: key, a: router.name, b: address.description, up: false,
                                            reason: "no other router owns \(address), which \(router.name) targets", targeted: true)
                    continue
                }
                let (x, y) = router.name < network.routers[ref.router].name ? (r, ref.router) : (ref.router, r)
                let key = "\(network.routers[x].name)-\(network.routers[y].name)"
                guard pairs[key] == nil else { continue }
                let why = targetedSessionDownReason(initiator: r, peer: ref.router)
                pairs[key] = LDPSession(link: key, a: network.routers[x].name, b: network.routers[y].name, up: why == nil, reason: why, targeted: true)
            }
        }
        return pairs.keys.sorted().compactMap { pairs[$0] }
    }

    private func targetedSessionDownReason(initiator r: Int, peer p: Int) -> String? {
        for end in [r, p] where network.routers[end].mpls?.ldp != true { return "\(network.routers[end].name) does not run LDP" }
        for end in [r, p] where !liveness.routerUp[end] { return "\(network.routers[end].name) is down" }
        let peer = network.routers[p]
        let targetsBack = peer.mpls?.targetedNeighbors.contains { owners.interface(of: r, owning: $0) != nil } ?? false
        if !targetsBack && peer.mpls?.acceptsTargetedHellos != true {
            return "\(peer.name) neither targets \(network.routers[r].name) nor accepts targeted hellos"
        }
        return transportUnreachable(r, p)
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
        return transportUnreachable(ends.0.router, ends.1.router)
    }

    /// Why the two routers cannot reach each other's transport address (nil: both can).
    private func transportUnreachable(_ x: Int, _ y: Int) -> String? {
        for (from, to) in [(x, y), (y, x)] {
            let target = network.routers[to].ldpTransportAddress
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
