import Foundation
import Synchronization

public struct SimulationOptions: Sendable {
    /// Rounds of the aggregate / conditional-advertisement outer loop before giving up.
    public var maximumBGPRounds = 16
    /// Rounds of the track (IP SLA) fixed point before reporting oscillation.
    public var maximumTrackIterations = 16
    /// Worker threads for per-prefix BGP propagation (defaults to the core count).
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    public init() {}
}

/// Runs the control plane to a fixed point: connected and static routes, the IGP, BGP sessions,
/// BGP propagation, then the IP SLA probes that drive tracked statics (repeated until the track
/// states stop changing). Deterministic: the same network and failures give the same DataPlane.
public enum Engine {
    /// `baseline`: a run of the same network without failures; routers that a failure cannot
    /// affect take its IGP results instead of recomputing them (same answers, tested).
    public static func run(_ network: Network, failures: FailureSpec = .none, options: SimulationOptions = SimulationOptions(),
                           baseline: DataPlane? = nil) -> DataPlane {
        let reuse = baseline?.igpReuse
        var trackStates: [[Int: Bool]] = network.routers.map { router in Dictionary(uniqueKeysWithValues: router.tracks.map { ($0.id, true) }) }
        var seen: [[[Int: Bool]]] = [trackStates]
        var iteration = 1
        while true {
            var plane = computeOnce(network, failures: failures, trackStates: trackStates, options: options, trackIterations: iteration, reuse: reuse)
            let hasTracks = network.routers.contains { !$0.tracks.isEmpty }
            guard hasTracks else { return plane }
            let next = ProbeEvaluator(plane: plane).trackStates()
            if next == trackStates { return plane }
            if seen.contains(next) || iteration >= options.maximumTrackIterations {
                let flapping = network.routers.indices.flatMap { r in
                    next[r].keys.sorted().filter { next[r][$0] != trackStates[r][$0] }.map { "\(network.routers[r].name) track \($0)" }
                }
                // `plane` was computed with the current track states: report, do not recompute.
                plane.diagnostics.append(Diagnostic(.warning, "SIM003", "track states do not settle: \(flapping.joined(separator: ", ")) keep changing",
                                                    at: nil, hint: "a probe probably depends on the route its track controls"))
                return plane
            }
            seen.append(next)
            trackStates = next
            iteration += 1
        }
    }

    static func computeOnce(_ network: Network, failures: FailureSpec, trackStates: [[Int: Bool]], options: SimulationOptions,
                            trackIterations: Int, reuse: IGPComputation.Reuse? = nil) -> DataPlane {
        let clock = ContinuousClock()
        var stages: [(String, Duration)] = []
        var mark = clock.now
        func lap(_ name: String) { let now = clock.now; stages.append((name, now - mark)); mark = now }
        let liveness = Liveness(network: network, failures: failures)
        var owners: [IPv4Address: AddressOwner] = [:]
        for (r, router) in network.routers.enumerated() {
            for i in router.interfaces.indices { owners[router.interfaces[i].address] = .router(InterfaceRef(router: r, interface: i)) }
        }
        for (h, host) in network.hosts.enumerated() { owners[host.address] = .host(h) }

        // Connected, static and IGP routes; statics and IGP feed each other (redistribution, recursion).
        let connected: [[Prefix: RIBEntry]] = network.routers.enumerated().map { r, router in
            var table: [Prefix: RIBEntry] = [:]
            for (i, interface) in router.interfaces.enumerated() where liveness.interfaceUp[r][i] {
                table[interface.prefix] = RIBEntry(prefix: interface.prefix, protocolKind: .connected, distance: router.distances.connected, metric: 0,
                                                   forwarding: .attached(interface: i), origin: "connected \(interface.name)", location: interface.location)
            }
            return table
        }
        let statics = StaticResolution(network: network, liveness: liveness)
        let igp = IGPComputation(network: network, liveness: liveness)
        var igpRoutes = [[Prefix: RIBEntry]](repeating: [:], count: network.routers.count)
        var installed: [[StaticResolution.Installed]] = []
        var previous: [[Prefix]]? = nil
        var igpReuse: IGPComputation.Reuse?
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
        }
        var nonBGP: [[Prefix: RIBEntry]] = []
        for r in network.routers.indices {
            // Take the table out so that adding statics and connected routes does not copy it.
            var table = igpRoutes[r]
            igpRoutes[r] = [:]
            for item in installed[r] {
                if let current = table[item.entry.prefix], current.distance <= item.entry.distance { continue }
                table[item.entry.prefix] = item.entry
            }
            for (prefix, entry) in connected[r] {
                if let current = table[prefix], current.distance < entry.distance { continue }
                table[prefix] = entry
            }
            nonBGP.append(table)
        }
        let tables = nonBGP.map(RIBTable.init)

        lap("igp+static")
        let (sessions, peerings) = BGPSessionBuilder(network: network, liveness: liveness, owners: owners, nonBGP: tables).build()
        lap("sessions")
        var bgp = BGPRun(network: network, liveness: liveness, nonBGP: nonBGP, propagation: BGPPropagation(network: network, peerings: peerings, resolvers: tables), options: options)
        bgp.run()
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
        return DataPlane(network: network, failures: failures, liveness: liveness, owners: owners, nonBGPRoutes: nonBGP, nonBGPTables: tables,
                         bgpTables: bgp.tables, inaccessible: bgp.inaccessible, aggregateRoutes: aggregateRoutes, sessions: sessions,
                         trackStates: trackStates, diagnostics: diagnostics, igpReuse: failures.isEmpty ? igpReuse : nil,
                         statistics: .init(bgpEvents: bgp.events, bgpRounds: bgp.rounds, trackIterations: trackIterations, converged: bgp.converged,
                                           stageSeconds: stages.map { ($0.0, Double($0.1.components.seconds) + Double($0.1.components.attoseconds) / 1e18) }))
    }
}
