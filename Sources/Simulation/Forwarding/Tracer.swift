/// Follows a packet hop by hop through the forwarding tables, splitting at ECMP next hops.
public struct Tracer: Sendable {
    public let plane: DataPlane
    public static let maximumBranches = 64
    public static let maximumHops = 64

    /// false: look routes up by probing the RIB tables instead of building a forwarding trie per
    /// router (same answers; cheaper when each data plane serves only a few traces).
    public let usesFIB: Bool

    /// Label switching, when some router runs LDP.
    let ldp: LDPForwarding?
    /// RSVP-TE LSPs as signalled in this plane, and per head-end router their indices.
    let lsps: [LSPState]
    let lspsByHead: [Int: [Int]]
    /// The fast-reroute instant (docs/mpls.md): `plane` is the state before the failure, these
    /// links and routers have just failed, and only the points of local repair have reacted.
    let failed: FailureSpec?
    /// The failed links' interfaces stay up (a silent failure): no router repairs locally.
    let silentLinks: Bool

    /// `fastRerouteAfter`: trace the instant after these failures (with `plane` the no-failure
    /// plane): routes and LSPs as before, traffic sent over a failed link dropped unless an
    /// RSVP-TE LSP with link protection carries it around on its bypass (RFC 4090) or another
    /// equal-cost next hop takes it. `silentLinks`: the failed links' interfaces did not go
    /// down, so neither happens (nothing has detected the failure yet).
    public init(plane: DataPlane, usesFIB: Bool = true, fastRerouteAfter failed: FailureSpec? = nil, silentLinks: Bool = false) {
        self.plane = plane
        self.usesFIB = usesFIB
        self.failed = failed
        self.silentLinks = silentLinks
        ldp = LDPForwarding(plane: plane)
        lsps = plane.lspStates()
        lspsByHead = plane.lspIndicesByHead()
    }

    /// `source` is a host or router name; a router sources from its first loopback.
    public func trace(from source: String, to destination: IPAddress) -> Trace {
        let network = plane.network
        if let h = network.hostIndex[source] {
            let host = network.hosts[h]
            let gateway = host.attachment
            let router = network.routers[gateway.router]
            guard plane.liveness.interfaceUp[gateway.router][gateway.interface] else {
                return Trace(source: source, destination: destination, paths: [TracePath(hops: [Hop(node: source, action: "gateway \(router.name) is down")], disposition: .sourceUnavailable(node: source))])
            }
            if host.has(destination) {
                return Trace(source: source, destination: destination, paths: [TracePath(hops: [Hop(node: source, action: "local address")], disposition: .delivered(node: source))])
            }
            guard host.address(in: destination.family) != nil, let own = router.interfaces[gateway.interface].assignment(in: destination.family) else {
                let hop = Hop(node: source, action: "\(host.address(in: destination.family) == nil ? "host \(host.name)" : "its gateway \(router.name)") has no \(destination.family.displayName) address")
                return Trace(source: source, destination: destination, paths: [TracePath(hops: [hop], disposition: .noRoute(router: source))])
            }
            let first = Hop(node: source, action: "sent to gateway \(own.address) (\(router.name))", outInterface: nil)
            var paths: [TracePath] = []
            var branch = Branch(hops: [first])
            walk(router: gateway.router, destination: destination, branch: &branch, paths: &paths)
            return Trace(source: source, destination: destination, paths: paths)
        }
        guard let r = network.routerIndex[source], plane.liveness.routerUp[r] else {
            return Trace(source: source, destination: destination, paths: [TracePath(hops: [], disposition: .sourceUnavailable(node: source))])
        }
        var paths: [TracePath] = []
        var branch = Branch(hops: [])
        walk(router: r, destination: destination, branch: &branch, paths: &paths)
        return Trace(source: source, destination: destination, paths: paths)
    }

    /// The branch being walked: its hops and routers so far. One stack per trace, pushed and
    /// popped around each hop, copied only when a branch ends (was a copy per hop).
    private struct Branch {
        var hops: [Hop]
        var visited: [Int] = []
        /// The FEC of the label the packet carries (LDP: one label), nil when unlabeled.
        var label: Prefix?
        /// Where a labeled packet was sent on unlabeled, and why: a router without a route for
        /// it downstream is the end of an MPLS black hole.
        /// `downLSP` (`HEAD/NAME`) when it was sent on because that RSVP-TE LSP is down.
        var leftLabelPath: (router: String, fec: Prefix, reason: String, downLSP: String?)?
        /// On an RSVP-TE LSP: which one (index into `lsps`) and the position of the next router.
        var lsp: (index: Int, position: Int)?
        /// Under the transport label, the VPN label of this VRF instance (docs/vrf.md): the
        /// packet is popped into it at its PE.
        var vpn: Int?

        /// Records the branch ending with `last`.
        mutating func end(_ last: Hop, _ disposition: Disposition, into paths: inout [TracePath]) {
            hops.append(last)
            paths.append(TracePath(hops: hops, disposition: disposition))
            hops.removeLast()
        }
    }

    private func walk(router r: Int, destination: IPAddress, branch: inout Branch, paths: inout [TracePath]) {
        guard paths.count < Tracer.maximumBranches else { return }
        let network = plane.network
        let name = network.routers[r].name
        if branch.visited.contains(r) || branch.hops.count > Tracer.maximumHops {
            // Past 64 hops a packet's TTL (64 by default on hosts) has run out: reported as a loop,
            // saying which of the two ended it.
            let why = branch.visited.contains(r) ? "seen before on this path" : "TTL exhausted after \(Tracer.maximumHops) hops"
            branch.end(Hop(node: name, action: why), .loop(router: name), into: &paths)
            return
        }
        if branch.vpn == nil, let i = plane.owners.interface(of: r, owning: destination), plane.liveness.interfaceUp[r][i] {
            branch.end(Hop(node: name, detail: .owns(destination, interface: network.routers[r].interfaces[i].name)), .delivered(node: name), into: &paths)
            return
        }
        if let (index, position) = branch.lsp, lsps[index].routerIndices[position] == r {
            followLSP(index, position: position, destination: destination, branch: &branch, paths: &paths)
            return
        }
        if let fec = branch.label, let ldp {
            if !ldp.isEgress(r, for: fec) {
                switchLabel(at: r, fec: fec, ldp: ldp, destination: destination, branch: &branch, paths: &paths)
                return
            }
            // Explicit null or a label that reached its egress: pop and route the packet.
            branch.label = nil
            defer { branch.label = fec }
            if branch.vpn != nil { arriveWithVPNLabel(at: r, destination: destination, branch: &branch, paths: &paths); return }
            walkUnlabeled(router: r, destination: destination, branch: &branch, paths: &paths)
            return
        }
        if branch.vpn != nil { arriveWithVPNLabel(at: r, destination: destination, branch: &branch, paths: &paths); return }
        walkUnlabeled(router: r, destination: destination, branch: &branch, paths: &paths)
    }

    /// No transport label left: the VPN label is on top. Its PE pops it and looks the packet up
    /// in the VRF; any other router has no binding for it and discards the packet (RFC 3031
    /// section 3.18), which is where a VPN without a transport LSP to the remote PE dies.
    private func arriveWithVPNLabel(at r: Int, destination: IPAddress, branch: inout Branch, paths: inout [TracePath]) {
        guard let instance = branch.vpn else { return }
        let network = plane.network
        let pe = network.physicalRouter(of: instance)
        let name = network.routers[r].name, vrf = network.routers[instance].name
        guard r == pe else {
            let peLoopback = Prefix(network: network.routers[pe].vpnNextHop, length: 32)
            let leftAt = branch.leftLabelPath?.router ?? name
            branch.end(Hop(node: name, action: "VPN label of \(vrf) with no transport label under it: no binding here, discarded"),
                       .offLabelPath(router: name, fec: peLoopback, leftAt: leftAt,
                                     reason: branch.leftLabelPath?.reason ?? "no transport label switched path to \(network.routers[pe].name)", downLSP: branch.leftLabelPath?.downLSP),
                       into: &paths)
            return
        }
        branch.vpn = nil
        defer { branch.vpn = instance }
        branch.hops.append(Hop(node: name, action: "pops the VPN label: lookup in \(vrf)"))
        defer { branch.hops.removeLast() }
        branch.visited.append(r)
        defer { branch.visited.removeLast() }
        walk(router: instance, destination: destination, branch: &branch, paths: &paths)
    }

    /// The IP lookup at `r`, pushing a label where a BGP route's next hop lies over an LSP.
    private func walkUnlabeled(router r: Int, destination: IPAddress, branch: inout Branch, paths: inout [TracePath]) {
        let network = plane.network
        let name = network.routers[r].name
        let found = usesFIB ? plane.lookup(router: r, address: destination) : plane.lookupWithoutFIB(router: r, address: destination)
        guard let entry = found else {
            if let left = branch.leftLabelPath {
                branch.end(Hop(node: name, action: "no route to \(destination) (it left the label path at \(left.router))"),
                           .offLabelPath(router: name, fec: left.fec, leftAt: left.router, reason: left.reason, downLSP: left.downLSP), into: &paths)
                return
            }
            if let (prefix, hop) = unresolved(router: r, destination: destination) {
                branch.end(Hop(node: name, action: "BGP paths for \(prefix) have unresolvable next hop \(hop)"),
                           .unresolvedNextHop(router: name, prefix: prefix, nextHop: hop), into: &paths)
            } else {
                branch.end(Hop(node: name, action: "no route to \(destination)"), .noRoute(router: name), into: &paths)
            }
            return
        }
        switch entry.forwarding {
        case .discard:
            branch.end(Hop(node: name, action: "\(entry.protocolKind.rawValue) \(entry.prefix): \(entry.origin)", prefix: entry.prefix, protocolKind: entry.protocolKind),
                       .nullRouted(router: name, route: entry.discardReason, location: entry.location), into: &paths)
        case .attached(let interface):
            branch.visited.append(r)
            send(from: r, interface: interface, gateway: destination, entry: entry, destination: destination, branch: &branch, paths: &paths)
            branch.visited.removeLast()
        case .forward(let nextHops):
            if let exporter = plane.vpnExporter(router: r, prefix: entry.prefix) {
                // A VRF route from another VRF: the PE pushes the VPN label and sends the packet
                // over the core like an iBGP route's, with its own interfaces.
                let pe = network.physicalRouter(of: r)
                branch.hops.append(Hop(node: name, detail: .text("\(entry.protocolKind.rawValue) \(entry.prefix): \(entry.origin); pushes the VPN label of \(network.routers[exporter].name)"),
                                       prefix: entry.prefix, protocolKind: entry.protocolKind))
                defer { branch.hops.removeLast() }
                let saved = branch.vpn
                defer { branch.vpn = saved }
                branch.vpn = exporter
                branch.visited.append(r)
                defer { branch.visited.removeLast() }
                forward(at: pe, entry: entry, nextHops: nextHops, destination: destination, branch: &branch, paths: &paths)
                return
            }
            forward(at: r, entry: entry, nextHops: nextHops, destination: destination, branch: &branch, paths: &paths)
        }
    }

    /// Sends a routed packet over `nextHops` of router r, pushing a transport label where an
    /// iBGP route's next hop lies over an RSVP-TE LSP or an LDP label switched path.
    private func forward(at r: Int, entry: RIBEntry, nextHops: [NextHop], destination: IPAddress, branch: inout Branch, paths: inout [TracePath]) {
        let name = plane.network.routers[r].name
        let leftBefore = branch.leftLabelPath
        defer { branch.leftLabelPath = leftBefore }
        if entry.protocolKind == .ibgp, let nextHop = entry.bgpNextHop, let heads = lspsByHead[r] {
            // RSVP-TE first (Junos: RSVP routes in inet.3 are preferred to LDP's; IOS: autoroute).
            let toTail = heads.filter { index in
                lsps[index].routesTraffic && (lsps[index].tailIndex.map { plane.owners.interface(of: $0, owning: nextHop) != nil } ?? false)
            }
            if let up = toTail.first(where: { lsps[$0].up }) {
                followLSP(up, position: 0, destination: destination, branch: &branch, paths: &paths)
                return
            }
            if let down = toTail.first, branch.leftLabelPath == nil {
                // Sent on without its LSP: a router behind that cannot route it is where it dies.
                let key = "\(lsps[down].head)/\(lsps[down].name)"
                branch.leftLabelPath = (name, Prefix(network: nextHop, length: 32), "LSP \(key) is down: \(lsps[down].reason ?? "no path")", key)
            }
        }
        branch.visited.append(r)
        let fec = ldp.flatMap { labelFEC(at: r, entry: entry, ldp: $0) }
        for nextHop in locallyRepaired(nextHops, at: r) {
            if let fec, let ldp {
                let operation = ldp.operation(at: r, hop: nextHop, fec: fec, ingress: true)
                if case .pop = operation {} else {
                    sendLabeled(from: r, hop: nextHop, entry: entry, operation: operation, destination: destination, branch: &branch, paths: &paths)
                    continue
                }
            }
            send(from: r, interface: nextHop.interface, gateway: nextHop.gateway, entry: entry, destination: destination, branch: &branch, paths: &paths)
        }
        branch.visited.removeLast()
    }

    /// At the fast-reroute instant, the next hops `r` still uses: an equal-cost next hop out of
    /// an interface that went down with the failure is dropped from the set at once, before any
    /// SPF (FRR's zebra marks a nexthop inactive on its interface's down event and the route
    /// forwards on the rest: FRRouting/frr#18723; CEF removes the adjacency likewise). When every
    /// next hop is on a failed link there is nothing to repair with: all are kept, and the
    /// packet dies on the failed link.
    private func locallyRepaired(_ nextHops: [NextHop], at r: Int) -> [NextHop] {
        guard let failed, nextHops.count > 1 else { return nextHops }
        let alive = nextHops.filter { hop in
            guard let link = plane.liveness.linkOfInterface[InterfaceRef(router: r, interface: hop.interface)] else { return true }
            return failedLinkReason(link, failed).map(\.silent) ?? true
        }
        return alive.isEmpty ? nextHops : alive
    }

    /// The FEC whose label `r` pushes for `entry`: an iBGP route's next hop resolved by a non-BGP
    /// route (the IGP route to the remote PE's loopback) at a router that runs LDP.
    private func labelFEC(at r: Int, entry: RIBEntry, ldp: LDPForwarding) -> Prefix? {
        guard ldp.runsLDP(r), entry.protocolKind == .ibgp, let nextHop = entry.bgpNextHop else { return nil }
        return plane.nonBGPRoutes[r].longestMatch(nextHop)?.prefix
    }

    /// A labeled packet at a transit router: swap, pop (penultimate hop) or send it on unlabeled.
    private func switchLabel(at r: Int, fec: Prefix, ldp: LDPForwarding, destination: IPAddress, branch: inout Branch, paths: inout [TracePath]) {
        let name = plane.network.routers[r].name
        guard let entry = plane.nonBGPRoutes[r][fec], case .forward(let hops) = entry.forwarding else {
            // RFC 3031 section 3.18: a label the router has no binding for is discarded.
            branch.end(Hop(node: name, action: "no label binding for \(fec): labeled packet discarded"),
                       .offLabelPath(router: name, fec: fec, leftAt: name, reason: "\(name) has no route to \(fec)", downLSP: nil), into: &paths)
            return
        }
        branch.visited.append(r)
        for hop in hops {
            sendLabeled(from: r, hop: hop, entry: entry, operation: ldp.operation(at: r, hop: hop, fec: fec, ingress: false),
                        destination: destination, branch: &branch, paths: &paths)
        }
        branch.visited.removeLast()
    }

    private func sendLabeled(from r: Int, hop: NextHop, entry: RIBEntry, operation: LabelOperation, destination: IPAddress,
                             branch: inout Branch, paths: inout [TracePath]) {
        let (label, left) = (branch.label, branch.leftLabelPath)
        defer { (branch.label, branch.leftLabelPath) = (label, left) }
        switch operation {
        case .push(let fec), .swap(let fec): branch.label = fec
        case .pop, .explicitNull: branch.label = nil   // label 0 is popped by the egress before its IP lookup
        case .untagged(let fec, let reason):
            branch.label = nil
            branch.leftLabelPath = (plane.network.routers[r].name, fec, reason, nil)
        case .pushLSP, .swapLSP, .popLSP, .enterBypass, .swapBypass, .popBypass:
            break   // RSVP-TE hops go through `followLSP`
        }
        send(from: r, interface: hop.interface, gateway: hop.gateway, entry: entry, operation: operation, destination: destination,
             branch: &branch, paths: &paths)
    }

    /// An RSVP-TE LSP at position `position` of its path: push (head-end), swap, or pop at the
    /// penultimate router (implicit null), toward the next router of the LSP.
    private func followLSP(_ index: Int, position: Int, destination: IPAddress, branch: inout Branch, paths: inout [TracePath]) {
        let state = lsps[index]
        let r = state.routerIndices[position]
        let lsp = "\(state.head)/\(state.name)"
        let tail = Prefix(network: plane.network.routers[state.routerIndices[state.routerIndices.count - 1]].routerID, length: 32)
        let penultimate = position + 1 == state.routerIndices.count - 1
        let operation: LabelOperation = penultimate ? .popLSP(lsp: lsp, tail: tail)
            : position == 0 ? .pushLSP(lsp: lsp, tail: tail) : .swapLSP(lsp: lsp, tail: tail)
        let saved = branch.lsp
        defer { branch.lsp = saved }
        branch.lsp = penultimate ? nil : (index, position + 1)
        branch.visited.append(r)
        defer { branch.visited.removeLast() }
        // At the fast-reroute instant a protected link that failed is bypassed; anything else
        // sent over a failed link ends in `send`.
        let protection = state.protection?[position]
        if let failed, let protection, !protection.bypass.isEmpty, let reason = failedLinkReason(state.linkSteps[position].link, failed),
           !reason.silent {
            followBypass(protection, lsp: lsp, tail: tail, destination: destination, branch: &branch, paths: &paths)
            return
        }
        send(from: r, interface: state.hops[position].interface, gateway: state.hops[position].gateway, entry: nil, operation: operation,
             unprotected: protection?.reason, destination: destination, branch: &branch, paths: &paths)
    }

    /// Why `link` cannot carry traffic at the fast-reroute instant (nil: it can).
    /// Why a link drops traffic at the fast-reroute instant, and whether its interfaces saw it
    /// (a failed router's links are seen: its neighbours lose the carrier).
    private struct LinkDown { var reason: String; var silent: Bool }

    private func failedLinkReason(_ link: Int, _ failed: FailureSpec) -> LinkDown? {
        let ends = plane.network.links[link]
        if failed.links.contains(link) {
            return silentLinks ? LinkDown(reason: "it failed silently (its interfaces stay up) and nothing has detected it yet", silent: true)
                : LinkDown(reason: "it failed and nothing has reconverged yet", silent: false)
        }
        for end in [ends.a.router, ends.b.router] where failed.routers.contains(end) {
            return LinkDown(reason: "router \(plane.network.routers[end].name) failed and nothing has reconverged yet", silent: false)
        }
        return nil
    }

    /// The packet around a failed link on the bypass `protection` describes, to the merge point,
    /// where the LSP goes on (or, when the merge point is the tail, the packet is routed there).
    private func followBypass(_ protection: ProtectedLink, lsp: String, tail: Prefix, destination: IPAddress,
                              branch: inout Branch, paths: inout [TracePath]) {
        let network = plane.network
        let count = protection.route.linkSteps.count
        var pushed = 0
        defer {
            branch.hops.removeLast(pushed)
            branch.visited.removeLast(max(0, pushed - 1))
        }
        for (k, step) in protection.route.linkSteps.enumerated() {
            let r = protection.route.routerIndices[k]
            let operation: LabelOperation = k == 0 ? .enterBypass(link: protection.link, lsp: lsp, tail: tail)
                : k == count - 1 ? .popBypass(link: protection.link, tail: tail) : .swapBypass(link: protection.link, tail: tail)
            if k > 0 {
                if branch.visited.contains(r) {
                    branch.end(Hop(node: network.routers[r].name, action: "seen before on this path"), .loop(router: network.routers[r].name), into: &paths)
                    return
                }
                branch.visited.append(r)
            }
            branch.hops.append(Hop(node: network.routers[r].name, detail: .switched(gateway: protection.route.hops[k].gateway,
                                   interface: network.routers[r].interfaces[protection.route.hops[k].interface].name, operation)))
            pushed += 1
            if let failed, let down = failedLinkReason(step.link, failed) {
                paths.append(TracePath(hops: branch.hops, disposition: .failedLink(router: network.routers[r].name, link: network.links[step.link].name,
                                                                                  reason: "\(down.reason); it is on the bypass around \(protection.link) too")))
                return
            }
        }
        walk(router: protection.route.routerIndices[count], destination: destination, branch: &branch, paths: &paths)
    }

    /// `unprotected`: on an LSP, why the link has no bypass (for the fast-reroute instant).
    private func send(from r: Int, interface: Int, gateway: IPAddress, entry: RIBEntry?, operation: LabelOperation? = nil,
                      unprotected: String? = nil, destination: IPAddress, branch: inout Branch, paths: inout [TracePath]) {
        let network = plane.network
        let name = network.routers[r].name
        let interfaceName = network.routers[r].interfaces[interface].name
        let detail: HopDetail
        if let entry {
            detail = operation.map { .labeled(entry, gateway: gateway, interface: interfaceName, $0) } ?? .forwarded(entry, gateway: gateway, interface: interfaceName)
        } else {
            detail = operation.map { .switched(gateway: gateway, interface: interfaceName, $0) } ?? .text("sent via \(gateway) out \(interfaceName)")
        }
        branch.hops.append(Hop(node: name, detail: detail, prefix: entry?.prefix, protocolKind: entry?.protocolKind, outInterface: interfaceName))
        defer { branch.hops.removeLast() }
        if let failed, let link = plane.liveness.linkOfInterface[InterfaceRef(router: r, interface: interface)],
           let down = failedLinkReason(link, failed) {
            let why = down.silent ? "no router has seen it to repair around it"
                : operation?.lsp.map { unprotected ?? "LSP \($0) has no link protection" } ?? "no fast reroute for \(operation == nil ? "IP" : "LDP") traffic (LFA is not modelled)"
            paths.append(TracePath(hops: branch.hops, disposition: .failedLink(router: name, link: network.links[link].name, reason: "\(down.reason); \(why)")))
            return
        }
        switch plane.owners[gateway, from: r] {
        case .host(let h)? where network.hosts[h].attachment == InterfaceRef(router: r, interface: interface):
            let host = network.hosts[h]
            if host.has(destination) {
                branch.end(Hop(node: host.name, action: "owns \(destination)"), .delivered(node: host.name), into: &paths)
            } else {
                branch.end(Hop(node: host.name, action: "not a router: drops traffic for \(destination)"), .noRoute(router: host.name), into: &paths)
            }
        case .router(let ref)? where plane.liveness.interfaceUp[ref.router][ref.interface] && onSameSegment(InterfaceRef(router: r, interface: interface), ref):
            walk(router: ref.router, destination: destination, branch: &branch, paths: &paths)
        default:
            paths.append(TracePath(hops: branch.hops, disposition: .neighborUnreachable(router: name, interface: interfaceName)))
        }
    }

    private func onSameSegment(_ a: InterfaceRef, _ b: InterfaceRef) -> Bool {
        if let link = plane.liveness.linkOfInterface[a] { return plane.liveness.linkUp[link] && plane.liveness.linkOfInterface[b] == link }
        let network = plane.network
        return network.routers[a.router].interfaces[a.interface].sharesSubnet(with: network.routers[b.router].interfaces[b.interface])
    }

    private func unresolved(router r: Int, destination: IPAddress) -> (Prefix, IPAddress)? {
        let table = plane.inaccessible[r]
        guard !table.isEmpty else { return nil }
        for length in stride(from: 32, through: 0, by: -1) {
            let prefix = Prefix(network: destination, length: UInt8(length))
            if let hop = table[prefix] { return (prefix, hop) }
        }
        return nil
    }
}
