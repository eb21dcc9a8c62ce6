import ArgumentParser
import Foundation
import Pipeline

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Converge the network and report sessions, routes, BGP best paths and declared flows.",
        discussion: """
        Examples:
          routesim simulate topologies/null0-peering/topology.yml
          routesim simulate --configs configs/          # the network built from router configs
          routesim simulate topology.yml --fail R1-R2 --format json
          routesim simulate topology.yml --fail-router R2 --rib
        """
    )

    @OptionGroup var source: NetworkSource
    @OptionGroup var failures: FailureOptions
    @Option(help: "Output format: text or json.", completion: .list([ReportFormat.text, .json].map(\.rawValue))) var format: ReportFormat = .text
    @Flag(name: .customLong("rib"), help: "Also print every router's main RIB.") var showRIB = false
    @Flag(name: .customLong("bgp"), help: "List every BGP best path in text output with all its attributes: local preference, MED (none when absent), origin, weight, IGP cost, communities, originator and cluster list (paths are listed without them by default, up to 1000).") var listBGP = false
    @Option(name: .customLong("adj"), help: ArgumentHelp("For every prefix, show what this router receives from and sends to each neighbor, and why a path is not sent, not accepted or not valid.", valueName: "router"))
    var adjacencyRouter: String?
    @Flag(name: .customLong("stable-states"), help: "Also run the network with every message order reversed and report the prefixes whose best paths differ: BGP has several stable states there (DISAGREE gadgets, wedgies, MED anomalies).")
    var stableStates = false
    @Option(name: .shortAndLong, help: "Write the output to this file (atomically) instead of stdout.") var output: String?
    @Flag(help: "Print stage timings to stderr.") var timings = false

    func validate() throws { try format.check(in: [.text, .json], command: "simulate") }

    func run() throws {
        let started = Date()
        let (network, warnings) = source.load()
        printWarnings(warnings)
        let loaded = Date()
        let spec = unwrap(RouteSim.failures(links: failures.links, routers: failures.routers, in: network))
        let plane = Engine.runAfterFailure(network, failures: spec, fromScratch: failures.fromScratch).plane
        let converged = Date()
        let totalPaths = plane.bgpTables.reduce(0) { $0 + $1.count }
        let listPaths = format == .json || listBGP || totalPaths <= TextReport.bgpListLimit
        var report = ReportBuilder(plane: plane).simulation(includeRIB: showRIB, includeBGP: listPaths)
        if stableStates {
            if let findings = StableStates.check(network, failures: spec) {
                report.severalStableStates = findings.map { StableStateReport(prefix: $0.prefix.description, routers: $0.routers) }
            } else {
                writeError("stable states: not checked, the control plane does not converge\n")
            }
        }
        if let name = adjacencyRouter {
            guard let r = network.routerIndex[name] else {
                let hint = Suggestion.didYouMean(name, in: network.routerIndex.keys) ?? "give a router of the network"
                writeError("error: unknown router '\(name)' (--adj); \(hint)\n")
                throw ExitCode(2)
            }
            report.adjacencies = ReportBuilder(plane: plane).adjacencies(router: r)
        }
        if format == .json {
            try emit(bytes: JSONOutput.bytes(report), to: output)
        } else {
            try emit(TextReport.simulation(report, showRIB: showRIB, listAllBGP: listBGP), to: output)
        }
        if timings {
            let done = Date()
            let stages = plane.statistics.stageSeconds.map { String(format: "%@ %.3f s", $0.0, $0.1) }.joined(separator: ", ")
            let message = String(format: "timings: load %.3f s, converge %.3f s (%@), report %.3f s, bgp events %d, rounds %d\n",
                                 loaded.timeIntervalSince(started), converged.timeIntervalSince(loaded), stages, done.timeIntervalSince(converged),
                                 plane.statistics.bgpEvents, plane.statistics.bgpRounds)
            writeError(message)
        }
    }
}
