import Foundation
import Synchronization

public struct SimulationOptions: Sendable {
    /// Rounds of the aggregate / conditional-advertisement outer loop before giving up.
    public var maximumBGPRounds = 16
    /// Rounds of the track (IP SLA) fixed point before reporting oscillation.
    public var maximumTrackIterations = 16
    /// Worker threads for per-prefix BGP propagation (defaults to the core count).
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Keep what failure runs need to reuse this (no-failure) run's BGP results per prefix;
    /// costs memory (about one more reference per best path), so only a sweep's baseline sets it.
    public var recordForReuse = false
    /// After BGP settles, check that every prefix's best paths are a stable state
    /// (`Statistics.unstablePrefixes`); costs about one more propagation per prefix.
    public var checkStability = false
    /// After a failure, prefer paths held before it at the oldest-path step (what routers do).
    /// Off, a failure run from a baseline gives exactly what a run from scratch gives wherever
    /// BGP has one stable state (the reuse invariant tests use that).
    public var routeAge = true
    public init() {}
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
                                       fromScratch: Bool = false) -> (baseline: DataPlane?, plane: DataPlane) {
        if failures.isEmpty { return (nil, run(network, options: options)) }
        if fromScratch { return (nil, run(network, failures: failures, options: options)) }
        let baseline = baseline(network, options: options)
        return (baseline, run(network, failures: failures, options: options, baseline: baseline))
    }

    /// A no-failure run that failure runs can start from (`run(_:failures:options:baseline:)`).
    public static func baseline(_ network: Network, options: SimulationOptions = SimulationOptions()) -> DataPlane {
        var recording = options
        recording.recordForReuse = true
        return run(network, options: recording)
    }

    /// `baseline`: a run of the same network without failures; routers that a failure cannot
    /// affect take its IGP results instead of recomputing them (same answers, tested).
    public static func run(_ network: Network, failures: FailureSpec = .none, options: SimulationOptions = SimulationOptions(),
                           baseline: DataPlane? = nil) -> DataPlane {
        let reuse = baseline?.igpReuse
        let bgpReuse = baseline?.bgpReuse
        let owners = baseline?.owners ?? AddressOwners(network: network)
        let baseLiveness = baseline.flatMap { $0.failures.isEmpty ? $0.liveness : nil }
        let hasTracks = network.routers.indices.contains { !network.routers[$0].tracks.isEmpty }
        var trackStates: [[Int: Bool]] = network.routers.indices.map { r in
            hasTracks ? Dictionary(uniqueKeysWithValues: network.routers[r].tracks.map { ($0.id, true) }) : [:]
        }
        var seen: [[[Int: Bool]]] = [trackStates]
        var iteration = 1
        while true {
            var plane = computeOnce(network, failures: failures, trackStates: trackStates, options: options, trackIterations: iteration, reuse: reuse,
                                    bgpReuse: bgpReuse, owners: owners, baseLiveness: baseLiveness)
            guard hasTracks else { return plane }
            let next = ProbeEvaluator(plane: plane).trackStates()
            if next == trackStates { return plane }
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
                return plane
            }
            seen.append(next)
            trackStates = next
            iteration += 1
        }
    }

    /// Per router, the prefixes whose non-BGP route may differ from the baseline's: the IGP's
    /// own change set, plus statics installed differently, plus interfaces that changed state
    /// (nil when the IGP was recomputed from scratch: anything may differ).
    static func changedRoutes(igp: [Set<Prefix>?], installed: [[StaticResolution.Installed]], liveness: Liveness, network: Network,
                              baseline: IGPComputation.Reuse) -> [Set<Prefix>?] {
        network.routers.indices.map { r in
            guard r < baseline.staticEntries.count, r < baseline.interfaceUp.count else { return nil }
            let igpPart: Set<Prefix>?
            if network.igp(of: network.routers[r]) == nil { igpPart = [] } else { igpPart = igp[r] }
            guard var changed = igpPart else { return nil }
            let now = installed[r].map(\.entry), before = baseline.staticEntries[r]
            if now != before {
                // Per prefix in order: with several statics for one prefix, the first of the lowest distance wins.
                var old: [Prefix: [RIBEntry]] = [:]
                for entry in before { old[entry.prefix, default: []].append(entry) }
                var new: [Prefix: [RIBEntry]] = [:]
                for entry in now { new[entry.prefix, default: []].append(entry) }
                for prefix in Set(old.keys).union(new.keys) where old[prefix] != new[prefix] { changed.insert(prefix) }
            }
            for (i, interface) in network.routers[r].interfaces.enumerated() where liveness.interfaceUp[r][i] != baseline.interfaceUp[r][i] {
                changed.insert(interface.prefix)
            }
            return changed
        }
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

    static func computeOnce(_ network: Network, failures: FailureSpec, trackStates: [[Int: Bool]], options: SimulationOptions,
                            trackIterations: Int, reuse: IGPComputation.Reuse? = nil, bgpReuse: BGPReuse? = nil, owners: AddressOwners,
                            baseLiveness: Liveness? = nil) -> DataPlane {
        let clock = ContinuousClock()
        var stages: [(String, Duration)] = []
        var mark = clock.now
        func lap(_ name: String) { let now = clock.now; stages.append((name, now - mark)); mark = now }
        let liveness = baseLiveness.map { Liveness(network: network, failures: failures, noFailures: $0) } ?? Liveness(network: network, failures: failures)

        // Connected, static and IGP routes; statics and IGP feed each other (redistribution, recursion).
        let connected: [[Prefix: RIBEntry]] = network.routers.indices.map { r in
            if let reuse, r < reuse.connected.count, liveness.interfaceUp[r] == reuse.interfaceUp[r] { return reuse.connected[r] }
            let router = network.routers[r]
            var table: [Prefix: RIBEntry] = [:]
            for (i, interface) in router.interfaces.enumerated() where liveness.interfaceUp[r][i] {
                table[interface.prefix] = RIBEntry(prefix: interface.prefix, protocolKind: .connected, distance: router.distances.connected, metric: 0,
                                                   forwarding: .attached(interface: i), origin: "connected \(interface.name)", location: interface.location)
            }
            return table
        }
        let statics = StaticResolution(network: network, liveness: liveness)
        let igp = IGPComputation(network: network, liveness: liveness)
        var igpRoutes = [RIBTable](repeating: RIBTable(), count: network.routers.count)
        var installed: [[StaticResolution.Installed]] = []
        var previous: [[Prefix]]? = nil
        var igpReuse: IGPComputation.Reuse?
        var igpChanged: [Set<Prefix>?] = Array(repeating: nil, count: network.routers.count)
        for _ in 0..<4 {
            installed = network.routers.indices.map { r in
                statics.resolve(router: r, connected: connected[r], igp: igpRoutes[r]) { trackStates[r][$0] ?? false }
            }
            let prefixes = installed.map { $0.map(\.entry.prefix).sorted() }
            if prefixes == previous { break }
            previous = prefixes
            let computed = igp.run(installedStatics: prefixes, reuse: reuse, record: failures.isEmpty)
            igpRoutes = computed.routes
            igpReuse = computed.reuse
            igpChanged = computed.changed
        }
        let changedRoutes = reuse.map { Self.changedRoutes(igp: igpChanged, installed: installed, liveness: liveness, network: network, baseline: $0) }
        var nonBGP: [RIBTable] = []
        for r in network.routers.indices {
            guard liveness.routerUp[r] else { nonBGP.append(RIBTable()); continue }
            if let reuse, r < reuse.nonBGP.count, let changed = changedRoutes?[r] {
                // The baseline's merged table plus the prefixes that may differ, merged again one by one.
                var table = RIBTable(overlaying: reuse.nonBGP[r])
                for prefix in changed {
                    let entry = Self.merged(prefix, igp: igpRoutes[r], installed: installed[r], connected: connected[r])
                    if table[prefix] != entry { table[prefix] = entry }
                }
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
        if failures.isEmpty {
            igpReuse?.staticEntries = installed.map { $0.map(\.entry) }
            igpReuse?.interfaceUp = liveness.interfaceUp
            igpReuse?.connected = connected
            igpReuse?.nonBGP = nonBGP
        }

        lap("igp+static")
        var sessionBuilder = BGPSessionBuilder(network: network, liveness: liveness, owners: owners, nonBGP: nonBGP)
        sessionBuilder.keepChecks = failures.isEmpty
        if let reuse, let changedRoutes {
            sessionBuilder.previous = .init(checks: reuse.sessionChecks, interfaceUp: reuse.interfaceUp, changedRoutes: changedRoutes,
                                            liveness: liveness, network: network)
        }
        let (sessions, peerings, sessionChecks, reusedSessionChecks) = sessionBuilder.build()
        if failures.isEmpty { igpReuse?.sessionChecks = sessionChecks }
        lap("sessions")
        var bgp = BGPRun(network: network, liveness: liveness, nonBGP: nonBGP, propagation: BGPPropagation(network: network, peerings: peerings, resolvers: nonBGP), options: options,
                         reuse: bgpReuse, changedRoutes: changedRoutes, record: failures.isEmpty && options.recordForReuse)
        bgp.run()
        let unstable = options.checkStability ? bgp.unstablePrefixes().map { entry in
            DataPlane.UnstablePrefix(prefix: entry.prefix, routers: entry.routers.map { network.routers[$0].name })
        } : nil
        lap("bgp")
        var changes: DataPlane.Changes?
        // Aggregates would add discard routes that the change sets do not follow: none, then.
        if let reuse, let nonBGPChanges = bgp.changedRoutes, let changedPrefixes = bgp.changedPrefixes, !reuse.interfaceUp.isEmpty, !bgp.hasAggregates {
            changes = DataPlane.Changes(nonBGP: nonBGPChanges, bgp: ChangedRoutes(changedPrefixes), interfaceUp: reuse.interfaceUp)
        }
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
                         trackStates: trackStates, diagnostics: diagnostics, igpReuse: failures.isEmpty ? igpReuse : nil, bgpReuse: bgp.recorded,
                         statistics: .init(bgpEvents: bgp.events, bgpRounds: bgp.rounds, trackIterations: trackIterations, converged: bgp.converged, bgpReusedPrefixes: bgp.reusedPrefixes,
                                           bgpRepropagatedPrefixes: bgp.repropagatedPrefixes, reusedSessionChecks: reusedSessionChecks,
                                           unstablePrefixes: unstable,
                                           stageSeconds: stages.map { ($0.0, Double($0.1.components.seconds) + Double($0.1.components.attoseconds) / 1e18) }))
        plane.changes = changes
        plane.finalPropagation = bgp.propagation
        if !bgp.converged {
            var what = DataPlane.NonConvergence()
            what.prefixes = bgp.oscillatingPrefixes.map { .init(prefix: $0.prefix, routers: $0.routers.map { network.routers[$0].name }) }
            what.aggregatesAndConditions = bgp.outerLoopCycled
            plane.statistics.nonConvergence = what
        }
        return plane
    }
}
