import Foundation

/// Diagram requests from the CLI and library users: which flows to draw, and rendering with
/// the fallbacks (libgvc, then `dot`, then DOT text with a warning).
extension RouteSim {
    /// `SOURCE:DESTINATION`, e.g. `server:client` or `server:192.0.2.10`.
    public static func flow(_ text: String, in network: Network) -> Result<Flow, Failure> {
        guard let colon = text.firstIndex(of: ":") else {
            return .failure(.badArgument("--flow '\(text)' must be SOURCE:DESTINATION, e.g. server:client"))
        }
        let sourceText = String(text[..<colon]), destinationText = String(text[text.index(after: colon)...])
        switch (source(sourceText, in: network), destination(destinationText, in: network)) {
        case (.failure(let failure), _), (_, .failure(let failure)): return .failure(failure)
        case (.success(let source), .success(let (address, name))):
            return .success(Flow(name: "\(source)->\(name ?? address.description)", source: source, destination: address, destinationName: name,
                                 location: .generated("--flow")))
        }
    }

    /// The network drawn with `failures` applied. `flows`: the flows to draw; nil draws, under a
    /// failure, every default or declared flow whose outcome the failure changes (none without one).
    /// `baseline`: the no-failure run, when the caller already has one.
    public static func diagram(_ network: Network, failures: FailureSpec = .none, flows: [Flow]? = nil,
                               options: DiagramOptions = DiagramOptions(), baseline: Baseline? = nil, fromScratch: Bool = false) -> TopologyDiagram {
        let baseline = baseline ?? Engine.baseline(network)
        let plane = failures.isEmpty ? baseline.plane : Engine.run(network, failures: failures, baseline: fromScratch ? nil : baseline)
        let chosen = flows ?? (failures.isEmpty ? [] : FlowSelection.flows(for: network, baseline: baseline.plane))
        var outcomes = FailureAnalysis.outcomes(of: chosen, in: plane, baseline: baseline.plane)
        if flows == nil { outcomes = outcomes.filter { $0.classification != .delivered } }
        return TopologyDiagram(network: network, baseline: baseline.plane, scenario: failures.isEmpty ? nil : plane, flows: outcomes, options: options)
    }

    /// One diagram per scenario of `report` whose worst outcome is a problem (black hole, loop,
    /// no route, isolated), with the scenario's changed flows drawn. Scenarios are found again
    /// by name in the same enumeration the sweep used.
    public static func problemDiagrams(_ network: Network, report: FailureReport, enumeration: ScenarioEnumeration,
                                       options: DiagramOptions = DiagramOptions(), baseline: Baseline? = nil) -> [(scenario: ScenarioOutcome, diagram: TopologyDiagram)] {
        lazyProblemDiagrams(network, report: report, enumeration: enumeration, options: options, baseline: baseline).map { ($0.scenario, $0.diagram()) }
    }

    /// The same, each diagram simulated only when asked for: a caller that draws one at a time
    /// holds one scenario's data plane at once (on 1,000 routers, tens of MB each), and one
    /// that stops early (the review page's size budget) does not simulate the rest.
    public static func lazyProblemDiagrams(_ network: Network, report: FailureReport, enumeration: ScenarioEnumeration,
                                           options: DiagramOptions = DiagramOptions(), baseline: Baseline? = nil) -> [ReviewReport.Problem] {
        let baseline = baseline ?? Engine.baseline(network)
        let specs = Dictionary(enumeration.scenarios(for: network).scenarios.map { ($0.name, $0.spec) }, uniquingKeysWith: { first, _ in first })
        return report.scenarios.compactMap { scenario in
            guard scenario.worst.isProblem, let spec = specs[scenario.name] else { return nil }
            return ReviewReport.Problem(scenario: scenario, spec: spec) {
                let plane = Engine.run(network, failures: spec, baseline: baseline)
                return TopologyDiagram(network: network, baseline: baseline.plane, scenario: plane, flows: scenario.flows, options: options)
            }
        }
    }

    public struct RenderedDiagram: Sendable {
        public var bytes: [UInt8]
        /// The format produced: the one asked for, or `.dot` when no renderer exists.
        public var format: DiagramFormat
        /// Set when the output fell back to DOT text.
        public var warning: String?
    }

    /// Renders through `renderer` (by default the best this machine has); without one, returns
    /// the DOT text and says so.
    public static func render(_ dot: String, as format: DiagramFormat,
                              renderer: (any GraphRenderer)? = GraphRenderers.best()) throws(RenderError) -> RenderedDiagram {
        if format == .dot { return RenderedDiagram(bytes: Array(dot.utf8), format: .dot, warning: nil) }
        guard let renderer else {
            return RenderedDiagram(bytes: Array(dot.utf8), format: .dot,
                                   warning: "no Graphviz renderer (libgvc not compiled in, no `dot` on PATH): wrote DOT text instead of \(format.rawValue); apt-get install -y graphviz")
        }
        return RenderedDiagram(bytes: try renderer.render(dot: dot, format: format), format: format, warning: nil)
    }

    /// A file-name-safe form of a scenario name: `link R1-R2 + router R3` -> `link-r1-r2-router-r3`.
    public static func slug(_ name: String) -> String {
        var out = ""
        for character in name.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) { out.append(character) } else if out.last != "-" { out.append("-") }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "scenario" : String(trimmed.prefix(80))
    }
}
