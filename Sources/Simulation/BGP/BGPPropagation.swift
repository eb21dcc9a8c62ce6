/// Per-prefix BGP propagation to a fixed point. Prefixes are independent once aggregate and
/// conditional-advertisement states are fixed (the engine iterates those outside), so each
/// prefix runs its own worklist and prefixes can run in parallel.
struct BGPPropagation: Sendable {
    let network: Network
    let peerings: [[Peering]]
    let resolvers: [PrefixTrie<RIBEntry>]
    let evaluators: [PolicyEvaluator]
    let clusterIDs: [IPv4Address]
    let ebgpPeerings: [[Int]]
    let hasClients: [Bool]
    /// Per router: active summary-only aggregates (their more-specifics are not exported).
    var suppressing: [[Prefix]]
    /// Per router, per peering with conditional advertisement: whether the condition currently allows it.
    var conditionAllows: [[Int: Bool]]

    init(network: Network, peerings: [[Peering]], resolvers: [PrefixTrie<RIBEntry>]) {
        self.network = network
        self.peerings = peerings
        self.resolvers = resolvers
        evaluators = network.routers.map { PolicyEvaluator(policies: $0.policies, localAS: $0.asn) }
        clusterIDs = network.routers.map { $0.bgp?.clusterID ?? $0.routerID }
        ebgpPeerings = peerings.map { list in list.indices.filter { list[$0].ebgp } }
        hasClients = peerings.map { list in list.contains { $0.neighbor.routeReflectorClient } }
        suppressing = Array(repeating: [], count: network.routers.count)
        conditionAllows = Array(repeating: [:], count: network.routers.count)
    }

    struct Result: Sendable {
        var best: [(router: Int, route: BGPRoute)]
        var inaccessible: [(router: Int, nextHop: IPv4Address)]
        /// Routers whose best path was still changing when the event bound was hit.
        var oscillating: [Int]
        var events: Int
    }

    func propagate(_ prefix: Prefix, origins: [Int: BGPRoute]) -> Result {
        var best: [Int: BGPRoute] = [:]
        var adjIn: [Int: [Int: BGPRoute]] = [:]
        var invalid: [Int: [Int: IPv4Address]] = [:]
        var adjOut: [Int: [Int: BGPRoute]] = [:]
        var queue = origins.keys.sorted()
        var queued = Set(queue)
        var head = 0
        var events = 0
        var changes: [Int: Int] = [:]
        let limit = 64 * max(network.routers.count, 16)
        var oscillating: [Int] = []
        while head < queue.count {
            let r = queue[head]
            head += 1
            queued.remove(r)
            if head > 4096 { queue.removeFirst(head); head = 0 }
            events += 1
            if events > limit {
                oscillating = changes.filter { $0.value > 8 }.map(\.key).sorted()
                break
            }
            var candidates: [BGPRoute] = []
            if let local = origins[r] { candidates.append(local) }
            if let received = adjIn[r] { for key in received.keys.sorted() { if let route = received[key] { candidates.append(route) } } }
            let newBest = DecisionProcess.best(candidates, localAS: network.routers[r].asn)
            if newBest == best[r] { continue }
            changes[r, default: 0] += 1
            best[r] = newBest
            // Only peerings that can receive this path, plus those that hold a previous advertisement.
            var targets: [Int]
            if let route = newBest, !route.isLocal, !route.isEBGP, !hasClients[r] { targets = ebgpPeerings[r] } else { targets = Array(peerings[r].indices) }
            if let sent = adjOut[r] { targets = Array(Set(targets).union(sent.keys)).sorted() }
            for p in targets {
                let out = newBest.flatMap { export($0, prefix: prefix, from: r, over: p) }
                if out == adjOut[r]?[p] { continue }
                adjOut[r, default: [:]][p] = out
                let peering = peerings[r][p]
                let q = peering.peer, pp = peering.peerPeering
                guard pp >= 0 else { continue }
                var imported: BGPRoute?
                var unresolved: IPv4Address?
                if let out { (imported, unresolved) = importRoute(out, prefix: prefix, at: q, over: pp, from: r) }
                if let unresolved { invalid[q, default: [:]][pp] = unresolved } else { invalid[q]?[pp] = nil }
                if imported == adjIn[q]?[pp] { continue }
                adjIn[q, default: [:]][pp] = imported
                if queued.insert(q).inserted { queue.append(q) }
            }
        }
        var inaccessible: [(Int, IPv4Address)] = []
        for (router, entries) in invalid where best[router] == nil {
            if let hop = entries.values.min() { inaccessible.append((router, hop)) }
        }
        return Result(best: best.compactMap { key, value in (key, value) }.sorted { $0.router < $1.router },
                      inaccessible: inaccessible.sorted { $0.0 < $1.0 }, oscillating: oscillating, events: events)
    }

    func export(_ route: BGPRoute, prefix: Prefix, from r: Int, over p: Int) -> BGPRoute? {
        let peering = peerings[r][p]
        if route.peering == p { return nil }
        if !peering.ebgp, case .learned(let from, _, _, false) = route.source {
            // iBGP split horizon; a route reflector sends client routes to everyone, others to clients only.
            if !(peerings[r][from].neighbor.routeReflectorClient || peering.neighbor.routeReflectorClient) { return nil }
        }
        for aggregate in suppressing[r] where aggregate != prefix && aggregate.contains(prefix) { return nil }
        var attributes = route.attributes
        if let conditional = peering.neighbor.conditionalAdvertisement,
           evaluators[r].permits(conditional.advertiseMap, prefix: prefix, attributes: attributes),
           conditionAllows[r][p] != true { return nil }
        attributes.weight = 0
        if peering.ebgp && !route.isLocal { attributes.med = 0 }
        if let policy = peering.neighbor.exportPolicy {
            switch evaluators[r].apply(policy, prefix: prefix, attributes: attributes) {
            case .denied: return nil
            case .permitted(let changed, _): attributes = changed
            }
        }
        var out = route
        out.originatorID = nil
        out.clusterList = []
        if peering.ebgp {
            attributes.asPath = attributes.asPath.prepending(network.routers[r].asn)
            attributes.nextHop = peering.localAddress
            attributes.localPreference = 100
        } else {
            if route.isLocal || (route.isEBGP && peering.neighbor.nextHopSelf) { attributes.nextHop = peering.localAddress }
            if case .learned(_, _, _, false) = route.source {
                out.originatorID = route.originatorID ?? route.peerRouterID
                out.clusterList = [clusterIDs[r]] + route.clusterList
            }
        }
        out.attributes = attributes
        out.igpCost = 0
        out.decidedBy = .onlyPath
        out.peerRouterID = network.routers[r].routerID
        return out
    }

    /// The receiver's view: loop checks, weight, import policy and next-hop resolution.
    func importRoute(_ sent: BGPRoute, prefix: Prefix, at q: Int, over pp: Int, from r: Int) -> (BGPRoute?, IPv4Address?) {
        let router = network.routers[q]
        let peering = peerings[q][pp]
        var route = sent
        if peering.ebgp {
            if route.attributes.asPath.contains(router.asn) { return (nil, nil) }
        } else {
            if route.originatorID == router.routerID || route.clusterList.contains(clusterIDs[q]) { return (nil, nil) }
        }
        route.attributes.weight = peering.neighbor.weight
        if let policy = peering.neighbor.importPolicy {
            switch evaluators[q].apply(policy, prefix: prefix, attributes: route.attributes) {
            case .denied: return (nil, nil)
            case .permitted(let changed, _): route.attributes = changed
            }
        }
        route.source = .learned(peering: pp, peer: r, peerAddress: peering.neighbor.address, ebgp: peering.ebgp)
        guard let (_, resolving) = resolvers[q].longestMatch(route.attributes.nextHop), !resolving.isDiscard else {
            return (nil, route.attributes.nextHop)
        }
        route.igpCost = resolving.metric
        return (route, nil)
    }
}
