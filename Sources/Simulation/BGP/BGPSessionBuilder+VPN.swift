/// VPN adjacencies between VRF instances (`BGPNeighbor.vpn`, docs/vrf.md): a VRF's routes reach
/// another PE's VRF when the two PEs exchange VPN-IPv4 routes, over a session of their own or
/// through route reflectors (RFC 4364 section 4.3.3, RFC 4456 section 6).
extension BGPSessionBuilder {
    static let vpnPending = "(decided after the PEs' sessions)"

    func vpnStatus(router r: Int, neighborIndex n: Int, vpn: VPNAdjacency) -> BGPSessionStatus {
        let pe = network.physicalRouter(of: r)
        let peerPE = network.physicalRouter(of: vpn.peer)
        return BGPSessionStatus(router: r, neighborIndex: n, peerAddress: vpnSource(of: peerPE), localAddress: vpnSource(of: pe),
                                peerRouter: vpn.peer, ebgp: false, established: false, reason: Self.vpnPending)
    }

    /// The address a PE's VPN routes carry as next hop: its first loopback (the update source
    /// of its VPN-IPv4 sessions in every design we model), else its router ID.
    func vpnSource(of pe: Int) -> IPv4Address { network.routers[pe].primaryLoopback?.address ?? network.routers[pe].routerID }

    func decideVPNAdjacencies(_ statuses: inout [BGPSessionStatus], otherEnd: inout [Int?], firstStatus: [Int]) {
        let vpnIndices = statuses.indices.filter { statuses[$0].reason == Self.vpnPending }
        guard !vpnIndices.isEmpty else { return }
        let signalling = VPNSignalling(network: network, statuses: statuses, firstStatus: firstStatus)
        for index in vpnIndices {
            let status = statuses[index]
            guard let peer = status.peerRouter else { continue }
            let (a, b) = (network.physicalRouter(of: status.router), network.physicalRouter(of: peer))
            let neighbors = network.routers[peer].bgp?.neighbors ?? []
            otherEnd[index] = neighbors.firstIndex { $0.vpn?.peer == status.router }.map { firstStatus[peer] + $0 }
            if !liveness.routerUp[a] {
                statuses[index].reason = "\(network.routers[a].name) is down"
            } else if !liveness.routerUp[b] {
                statuses[index].reason = "\(network.routers[b].name) is down"
            } else if otherEnd[index] == nil {
                statuses[index].reason = "\(network.routers[peer].name) has no VPN adjacency back"
            } else if a == b {
                statuses[index].reason = nil   // two VRFs of one PE: imported locally
            } else {
                statuses[index].reason = signalling.reason(from: a, to: b) ?? signalling.reason(from: b, to: a)
            }
            statuses[index].established = statuses[index].reason == nil
        }
    }
}

/// Which PEs exchange VPN-IPv4 routes: established sessions with `vpnv4` at both ends, where a
/// route reflector passes a client's routes to every peer and a non-client's to its clients.
struct VPNSignalling {
    let network: Network
    /// Per router, its established VPN-IPv4 sessions: (peer, this end is the peer's RR client,
    /// the peer is this end's client).
    private var sessions: [[(peer: Int, toClient: Bool, fromClient: Bool)]]
    private var downReasons: [Int: [String]] = [:]

    init(network: Network, statuses: [BGPSessionStatus], firstStatus: [Int]) {
        self.network = network
        sessions = Array(repeating: [], count: network.routers.count)
        for status in statuses {
            guard let neighbor = network.routers[status.router].bgp?.neighbors[status.neighborIndex], neighbor.vpnv4, neighbor.vpn == nil else { continue }
            guard status.established, let peer = status.peerRouter,
                  let back = network.routers[peer].bgp?.neighbors.first(where: { $0.vpn == nil && $0.address == status.localAddress }), back.vpnv4 else {
                let why = status.established ? "the other end does not activate vpnv4" : status.reason ?? "down"
                downReasons[status.router, default: []].append("to \(status.peerRouter.map { network.routers[$0].name } ?? status.peerAddress.description): \(why)")
                continue
            }
            sessions[status.router].append((peer, neighbor.reflectsVPNv4, back.reflectsVPNv4))
        }
    }

    /// nil when routes of PE `a` reach PE `b`; else why not.
    func reason(from a: Int, to b: Int) -> String? {
        let name = network.routers[a].name
        if sessions[a].isEmpty {
            if let down = downReasons[a] { return "\(name) has no VPN-IPv4 session up (\(down.sorted().joined(separator: "; ")))" }
            return "\(name) has no BGP neighbor with vpnv4"
        }
        // Breadth-first over (router, whether the route came from one of its clients).
        var seen = Set<Int>()
        var queue: [(router: Int, fromClient: Bool)] = [(a, true)]
        while !queue.isEmpty {
            let (r, fromClient) = queue.removeFirst()
            for session in sessions[r] {
                // The origin sends to everyone; a reflector passes a client's routes to all,
                // a non-client's to clients only.
                guard r == a || fromClient || session.toClient else { continue }
                if session.peer == b { return nil }
                let key = session.peer << 1 | (session.fromClient ? 1 : 0)
                if seen.insert(key).inserted { queue.append((session.peer, session.fromClient)) }
            }
        }
        return "no chain of VPN-IPv4 sessions and route reflectors carries \(name)'s VPN routes to \(network.routers[b].name)"
    }
}
