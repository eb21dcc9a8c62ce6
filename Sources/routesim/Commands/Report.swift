import ArgumentParser
import Foundation
import Pipeline

extension RouteSim.ReviewTimelines: ExpressibleByArgument {}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one self-contained HTML page for a design review: topology, failure analysis, black holes with causes, diagrams and mitigations.",
        discussion: """
        Runs the same sweep as `routesim failures` (every link, router and failure set; --k for \
        combinations) and, unless --no-suggest, tries the mitigations for every black hole (Null0, LDP, RSVP-TE). \
        The page has inline SVG diagrams, inline CSS, one inline script and no external \
        reference, so it opens offline and can be attached to a review. It is deterministic (no \
        timestamp). In a browser: wheel or buttons zoom a diagram, dragging pans it, the search \
        box finds routers, hosts, ASes and addresses, and clicking a router or link (or choosing \
        one) shows what its failure breaks, why, and its timeline. Above \(DiagramOptions.automaticDotLimit) \
        routers and hosts the topology is drawn one node per AS with each AS on its own, and \
        each scenario's diagram is cut to the failure's neighbourhood (--whole draws them whole).

        Exit codes: 0 written (whatever it found; use `failures --fail-on` as a CI gate); 2 bad \
        input or the file cannot be written.

        Examples:
          routesim report topologies/null0-peering/topology.yml -o review.html
          routesim report topology.yml --k 2 --no-suggest -o review.html
          routesim report --configs configs/ --overlay flows.yml -o review.html
        """
    )

    @OptionGroup var source: NetworkSource
    @Option(name: .shortAndLong, help: "The HTML file to write (atomically).") var output: String
    @Option(help: "Fail up to this many elements at once (1, 2 or 3).") var k: Int = 1
    @Flag(name: .customLong("no-routers"), help: "Fail links only, not routers.") var linksOnly = false
    @Flag(name: .customLong("srlg"), help: "Fail only the topology's failure sets (shared-risk link groups), each as one scenario.") var onlySets = false
    @Flag(name: .customLong("no-suggest"), help: "Skip trying the mitigations (faster on large networks).") var noSuggest = false
    @Option(help: ArgumentHelp("Scenarios whose convergence timeline the page shows (docs/timeline.md): problems (those with a black hole, loop or lost flow), all (every scenario that changes a flow; slower on large networks) or none.",
                               valueName: "which")) var timelines: RouteSim.ReviewTimelines = .problems
    @OptionGroup var diagram: DiagramArguments
    @OptionGroup var budget: ScenarioBudget

    func validate() throws {
        guard (1...3).contains(k) else { throw ValidationError("--k must be 1, 2 or 3") }
    }

    func run() throws {
        let (network, warnings) = source.load()
        printWarnings(warnings)
        var options = FailureAnalysis.Options()
        options.enumeration = ScenarioEnumeration(maximumFailures: k, includeSets: true, includeRouters: !linksOnly, onlySets: onlySets)
        try budget.check(options.enumeration, on: network)
        let progress = ProgressLine()
        let review = RouteSim.review(network, options: options, suggest: !noSuggest, timelines: timelines, diagram: diagram.options) { done, total in
            progress.update(done, total)
        }
        progress.finish()
        try emit(review.html, to: output)
        let report = review.report
        writeError("wrote \(output): \(report.scenariosRun) scenarios, \(review.problemScenarios) with problems\n")
    }
}
