/// Re-propagation of one prefix after a failure, starting from the recorded (no-failure) best
/// paths instead of from nothing: only routers whose inputs changed are decided again (their
/// origination, a next-hop resolution they made, or a session they received the prefix over is
/// gone), and a router is decided again whenever what a neighbour exports to it changes. This is
/// what routers do after a failure: they keep their state and process the updates it causes.
///
/// Every router that is not decided again keeps a best path that is still the best of its
/// unchanged candidates, so the end state is a stable state of the failure scenario, the same
/// one propagation from scratch reaches whenever the prefix has a single stable state. Where it
/// has several (policy disputes, RFC 3345 MED and route-reflection anomalies), routers settle
/// in the one reached from where they were, as real routers would; propagation from scratch
/// may land elsewhere (Tests/SimulationTests/Fixtures/bgp-two-stable-states.yml pins one such
/// case). Prefixes that did not converge in the recorded run, and re-propagations that exceed
/// the event bound, are propagated from scratch instead.
/// Tested: EngineInvariantTests compare it with propagation from scratch on every single
/// failure (and pairs on small networks) of every example and generated network.
extension BGPPropagation {
    /// The routers to decide again for one prefix; see BGPReuse.decide.
    struct Restart {
        var recorded: Result
        var dirty: [Int]
    }

    /// Per router, what a re-propagation keeps beside the propagation's own buffers (Scratch);
    /// sized once per worker and cleared for the routers a prefix touched.
    struct ReplayState {
        /// Whether its recorded best path was loaded, whether it was decided again, and its
        /// lowest unresolvable next hop.
        var seeded: [Bool]
        var redecided: [Bool]
        /// The recorded best path came over a session that is gone.
        var staleSeed: [Bool]
        var invalidHop: [IPAddress?]
        /// The path it held before the failure, in this run's terms (peering and interned
        /// attributes), once looked up (`heldLooked`).
        var held: [(peering: Int32, attributes: Int32)?]
        var heldLooked: [Bool]

        init(routers: Int) {
            seeded = Array(repeating: false, count: routers)
            redecided = Array(repeating: false, count: routers)
            staleSeed = Array(repeating: false, count: routers)
            invalidHop = Array(repeating: nil, count: routers)
            held = Array(repeating: nil, count: routers)
            heldLooked = Array(repeating: false, count: routers)
        }

        mutating func reset(_ routers: [Int]) {
            for r in routers { seeded[r] = false; redecided[r] = false; staleSeed[r] = false; invalidHop[r] = nil; held[r] = nil; heldLooked[r] = false }
        }
    }

    func makeReplayState() -> ReplayState { ReplayState(routers: network.routers.count) }

    /// nil when the bound on decisions is exceeded (the caller propagates from scratch).
    /// `peeringOfNeighbor[r][n]`: router r's peering index for its neighbor statement n in this run (-1: down).
    /// `heldBefore`: the paths routers held before the failure (the recorded run's result),
    /// which the oldest-path step prefers; nil when age is unknown.
    func repropagate(_ prefix: Prefix, origins: [Int: BGPRoute], from restart: Restart, routerUp: [Bool],
                     peeringOfNeighbor: [[Int32]], heldBefore: Result?, scratch: inout Scratch, replay: inout ReplayState) -> Result? {
        defer { replay.reset(scratch.touchedRouters); scratch.reset() }
        let recordedBest = restart.recorded.best
        let local = localPaths(origins, scratch: &scratch)

        /// Router q's path from before the failure, if its session is still up.
        func held(_ q: Int) -> (peering: Int32, attributes: Int32)? {
            if replay.heldLooked[q] { return replay.held[q] }
            replay.heldLooked[q] = true
            guard let list = heldBefore?.best else { return nil }
            let low = list.lowerBound { $0.router < q }
            guard low < list.count, list[low].router == q, case .learned(let neighbor, _, _, _) = list[low].route.source,
                  neighbor < peeringOfNeighbor[q].count, peeringOfNeighbor[q][neighbor] >= 0 else { return nil }
            replay.held[q] = (peeringOfNeighbor[q][neighbor], scratch.internShared(list[low].route.shared))
            return replay.held[q]
        }

        func recordedRoute(_ r: Int) -> BGPRoute? {
            let low = recordedBest.lowerBound { $0.router < r }
            return low < recordedBest.count && recordedBest[low].router == r ? recordedBest[low].route : nil
        }

        /// A router's best path as recorded, in this run's terms; nil when it came over a
        /// session that is gone (that router is among the dirty ones and decides again).
        func seed(_ r: Int) {
            guard !replay.seeded[r] else { return }
            replay.seeded[r] = true
            scratch.touchRouter(r)
            scratch.best[r] = nil
            guard routerUp[r], let route = recordedRoute(r) else { return }
            // A path over a session that is gone: what it exported cannot be worked out in this
            // run's sessions, so when it decides again, every neighbour hears from it.
            guard let path = workPath(route, at: r, peeringOfNeighbor: peeringOfNeighbor, scratch: &scratch) else { replay.staleSeed[r] = true; return }
            scratch.best[r] = path
            scratch.bestStep[r] = route.decidedBy
        }

        for r in restart.dirty where routerUp[r] {
            seed(r)
            scratch.enqueue(r)
        }
        var decisions = 0
        let limit = eventBound
        var candidates: [Candidate] = []
        var eliminated: [BestPathStep] = [], order: [Int] = []
        var exportMemo = ExportMemo()
        while let q = scratch.dequeue() {
            decisions += 1
            if decisions > limit { return nil }
            // Candidates: the local path, then what each neighbour's current best path exports to q, in slot order.
            candidates.removeAll(keepingCapacity: true)
            if let path = local[q] { candidates.append(Candidate(path: path, key: scratch.keys[Int(path.attributes)])) }
            var invalid: IPAddress?
            let base = slotOffsets[q]
            for slot in base..<slotOffsets[q + 1] {
                let info = slots[slot]
                guard info.peerSlot >= 0 else { continue }
                seed(info.peer)
                let arrived = arrival(prefix, at: q, over: slot - base, peerBest: scratch.best[info.peer], scratch: &scratch, memo: &exportMemo)
                if let imported = arrived.imported {
                    let old = held(q).map { $0.peering == imported.peering && $0.attributes == imported.attributes } ?? false
                    candidates.append(Candidate(path: imported, key: scratch.keys[Int(imported.attributes)], heldBefore: old))
                } else if let unresolved = arrived.unresolved, invalid.map({ unresolved < $0 }) ?? true {
                    invalid = unresolved
                }
            }
            let decision = DecisionProcess.decide(candidates, localAS: asns[q], options: bestPathOptions[q], eliminatedAt: &eliminated, order: &order)
            let newBest = decision.map { candidates[$0.index].path }
            if let decision { scratch.bestStep[q] = decision.step }
            replay.redecided[q] = true
            replay.invalidHop[q] = invalid
            let old = scratch.best[q]
            let stale = replay.staleSeed[q]
            if newBest == old && !stale { continue }
            scratch.best[q] = newBest
            replay.staleSeed[q] = false
            // Neighbours whose advertisement from q changes decide again.
            for slot in base..<slotOffsets[q + 1] {
                let info = slots[slot]
                guard info.peerSlot >= 0, routerUp[info.peer], !scratch.queued[info.peer], !sendsOriginatedDefault(prefix, slot: slot) else { continue }
                if !stale {
                    let before = old.flatMap { export($0, prefix: prefix, from: q, over: slot - base, slot: slot, scratch: &scratch, memo: &exportMemo) }
                    let after = newBest.flatMap { export($0, prefix: prefix, from: q, over: slot - base, slot: slot, scratch: &scratch, memo: &exportMemo) }
                    if before?.attributes == after?.attributes { continue }
                }
                seed(info.peer)
                scratch.enqueue(info.peer)
            }
        }

        // The recorded list stays shared; the routers decided again patch it (routers that
        // are down are hidden by the run's results, BGPResults.routerUp).
        let decided = scratch.touchedRouters.filter { replay.redecided[$0] }.sorted()
        var patches: [(router: Int, route: BGPRoute?)] = []
        var inaccessible = restart.recorded.inaccessible.filter { routerUp[$0.router] && !replay.redecided[$0.router] }
        for r in decided {
            let before = recordedRoute(r)
            if let path = scratch.best[r] {
                let route = route(from: path, at: r, step: scratch.bestStep[r], scratch: &scratch)
                if before != route { patches.append((r, route)) }
            } else {
                if before != nil { patches.append((r, nil)) }
                if let hop = replay.invalidHop[r] { inaccessible.append((r, hop)) }
            }
        }
        return Result(best: recordedBest, routePatches: patches, inaccessible: inaccessible, oscillating: [], events: decisions)
    }
}
