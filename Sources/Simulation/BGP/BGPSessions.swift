/// One configured neighbor statement and whether its session is established.
public struct BGPSessionStatus: Sendable, Equatable {
    public var router: Int
    public var neighborIndex: Int
    public var peerAddress: IPAddress
    public var localAddress: IPAddress?
    public var peerRouter: Int?
    public var ebgp: Bool
    public var established: Bool
    /// Why it is down (nil when established).
    public var reason: String?
    /// A VPN adjacency between two VRF instances (docs/vrf.md), decided after the PEs' sessions.
    public var isVPNAdjacency = false
}

/// An established session seen from one end, used for propagation.
struct Peering {
    var peer: Int
    /// The index of this end's neighbor statement.
    var neighborIndex: Int
    /// The peer's peering index that points back here.
    var peerPeering: Int
    var localAddress: IPAddress
    var ebgp: Bool
}

/// A session is established only when both ends are configured for each other (addresses and
/// AS numbers) and its transport works: eBGP without multihop needs the peer on a connected,
/// up subnet; iBGP and multihop eBGP need a forwarding path both ways in the non-BGP data plane.
struct BGPSessionBuilder {
    let network: Network
    let liveness: Liveness
    let owners: AddressOwners
    let nonBGP: [RIBTable]
    /// A run without failures whose local checks a scenario may take (see `Previous`).
    var previous: Previous? = nil
    let reachability = ReachabilityMemo()
    /// Return the statuses after the local checks (`build().checked`) for later runs.
    var keepChecks = true
    /// A run whose outcome this one takes whole when the routers' own sessions and the routers'
    /// states come out the same (a sweep's baseline: most failures leave every session as it was,
    /// and a large VPN has far more adjacencies than sessions).
    var final: Final? = nil
    /// Statements whose session keeps `final`'s state (a timeline instant before its hold
    /// time or BFD ran out; docs/timeline.md).
    var held: Set<HeldChanges.Statement> = []

    struct Final: Sendable {
        var routerUp: [Bool]
        var statuses: [BGPSessionStatus]
        var peerings: [[Peering]]
    }

    /// What `build()` decided.
    struct Built {
        /// One per neighbor statement, in `AddressOwners.StatementLayout` order.
        var statuses: [BGPSessionStatus]
        var peerings: [[Peering]]
        /// The routers' own sessions after the local checks, with what each read, for a later
        /// run's `previous` (empty unless `keepChecks`).
        var checked: SessionChecks
        var reused: Int
        /// `statuses` and `peerings` are `final`'s: nothing they depend on differs.
        var tookFinal = false
    }

    func build() -> Built {
        let layout = owners.statementLayout
        var reused = 0
        // The routers' own sessions (VPN adjacencies are decided from them, later), in layout
        // order: plain[k] is statement layout.plainGlobal[k].
        var plain: [BGPSessionStatus] = []
        var witnesses: [SessionWitness?] = []
        plain.reserveCapacity(layout.plainGlobal.count)
        // By index: a Router is large, and copying one (or a neighbor statement) per router per
        // scenario showed in sweeps.
        for r in network.routers.indices {
            let facts = owners.statementFacts[r]
            guard !facts.isEmpty, let neighbors = network.routers[r].bgp?.neighbors else { continue }
            for n in facts.indices where facts[n].vpnPeer < 0 {
                if let previous, let before = reusable(previous, router: r, index: plain.count) {
                    plain.append(before)
                    reused += 1
                    continue
                }
                let neighbor = neighbors[n]
                var status = BGPSessionStatus(router: r, neighborIndex: n, peerAddress: neighbor.address, localAddress: nil, peerRouter: nil,
                                              ebgp: neighbor.remoteAS != network.routers[r].asn, established: false, reason: nil)
                status.reason = check(router: r, neighbor: neighbor, status: &status)
                if keepChecks { witnesses.append(witness(of: status, neighbor: neighbor)) }
                plain.append(status)
            }
        }
        // Only a no-failure run keeps its checks for later runs (a copy of every status).
        let checked = keepChecks ? SessionChecks(statuses: plain, witnesses: witnesses) : SessionChecks(statuses: [], witnesses: [])
        let plainOtherEnd = pair(&plain)
        if let final, !held.isEmpty {
            for k in plain.indices where held.contains(HeldChanges.Statement(router: plain[k].router, neighbor: plain[k].neighborIndex)) {
                plain[k] = final.statuses[layout.plainGlobal[k]]
            }
        }
        // VPN adjacencies and peerings follow from these statuses and the routers' states alone.
        if let final, final.routerUp == liveness.routerUp, plain.count == layout.plainGlobal.count,
           plain.indices.allSatisfy({ plain[$0] == final.statuses[layout.plainGlobal[$0]] }) {
            return Built(statuses: final.statuses, peerings: final.peerings, checked: checked, reused: reused, tookFinal: true)
        }
        // Every statement in layout order, VPN adjacencies between the routers' own sessions.
        var statuses: [BGPSessionStatus] = []
        var otherEnd: [Int?] = []
        statuses.reserveCapacity(layout.plainOf.count)
        otherEnd.reserveCapacity(layout.plainOf.count)
        for r in network.routers.indices {
            for (n, facts) in owners.statementFacts[r].enumerated() {
                let k = layout.plainOf[statuses.count]
                if k < 0 {
                    // Decided once the PEs' own sessions are (`decideVPNAdjacencies`).
                    statuses.append(vpnStatus(router: r, neighborIndex: n, peer: Int(facts.vpnPeer)))
                    otherEnd.append(nil)
                } else {
                    statuses.append(plain[Int(k)])
                    otherEnd.append(plainOtherEnd[Int(k)].map { layout.plainGlobal[$0] })
                }
            }
        }
        decideVPNAdjacencies(&statuses, otherEnd: &otherEnd)
        // Peering indexes follow status order, so they are deterministic.
        var peerings = [[Peering]](repeating: [], count: network.routers.count)
        var peeringIndex = [Int](repeating: -1, count: statuses.count)
        for (index, status) in statuses.enumerated() where status.established {
            guard let peer = status.peerRouter, let local = status.localAddress else { continue }
            peeringIndex[index] = peerings[status.router].count
            peerings[status.router].append(Peering(peer: peer, neighborIndex: status.neighborIndex, peerPeering: -1, localAddress: local, ebgp: status.ebgp))
        }
        for (index, status) in statuses.enumerated() where peeringIndex[index] >= 0 {
            if let other = otherEnd[index], peeringIndex[other] >= 0 { peerings[status.router][peeringIndex[index]].peerPeering = peeringIndex[other] }
        }
        return Built(statuses: statuses, peerings: peerings, checked: checked, reused: reused)
    }

    /// Pairs the routers' own sessions (in `plain` order): both ends must point at each other
    /// and agree on AS numbers. Returns each status's other end (a `plain` index).
    private func pair(_ plain: inout [BGPSessionStatus]) -> [Int?] {
        let layout = owners.statementLayout
        // The other end of each session: the peer's neighbor statement for this end's source address.
        let otherEnd: [Int?] = plain.map { status in
            guard let peer = status.peerRouter, let local = status.localAddress,
                  let n = owners.neighborStatement(router: peer, address: local) else { return nil }
            let k = layout.plainOf[layout.first[peer] + n]
            return k < 0 ? nil : Int(k)
        }
        // The AS the peer is configured to expect, and the AS this end presents.
        func facts(_ status: BGPSessionStatus) -> AddressOwners.StatementFacts { owners.statementFacts[status.router][status.neighborIndex] }
        for index in plain.indices where plain[index].reason == nil {
            guard let other = otherEnd[index] else {
                let status = plain[index]
                plain[index].reason = "\(peerName(status)) has no neighbor statement for \(status.localAddress?.description ?? "?") (this session's source address)"
                continue
            }
            let status = plain[index], peerStatus = plain[other]
            if peerStatus.reason != nil && peerStatus.peerRouter == status.router {
                plain[index].reason = "the other end is down: \(peerStatus.reason ?? "")"
            } else if peerStatus.peerAddress != status.localAddress || peerStatus.localAddress != status.peerAddress {
                plain[index].reason = "\(peerName(status)) sources its session to \(peerStatus.peerAddress) from \(peerStatus.localAddress?.description ?? "?"), not \(status.peerAddress)"
            } else if facts(peerStatus).remoteAS != facts(status).presentedAS {
                let local = network.routers[status.router].bgp?.neighbors[status.neighborIndex].localAS
                plain[index].reason = "\(peerName(status)) expects remote-as \(facts(peerStatus).remoteAS), but \(network.routers[status.router].name) presents AS \(facts(status).presentedAS)"
                    + (local == nil ? "" : " (local-as)") + " on this session"
            }
        }
        for index in plain.indices where plain[index].reason == nil {
            if let other = otherEnd[index], plain[other].reason == nil { plain[index].established = true } else { plain[index].reason = "the other end is down" }
        }
        return otherEnd
    }

    private func peerName(_ status: BGPSessionStatus) -> String {
        status.peerRouter.map { network.routers[$0].name } ?? status.peerAddress.description
    }

    /// Local checks; returns the reason the session cannot come up, or nil.
    private func check(router r: Int, neighbor: BGPNeighbor, status: inout BGPSessionStatus) -> String? {
        guard liveness.routerUp[r] else { return "\(network.routers[r].name) is down" }
        guard case .router(let owner)? = owners[neighbor.address, from: r] else {
            return "no router has address \(neighbor.address)"
        }
        status.peerRouter = owner.router
        guard liveness.routerUp[owner.router] else { return "\(network.routers[owner.router].name) is down" }
        guard network.routers[owner.router].bgp != nil else { return "\(network.routers[owner.router].name) runs no BGP" }
        // The peer may present another AS on this session (`local-as`); the pairing checks which.
        if neighbor.remoteAS != network.routers[owner.router].asn,
           !(network.routers[owner.router].bgp?.neighbors.contains { $0.localAS == neighbor.remoteAS } ?? false) {
            return "remote-as \(neighbor.remoteAS) configured, but \(network.routers[owner.router].name) is in AS \(network.routers[owner.router].asn)"
        }
        guard liveness.interfaceUp[owner.router][owner.interface] else { return "\(network.routers[owner.router].name) \(network.routers[owner.router].interfaces[owner.interface].name) (\(neighbor.address)) is down" }
        // Source address: update-source, else the connected interface toward the peer, else the egress interface.
        let connected = network.routers[r].interfaces.indices.first { i in
            liveness.interfaceUp[r][i] && network.routers[r].interfaces[i].kind != .loopback
                && network.routers[r].interfaces[i].hasSubnet(containing: neighbor.address)
        }
        let ebgp = neighbor.remoteAS != network.routers[r].asn
        let family = neighbor.address.family
        let ttl = Self.ttl(neighbor, ebgp: ebgp)
        if ebgp && ttl == 1 && connected == nil && !neighbor.disableConnectedCheck {
            return "eBGP peer \(neighbor.address) is not on a connected subnet that is up (set ebgp-multihop to peer across hops)"
        }
        if let source = neighbor.updateSource {
            guard let i = network.routers[r].interfaceIndex(named: source) else { return "update-source \(source) does not exist" }
            guard liveness.interfaceUp[r][i] else { return "update-source \(source) is down" }
            guard let own = network.routers[r].interfaces[i].assignment(in: family) else { return "update-source \(source) has no \(family.displayName) address" }
            status.localAddress = own.address
        } else if let i = connected {
            status.localAddress = network.routers[r].interfaces[i].assignment(in: family)?.address
        } else if let (_, entry) = nonBGP[r].longestMatch(neighbor.address), case .forward(let hops) = entry.forwarding, let first = hops.first {
            // The outgoing interface's address; an IPv6 route out of an interface with only
            // link-local addressing has none modelled (no source address below).
            status.localAddress = network.routers[r].interfaces[first.interface].assignment(in: family)?.address
        } else {
            return "no route to \(neighbor.address)"
        }
        if ebgp && ttl == 1 && connected != nil { return nil }
        guard let local = status.localAddress else { return "no source address" }
        let peerName = network.routers[owner.router].name
        if ttl < 255 {
            // The session's packets expire after `ttl` hops (every router on the way counts;
            // over equal-cost paths, the longest must fit).
            guard let hops = reachability.hops(r, neighbor.address, owner.router, self).hops else {
                return "no path from \(network.routers[r].name) to \(neighbor.address) in the IGP/static/connected routes"
            }
            if hops > ttl {
                return ttl == 1 ? "\(peerName) (\(neighbor.address)) is \(hops) hops away and the session's TTL is 1 (set ebgp-multihop \(hops))"
                    : "\(peerName) (\(neighbor.address)) is \(hops) hops away but ebgp-multihop allows \(ttl)"
            }
        } else if !reaches(from: r, to: neighbor.address, owner: owner.router) {
            return "no path from \(network.routers[r].name) to \(neighbor.address) in the IGP/static/connected routes"
        }
        if let limit = neighbor.ttlSecurityHops {
            // GTSM: what arrives must have crossed at most `limit` hops.
            guard let back = reachability.hops(owner.router, local, r, self).hops else { return "no path back from \(peerName) to \(local)" }
            if back > limit { return "ttl-security hops \(limit): \(peerName) is \(back) hops away, so its packets arrive with too low a TTL" }
        } else if !reaches(from: owner.router, to: local, owner: r) {
            return "no path back from \(peerName) to \(local)"
        }
        return nil
    }

    /// The TTL a session's end sends with: 1 for eBGP unless multihop, 255 for iBGP and under GTSM.
    static func ttl(_ neighbor: BGPNeighbor, ebgp: Bool) -> Int {
        ebgp && neighbor.ttlSecurityHops == nil ? neighbor.ebgpMultihop ?? 1 : 255
    }

    /// Follows the non-BGP FIBs hop by hop (any ECMP branch) until the owner of `address` is reached.
    private func reaches(from start: Int, to address: IPAddress, owner target: Int) -> Bool {
        reachability.reaches(start, address, target, self).reached
    }

    /// Forwarding is per destination, so whether router r reaches an address is memoized across
    /// sessions (a full iBGP mesh asks the same question thousands of times).
    final class ReachabilityMemo {
        /// By router and address.
        var known = ScopedAddressMap<Bool>()
        /// Routers on the walk being explored (cleared on the way back).
        var inProgress: [Bool] = []

        /// `reached`, and whether the answer is final (not cut short by a cycle still being explored).
        func reaches(_ r: Int, _ address: IPAddress, _ target: Int, _ builder: BGPSessionBuilder) -> (reached: Bool, final: Bool) {
            if r == target { return (true, true) }
            if let answer = known[r, address] { return (answer, true) }
            if inProgress.isEmpty { inProgress = Array(repeating: false, count: builder.network.routers.count) }
            if inProgress[r] { return (false, false) }
            inProgress[r] = true
            defer { inProgress[r] = false }
            var final = true
            for next in builder.nextRouters(r, address) {
                let answer = reaches(next, address, target, builder)
                if answer.reached { known[r, address] = true; return (true, true) }
                final = final && answer.final
            }
            if final { known[r, address] = false }
            return (false, final)
        }

        /// By router and address: links to the owner of the address over the longest
        /// equal-cost branch that reaches it (-1: none reaches).
        var hopsKnown = ScopedAddressMap<Int32>()

        /// How many hops a packet from r to `address` crosses (the longest branch that reaches
        /// it), and whether the answer is final (not cut short by a cycle being explored).
        func hops(_ r: Int, _ address: IPAddress, _ target: Int, _ builder: BGPSessionBuilder) -> (hops: Int?, final: Bool) {
            if r == target { return (0, true) }
            if let known = hopsKnown[r, address] { return (known < 0 ? nil : Int(known), true) }
            if inProgress.isEmpty { inProgress = Array(repeating: false, count: builder.network.routers.count) }
            if inProgress[r] { return (nil, false) }
            inProgress[r] = true
            defer { inProgress[r] = false }
            var final = true
            var longest: Int?
            for next in builder.nextRouters(r, address) {
                let answer = hops(next, address, target, builder)
                final = final && answer.final
                if let h = answer.hops { longest = max(longest ?? 0, h + 1) }
            }
            if final { hopsKnown[r, address] = Int32(longest ?? -1) }
            return (longest, final)
        }
    }

    /// The routers of one walk from r that reached `address` (r first, its owner `target`
    /// last), from the memo; nil when no walk from r to it was made or it did not arrive.
    func reachedPath(from r: Int, to address: IPAddress, owner target: Int) -> [Int32]? {
        guard reachability.known[r, address] == true else { return nil }
        var path: [Int32] = [Int32(r)]
        var v = r
        while v != target {
            guard path.count <= network.routers.count,
                  let next = nextRouters(v, address).first(where: { $0 == target || reachability.known[$0, address] == true })
            else { return nil }
            path.append(Int32(next))
            v = next
        }
        return path
    }

    func nextRouters(_ r: Int, _ address: IPAddress) -> [Int] {
        guard liveness.routerUp[r], let forwarding = nonBGP[r].forwarding(address) else { return [] }
        switch forwarding {
        case .discard: return []
        case .attached:
            if case .router(let ref)? = owners[address, from: r], liveness.routerUp[ref.router] { return [ref.router] }
            return []
        case .forward(let hops):
            return hops.compactMap { hop in
                if case .router(let ref)? = owners[hop.gateway, from: r], liveness.routerUp[ref.router] { return ref.router }
                return nil
            }
        }
    }
}
