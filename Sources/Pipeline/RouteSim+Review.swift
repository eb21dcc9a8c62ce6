/// `routesim report` as a library call: the sweep, the mitigations, the diagrams and timelines,
/// and the page (docs/diagrams.md, "The review page").
extension RouteSim {
    /// Which scenarios' convergence timelines the review page shows.
    public enum ReviewTimelines: String, Sendable, CaseIterable {
        /// Those whose worst outcome is a problem (black hole, loop, no route, isolated).
        case problems
        /// Every scenario that changes a flow (one simulation per event each: slower).
        case all
        case none
    }

    public struct Review: Sendable {
        public var html: String
        public var report: FailureReport
        public var problemScenarios: Int
    }

    /// Runs the sweep `options` asks for and writes the review page.
    public static func review(_ network: Network, options: FailureAnalysis.Options, suggest: Bool, timelines: ReviewTimelines,
                              diagram: DiagramOptions, progress: (@Sendable (Int, Int) -> Void)? = nil) -> Review {
        var report = FailureAnalysis.run(network, options: options, progress: progress)
        if suggest { report.suggestions = MitigationSuggester.suggest(network, report: report, options: options) }
        // One no-failure run for the topology figure, the scenario figures and the timelines.
        let baseline = Engine.baseline(network)
        let topology = RouteSim.diagram(network, options: diagram, baseline: baseline)
        let problems = RouteSim.lazyProblemDiagrams(network, report: report, enumeration: options.enumeration, options: diagram, baseline: baseline)
        var timed = report
        switch timelines {
        case .none: timed.scenarios = []
        case .problems: timed.scenarios = report.scenarios.filter { $0.worst.isProblem }
        case .all: break
        }
        let computed = RouteSim.timelines(network, report: timed, enumeration: options.enumeration, baseline: baseline)
        let html = ReviewReport.html(network: network, report: report, topology: topology, problems: problems,
                                     mpls: ReviewReport.MPLSState(plane: baseline.plane),
                                     scenarios: options.enumeration.scenarios(for: network).scenarios, timelines: computed)
        return Review(html: html, report: report, problemScenarios: problems.count)
    }
}
