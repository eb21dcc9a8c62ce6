import Analysis
import ConfigParsers
import Diagnostics
import Foundation
import NetworkModel

/// Simulation-backed: builds the network from the configs given together, fails every link and
/// router in turn, and reports every black hole at the discard route that drops the traffic.
public struct FailureBlackHoleRule: NetworkLintRule {
    public static let description = RuleDescription(
        code: "FAILURE-BLACKHOLE", name: "A single failure black-holes traffic", severity: .error,
        summary: "Simulated on the network the configs describe: failing one link or router makes a router drop traffic on a discard route that it keeps attracting. Needs the configs of the whole network.",
        rationale: """
        This is the pattern rules can only suspect, proven: routesim builds the network from the configs \
        (links from shared subnets), converges OSPF/IS-IS, statics and BGP, fails each link and router, and \
        traces traffic between every router and every BGP-originated prefix. A flow that ends on a Null0 route \
        under a single failure is a real black hole, with its cause chain. Above 150 routers, or when the configs \
        do not build a network, the sweep does not run and a note on the first file says why.
        """,
        remediation: """
        Apply one of the mitigations the cause chain points to (tracked static, conditional advertisement, \
        pin in the core, second uplink); `routesim failures --configs DIR --suggest` tries each on a copy \
        of the network and says which removes the black hole.
        """,
        triggering: [Examples.network(r2: Examples.r2 + "ip route 198.51.100.0 255.255.255.0 Null0")],
        clean: [Examples.network(r2: Examples.r2 + Examples.trackedPin)])


    /// The examples' network: R1 (core, client LAN) and R2 (peering, single uplink) in AS 65001,
    /// R3 in AS 65002 peering with R2, transit T1 joining R1 and R3. R2's last lines vary.
    enum Examples {
        static let r1 = """
        hostname R1
        interface Loopback0
         ip address 10.1.0.1 255.255.255.255
        interface Gi0/1
         ip address 172.16.0.0 255.255.255.254
        interface Gi0/2
         ip address 192.0.2.0 255.255.255.254
        interface Gi0/3
         ip address 198.51.100.1 255.255.255.128
        router ospf 1
        router bgp 65001
         neighbor 10.1.0.2 remote-as 65001
         neighbor 10.1.0.2 update-source Loopback0
         neighbor 192.0.2.1 remote-as 64500
         network 198.51.100.0 mask 255.255.255.0
        ip route 198.51.100.0 255.255.255.0 Null0
        """
        static let r2 = """
        hostname R2
        interface Loopback0
         ip address 10.1.0.2 255.255.255.255
        interface Gi0/1
         ip address 172.16.0.1 255.255.255.254
        interface Gi0/2
         ip address 192.0.2.2 255.255.255.254
        router ospf 1
        router bgp 65001
         neighbor 10.1.0.1 remote-as 65001
         neighbor 10.1.0.1 update-source Loopback0
         neighbor 192.0.2.3 remote-as 65002
         network 198.51.100.0 mask 255.255.255.0
        """ + "\n"
        static let trackedPin = """
        ip route 198.51.100.0 255.255.255.0 Null0 track 1
        track 1 ip sla 1 reachability
        ip sla 1
         icmp-echo 10.1.0.1 source-interface Loopback0
        ip sla schedule 1 life forever start-time now
        """
        static let r3AndT1 = """
        hostname R3
        interface Gi0/1
         ip address 192.0.2.3 255.255.255.254
        interface Gi0/2
         ip address 192.0.2.5 255.255.255.254
        router bgp 65002
         neighbor 192.0.2.2 remote-as 65001
         neighbor 192.0.2.4 remote-as 64500
        ---
        hostname T1
        interface Gi0/1
         ip address 192.0.2.1 255.255.255.254
        interface Gi0/2
         ip address 192.0.2.4 255.255.255.254
        router bgp 64500
         neighbor 192.0.2.0 remote-as 65001
         neighbor 192.0.2.5 remote-as 65002
        """
        static func network(r2 last: String) -> String { [r1, last, r3AndT1].joined(separator: "\n---\n") }
    }

    public init() {}

    public func deferred(_ device: DeviceConfig) -> NetworkCheck? {
        let file = device.file
        let routes = device.staticRoutes.map(\.location)
        return { network in report(file: file, staticRoutes: routes, simulation: network.simulation) }
    }

    /// Black holes located at one of this router's static routes (a router merged from FRR
    /// daemon files has several files).
    private func report(file: String, staticRoutes: [SourceLocation], simulation: LintSimulation) -> [Finding] {
        guard let report = simulation.report() else {
            return simulation.skipNote(code: Self.description.code, file: file, needsSweep: true).map { [$0] } ?? []
        }
        var findings: [Finding] = []
        for scenario in report.scenarios {
            let dropped = scenario.flows.filter { $0.classification == .blackHoled }
            guard !dropped.isEmpty else { continue }
            // Group by the route that drops them; report on the device that holds it.
            var byRoute: [String: [FlowOutcome]] = [:]
            for flow in dropped { if let location = flow.cause?.droppingRouteLocation { byRoute[location, default: []].append(flow) } }
            for (place, flows) in byRoute.sorted(by: { $0.key < $1.key }) {
                guard let location = staticRoutes.first(where: { $0.description == place }) else { continue }
                let names = flows.map(\.flow)
                let chain = flows.first?.cause?.chain.joined(separator: "; ") ?? ""
                var found = finding("when \(scenario.name) fails, \(flows.count) flow\(flows.count == 1 ? " is" : "s are") black-holed here (\(names.prefix(4).joined(separator: ", "))\(names.count > 4 ? ", ..." : "")): \(chain)",
                                    at: location)
                // The longest chain (traffic from farthest away) shows every session on the way.
                let richest = flows.compactMap(\.cause).max { $0.announcements.count < $1.announcements.count }
                found.steps = richest.map { $0.steps(routeAt: location, in: simulation.built().network) }
                findings.append(found)
            }
        }
        return findings
    }
}

/// The failure analysis of the network the linted configs describe, computed once per run and
/// only when a rule asks (it simulates every single failure).
public final class LintSimulation: @unchecked Sendable {
    // `computed`, `cached` and `skippedReason` are guarded by `lock`.
    private let lock = NSLock()
    private var computed = false
    private var cached: FailureReport?
    private var builtNetwork: (network: Network?, diagnostics: [Diagnostic])?
    private var buildDiagnosticsByFile: [String: [Diagnostic]]?
    /// The network's routers, or nil above `maximumRouters` (lint does not keep them then).
    private let devices: [DeviceConfig]?
    private let routers: Int
    /// Above this many routers the sweep is skipped (run `routesim failures --configs` instead).
    public static let maximumRouters = 150

    init(devices: [DeviceConfig]?, routers: Int, firstFile: String) {
        self.devices = routers <= Self.maximumRouters ? devices : nil
        self.routers = routers
        self.firstFile = firstFile
    }

    /// What lint did not run on this network, as a note on the first file, said once by the
    /// first enabled rule that needed it (so it appears whichever of FAILURE-BLACKHOLE,
    /// NON-CONVERGENCE, CFG001 and CFG002 is enabled): never skipped silently. `needsSweep`:
    /// the rule needs the failure sweep (which also does not run when the configs do not build
    /// a network), not only the build.
    func skipNote(code: String, file: String, needsSweep: Bool) -> Finding? {
        guard file == firstFile else { return nil }
        if needsSweep { _ = report() }
        return lock.withLock {
            let why = devices == nil ? Self.aboveLimit(routers) : needsSweep ? skippedReason : nil
            guard let why, !noteGiven else { return nil }
            noteGiven = true
            return Finding(code: code, severity: .note, message: why, file: file, line: 1, column: 1, text: nil)
        }
    }
    private var skippedReason: String?
    private var noteGiven = false

    static func aboveLimit(_ routers: Int) -> String {
        "the failure sweep and the network build's checks (CFG001 and CFG002 from the build) were not run: \(routers) routers, above the lint limit of \(maximumRouters); run `routesim failures --configs` on them"
    }
    /// Where the note goes: the first file by name.
    private let firstFile: String

    /// The network the configs build, with what the build says (CFG001 / CFG002), built once.
    public func built() -> (network: Network?, diagnostics: [Diagnostic]) {
        lock.withLock { buildLocked() }
    }

    /// The build's diagnostics located in `file`, grouped once (each device's rules ask).
    func buildDiagnostics(in file: String) -> [Diagnostic] {
        lock.withLock {
            if buildDiagnosticsByFile == nil {
                buildDiagnosticsByFile = Dictionary(grouping: buildLocked().diagnostics.filter { $0.location != nil }) { $0.location?.file ?? "" }
            }
            return buildDiagnosticsByFile?[file] ?? []
        }
    }

    private func buildLocked() -> (network: Network?, diagnostics: [Diagnostic]) {
        if let builtNetwork { return builtNetwork }
        // Like the sweep, bounded: above the limit lint stays linear in the configs' size (the
        // FAILURE-BLACKHOLE note says what was not run; `simulate --configs` reports it all).
        guard let devices else {
            builtNetwork = (nil, [])
            return (nil, [])
        }
        let result = ConfigNetworkBuilder.build(devices, name: "configs")
        builtNetwork = result
        return result
    }

    /// The RSVP-TE LSPs of the built network as signalled without failures (empty without LSPs
    /// or a network), computed once.
    func lspStates() -> [LSPState] {
        let network = built().network
        return lock.withLock {
            if let cachedLSPs { return cachedLSPs }
            let states = network.map { network in network.routers.contains { !$0.lsps.isEmpty } ? Engine.run(network).lspStates() : [] } ?? []
            cachedLSPs = states
            return states
        }
    }
    private var cachedLSPs: [LSPState]?

    func report() -> FailureReport? {
        lock.lock()
        defer { lock.unlock() }
        if computed { return cached }
        computed = true
        // A network needs at least two routers that talk BGP or an IGP.
        guard let devices else {
            skippedReason = Self.aboveLimit(routers)
            return nil
        }
        let routing = devices.filter { $0.bgp != nil || !$0.igps.isEmpty }
        guard routing.count >= 2 else { return nil }
        let (built, diagnostics) = buildLocked()
        guard let network = built else {
            let first = diagnostics.first { $0.severity == .error }.map { "\($0.message) (\($0.location.map { "\($0)" } ?? "configs"))" } ?? "unknown reason"
            skippedReason = "the failure sweep was not run: the configs do not build a network: \(first)"
            return nil
        }
        guard network.links.count >= 1 else { return nil }
        cached = FailureAnalysis.run(network)
        return cached
    }
}
