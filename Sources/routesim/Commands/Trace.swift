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

        Examples:
          routesim trace topologies/null0-peering/topology.yml --from client --to 203.0.113.10
          routesim trace topologies/null0-peering/topology.yml --from server --to client --fail R1-R2
          routesim trace --configs examples/null0-peering-configs \
              --overlay examples/null0-peering-configs/overlay.yml --from R4 --to 203.0.113.10 --fail R1-R2
        """
    )

    @OptionGroup var source: NetworkSource
    @Option(help: "Source: a host or router name.") var from: String
    @Option(help: "Destination: an address, a host or a router (its first loopback).") var to: String
    @OptionGroup var failures: FailureOptions
    @Option(help: "Output format: text or json.", completion: .list([ReportFormat.text, .json].map(\.rawValue))) var format: ReportFormat = .text

    func validate() throws { try format.check(in: [.text, .json], command: "trace") }

    func run() throws {
        let (network, warnings) = source.load()
        printWarnings(warnings)
        let spec = unwrap(RouteSim.failures(links: failures.links, routers: failures.routers, in: network))
        let source = unwrap(RouteSim.source(from, in: network))
        let (address, name) = unwrap(RouteSim.destination(to, in: network))
        let plane = Engine.runAfterFailure(network, failures: spec, fromScratch: failures.fromScratch).plane
        let trace = Tracer(plane: plane).trace(from: source, to: address)
        let builder = ReportBuilder(plane: plane)
        let flow = builder.flowReport(name: "\(source)->\(name ?? address.description)", from: source,
                                      to: name.map { "\($0) (\(address))" } ?? address.description, trace: trace)
        let report = TraceReport(network: network.name, failures: spec.describe(in: network), flow: flow,
                                 nonConvergence: plane.statistics.nonConvergence?.descriptions)
        try emit(format == .json ? JSONOutput.encode(report) : TextReport.trace(report), to: nil)
    }
}
