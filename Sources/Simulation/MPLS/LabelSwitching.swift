/// What a router does with a packet for a FEC on its way to a next hop (docs/mpls.md).
public enum LabelOperation: Hashable, Sendable {
    /// Ingress: the BGP route's next hop resolves over an LSP; the label for `fec` is pushed.
    case push(fec: Prefix)
    /// Transit: the incoming label is swapped for the next hop's label for `fec`.
    case swap(fec: Prefix)
    /// Penultimate hop: the next hop is the egress and advertised implicit null (the default of
    /// every dialect here), so the packet leaves unlabeled.
    case pop(fec: Prefix)
    /// Penultimate hop when the egress advertised explicit null: the label is swapped for label 0,
    /// which the egress pops before its IP lookup (RFC 3032 section 2.1).
    /// At the ingress (`ingress`), label 0 is pushed: the next hop is the egress itself.
    case explicitNull(fec: Prefix, ingress: Bool)
    /// No label from the next hop for `fec` ("No Label"/"Untagged" on IOS): the labels are
    /// removed and the packet is forwarded as plain IP, which a BGP-free router downstream
    /// cannot route.
    case untagged(fec: Prefix, reason: String)
    /// RSVP-TE: the head-end pushes the LSP's label (the BGP next hop is its tail), transit
    /// routers swap it, the penultimate router pops it. `lsp` is `HEAD/NAME`.
    case pushLSP(lsp: String, tail: Prefix)
    case swapLSP(lsp: String, tail: Prefix)
    case popLSP(lsp: String, tail: Prefix)
    /// Fast reroute (RFC 4090 facility backup) around failed link `link`: the point of local
    /// repair swaps the LSP's label (pops it when the merge point is the tail) and pushes the
    /// bypass's label; bypass routers swap it; the bypass's penultimate router pops it, so the
    /// merge point receives the LSP's own label.
    case enterBypass(link: String, lsp: String, tail: Prefix)
    case swapBypass(link: String, tail: Prefix)
    case popBypass(link: String, tail: Prefix)

    /// The FEC: an LDP prefix, or an LSP's tail address.
    public var fec: Prefix {
        switch self {
        case .push(let fec), .swap(let fec), .pop(let fec), .explicitNull(let fec, _), .untagged(let fec, _): fec
        case .pushLSP(_, let tail), .swapLSP(_, let tail), .popLSP(_, let tail), .enterBypass(_, _, let tail), .swapBypass(_, let tail),
             .popBypass(_, let tail): tail
        }
    }

    /// The RSVP-TE LSP, for its operations.
    public var lsp: String? {
        switch self {
        case .pushLSP(let lsp, _), .swapLSP(let lsp, _), .popLSP(let lsp, _), .enterBypass(_, let lsp, _): lsp
        default: nil
        }
    }

    /// `push`, `swap`, `pop` or `untagged`.
    public var name: String {
        switch self {
        case .push, .pushLSP, .enterBypass: "push"
        case .explicitNull(_, let ingress): ingress ? "push" : "swap"
        case .swap, .swapLSP, .swapBypass: "swap"
        case .pop, .popLSP, .popBypass: "pop"
        case .untagged: "untagged"
        }
    }

    public var text: String {
        switch self {
        case .push(let fec): "push label for \(fec) (LDP)"
        case .swap(let fec): "swap label for \(fec)"
        case .pop(let fec): "pop label for \(fec) (penultimate hop)"
        case .explicitNull(let fec, let ingress):
            ingress ? "push explicit null (label 0) for \(fec): the next hop is the egress" : "swap label for \(fec) to explicit null (label 0; the egress pops it)"
        case .untagged(let fec, let reason): "no label for \(fec), forwarded unlabeled: \(reason)"
        case .pushLSP(let lsp, _): "push label of RSVP-TE LSP \(lsp)"
        case .swapLSP(let lsp, _): "swap label of LSP \(lsp)"
        case .popLSP(let lsp, _): "pop label of LSP \(lsp) (penultimate hop)"
        case .enterBypass(let link, let lsp, _): "link \(link) failed: LSP \(lsp) onto its bypass (fast reroute: push the bypass label)"
        case .swapBypass(let link, _): "swap label of the bypass around \(link)"
        case .popBypass(let link, _): "pop label of the bypass around \(link): the merge point gets the LSP's label"
        }
    }
}

/// LDP's forwarding state in one data plane: the links with a session, and which routers hold a
/// label binding for a FEC. Bindings follow the IGP (RFC 5036): IOS and FRR allocate a label
/// for every non-BGP route and advertise it without waiting for downstream (independent
/// control); EOS does so for /32 routes only (ipspace.net, "Arista EOS MPLS P/PE-router
/// Behavior", 2026); Junos advertises only its own router-ID loopback as egress and passes on a
/// binding only when it has one from downstream (ordered control).
struct LDPForwarding: Sendable {
    let plane: DataPlane
    let sessionUp: [Bool]

    init?(plane: DataPlane) {
        guard plane.switchesLabels else { return nil }
        self.plane = plane
        sessionUp = plane.ldpSessionsUp.value { plane.network.links.indices.map { plane.ldpSessionDownReason(link: $0) == nil } }
    }

    func runsLDP(_ r: Int) -> Bool { plane.network.routers[r].mpls?.ldp == true }

    /// `m` terminates the LSP for `fec`: it owns the address (IOS: any connected prefix it owns;
    /// Junos: its router ID, the one loopback its default egress policy advertises) and
    /// allocates a label for it.
    func isEgress(_ m: Int, for fec: Prefix) -> Bool {
        // Fields read in place: this runs at every labeled hop, and copying a `Router` showed.
        if plane.network.routers[m].dialect == .junos { return fec.length == 32 && fec.network == plane.network.routers[m].routerID }
        guard allocates(m, fec) else { return false }
        if plane.owners.interface(of: m, owning: fec.network) != nil { return true }
        // A connected subnet whose network address is not the router's own (10.2.0.0/24 on .1).
        if case .attached? = plane.nonBGPRoutes[m][fec]?.forwarding { return true }
        return false
    }

    /// `m`'s label allocation filter lets `fec` have a local label: host routes only where it
    /// is configured, and by default on EOS (/32 only: ipspace.net, "Arista EOS MPLS
    /// P/PE-router Behavior", 2026); every route otherwise.
    func allocates(_ m: Int, _ fec: Prefix) -> Bool {
        let allocation = plane.network.routers[m].mpls?.allocation ?? (plane.network.routers[m].dialect == .eos ? .hostRoutes : .allRoutes)
        return allocation == .allRoutes || fec.length == 32
    }

    /// `m` has advertised a label for `fec` to its LDP peers.
    func hasBinding(_ m: Int, for fec: Prefix, visited: Set<Int> = []) -> Bool {
        guard runsLDP(m), plane.liveness.routerUp[m] else { return false }
        if isEgress(m, for: fec) { return true }
        guard let route = plane.nonBGPRoutes[m][fec], !route.isDiscard else { return false }
        guard allocates(m, fec) else { return false }
        guard plane.network.routers[m].dialect == .junos else { return true }
        // Ordered control: only with a label from downstream.
        guard case .forward(let hops) = route.forwarding, !visited.contains(m) else { return false }
        return hops.contains { hop in
            guard let next = neighbor(of: m, via: hop), sessionUp(m, hop.interface) else { return false }
            return hasBinding(next, for: fec, visited: visited.union([m]))
        }
    }

    func sessionUp(_ r: Int, _ interface: Int) -> Bool {
        plane.liveness.linkOfInterface[InterfaceRef(router: r, interface: interface)].map { sessionUp[$0] } ?? false
    }

    func neighbor(of r: Int, via hop: NextHop) -> Int? {
        if case .router(let ref)? = plane.owners[hop.gateway, from: r], ref.router != r { return ref.router }
        return nil
    }

    /// What `r` does with traffic for `fec` sent over `hop`; `ingress` when it would push.
    func operation(at r: Int, hop: NextHop, fec: Prefix, ingress: Bool) -> LabelOperation {
        guard let next = neighbor(of: r, via: hop) else { return .untagged(fec: fec, reason: "next hop \(hop.gateway) is not a router") }
        if isEgress(next, for: fec) {
            return plane.network.routers[next].mpls?.explicitNull == true ? .explicitNull(fec: fec, ingress: ingress) : .pop(fec: fec)
        }
        let link = plane.liveness.linkOfInterface[InterfaceRef(router: r, interface: hop.interface)]
        if let link, !sessionUp[link] {
            return .untagged(fec: fec, reason: "no LDP session on \(plane.network.links[link].name) (\(plane.ldpSessionDownReason(link: link) ?? "down"))")
        }
        if link == nil { return .untagged(fec: fec, reason: "no LDP session toward \(plane.network.routers[next].name)") }
        if !hasBinding(next, for: fec) {
            let ordered = plane.network.routers[next].dialect == .junos && runsLDP(next)
                ? " (ordered control: no label reached it from downstream)" : ""
            return .untagged(fec: fec, reason: "\(plane.network.routers[next].name) has no label for \(fec)\(ordered)")
        }
        return ingress ? .push(fec: fec) : .swap(fec: fec)
    }
}
