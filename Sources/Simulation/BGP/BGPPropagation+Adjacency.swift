/// What one router receives from and sends to each neighbor for one prefix, with the reason
/// whenever a path is not sent, not accepted or not usable (`simulate --adj`). Computed from
/// the final best paths with the propagation's own export and import steps, so it says what
/// the simulation did.
public struct BGPAdjacency: Sendable {
    public struct Entry: Sendable {
        public var neighbor: String
        public var address: IPAddress
        /// The path as it arrives (received) or leaves (advertised); nil when none.
        public var path: BGPAttributes?
        /// `best`, `valid`, `sent`, or why not.
        public var status: String
        /// For a valid received path that is not the best: the decision step at which it lost.
        public var lostAt: BestPathStep?
    }
    public var prefix: Prefix
    public var received: [Entry]
    public var advertised: [Entry]
}

extension BGPPropagation {
    /// Per router, per neighbor statement: its peering index in this run (-1: session down).
    func peeringOfNeighbor() -> [[Int32]] {
        network.routers.indices.map { r in
            var table = [Int32](repeating: -1, count: neighborStatements[r].count)
            for (p, peering) in peerings[r].enumerated() where peering.neighborIndex < table.count { table[peering.neighborIndex] = Int32(p) }
            return table
        }
    }

    /// A router's best path in propagation terms; nil when it came over a session that is gone.
    func workPath(_ route: BGPRoute, at r: Int, peeringOfNeighbor: [[Int32]], scratch: inout Scratch) -> WorkPath? {
        let id = scratch.internShared(route.shared)
        switch route.source {
        case .local(let kind):
            return WorkPath(attributes: id, weight: route.weight, igpCost: 0, peerRouterID: route.peerRouterID, peerAddress: IPAddress(0),
                            peering: -1, peer: Int32(r), ebgp: false, localOrigin: kind)
        case .learned(let neighbor, let peer, let peerAddress, let ebgp):
            let peering = neighbor < peeringOfNeighbor[r].count ? peeringOfNeighbor[r][neighbor] : -1
            guard peering >= 0 else { return nil }
            return WorkPath(attributes: id, weight: route.weight, igpCost: route.igpCost, peerRouterID: route.peerRouterID,
                            peerAddress: peerAddress, peering: peering, peer: Int32(peer), ebgp: ebgp, localOrigin: nil)
        }
    }

    /// The next hops of the paths installed together with router q's best path (`maximum-paths`),
    /// the best path's own first: candidates equal to the best down to the IGP-cost step, of
    /// the same kind (external or internal) and with the identical AS path (Cisco's rule without
    /// `multipath-relax`), lowest router-id first. Empty when q installs one path.
    func multipathNextHops(prefix: Prefix, router q: Int, best: (Int) -> BGPRoute?) -> [IPAddress] {
        guard let bgp = network.routers[q].bgp, max(bgp.maximumPaths, bgp.maximumPathsIBGP) > 1, let route = best(q), !route.isLocal else { return [] }
        let limit = route.isEBGP ? bgp.maximumPaths : bgp.maximumPathsIBGP
        guard limit > 1 else { return [] }
        var scratch = makeScratch()
        let mapping = peeringOfNeighbor()
        guard let own = workPath(route, at: q, peeringOfNeighbor: mapping, scratch: &scratch) else { return [] }
        let winner = Candidate(path: own, key: scratch.keys[Int(own.attributes)])
        let options = bestPathOptions[q]
        var equal: [Candidate] = []
        var memo = ExportMemo()
        for p in peerings[q].indices where p != Int(own.peering) {
            let r = slots[slotOffsets[q] + p].peer
            let theirs = best(r).flatMap { workPath($0, at: r, peeringOfNeighbor: mapping, scratch: &scratch) }
            guard let imported = arrival(prefix, at: q, over: p, peerBest: theirs, scratch: &scratch, memo: &memo).imported else { continue }
            let candidate = Candidate(path: imported, key: scratch.keys[Int(imported.attributes)])
            guard DecisionProcess.compareBeforeMED(winner, candidate) == nil, candidate.isEBGP == winner.isEBGP,
                  DecisionProcess.effectiveMED(winner, options) == DecisionProcess.effectiveMED(candidate, options),
                  candidate.igpCost == winner.igpCost,
                  scratch.attributes[Int(imported.attributes)].asPath == scratch.attributes[Int(own.attributes)].asPath else { continue }
            equal.append(candidate)
        }
        equal.sort { ($0.tieBreakRouterID, $0.tieBreakAddress) < ($1.tieBreakRouterID, $1.tieBreakAddress) }
        return [scratch.keys[Int(own.attributes)].nextHop] + equal.prefix(limit - 1).map(\.key.nextHop)
    }

    func adjacency(prefix: Prefix, router q: Int, best: (Int) -> BGPRoute?) -> BGPAdjacency {
        var scratch = makeScratch()
        var memo = ExportMemo()
        let mapping = peeringOfNeighbor()
        let names = network.routers.map(\.name)
        let own = best(q).flatMap { workPath($0, at: q, peeringOfNeighbor: mapping, scratch: &scratch) }
        var received: [BGPAdjacency.Entry] = [], advertised: [BGPAdjacency.Entry] = []
        // The valid received paths as decision candidates (with the local path), by entry.
        var candidates: [Candidate] = []
        var candidateEntry: [Int] = []
        if let own, own.localOrigin != nil { candidates.append(Candidate(path: own, key: scratch.keys[Int(own.attributes)])); candidateEntry.append(-1) }
        for p in peerings[q].indices {
            let slot = slotOffsets[q] + p, info = slots[slot], r = info.peer
            guard info.peerSlot >= 0 else { continue }
            // What r sends to q, and what q makes of it.
            let theirs = best(r).flatMap { workPath($0, at: r, peeringOfNeighbor: mapping, scratch: &scratch) }
            let arrived = arrival(prefix, at: q, over: p, peerBest: theirs, scratch: &scratch, memo: &memo)
            var status: String
            var shown: BGPAttributes?
            if let sent = arrived.sent {
                shown = scratch.attributes[Int((arrived.imported ?? sent).attributes)].policyView(weight: arrived.imported?.weight ?? 0)
                if let imported = arrived.imported {
                    let isBest = own.map { $0.peering == imported.peering && $0.attributes == imported.attributes } ?? false
                    status = isBest ? "best" : "valid"
                    candidates.append(Candidate(path: imported, key: scratch.keys[Int(imported.attributes)]))
                    candidateEntry.append(received.count)
                } else if let unresolved = arrived.unresolved {
                    status = "invalid: next hop \(unresolved) does not resolve"
                } else {
                    status = "rejected: \(arrived.rejected?.rawValue ?? "not accepted")"
                }
            } else if theirs == nil, !sendsOriginatedDefault(prefix, slot: info.peerSlot) {
                status = "not sent: \(names[r]) has no best path"
            } else {
                status = "not sent: \(arrived.withheld?.rawValue ?? "withheld")"
            }
            received.append(.init(neighbor: names[r], address: info.peerAddress, path: shown, status: status))
            // What q sends to r.
            if sendsOriginatedDefault(prefix, slot: slot) {
                let sent = originatedDefault(from: q, slot: slot, scratch: &scratch)
                advertised.append(.init(neighbor: names[r], address: info.peerAddress,
                                        path: scratch.attributes[Int(sent.attributes)].policyView(weight: 0), status: "sent (default-originate)"))
            } else if let own {
                var withheld: Withheld?
                if let sent = export(own, prefix: prefix, from: q, over: p, slot: slot, scratch: &scratch, memo: &memo, withheld: &withheld) {
                    advertised.append(.init(neighbor: names[r], address: info.peerAddress, path: scratch.attributes[Int(sent.attributes)].policyView(weight: 0), status: "sent"))
                } else {
                    advertised.append(.init(neighbor: names[r], address: info.peerAddress, path: nil, status: "not sent: \(withheld?.rawValue ?? "withheld")"))
                }
            } else {
                advertised.append(.init(neighbor: names[r], address: info.peerAddress, path: nil, status: "not sent: no best path"))
            }
        }
        // The step at which each valid path lost, from the decision itself.
        var eliminated: [BestPathStep] = [], order: [Int] = []
        if DecisionProcess.decide(candidates, localAS: asns[q], options: bestPathOptions[q], eliminatedAt: &eliminated, order: &order) != nil {
            for (k, entry) in candidateEntry.enumerated() where entry >= 0 && received[entry].status == "valid" && eliminated[k] != .onlyPath {
                received[entry].lostAt = eliminated[k]
            }
        }
        return BGPAdjacency(prefix: prefix, received: received, advertised: advertised)
    }
}

/// Where best paths got their local preference (`simulate --bgp`), for many routers and
/// prefixes of one run: the session table and scratch buffers are made once, on first need.
public struct LocalPreferenceSources {
    let propagation: BGPPropagation
    let plane: DataPlane
    private var mapping: [[Int32]]?
    private var scratch: BGPPropagation.Scratch?

    init(_ propagation: BGPPropagation, plane: DataPlane) {
        self.propagation = propagation
        self.plane = plane
    }

    /// See `source(prefix:router:best:)`; nil for a router that is down or has no such path.
    public mutating func source(router: Int, prefix: Prefix) -> String? {
        guard plane.liveness.routerUp[router] else { return nil }
        let plane = self.plane
        return source(prefix: prefix, router: router) { r in plane.liveness.routerUp[r] ? plane.bgpTables[r][prefix] : nil }
    }

    /// Router q's best path for `prefix`, followed back over the iBGP sessions it crossed
    /// unchanged, to the session or origination that set its local preference: an import or
    /// export policy, the default given to paths received over eBGP, or where it was originated.
    /// A session where the value changed is evaluated with the propagation's own export and
    /// import steps, so a policy is named only when it made the change.
    mutating func source(prefix: Prefix, router q: Int, best: (Int) -> BGPRoute?) -> String? {
        let network = propagation.network
        let mapping = self.mapping ?? propagation.peeringOfNeighbor()
        self.mapping = mapping
        let name = { (r: Int) in network.routers[r].name }
        var r = q
        // A chain longer than the network has routers would be a loop.
        for _ in 0...network.routers.count {
            guard let route = best(r) else { return nil }
            let value = route.attributes.localPreference
            guard case .learned(let neighbor, let peer, _, let ebgp) = route.source else {
                return value == 100 ? "default at its origin \(name(r))" : "set at its origin \(name(r))"
            }
            guard neighbor < mapping[r].count, mapping[r][neighbor] >= 0 else { return nil }
            let p = Int(mapping[r][neighbor]), info = propagation.slots[propagation.slotOffsets[r] + p]
            let importPolicy = propagation.neighbor(r, p).importPolicy
            let exportPolicy = propagation.neighbor(peer, info.peerPeering).exportPolicy
            // No policy on the session: eBGP gives the default, iBGP passes the value on.
            if ebgp, importPolicy == nil { return "eBGP default at \(name(r)) from \(name(peer))" }
            let theirs = best(peer)
            if !ebgp, importPolicy == nil, exportPolicy == nil, theirs?.attributes.localPreference == value {
                r = peer
                continue
            }
            // Evaluate this session: what the peer sent, and what r made of it.
            var work = scratch ?? propagation.makeScratch()
            defer { work.reset(); scratch = work }
            var memo = BGPPropagation.ExportMemo()
            let peerBest = theirs.flatMap { propagation.workPath($0, at: peer, peeringOfNeighbor: mapping, scratch: &work) }
            let arrived = propagation.arrival(prefix, at: r, over: p, peerBest: peerBest, scratch: &work, memo: &memo)
            guard let sent = arrived.sent, let imported = arrived.imported else { return nil }
            let sentValue = work.attributes[Int(sent.attributes)].localPreference
            if work.attributes[Int(imported.attributes)].localPreference != sentValue, let importPolicy {
                return "import policy \(importPolicy) at \(name(r)) from \(name(peer))"
            }
            if ebgp { return "eBGP default at \(name(r)) from \(name(peer))" }
            if let peerBest, work.attributes[Int(peerBest.attributes)].localPreference != sentValue, let exportPolicy {
                return "export policy \(exportPolicy) at \(name(peer)) toward \(name(r))"
            }
            r = peer
        }
        return nil
    }
}
