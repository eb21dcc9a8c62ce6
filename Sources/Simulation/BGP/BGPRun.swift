import Foundation
import Synchronization

/// BGP for one run: originations, per-prefix propagation (in parallel), then the outer loop over
/// aggregate activation and conditional-advertisement conditions until both stop changing.
struct BGPRun {
    let network: Network
    let liveness: Liveness
    let nonBGP: [RIBTable]
    var propagation: BGPPropagation
    let options: SimulationOptions

    var tables: [BGPTable] = []
    var inaccessible: [[Prefix: IPAddress]] = []
    var activeAggregates: [[BGPAggregate]] = []
    var diagnostics: [Diagnostic] = []
    var events = 0
    var rounds = 0
    var converged = true
    /// The last round's prefixes that hit the event bound, with the routers still changing.
    var oscillatingPrefixes: [(prefix: Prefix, routers: [Int])] = []
    /// The aggregate / conditional-advertisement loop did not settle.
    var outerLoopCycled = false
    /// Results of a no-failure run to take per prefix where they still hold.
    let reuse: BGPReuse?
    /// With `record`: the last round's results, for later runs' `reuse`.
    var recorded: BGPReuse?
    /// Prefixes whose result came from `reuse` in the last round, as it was or re-propagated from it.
    var reusedPrefixes = 0
    var repropagatedPrefixes = 0
    /// With `reuse`: the prefixes whose results (at any router) may differ from the recorded run's.
    var changedPrefixes: Set<Prefix>?

    /// Per router, the non-BGP prefixes that may differ from the baseline's (nil: unknown).
    let changedRoutes: [ChangedRoutes?]?
    /// Some router configures an aggregate (whose state a failure run does not take from the baseline).
    let hasAggregates: Bool

    init(network: Network, liveness: Liveness, nonBGP: [RIBTable], propagation: BGPPropagation, options: SimulationOptions,
         reuse: BGPReuse? = nil, changedRoutes: [Set<Prefix>?]? = nil, record: Bool = false) {
        self.changedRoutes = changedRoutes.map { $0.map { $0.map(ChangedRoutes.init) } }
        hasAggregates = network.routers.indices.contains { !(network.routers[$0].bgp?.aggregates.isEmpty ?? true) }
        self.network = network
        self.liveness = liveness
        self.nonBGP = nonBGP
        self.propagation = propagation
        self.options = options
        self.reuse = reuse
        self.propagation.recordConsulted = record
        activeAggregates = Array(repeating: [], count: network.routers.count)
    }

    mutating func run() {
        let needsOuterLoop = network.routers.contains { router in
            guard let bgp = router.bgp else { return false }
            return !bgp.aggregates.isEmpty || bgp.neighbors.contains { $0.conditionalAdvertisement != nil }
        }
        /// The outer-loop states seen so far: active aggregates and condition results per router.
        struct OuterState: Hashable {
            var aggregates: [[Prefix]]
            var conditions: [[Int: Bool]]
        }
        var history: Set<OuterState> = []
        seedConditionsFromReuse()
        while true {
            rounds += 1
            propagateAll()
            guard needsOuterLoop else { return }
            let aggregates = evaluateAggregates()
            let conditions = evaluateConditions()
            let unchanged = aggregates.map { $0.map(\.prefix) } == activeAggregates.map { $0.map(\.prefix) } && conditions == propagation.conditionAllows
            if unchanged { return }
            let state = OuterState(aggregates: aggregates.map { $0.map(\.prefix) }, conditions: conditions)
            if history.contains(state) || rounds >= options.maximumBGPRounds {
                converged = false
                outerLoopCycled = true
                diagnostics.append(Diagnostic(.warning, "SIM002", "aggregates and conditional advertisements do not settle after \(rounds) rounds",
                                              at: nil, hint: "an exist-map or aggregate probably depends on a route it controls"))
                return
            }
            history.insert(state)
            activeAggregates = aggregates
            propagation.conditionAllows = conditions
            propagation.suppressing = aggregates.map { $0.filter(\.summaryOnly).map(\.prefix) }
        }
    }

    /// A failure run starts its conditional advertisements where the recorded run ended (as
    /// routers do: a failure does not reset their conditions), so the first round can reuse
    /// the recorded results; the loop then settles them as usual. Starting from nothing would
    /// make every prefix propagate from scratch in the first round of every scenario. Not done
    /// with aggregates, whose recorded state is not kept.
    mutating func seedConditionsFromReuse() {
        guard let reuse, reuse.conditionsByNeighbor.count == network.routers.count, !hasAggregates else { return }
        propagation.conditionAllows = network.routers.indices.map { r in
            var states: [Int: Bool] = [:]
            for (p, peering) in propagation.peerings[r].enumerated() where propagation.neighbor(r, p).conditionalAdvertisement != nil {
                if let allowed = reuse.conditionsByNeighbor[r][peering.neighborIndex] { states[p] = allowed }
            }
            return states
        }
    }

    static let defaultRoute = Prefix(network: IPAddress(0), length: 0)

    func originations(reusing: Bool = true) -> [Prefix: [Int: BGPRoute]] {
        if reusing, let recorded = reusableOriginations() { return recorded }
        var result: [Prefix: [Int: BGPRoute]] = [:]
        for (r, router) in network.routers.enumerated() where liveness.routerUp[r] {
            guard let bgp = router.bgp else { continue }
            func local(_ prefix: Prefix, origin: BGPOrigin, kind: LocalOrigin, attributes: BGPAttributes? = nil) {
                guard result[prefix]?[r] == nil else { return }
                var attrs = attributes ?? BGPAttributes()
                attrs.origin = origin
                attrs.weight = 32768
                attrs.nextHop = IPAddress(0)
                result[prefix, default: [:]][r] = BGPRoute(attributes: attrs, source: .local(kind), originatorID: nil,
                                                           clusterList: [], igpCost: 0, decidedBy: .onlyPath, peerRouterID: router.routerID)
            }
            let importCheck = router.checksNetworkImport
            for statement in bgp.networks where !importCheck || nonBGP[r][statement.prefix] != nil {
                local(statement.prefix, origin: .igp, kind: .network)
            }
            for aggregate in activeAggregates[r] {
                local(aggregate.prefix, origin: .igp, kind: .aggregate)
            }
            let evaluator = propagation.evaluators[r]
            let sortedRIB = bgp.redistributions.isEmpty ? [] : nonBGP[r].sorted { $0.key < $1.key }
            for redistribution in bgp.redistributions {
                for (prefix, entry) in sortedRIB where redistribution.families?.contains(prefix.family) ?? true {
                    let matches: Bool
                    switch redistribution.source {
                    case .static: matches = entry.protocolKind == .static
                    case .connected: matches = entry.protocolKind == .connected
                    case .igp: matches = entry.protocolKind == .ospf || entry.protocolKind == .isis
                    }
                    guard matches else { continue }
                    var attributes = BGPAttributes(origin: .incomplete)
                    if let map = redistribution.routeMap {
                        guard case .permitted(let changed, _) = evaluator.apply(map, prefix: prefix, attributes: attributes,
                                                                                     source: LocalOrigin(redistribution.source).routeSource) else { continue }
                        attributes = changed
                    }
                    local(prefix, origin: .incomplete, kind: LocalOrigin(redistribution.source), attributes: attributes)
                }
            }
            // `default-originate` sends a default on its sessions whether or not anyone originates one.
            if bgp.neighbors.contains(where: \.defaultOriginate), result[Self.defaultRoute] == nil { result[Self.defaultRoute] = [:] }
        }
        return result
    }

    /// The recorded run's originations when they cannot differ: every router is up, no router
    /// aggregates or redistributes, and no `network` statement's prefix is among the non-BGP
    /// routes that may have changed (only their presence matters).
    func reusableOriginations() -> [Prefix: [Int: BGPRoute]]? {
        guard let reuse, let changedRoutes, !hasAggregates, !liveness.routerUp.contains(false) else { return nil }
        for r in network.routers.indices {
            guard let bgp = network.routers[r].bgp else { continue }
            guard bgp.redistributions.isEmpty, let changed = changedRoutes[r] else { return nil }
            if changed.isEmpty { continue }
            for statement in bgp.networks where changed.contains(statement.prefix) { return nil }
        }
        return reuse.origins
    }

    /// Prefixes propagate in parallel in batches; each batch's results are merged into the
    /// per-router tables before the next starts, which bounds the memory held in results.
    mutating func propagateAll() {
        let origins = originations()
        let prefixes = origins.keys.sorted()
        let workers = max(1, min(options.threads, prefixes.count / 64 + 1))
        let propagation = self.propagation
        let reuse = self.reuse
        let mapping = reuse?.mapping(to: propagation, routerUp: liveness.routerUp)
        let now = mapping.map { _ in reuse?.resolutionsNow(in: propagation, changed: changedRoutes, routerUp: liveness.routerUp) ?? .none } ?? .none
        let reusedCount = Mutex(0), repropagatedCount = Mutex(0)
        let changedList = Mutex<[Prefix]>([])
        let routerUp = liveness.routerUp
        let routeAge = options.routeAge
        let peeringOfNeighbor: [[Int32]] = mapping == nil ? [] : self.peeringOfNeighbor()
        var kept: [Prefix: BGPPropagation.Result] = [:]
        let scratches = (0..<workers).map { _ in ScratchBox.take(for: propagation) }
        defer { ScratchBox.giveBack(scratches) }
        var stored = BGPResults()
        stored.reserveCapacity(prefixes.count)
        if liveness.routerUp.contains(false) { stored.routerUp = liveness.routerUp }
        var inaccessible = [[Prefix: IPAddress]](repeating: [:], count: network.routers.count)
        var oscillating: [(Prefix, [Int])] = []
        let batchSize = 512
        var start = 0
        while start < prefixes.count {
            let batch = Array(prefixes[start..<min(start + batchSize, prefixes.count)])
            let batchStart = start
            start += batch.count
            let results = ResultSlots(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let box = scratches[worker]
                var index = worker
                while index < batch.count {
                    let prefix = batch[index]
                    let prefixOrigins = origins[prefix] ?? [:]
                    let decision = mapping.flatMap { mapping in
                        reuse?.decide(prefix, hint: batchStart + index, origins: prefixOrigins, now: now, mapping: mapping)
                    } ?? .scratch
                    var result: BGPPropagation.Result?
                    switch decision {
                    case .reuse(let recorded):
                        result = recorded
                        reusedCount.withLock { $0 += 1 }
                        if !recorded.igpCostPatches.isEmpty { changedList.withLock { $0.append(prefix) } }
                    case .restart(let restart):
                        result = propagation.repropagate(prefix, origins: prefixOrigins, from: restart, routerUp: routerUp,
                                                         peeringOfNeighbor: peeringOfNeighbor, heldBefore: routeAge ? restart.recorded : nil,
                                                         scratch: &box.scratch, replay: &box.replay)
                        if result != nil { repropagatedCount.withLock { $0 += 1 } }
                        changedList.withLock { $0.append(prefix) }
                    case .scratch:
                        changedList.withLock { $0.append(prefix) }
                    }
                    results.store(index, result ?? propagation.propagate(prefix, origins: prefixOrigins, scratch: &box.scratch))
                    index += workers
                }
            }
            let collected = results.takeAll()
            for (index, prefix) in batch.enumerated() {
                guard let result = collected[index] else { continue }
                if propagation.recordConsulted { kept[prefix] = result }
                events += result.events
                stored.append(prefix, result.best, costPatches: result.igpCostPatches, routePatches: result.routePatches)
                for (router, hop) in result.inaccessible { inaccessible[router][prefix] = hop }
                if !result.oscillating.isEmpty { oscillating.append((prefix, result.oscillating)) }
            }
        }
        tables = network.routers.indices.map { BGPTable(router: $0, results: stored) }
        self.inaccessible = inaccessible
        reusedPrefixes = reusedCount.withLock { $0 }
        repropagatedPrefixes = repropagatedCount.withLock { $0 }
        if let reuse, mapping != nil {
            var changed = Set(changedList.withLock { $0 })
            // Prefixes that appeared or disappeared changed too.
            if reuse.prefixes != prefixes { changed.formUnion(Set(reuse.prefixes).symmetricDifference(prefixes)) }
            changedPrefixes = changed
        } else {
            changedPrefixes = nil
        }
        if propagation.recordConsulted {
            recorded = BGPReuse(results: kept, origins: origins, slots: propagation.slots, slotOffsets: propagation.slotOffsets,
                                hasClients: propagation.hasClients, conditionAllows: propagation.conditionAllows, suppressing: propagation.suppressing)
            recorded?.conditionsByNeighbor = propagation.conditionAllows.enumerated().map { r, states in
                var byNeighbor: [Int: Bool] = [:]
                for (p, allowed) in states { byNeighbor[propagation.peerings[r][p].neighborIndex] = allowed }
                return byNeighbor
            }
        }
        diagnostics.removeAll { $0.code == "SIM001" }
        oscillatingPrefixes = oscillating.map { ($0.0, $0.1) }
        if !oscillating.isEmpty {
            converged = false
            for (prefix, routers) in oscillating.prefix(20) {
                diagnostics.append(Diagnostic(.warning, "SIM001", "BGP does not converge for \(prefix): best paths keep changing at \(routers.map { network.routers[$0].name }.joined(separator: ", "))",
                                              at: nil, hint: "look for policy dispute wheels or MED oscillation (RFC 3345)"))
            }
        }
    }

    func peeringOfNeighbor() -> [[Int32]] { propagation.peeringOfNeighbor() }

    /// The prefixes whose final best paths are not a stable state, each with the routers that
    /// would change: every router decides once more on what its neighbours' final best paths
    /// export to it (the final aggregates and conditions held fixed, originations computed
    /// afresh), and in a stable state none of them changes. Two runs that disagree while both
    /// are stable show a prefix with several stable states; a run that is not stable has a bug
    /// or did not converge.
    func unstablePrefixes() -> [(prefix: Prefix, routers: [Int])] {
        let origins = originations(reusing: false)
        let peerings = peeringOfNeighbor()
        var prefixes = Set(origins.keys)
        for table in tables { prefixes.formUnion(table.keys) }
        let deciders = network.routers.indices.filter { liveness.routerUp[$0] && network.routers[$0].bgp != nil }
        var scratch = propagation.makeScratch(), replay = propagation.makeReplayState()
        var unstable: [(prefix: Prefix, routers: [Int])] = []
        for prefix in prefixes.sorted() {
            var best: [(router: Int, route: BGPRoute)] = []
            var inaccessible: [(router: Int, nextHop: IPAddress)] = []
            for r in network.routers.indices where liveness.routerUp[r] {
                if let route = tables[r][prefix] { best.append((r, route)) }
                if let hop = self.inaccessible[r][prefix] { inaccessible.append((r, hop)) }
            }
            let recorded = BGPPropagation.Result(best: best, inaccessible: inaccessible, oscillating: [], events: 0)
            // Age as the run had it: paths held before the failure, when it started from a recorded run.
            guard let again = propagation.repropagate(prefix, origins: origins[prefix] ?? [:], from: .init(recorded: recorded, dirty: deciders),
                                                      routerUp: liveness.routerUp, peeringOfNeighbor: peerings,
                                                      heldBefore: options.routeAge ? reuse?.recordedResult(prefix) : nil, scratch: &scratch, replay: &replay) else {
                unstable.append((prefix, deciders))
                continue
            }
            // Whether the chosen paths change, not the step that names the choice (age can name
            // an unchanged choice differently).
            func unlabelled(_ route: BGPRoute) -> BGPRoute { var copy = route; copy.decidedBy = .onlyPath; return copy }
            var before: [Int: BGPRoute] = [:], after: [Int: BGPRoute] = [:]
            for (r, route) in best { before[r] = unlabelled(route) }
            for (r, route) in again.patchedBest { after[r] = unlabelled(route) }
            let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            if !changed.isEmpty { unstable.append((prefix, changed)) }
        }
        return unstable
    }

    func evaluateAggregates() -> [[BGPAggregate]] {
        network.routers.indices.map { r in
            guard liveness.routerUp[r], let bgp = network.routers[r].bgp, !bgp.aggregates.isEmpty else { return [] }
            return bgp.aggregates.filter { aggregate in
                tables[r].keys.contains { $0 != aggregate.prefix && aggregate.prefix.contains($0) }
            }
        }
    }

    func evaluateConditions() -> [[Int: Bool]] {
        network.routers.indices.map { r in
            var states: [Int: Bool] = [:]
            for p in propagation.peerings[r].indices {
                guard let conditional = propagation.neighbor(r, p).conditionalAdvertisement else { continue }
                let evaluator = propagation.evaluators[r]
                // Which paths a condition sees differs by dialect (docs/bgp-decision-process.md):
                // FRR matches every path in its BGP table, including ones whose next hop does not
                // resolve (bgpd/bgp_conditional_adv.c); the others, routesim takes the valid best
                // paths. Invalid-only entries are matched by prefix (their attributes are not kept).
                func present(_ map: String) -> Bool {
                    if tables[r].contains(where: { evaluator.permits(map, prefix: $0.key, attributes: $0.value.attributes,
                                                                              source: $0.value.source.routeSource) }) { return true }
                    guard network.routers[r].dialect == .frr else { return false }
                    return inaccessible[r].keys.contains { evaluator.permits(map, prefix: $0, attributes: BGPAttributes()) }
                }
                switch conditional.condition {
                case .exist(let map):
                    states[p] = present(map)
                case .nonExist(let map):
                    states[p] = !present(map)
                case .routeExists(let prefix):
                    states[p] = nonBGP[r][prefix] != nil || tables[r][prefix] != nil
                }
            }
            // A timeline instant before the scanner has run keeps the state before the failure.
            if !options.held.conditions.isEmpty {
                for p in propagation.peerings[r].indices {
                    if let held = options.held.conditions[HeldChanges.Statement(router: r, neighbor: propagation.peerings[r][p].neighborIndex)] { states[p] = held }
                }
            }
            return states
        }
    }
}

/// One slot per prefix, each written by exactly one worker.
final class ResultSlots: Sendable {
    private let slots: Mutex<[BGPPropagation.Result?]>
    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
    func store(_ index: Int, _ result: BGPPropagation.Result) { slots.withLock { $0[index] = result } }
    func takeAll() -> [BGPPropagation.Result?] { slots.withLock { let all = $0; $0 = []; return all } }
}

/// A worker's scratch buffers, handed to exactly one worker of each batch.
final class ScratchBox: @unchecked Sendable {
    // Each box is used by one worker index only; batches run one after another.
    var scratch: BGPPropagation.Scratch
    var replay: BGPPropagation.ReplayState
    /// The routers and slots it was made for (it serves any propagation of as many routers and
    /// at most as many slots).
    let routers: Int, slots: Int

    init(_ propagation: BGPPropagation) {
        scratch = propagation.makeScratch()
        replay = propagation.makeReplayState()
        routers = propagation.network.routers.count
        slots = propagation.slotOffsets.last ?? 0
    }

    /// Boxes that finished a propagation, clean (each propagation resets what it touched). A
    /// sweep's scenarios made fresh ones each: their per-slot buffers (tens of MB in a large
    /// VPN) were zeroed page by page, which showed as a sixth of the sweep's time.
    private static let idle = Mutex<[ScratchBox]>([])
    private static let idleLimit = 16

    /// A clean box that fits `propagation`, with its next-hop resolutions forgotten (they were
    /// another propagation's RIBs).
    static func take(for propagation: BGPPropagation) -> ScratchBox {
        let routers = propagation.network.routers.count, slots = propagation.slotOffsets.last ?? 0
        let found = idle.withLock { boxes -> ScratchBox? in
            guard let index = boxes.lastIndex(where: { $0.routers == routers && $0.slots >= slots }) else { return nil }
            return boxes.remove(at: index)
        }
        guard let box = found else { return ScratchBox(propagation) }
        box.scratch.forgetResolutions()
        return box
    }

    static func giveBack(_ boxes: [ScratchBox]) {
        idle.withLock { idle in
            idle.append(contentsOf: boxes)
            if idle.count > idleLimit { idle.removeFirst(idle.count - idleLimit) }
        }
    }
}
