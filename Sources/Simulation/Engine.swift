import Foundation
import Synchronization

public struct SimulationOptions: Sendable {
    /// Rounds of the aggregate / conditional-advertisement outer loop before giving up.
    public var maximumBGPRounds = 16
    /// Rounds of the track (IP SLA) fixed point before reporting oscillation.
    public var maximumTrackIterations = 16
    /// Worker threads for per-prefix BGP propagation (defaults to the core count).
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// After BGP settles, check that every prefix's best paths are a stable state
    /// (`Statistics.unstablePrefixes`); costs about one more propagation per prefix.
    public var checkStability = false
    /// After a failure, prefer paths held before it at the oldest-path step (what routers do).
    /// Off, a failure run from a baseline gives exactly what a run from scratch gives wherever
    /// BGP has one stable state (the reuse invariant tests use that).
    public var routeAge = true
    /// Changes that have not happened yet at an instant of a failure's timeline
    /// (docs/timeline.md); empty: the converged state.
    public var held = HeldChanges()
    public init() {}
}

/// What a timeline instant keeps from before the failure because its timer has not run out:
/// BGP sessions still up (hold time, BFD), track states not yet changed (probe, delay),
/// conditional advertisements not yet re-evaluated (scanner).
public struct HeldChanges: Sendable, Hashable {
    /// A router's neighbor statement.
    public struct Statement: Sendable, Hashable, Comparable {
        public var router: Int
        public var neighbor: Int
        public init(router: Int, neighbor: Int) { self.router = router; self.neighbor = neighbor }
        public static func < (a: Statement, b: Statement) -> Bool { (a.router, a.neighbor) < (b.router, b.neighbor) }
    }
    public struct TrackKey: Sendable, Hashable {
        public var router: Int
        public var track: Int
        public init(router: Int, track: Int) { self.router = router; self.track = track }
    }
    /// Sessions that keep their state before the failure (established).
    public var sessions: Set<Statement> = []
    public var tracks: [TrackKey: Bool] = [:]
    public var conditions: [Statement: Bool] = [:]
    public init() {}
    public var isEmpty: Bool { sessions.isEmpty && tracks.isEmpty && conditions.isEmpty }
}

/// Runs the control plane to a fixed point: connected and static routes, the IGP, BGP sessions,
/// BGP propagation, then the IP SLA probes that drive tracked statics (repeated until the track
/// states stop changing). Deterministic: the same network and failures give the same DataPlane.
public enum Engine {
    /// The state the network reaches after `failures`, starting from its no-failure steady
    /// state: routers keep what they had and process what the failure changes, which is also
    /// what a failure sweep reports for the scenario (so `simulate --fail X` and the sweep's
    /// scenario X always agree). `fromScratch`: simulate with the failure already in place;
    /// that differs only where a prefix has several stable states (docs/failure-analysis.md).
    public static func runAfterFailure(_ network: Network, failures: FailureSpec, options: SimulationOptions = SimulationOptions(),
                                       fromScratch: Bool = false) -> (baseline: Baseline?, plane: DataPlane) {
        if failures.isEmpty { return (nil, run(network, options: options)) }
        if fromScratch { return (nil, run(network, failures: failures, options: options)) }
        let baseline = baseline(network, options: options)
        return (baseline, run(network, failures: failures, options: options, baseline: baseline))
    }

    /// A no-failure run that failure runs can start from (`run(_:failures:options:baseline:)`).
    /// Recording costs memory (about one more reference per best path).
    public static func baseline(_ network: Network, options: SimulationOptions = SimulationOptions()) -> Baseline {
        let (plane, record) = fixedPoint(network, failures: .none, options: options, from: nil, record: true)
        return Baseline(plane: plane, record: record)
    }

    /// `baseline`: a run of the same network without failures; what a failure cannot have
    /// changed is taken from it instead of recomputed (same answers, tested).
    public static func run(_ network: Network, failures: FailureSpec = .none, options: SimulationOptions = SimulationOptions(),
                           baseline: Baseline? = nil) -> DataPlane {
        fixedPoint(network, failures: failures, options: options, from: baseline, record: false).plane
    }

    /// The track fixed point: the control plane runs with assumed track states, the probes are
    /// traced over the result, and it runs again until the states settle (or cycle: SIM003).
    static func fixedPoint(_ network: Network, failures: FailureSpec, options: SimulationOptions, from baseline: Baseline?,
                           record: Bool) -> (plane: DataPlane, record: StageRecord?) {
        let liveness = baseline.map { Liveness(network: network, failures: failures, noFailures: $0.plane.liveness) }
            ?? Liveness(network: network, failures: failures)
        let owners = baseline?.plane.owners ?? AddressOwners(network: network)
        let hasTracks = network.routers.indices.contains { !network.routers[$0].tracks.isEmpty }
        var trackStates: [[Int: Bool]] = network.routers.indices.map { r in
            hasTracks ? Dictionary(uniqueKeysWithValues: network.routers[r].tracks.map { ($0.id, true) }) : [:]
        }
        var seen: [[[Int: Bool]]] = [trackStates]
        var iteration = 1
        while true {
            var (plane, recorded) = computeOnce(network, failures: failures, liveness: liveness, owners: owners, trackStates: trackStates,
                                                options: options, trackIterations: iteration, from: baseline?.record, record: record)
            guard hasTracks else { return (plane, recorded) }
            var next = ProbeEvaluator(plane: plane).trackStates()
            for (key, state) in options.held.tracks where next.indices.contains(key.router) { next[key.router][key.track] = state }
            if next == trackStates { return (plane, recorded) }
            if seen.contains(next) || iteration >= options.maximumTrackIterations {
                let flapping = network.routers.indices.flatMap { r in
                    next[r].keys.sorted().filter { next[r][$0] != trackStates[r][$0] }.map { "\(network.routers[r].name) track \($0)" }
                }
                // `plane` was computed with the current track states: report, do not recompute.
                var what = plane.statistics.nonConvergence ?? DataPlane.NonConvergence()
                for r in network.routers.indices {
                    for id in next[r].keys.sorted() where next[r][id] != trackStates[r][id] {
                        let statics = network.routers[r].staticRoutes.filter { $0.track == id }.map { "\($0.prefix) (\($0.location))" }
                        what.tracks.append(.init(router: network.routers[r].name, track: id, statics: statics))
                    }
                }
                plane.statistics.nonConvergence = what
                plane.statistics.converged = false
                plane.diagnostics.append(Diagnostic(.warning, "SIM003", "track states do not settle: \(flapping.joined(separator: ", ")) keep changing",
                                                    at: nil, hint: "a probe probably depends on the route its track controls"))
                return (plane, recorded)
            }
            seen.append(next)
            trackStates = next
            iteration += 1
        }
    }

    /// Router r's connected routes: one per up interface.
    static func connectedRoutes(_ network: Network, router r: Int, liveness: Liveness) -> [Prefix: RIBEntry] {
        let router = network.routers[r]
        var table: [Prefix: RIBEntry] = [:]
        for (i, interface) in router.interfaces.enumerated() where liveness.interfaceUp[r][i] {
            table[interface.prefix] = RIBEntry(prefix: interface.prefix, protocolKind: .connected, distance: router.distances.connected, metric: 0,
                                               forwarding: .attached(interface: i), origin: "connected \(interface.name)", location: interface.location)
            if let subnet = interface.ipv6?.prefix {
                table[subnet] = RIBEntry(prefix: subnet, protocolKind: .connected, distance: router.distances.connected, metric: 0,
                                         forwarding: .attached(interface: i), origin: "connected \(interface.name)", location: interface.location)
            }
        }
        return table
    }

    /// The winner for one prefix among IGP, installed static and connected routes, exactly as the
    /// full merge in `computeOnce` picks it (statics replace only a worse distance, in order;
    /// connected replaces anything not strictly better).
    static func merged(_ prefix: Prefix, igp: RIBTable, installed: [StaticResolution.Installed], connected: [Prefix: RIBEntry]) -> RIBEntry? {
        var current = igp[prefix]
        for item in installed where item.entry.prefix == prefix && RouteMerge.staticReplaces(current, with: item.entry) { current = item.entry }
        if let entry = connected[prefix], RouteMerge.connectedReplaces(current, with: entry) { current = entry }
        return current
    }

    /// One run of the control plane with fixed track states. `baseline`: take from it what the
    /// failures cannot have changed; `record`: keep what failure runs take (a no-failure run).
    static func computeOnce(_ network: Network, failures: FailureSpec, liveness: Liveness, owners: AddressOwners, trackStates: [[Int: Bool]],
                            options: SimulationOptions, trackIterations: Int, from baseline: StageRecord?, record: Bool) -> (DataPlane, StageRecord?) {
        let clock = ContinuousClock()
        var stages: [(String, Duration)] = []
        var mark = clock.now
        func lap(_ name: String) { let now = clock.now; stages.append((name, now - mark)); mark = now }

        // Connected, static and IGP routes; statics and IGP feed each other (redistribution, recursion).
        let connected: [[Prefix: RIBEntry]] = network.routers.indices.map { r in
            baseline?.connected(r, liveness: liveness) ?? connectedRoutes(network, router: r, liveness: liveness)
        }
        let statics = StaticResolution(network: network, liveness: liveness)
        let igp = IGPComputation(network: network, liveness: liveness)
        var igpRoutes = [RIBTable](repeating: RIBTable(), count: network.routers.count)
        var installed: [[StaticResolution.Installed]] = []
        var previous: [[Prefix]]? = nil
        var igpRecord: IGPComputation.Reuse?
        var igpChanged: [Set<Prefix>?] = Array(repeating: nil, count: network.routers.count)
        for _ in 0..<4 {
            installed = network.routers.indices.map { r in
                statics.resolve(router: r, connected: connected[r], igp: igpRoutes[r]) { trackStates[r][$0] ?? false }
            }
            let prefixes = installed.map { $0.map(\.entry.prefix).sorted() }
            if prefixes == previous { break }
            previous = prefixes
            let computed = igp.run(installedStatics: prefixes, reuse: baseline?.igp, record: record)
            igpRoutes = computed.routes
            igpRecord = computed.reuse
            igpChanged = computed.changed
        }
        let changedRoutes = baseline?.changedRoutes(igp: igpChanged, installed: installed, liveness: liveness, network: network)
        var nonBGP: [RIBTable] = []
        for r in network.routers.indices {
            guard liveness.routerUp[r] else { nonBGP.append(RIBTable()); continue }
            if let table = baseline?.nonBGP(r, changed: changedRoutes?[r], merge: { prefix in
                Self.merged(prefix, igp: igpRoutes[r], installed: installed[r], connected: connected[r])
            }) {
                nonBGP.append(table)
                continue
            }
            // Take the table out so that adding statics and connected routes does not copy it.
            var table = igpRoutes[r]
            igpRoutes[r] = RIBTable()
            for item in installed[r] where RouteMerge.staticReplaces(table[item.entry.prefix], with: item.entry) {
                table[item.entry.prefix] = item.entry
            }
            for (prefix, entry) in connected[r] where RouteMerge.connectedReplaces(table[prefix], with: entry) {
                table[prefix] = entry
            }
            nonBGP.append(table)
        }
        lap("igp+static")

        var sessionBuilder = BGPSessionBuilder(network: network, liveness: liveness, owners: owners, nonBGP: nonBGP)
        sessionBuilder.keepChecks = record
        if let changedRoutes { sessionBuilder.previous = baseline?.sessionChecks(changedRoutes: changedRoutes, liveness: liveness, network: network) }
        sessionBuilder.final = baseline?.sessions
        sessionBuilder.held = options.held.sessions
        let built = sessionBuilder.build()
        let sessions = built.statuses
        lap("sessions")

        let propagation: BGPPropagation
        if built.tookFinal, let recorded = baseline?.propagation {
            propagation = recorded.resolving(with: nonBGP)
        } else {
            propagation = BGPPropagation(network: network, peerings: built.peerings, resolvers: nonBGP, templates: owners.slotTemplates,
                                         otherFamily: owners.otherFamily)
        }
        var bgp = BGPRun(network: network, liveness: liveness, nonBGP: nonBGP, propagation: propagation, options: options,
                         reuse: baseline?.bgp, changedRoutes: changedRoutes, record: record)
        bgp.run()
        let unstable = options.checkStability ? bgp.unstablePrefixes().map { entry in
            DataPlane.UnstablePrefix(prefix: entry.prefix, routers: entry.routers.map { network.routers[$0].name })
        } : nil
        lap("bgp")
        var diagnostics = bgp.diagnostics
        diagnostics.sort { $0.message < $1.message }
        let aggregateRoutes: [[Prefix: RIBEntry]] = network.routers.indices.map { r in
            var table: [Prefix: RIBEntry] = [:]
            for aggregate in bgp.activeAggregates[r] {
                table[aggregate.prefix] = RIBEntry(prefix: aggregate.prefix, protocolKind: .bgp, distance: network.routers[r].distances.localBGP, metric: 0,
                                                   forwarding: .discard, origin: "aggregate-address \(aggregate.prefix)\(aggregate.summaryOnly ? " summary-only" : "") (installed to Null0)",
                                                   location: aggregate.location)
            }
            return table
        }
        var plane = DataPlane(network: network, failures: failures, liveness: liveness, owners: owners, nonBGPRoutes: nonBGP,
                         bgpTables: bgp.tables, inaccessible: bgp.inaccessible, aggregateRoutes: aggregateRoutes, sessions: sessions,
                         trackStates: trackStates, diagnostics: diagnostics,
                         statistics: .init(bgpEvents: bgp.events, bgpRounds: bgp.rounds, trackIterations: trackIterations, converged: bgp.converged, bgpReusedPrefixes: bgp.reusedPrefixes,
                                           bgpRepropagatedPrefixes: bgp.repropagatedPrefixes, reusedSessionChecks: built.reused,
                                           unstablePrefixes: unstable,
                                           stageSeconds: stages.map { ($0.0, Double($0.1.components.seconds) + Double($0.1.components.attoseconds) / 1e18) }))
        plane.delta = baseline?.delta(after: bgp)
        plane.finalPropagation = bgp.propagation
        if !bgp.converged {
            var what = DataPlane.NonConvergence()
            what.prefixes = bgp.oscillatingPrefixes.map { .init(prefix: $0.prefix, routers: $0.routers.map { network.routers[$0].name }) }
            what.aggregatesAndConditions = bgp.outerLoopCycled
            plane.statistics.nonConvergence = what
        }
        guard record, let igpRecord else { return (plane, nil) }
        return (plane, StageRecord(igp: igpRecord, staticEntries: installed.map { $0.map(\.entry) }, interfaceUp: liveness.interfaceUp,
                                   connected: connected, nonBGP: nonBGP, sessionChecks: built.checked,
                                   sessions: .init(routerUp: liveness.routerUp, statuses: sessions, peerings: built.peerings),
                                   propagation: propagation, bgp: bgp.recorded))
    }
}
