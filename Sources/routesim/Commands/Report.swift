import ArgumentParser
import Foundation
import Pipeline

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one self-contained HTML page for a design review: topology, failure analysis, black holes with causes, diagrams and mitigations.",
        discussion: """
        Runs the same sweep as `routesim failures` (every link, router and failure set; --k for \
        combinations) and, unless --no-suggest, tries the mitigations for every black hole (Null0, LDP, RSVP-TE). \
        The page has inline SVG diagrams, inline CSS, no script and no external reference, so it \
        opens offline and can be attached to a review. It is deterministic (no timestamp).

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
    @Flag(name: .customLong("no-suggest"), help: "Skip trying the mitigations (faster on large networks).") var noSuggest = false
    @OptionGroup var diagram: DiagramArguments
    @OptionGroup var budget: ScenarioBudget

    func validate() throws {
        guard (1...3).contains(k) else { throw ValidationError("--k must be 1, 2 or 3") }
    }

    func run() throws {
        let (network, warnings) = source.load()
        printWarnings(warnings)
        var options = FailureAnalysis.Options()
        options.enumeration = ScenarioEnumeration(maximumFailures: k, includeSets: true, includeRouters: !linksOnly)
        try budget.check(options.enumeration, on: network)
        let progress = ProgressLine()
        var report = FailureAnalysis.run(network, options: options) { done, total in progress.update(done, total) }
        progress.finish()
        if !noSuggest { report.suggestions = MitigationSuggester.suggest(network, report: report, options: options) }
        // One no-failure run for both the topology figure and the scenario figures.
        let baseline = Engine.baseline(network)
        let topologyDiagram = RouteSim.diagram(network, options: diagram.options, baseline: baseline)
        let problems = RouteSim.problemDiagrams(network, report: report, enumeration: options.enumeration, options: diagram.options, baseline: baseline)
        try emit(ReviewReport.html(network: network, report: report, topology: topologyDiagram, problems: problems,
                                   mpls: ReviewReport.MPLSState(plane: baseline.plane)), to: output)
        writeError("wrote \(output): \(report.scenariosRun) scenarios, \(problems.count) with problems\n")
    }
}
