/// What a run with failures can take from the run without them, per prefix: a prefix's
/// propagation is a deterministic function of its originations, the sessions, the outer-loop
/// state (active aggregates, conditions) and the next-hop resolutions it makes. When all of
/// these are the same in a failure scenario, its result is the baseline's:
/// - resolutions count as the same when they return the same metric, or when only the metric
///   changed at a router where IGP cost decided nothing: it resolved only one next hop for the
///   prefix (every path it compared had the same cost), or none of its decisions during the
///   propagation reached the IGP-cost step between paths with different next hops (each
///   winner beat every candidate with another next hop by weight, local preference, AS path,
///   origin, MED or eBGP-over-iBGP, which no metric changes, and tied at IGP cost with those
///   sharing its next hop, which stays a tie; so it wins whatever order they are compared
///   in). Every decision, so every export, is then the same; the best path's recorded cost is
///   updated;
/// - a session that is gone counts as the same when no router that is still up ever received
///   an advertisement for the prefix over it: nothing a survivor decided depended on it (the
///   routers that are down are hidden by the run's results; routes name their session by neighbor statement).
/// Tested: sweeps with reuse give the same answers as without (EngineInvariantTests, and the
/// bench compares the two outputs byte for byte).
struct BGPReuse: Sendable {
    /// The recorded prefixes, sorted; `entries[i]` is about `prefixes[i]`. A scenario usually has
    /// the same prefixes, so it finds each one's entry by position, without hashing.
    let prefixes: [Prefix]
    private var entries: [Entry] = []
    private var position: [Prefix: Int] = [:]
    var origins: [Prefix: [Int: BGPRoute]]
    var slots: [BGPPropagation.SlotInfo]
    var slotOffsets: [Int]
    var hasClients: [Bool]
    var conditionAllows: [[Int: Bool]]
    /// The same condition states keyed by neighbor statement (stable when sessions go down):
    /// a scenario's outer loop starts from them (BGPRun.run).
    var conditionsByNeighbor: [[Int: Bool]] = []
    var suppressing: [[Prefix]]
    /// Every distinct next-hop resolution a recorded prefix depended on. Prefixes share them
    /// (every prefix behind one loopback), so a scenario checks each once (`resolutionsNow`)
    /// instead of once per prefix that consulted it.
    /// `router` decided with it; `resolver`'s routes answer it (docs/vrf.md: a PE for its VRFs).
    var resolutions: [(router: Int, resolver: Int, nextHop: IPAddress, metric: UInt32?)] = []

    /// Per resolution, the entries (prefixes) that consulted it: a scenario finds the prefixes
    /// a changed resolution touches without walking every prefix's dependencies (a prefix
    /// consults about one resolution per router it reaches).
    private var dependents: [[Int32]] = []

    private struct Entry: Sendable {
        var result: BGPPropagation.Result
        var origins: [Int: BGPRoute]
        /// The resolutions it consulted (indices into `resolutions`).
        var dependencies: [Dependency]
    }

    struct Dependency: Sendable {
        var index: Int32
        /// See BGPPropagation.Consulted.
        var costIrrelevant: Bool
        var leadsToBest: Bool
    }

    /// A recorded resolution in a scenario.
    enum ResolutionNow: Sendable {
        case same, unresolvable, metric(UInt32)
        /// The router is down: it decides nothing.
        case routerDown
    }

    /// Every recorded resolution as it is in a scenario, and which entries consulted one that changed.
    struct ResolutionsNow: Sendable {
        var states: [ResolutionNow]
        var affected: [Bool]
        static let none = ResolutionsNow(states: [], affected: [])
    }

    init(results: [Prefix: BGPPropagation.Result], origins: [Prefix: [Int: BGPRoute]], slots: [BGPPropagation.SlotInfo], slotOffsets: [Int],
         hasClients: [Bool], conditionAllows: [[Int: Bool]], suppressing: [[Prefix]]) {
        self.origins = origins
        self.slots = slots
        self.slotOffsets = slotOffsets
        self.hasClients = hasClients
        self.conditionAllows = conditionAllows
        self.suppressing = suppressing
        var index: [BGPPropagation.ConsultedKey: Int32] = [:]
        prefixes = results.keys.sorted()
        for prefix in prefixes {
            guard var result = results[prefix] else { continue }
            var list: [Dependency] = []
            list.reserveCapacity(result.consulted.count)
            for consulted in result.consulted {
                let key = BGPPropagation.consultedKey(router: consulted.router, nextHop: consulted.nextHop, overVPN: consulted.resolver != consulted.router)
                let id: Int32
                if let known = index[key] {
                    id = known
                } else {
                    id = Int32(resolutions.count)
                    index[key] = id
                    resolutions.append((consulted.router, consulted.resolver, consulted.nextHop, consulted.metric))
                }
                list.append(Dependency(index: id, costIrrelevant: consulted.costIrrelevant, leadsToBest: consulted.leadsToBest))
            }
            result.consulted = []
            if dependents.count < resolutions.count { dependents += Array(repeating: [], count: resolutions.count - dependents.count) }
            for dependency in list { dependents[Int(dependency.index)].append(Int32(entries.count)) }
            position[prefix] = entries.count
            entries.append(Entry(result: result, origins: origins[prefix] ?? [:], dependencies: list))
        }
    }

    /// The recorded result for a prefix (the paths routers held before a failure).
    func recordedResult(_ prefix: Prefix) -> BGPPropagation.Result? { position[prefix].map { entries[$0].result } }

    /// The entry index of `prefix`, which is `prefixes[hint]` when the run has the recorded prefixes.
    @inline(__always)
    private func entryIndex(_ prefix: Prefix, hint: Int) -> Int? {
        if hint < prefixes.count && prefixes[hint] == prefix { return hint }
        return position[prefix]
    }

    /// Each recorded resolution as it is in a scenario. `changed`: per router, the non-BGP
    /// prefixes that may differ from the baseline's; a next hop none of them covers resolves
    /// as before without looking (nil: look).
    func resolutionsNow(in propagation: BGPPropagation, changed: [ChangedRoutes?]?, routerUp: [Bool]) -> ResolutionsNow {
        // Most routers have nothing changed: tell those apart once, not once per resolution.
        let unchanged = changed?.map { $0?.isEmpty ?? false } ?? Array(repeating: false, count: routerUp.count)
        let states: [ResolutionNow] = resolutions.map { resolution in
            guard routerUp[resolution.router] else { return .routerDown }
            if unchanged[resolution.resolver] { return .same }
            if let set = changed?[resolution.resolver], !set.covers(resolution.nextHop) { return .same }
            let now = propagation.resolution(of: resolution.nextHop, at: resolution.resolver)
            if now == resolution.metric { return .same }
            return now.map { .metric($0) } ?? .unresolvable
        }
        var affected = [Bool](repeating: false, count: entries.count)
        for (index, state) in states.enumerated() {
            if case .same = state { continue }
            if case .routerDown = state { continue }
            for entry in dependents[index] { affected[Int(entry)] = true }
        }
        return ResolutionsNow(states: states, affected: affected)
    }

    /// How the recorded run's sessions map onto a run's.
    struct Mapping: Sendable {
        /// Recorded global slot -> the run's global slot, or -1 when the session is gone.
        var slot: [Int]
        /// Recorded global slot -> the router that owns it.
        var owner: [Int]
        var routerUp: [Bool]
        var identity: Bool
        /// Recorded slots whose session is gone while their router is up, sorted.
        var lostSlots: [Int] = []

        /// Whether one of `received` (sorted) is a lost slot: a survivor heard the prefix over a
        /// session that is gone. Few sessions are lost; each is looked up in the sorted list.
        func lostAny(of received: [Int]) -> Bool { lostSlots.contains { received.sortedContains($0) } }

        func lost(of received: [Int]) -> [Int] { lostSlots.filter { received.sortedContains($0) } }
    }

    /// The session mapping when `propagation` runs with the recorded sessions minus some (none
    /// added, the rest configured alike) and the same outer state; nil otherwise.
    func mapping(to propagation: BGPPropagation, routerUp: [Bool]) -> Mapping? {
        guard suppressing == propagation.suppressing, slotOffsets.count == propagation.slotOffsets.count else { return nil }
        let routers = slotOffsets.count - 1
        var owner = [Int](repeating: 0, count: slots.count)
        for r in 0..<routers { for s in slotOffsets[r]..<slotOffsets[r + 1] { owner[s] = r } }
        if slotOffsets == propagation.slotOffsets && slots == propagation.slots {
            guard conditionAllows == propagation.conditionAllows else { return nil }
            return Mapping(slot: Array(slots.indices), owner: owner, routerUp: routerUp, identity: true)
        }
        var slot = [Int](repeating: -1, count: slots.count)
        for r in 0..<routers {
            guard !routerUp[r] || hasClients[r] == propagation.hasClients[r] else { return nil }
            var next = propagation.slotOffsets[r]
            let end = propagation.slotOffsets[r + 1]
            for s in slotOffsets[r]..<slotOffsets[r + 1] where next < end {
                let old = slots[s], new = propagation.slots[next]
                guard old.peer == new.peer && old.peerAddress == new.peerAddress else { continue }
                guard old.ebgp == new.ebgp, old.nextHopSelf == new.nextHopSelf, old.routeReflectorClient == new.routeReflectorClient,
                      old.hasExportPolicy == new.hasExportPolicy, old.hasImportPolicy == new.hasImportPolicy, old.conditional == new.conditional,
                      old.weight == new.weight, old.localAddress == new.localAddress, (old.peerSlot < 0) == (new.peerSlot < 0),
                      old.carriesIPv4 == new.carriesIPv4, old.carriesIPv6 == new.carriesIPv6, old.otherFamilyAddress == new.otherFamilyAddress else { return nil }
                slot[s] = next
                next += 1
            }
            guard next == end else { return nil }   // a session the recorded run did not have
            // Conditions are keyed by peering index: compare them renumbered.
            var renumbered: [Int: Bool] = [:]
            for (p, allowed) in conditionAllows[r] where slot[slotOffsets[r] + p] >= 0 {
                renumbered[slot[slotOffsets[r] + p] - propagation.slotOffsets[r]] = allowed
            }
            guard !routerUp[r] || renumbered == propagation.conditionAllows[r] else { return nil }
        }
        let lost = slot.indices.filter { slot[$0] < 0 && routerUp[owner[$0]] }
        return Mapping(slot: slot, owner: owner, routerUp: routerUp, identity: false, lostSlots: lost)
    }

    /// What a scenario does with one prefix.
    enum Decision {
        /// The recorded result holds (with new IGP costs where only costs moved).
        case reuse(BGPPropagation.Result)
        /// Re-propagate from the recorded best paths, deciding again at these routers first.
        case restart(BGPPropagation.Restart)
        /// Propagate from scratch (not recorded, or it did not converge then).
        case scratch
    }

    /// One walk over what `prefix`'s recorded result depended on (originations, sessions it
    /// arrived over, next-hop resolutions): the result still holds when nothing changed but
    /// costs where IGP cost decided nothing; otherwise the routers whose inputs changed are where
    /// re-propagation starts. `hint`: the prefix's position among the run's sorted prefixes;
    /// `now`: `resolutionsNow` of this scenario.
    func decide(_ prefix: Prefix, hint: Int, origins current: [Int: BGPRoute], now: ResolutionsNow, mapping: Mapping) -> Decision {
        guard let e = entryIndex(prefix, hint: hint), entries[e].result.oscillating.isEmpty else { return .scratch }
        let recorded = entries[e].result
        var holds = true
        var dirty: [Int] = []
        var costs: [(router: Int, cost: UInt32)] = []
        let before = entries[e].origins
        if before != current {
            holds = false
            for r in Set(before.keys).union(current.keys) where before[r] != current[r] { dirty.append(r) }
        }
        if !mapping.identity {
            for s in mapping.lost(of: recorded.received) { holds = false; dirty.append(mapping.owner[s]) }
        }
        if now.affected[e] {
            for dependency in entries[e].dependencies {
                let resolution = resolutions[Int(dependency.index)]
                switch now.states[Int(dependency.index)] {
                case .same, .routerDown: continue
                case .unresolvable: holds = false
                case .metric(let metric):
                    if !dependency.costIrrelevant || resolution.metric == nil { holds = false }
                    // One best path per router, so at most one cost per router.
                    if dependency.leadsToBest { costs.append((resolution.router, metric)) }
                }
                dirty.append(resolution.router)
            }
        }
        guard holds else {
            dirty.sort()
            return .restart(BGPPropagation.Restart(recorded: recorded, dirty: dirty))
        }
        if costs.isEmpty && mapping.identity { return .reuse(recorded) }
        // Routes name their session by neighbor statement, which a failure does not renumber,
        // down routers' routes are hidden by the run's results (BGPResults.routerUp), and new
        // IGP costs travel beside the list: the baseline's list is shared, never copied.
        var result = recorded
        if !mapping.identity && result.inaccessible.contains(where: { !mapping.routerUp[$0.router] }) {
            result.inaccessible = result.inaccessible.filter { mapping.routerUp[$0.router] }
        }
        result.igpCostPatches = costs.sorted { $0.router < $1.router }
        result.consulted = []
        result.received = []
        return .reuse(result)
    }
}

/// One router's non-BGP prefixes that may differ from the baseline's (or, for session checks,
/// every router's), so that "does any of them cover this next hop" is a few probes.
struct ChangedRoutes: Sendable {
    /// The prefixes themselves (failures --rib lists routes by them).
    let prefixes: Set<Prefix>
    /// Small sets (the usual few prefixes per router) are scanned: cheaper than hashing.
    private let few: [Prefix]
    private let map: PrefixMap<Bool>
    /// The prefix lengths present, per family.
    private let lengths: PrefixLengthMask
    let count: Int

    init(_ prefixes: Set<Prefix>) {
        self.prefixes = prefixes
        count = prefixes.count
        var mask = PrefixLengthMask()
        for prefix in prefixes { mask.insert(prefix) }
        lengths = mask
        if prefixes.count <= 16 {
            few = Array(prefixes)
            map = PrefixMap()
        } else {
            few = []
            var map = PrefixMap<Bool>(minimumCapacity: prefixes.count)
            for prefix in prefixes { map[prefix] = true }
            self.map = map
        }
    }

    var isEmpty: Bool { count == 0 }

    func contains(_ prefix: Prefix) -> Bool {
        count <= 16 ? few.contains(prefix) : map.contains(prefix)
    }

    func covers(_ address: IPAddress) -> Bool {
        if count <= 16 { return few.contains { $0.contains(address) } }
        return lengths.lengths(for: address).contains { map.contains(Prefix(network: address, length: $0)) }
    }
}
