/// VPN adjacencies between VRF instances (`BGPNeighbor.vpn`, docs/vrf.md): a VRF's routes reach
/// another PE's VRF when the two PEs exchange VPN-IPv4 routes, over a session of their own or
/// through route reflectors (RFC 4364 section 4.3.3, RFC 4456 section 6).
extension BGPSessionBuilder {

    /// A VPN adjacency's status before it is decided. Router facts come from `owners`, built
    /// once per network: a large VPN has a statement per pair of VRFs, and reading each from the
    /// `Router` value copied it.
    func vpnStatus(router r: Int, neighborIndex n: Int, peer: Int) -> BGPSessionStatus {
        BGPSessionStatus(router: r, neighborIndex: n, peerAddress: owners.vpnSource[owners.physical[peer]],
                         localAddress: owners.vpnSource[owners.physical[r]], peerRouter: peer, ebgp: false, established: false, reason: nil,
                         isVPNAdjacency: true)
    }

    func decideVPNAdjacencies(_ statuses: inout [BGPSessionStatus], otherEnd: inout [Int?]) {
        let firstStatus = owners.statementLayout.first
        let vpnIndices = statuses.indices.filter { statuses[$0].isVPNAdjacency }
        guard !vpnIndices.isEmpty else { return }
        var signalling = VPNSignalling(network: network, statuses: statuses)
        for index in vpnIndices {
            let status = statuses[index]
            guard let peer = status.peerRouter else { continue }
            let (a, b) = (owners.physical[status.router], owners.physical[peer])
            otherEnd[index] = owners.vpnStatement(router: peer, peer: status.router).map { firstStatus[peer] + $0 }
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
    /// Per PE, the PEs its VPN routes reach (one walk per PE: a PE has a VPN adjacency per
    /// remote VRF, thousands in a large network).
    private var reached: [[Bool]?]

    init(network: Network, statuses: [BGPSessionStatus]) {
        self.network = network
        sessions = Array(repeating: [], count: network.routers.count)
        reached = Array(repeating: nil, count: network.routers.count)
        for index in statuses.indices where !statuses[index].isVPNAdjacency {
            let status = statuses[index]
            guard let neighbor = network.routers[status.router].bgp?.neighbors[status.neighborIndex], neighbor.vpnv4 else { continue }
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
    mutating func reason(from a: Int, to b: Int) -> String? {
        if !sessions[a].isEmpty {
            if reached[a] == nil { reached[a] = walk(from: a) }
            if reached[a]?[b] == true { return nil }
            return "no chain of VPN-IPv4 sessions and route reflectors carries \(network.routers[a].name)'s VPN routes to \(network.routers[b].name)"
        }
        if let down = downReasons[a] { return "\(network.routers[a].name) has no VPN-IPv4 session up (\(down.sorted().joined(separator: "; ")))" }
        return "\(network.routers[a].name) has no BGP neighbor with vpnv4"
    }

    /// Breadth-first over (router, whether the route came from one of its clients): the origin
    /// sends to everyone; a reflector passes a client's routes to all, a non-client's to clients only.
    private func walk(from a: Int) -> [Bool] {
        var reached = [Bool](repeating: false, count: sessions.count)
        // Per router, whether it was queued having the route from a client (index 1) or not (0).
        var seen = [Bool](repeating: false, count: sessions.count * 2)
        var queue: [(router: Int, fromClient: Bool)] = [(a, true)]
        var head = 0
        while head < queue.count {
            let (r, fromClient) = queue[head]
            head += 1
            for session in sessions[r] {
                guard r == a || fromClient || session.toClient else { continue }
                reached[session.peer] = true
                let key = session.peer << 1 | (session.fromClient ? 1 : 0)
                if !seen[key] { seen[key] = true; queue.append((session.peer, session.fromClient)) }
            }
        }
        return reached
    }
}
