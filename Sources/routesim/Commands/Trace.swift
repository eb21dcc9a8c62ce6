import ArgumentParser
import Foundation
import Pipeline

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace a packet hop by hop, following every ECMP branch, and say how it ends.",
        discussion: """
        Dispositions: delivered, null-routed (dropped by a Null0/discard route), no-route, loop, \
        neighbor-unreachable, unresolved-next-hop, source-unavailable (docs/dispositions.md).
        Exit code 0 whatever the disposition; use `routesim failures --fail-on` as a CI gate.

        --fast-reroute traces the instant right after the --fail failures instead of the \
        converged state: routes, LDP bindings and LSPs are still those before the failure; traffic \
        sent over a failed link is dropped (disposition failed-link), except on an RSVP-TE LSP with \
        link protection, which its point of local repair puts on the bypass around the link \
        (RFC 4090 facility backup) until the head-end re-signals (docs/mpls.md).

        --at DURATION traces the state that long after the --fail failures: events whose timers \
        have run out by then (IGP after the SPF delay, BGP sessions at hold expiry or after BFD, \
        tracks after their probe, conditional advertisement after the scanner) have happened, \
        each taken at its latest time, the others not yet (docs/timeline.md).

        Examples:
          routesim trace topologies/null0-peering/topology.yml --from client --to 203.0.113.10
          routesim trace topologies/null0-peering/topology.yml --from server --to client --fail R1-R2
          routesim trace topologies/null0-peering-dual-stack/topology.yml --from server --to client --family ipv6 --fail R1-R2
          routesim trace topologies/mpls-rsvp-frr/topology.yml --from site1 --to site2 --fail P1-P2 --fast-reroute
          routesim trace topologies/null0-peering-tracked/topology.yml --from server --to client --fail R1-R2 --at 30s
          routesim trace --configs examples/null0-peering-configs \
              --overlay examples/null0-peering-configs/overlay.yml --from R4 --to 203.0.113.10 --fail R1-R2
        """
    )

    @OptionGroup var source: NetworkSource
    @Option(help: "Source: a host or router name.") var from: String
    @Option(help: "Destination: an address (IPv4 or IPv6), a host or a router (its first loopback).") var to: String
    @Option(help: "With a host or router as --to: trace to its address in this family (ipv4 or ipv6; default: its first address).",
            completion: .list(AddressFamily.allCases.map(\.rawValue))) var family: AddressFamily?
    @OptionGroup var failures: FailureOptions
    @Flag(help: "Trace the instant right after the failures, before anything reconverges (fast reroute).") var fastReroute = false
    @Flag(help: "With --at or --fast-reroute: the --fail links fail without their interfaces going down (a fault behind a media converter, switch or provider circuit), so detection waits for the IGP's dead interval, BFD or BGP's hold time (docs/timeline.md).")
    var silent = false
    @Option(help: ArgumentHelp("Trace the state this long after the failures (e.g. 5s, 90s, 300ms), every timed event taken at its latest (docs/timeline.md).", valueName: "duration"))
    var at: String?
    @Option(help: "Output format: text or json.", completion: .list([ReportFormat.text, .json].map(\.rawValue))) var format: ReportFormat = .text

    func validate() throws {
        try format.check(in: [.text, .json], command: "trace")
        if silent && (at == nil && !fastReroute || failures.links.isEmpty) {
            throw ValidationError("--silent changes how --fail links are detected: give --fail and --at or --fast-reroute")
        }
        if fastReroute && failures.links.isEmpty && failures.routers.isEmpty {
            throw ValidationError("--fast-reroute needs --fail or --fail-router: it traces the instant after a failure")
        }
        if let at {
            guard FailOn.duration(at) != nil else { throw ValidationError("--at takes a duration such as 5s, 90, 1.5s or 300ms, not '\(at)'") }
            guard !failures.links.isEmpty || !failures.routers.isEmpty else { throw ValidationError("--at needs --fail or --fail-router: it traces an instant after a failure") }
            guard !fastReroute else { throw ValidationError("--at and --fast-reroute both choose the instant: give one") }
        }
    }

    func run() throws {
        let (network, warnings) = source.load()
        printWarnings(warnings)
        let spec = unwrap(RouteSim.failures(links: failures.links, routers: failures.routers, in: network))
        let source = unwrap(RouteSim.source(from, in: network))
        let (address, name) = unwrap(RouteSim.destination(to, in: network, family: family))
        // The fast-reroute instant forwards on the state before the failure.
        var plane = fastReroute ? Engine.run(network) : Engine.runAfterFailure(network, failures: spec, fromScratch: failures.fromScratch).plane
        var instant = fastReroute
        if let at, let offset = FailOn.duration(at) {
            let baseline = Engine.baseline(network)
            let timeline = FailureTimeline(baseline: baseline.plane, failed: Engine.run(network, failures: spec, baseline: baseline), silentLinks: silent)
            if let state = timeline.plane(at: offset, baseline: baseline, failures: spec) { plane = state } else { plane = baseline.plane; instant = true }
        }
        let trace = Tracer(plane: plane, fastRerouteAfter: instant ? spec : nil, silentLinks: silent).trace(from: source, to: address)
        let builder = ReportBuilder(plane: plane)
        let flow = builder.flowReport(name: "\(source)->\(name ?? address.description)", from: source,
                                      to: name.map { "\($0) (\(address))" } ?? address.description, trace: trace)
        var report = TraceReport(network: network.name, failures: spec.describe(in: network), flow: flow,
                                 nonConvergence: plane.statistics.nonConvergence?.descriptions)
        report.instant = at.map { "+\($0) after the failure (docs/timeline.md)" } ?? (fastReroute ? "fast-reroute" : nil)
        try emit(format == .json ? JSONOutput.encode(report) : TextReport.trace(report), to: nil)
    }
}
