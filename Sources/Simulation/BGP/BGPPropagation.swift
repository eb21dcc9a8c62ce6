/// Per-prefix BGP propagation to a fixed point. Prefixes are independent once aggregate and
/// conditional-advertisement states are fixed (the engine iterates those outside), so each
/// prefix runs its own worklist and prefixes can run in parallel.
struct BGPPropagation: Sendable {
    let network: Network
    let peerings: [[Peering]]
    let resolvers: [RIBTable]
    let evaluators: [PolicyEvaluator]
    let clusterIDs: [IPv4Address]
    let ebgpPeerings: [[Int]]
    let hasClients: [Bool]
    /// Global index of each router's first peering; peering p of router r is slot slotOffsets[r] + p.
    let slotOffsets: [Int]
    /// Everything the hot path needs about one session end, flat and free of strings.
    struct SlotInfo: Sendable {
        var peer: Int
        var peerPeering: Int
        /// The receiving slot at the peer (its slot for this session), or -1.
        var peerSlot: Int
        var ebgp: Bool
        var nextHopSelf: Bool
        var routeReflectorClient: Bool
        var hasExportPolicy: Bool
        var hasImportPolicy: Bool
        var conditional: Bool
        var weight: UInt32
        var localAddress: IPv4Address
        var peerAddress: IPv4Address
    }
    let slots: [SlotInfo]
    let asns: [ASN]
    let routerIDs: [IPv4Address]
    /// Per router: active summary-only aggregates (their more-specifics are not exported).
    var suppressing: [[Prefix]]
    /// Per router, per peering with conditional advertisement: whether the condition currently allows it.
    var conditionAllows: [[Int: Bool]]

    init(network: Network, peerings: [[Peering]], resolvers: [RIBTable]) {
        self.network = network
        self.peerings = peerings
        self.resolvers = resolvers
        evaluators = network.routers.map { PolicyEvaluator(policies: $0.policies, localAS: $0.asn) }
        clusterIDs = network.routers.map { $0.bgp?.clusterID ?? $0.routerID }
        ebgpPeerings = peerings.map { list in list.indices.filter { list[$0].ebgp } }
        hasClients = peerings.map { list in list.contains { $0.neighbor.routeReflectorClient } }
        var offsets = [0]
        for list in peerings { offsets.append((offsets.last ?? 0) + list.count) }
        slotOffsets = offsets
        var flat: [SlotInfo] = []
        for list in peerings {
            for peering in list {
                let peerSlot = peering.peerPeering >= 0 ? offsets[peering.peer] + peering.peerPeering : -1
                flat.append(SlotInfo(peer: peering.peer, peerPeering: peering.peerPeering, peerSlot: peerSlot, ebgp: peering.ebgp,
                                     nextHopSelf: peering.neighbor.nextHopSelf, routeReflectorClient: peering.neighbor.routeReflectorClient,
                                     hasExportPolicy: peering.neighbor.exportPolicy != nil, hasImportPolicy: peering.neighbor.importPolicy != nil,
                                     conditional: peering.neighbor.conditionalAdvertisement != nil, weight: peering.neighbor.weight,
                                     localAddress: peering.localAddress, peerAddress: peering.neighbor.address))
            }
        }
        slots = flat
        asns = network.routers.map(\.asn)
        routerIDs = network.routers.map(\.routerID)
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

    /// Per-worker buffers indexed by router and by peering slot, reused across prefixes so a
    /// prefix costs only what it touches (no per-prefix dictionaries).
    final class Scratch {
        var best: [BGPRoute?]
        var adjIn: [BGPRoute?]
        var adjOut: [BGPRoute?]
        var invalid: [IPv4Address?]
        var queued: [Bool]
        var changes: [Int]
        var touchedRouters: [Int] = []
        var touchedSlots: [Int] = []
        var routerTouched: [Bool]
        var slotTouched: [Bool]
        /// Per router, the slots holding a received path, in slot order (candidates without a scan).
        var filled: [[Int]]

        init(routers: Int, slots: Int) {
            best = Array(repeating: nil, count: routers)
            queued = Array(repeating: false, count: routers)
            changes = Array(repeating: 0, count: routers)
            routerTouched = Array(repeating: false, count: routers)
            adjIn = Array(repeating: nil, count: slots)
            adjOut = Array(repeating: nil, count: slots)
            invalid = Array(repeating: nil, count: slots)
            slotTouched = Array(repeating: false, count: slots)
            filled = Array(repeating: [], count: routers)
        }

        func setReceived(_ route: BGPRoute?, slot: Int, router: Int) {
            let had = adjIn[slot] != nil
            adjIn[slot] = route
            if route != nil && !had {
                var list = filled[router]
                let position = list.firstIndex { $0 > slot } ?? list.count
                list.insert(slot, at: position)
                filled[router] = list
            } else if route == nil && had {
                filled[router].removeAll { $0 == slot }
            }
        }

        func touchRouter(_ r: Int) { if !routerTouched[r] { routerTouched[r] = true; touchedRouters.append(r) } }
        func touchSlot(_ s: Int) { if !slotTouched[s] { slotTouched[s] = true; touchedSlots.append(s) } }

        func reset() {
            for r in touchedRouters { best[r] = nil; queued[r] = false; changes[r] = 0; routerTouched[r] = false; filled[r].removeAll(keepingCapacity: true) }
            for s in touchedSlots { adjIn[s] = nil; adjOut[s] = nil; invalid[s] = nil; slotTouched[s] = false }
            touchedRouters.removeAll(keepingCapacity: true)
            touchedSlots.removeAll(keepingCapacity: true)
        }
    }

    func makeScratch() -> Scratch { Scratch(routers: network.routers.count, slots: slotOffsets.last ?? 0) }

    func propagate(_ prefix: Prefix, origins: [Int: BGPRoute], scratch: Scratch) -> Result {
        defer { scratch.reset() }
        var queue = origins.keys.sorted()
        for r in queue { scratch.queued[r] = true; scratch.touchRouter(r) }
        var head = 0
        var events = 0
        let limit = 64 * max(network.routers.count, 16)
        var oscillating: [Int] = []
        var candidates: [BGPRoute] = []
        while head < queue.count {
            let r = queue[head]
            head += 1
            scratch.queued[r] = false
            if head > 4096 { queue.removeFirst(head); head = 0 }
            events += 1
            if events > limit {
                oscillating = scratch.touchedRouters.filter { scratch.changes[$0] > 8 }.sorted()
                break
            }
            candidates.removeAll(keepingCapacity: true)
            if let local = origins[r] { candidates.append(local) }
            let base = slotOffsets[r]
            for slot in scratch.filled[r] { if let route = scratch.adjIn[slot] { candidates.append(route) } }
            let newBest = DecisionProcess.best(candidates, localAS: asns[r])
            if newBest == scratch.best[r] { continue }
            scratch.changes[r] += 1
            scratch.best[r] = newBest
            // An iBGP-learned path goes only to eBGP peers (split horizon) unless this router reflects;
            // peerings that hold an earlier advertisement are revisited to withdraw or replace it.
            let onlyEBGP = newBest.map { !$0.isLocal && !$0.isEBGP && !hasClients[r] } ?? false
            for slot in base..<slotOffsets[r + 1] {
                let p = slot - base
                if onlyEBGP && !slots[slot].ebgp && scratch.adjOut[slot] == nil { continue }
                let out = newBest.flatMap { export($0, prefix: prefix, from: r, over: p, slot: slot) }
                if out == scratch.adjOut[slot] { continue }
                scratch.adjOut[slot] = out
                scratch.touchSlot(slot)
                let q = slots[slot].peer, pp = slots[slot].peerPeering
                let inSlot = slots[slot].peerSlot
                guard inSlot >= 0 else { continue }
                var imported: BGPRoute?
                var unresolved: IPv4Address?
                if let out { (imported, unresolved) = importRoute(out, prefix: prefix, at: q, over: pp, slot: inSlot, from: r) }
                scratch.touchSlot(inSlot)
                scratch.touchRouter(q)
                scratch.invalid[inSlot] = unresolved
                if imported == scratch.adjIn[inSlot] { continue }
                scratch.setReceived(imported, slot: inSlot, router: q)
                if !scratch.queued[q] { scratch.queued[q] = true; queue.append(q) }
            }
        }
        var best: [(router: Int, route: BGPRoute)] = []
        var inaccessible: [(router: Int, nextHop: IPv4Address)] = []
        for r in scratch.touchedRouters.sorted() {
            if let route = scratch.best[r] {
                best.append((r, route))
            } else {
                let hops = (slotOffsets[r]..<slotOffsets[r + 1]).compactMap { scratch.invalid[$0] }
                if let hop = hops.min() { inaccessible.append((r, hop)) }
            }
        }
        return Result(best: best, inaccessible: inaccessible, oscillating: oscillating, events: events)
    }

    func export(_ route: BGPRoute, prefix: Prefix, from r: Int, over p: Int, slot: Int) -> BGPRoute? {
        let info = slots[slot]
        if route.peering == p { return nil }
        if !info.ebgp, case .learned(let from, _, _, false) = route.source {
            // iBGP split horizon; a route reflector sends client routes to everyone, others to clients only.
            if !(slots[slotOffsets[r] + from].routeReflectorClient || info.routeReflectorClient) { return nil }
        }
        if !suppressing[r].isEmpty {
            for aggregate in suppressing[r] where aggregate != prefix && aggregate.contains(prefix) { return nil }
        }
        var attributes = route.attributes
        if info.conditional, let conditional = peerings[r][p].neighbor.conditionalAdvertisement,
           evaluators[r].permits(conditional.advertiseMap, prefix: prefix, attributes: attributes),
           conditionAllows[r][p] != true { return nil }
        attributes.weight = 0
        if info.ebgp && !route.isLocal { attributes.med = 0 }
        if info.hasExportPolicy, let policy = peerings[r][p].neighbor.exportPolicy {
            switch evaluators[r].apply(policy, prefix: prefix, attributes: attributes) {
            case .denied: return nil
            case .permitted(let changed, _): attributes = changed
            }
        }
        var out = route
        out.originatorID = nil
        if !out.clusterList.isEmpty { out.clusterList = [] }
        if info.ebgp {
            attributes.asPath = attributes.asPath.prepending(asns[r])
            attributes.nextHop = info.localAddress
            attributes.localPreference = 100
        } else {
            if route.isLocal || (route.isEBGP && info.nextHopSelf) { attributes.nextHop = info.localAddress }
            if case .learned(_, _, _, false) = route.source {
                out.originatorID = route.originatorID ?? route.peerRouterID
                out.clusterList = [clusterIDs[r]] + route.clusterList
            }
        }
        out.attributes = attributes
        out.igpCost = 0
        out.decidedBy = .onlyPath
        out.peerRouterID = routerIDs[r]
        return out
    }

    /// The receiver's view: loop checks, weight, import policy and next-hop resolution.
    func importRoute(_ sent: BGPRoute, prefix: Prefix, at q: Int, over pp: Int, slot: Int, from r: Int) -> (BGPRoute?, IPv4Address?) {
        let info = slots[slot]
        var route = sent
        if info.ebgp {
            if route.attributes.asPath.contains(asns[q]) { return (nil, nil) }
        } else {
            if route.originatorID == routerIDs[q] || route.clusterList.contains(clusterIDs[q]) { return (nil, nil) }
        }
        route.attributes.weight = info.weight
        if info.hasImportPolicy, let policy = peerings[q][pp].neighbor.importPolicy {
            switch evaluators[q].apply(policy, prefix: prefix, attributes: route.attributes) {
            case .denied: return (nil, nil)
            case .permitted(let changed, _): route.attributes = changed
            }
        }
        route.source = .learned(peering: pp, peer: r, peerAddress: info.peerAddress, ebgp: info.ebgp)
        guard let metric = resolvers[q].resolve(route.attributes.nextHop) else { return (nil, route.attributes.nextHop) }
        route.igpCost = metric
        return (route, nil)
    }
}
