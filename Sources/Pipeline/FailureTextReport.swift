/// Text rendering of a failure analysis: summary first, then every scenario with a problem.
public enum FailureTextReport {
    public static func render(_ report: FailureReport, showAll: Bool = false) -> String {
        var out = "failure analysis of \(report.network): \(report.scenariosRun) scenarios, \(report.flows) flows"
        out += report.pruned > 0 ? ", \(report.pruned) redundant combinations pruned\n" : "\n"
        let baselineProblems = report.baseline.filter { $0.classification.isProblem }
        out += baselineProblems.isEmpty ? "baseline: every flow delivered\n" : "baseline: \(baselineProblems.count) flows already fail without any failure:\n"
        for outcome in baselineProblems { out += "  \(outcome.flow): \(outcome.classification.rawValue.uppercased()): \(outcome.detail)\n" }
        let summary = report.summary
        if let lines = report.baselineNonConvergence {
            out += "baseline: did not converge:\n" + lines.map { "  - \($0)\n" }.joined()
        }
        out += "scenarios with: " + ["black-holed", "loop", "no-route", "isolated", "rerouted"].map { "\($0) \(summary[$0] ?? 0)" }.joined(separator: ", ") + "\n"
        let unsettled = report.scenarios.filter { !$0.converged }.count
        if unsettled > 0 { out += "scenarios that did not converge: \(unsettled) (each listed below; --fail-on oscillation fails on them)\n" }
        func isProblem(_ scenario: ScenarioOutcome) -> Bool { scenario.worst.isProblem || !scenario.converged }
        let problems = report.scenarios.filter(isProblem)
        let ranked = problems.sorted { a, b in
            let ka = (a.count(.blackHoled), a.count(.loop), a.count(.noRoute)), kb = (b.count(.blackHoled), b.count(.loop), b.count(.noRoute))
            return ka != kb ? ka > kb : a.name < b.name
        }
        if !ranked.isEmpty {
            out += "\nworst failures:\n"
            for scenario in ranked.prefix(10) {
                let parts = FlowClass.allCases.filter(\.isProblem).compactMap { kind -> String? in
                    let flows = scenario.flows.filter { $0.classification == kind }.map(\.flow)
                    return flows.isEmpty ? nil : "\(flows.count) \(kind.rawValue) (\(flows.prefix(4).joined(separator: ", "))\(flows.count > 4 ? ", ..." : ""))"
                }
                out += "  \(scenario.name): \(parts.joined(separator: "; "))\n"
            }
        }
        // With --rib/--bgp, every scenario that changed a route is detailed too.
        let detailed = showAll ? report.scenarios : report.scenarios.filter { scenario in
            isProblem(scenario) || !(scenario.ribChanges ?? []).isEmpty || !(scenario.bgpChanges ?? []).isEmpty || scenario.lspChanges != nil
        }.sorted { $0.name < $1.name }
        if !detailed.isEmpty { out += "\ndetails:\n" }
        for scenario in detailed {
            out += "  \(scenario.name)\(scenario.converged ? "" : " (did not converge)")\(scenario.unchanged > 0 ? ": \(scenario.unchanged) flows unchanged" : "")\n"
            for line in scenario.nonConvergence ?? [] { out += "    - \(line)\n" }
            for line in scenario.lspChanges ?? [] { out += "    LSP \(line)\n" }
            for flow in scenario.flows where showAll || flow.classification.isProblem || flow.classification == .rerouted {
                out += "    \(flow.flow): \(flow.classification.rawValue.uppercased()): \(flow.detail)\n"
                if !flow.path.isEmpty { out += "      path: \(flow.path.joined(separator: " > "))\n" }
                if let cause = flow.cause {
                    out += "      why:\n"
                    for (index, step) in cause.chain.enumerated() { out += "        \(index + 1). \(step)\n" }
                }
            }
            for (title, changes) in [("RIB", scenario.ribChanges), ("BGP", scenario.bgpChanges)] {
                guard let changes else { continue }
                out += "    \(title) changes: \(changes.isEmpty ? "none" : String(changes.count))\n"
                for change in changes {
                    out += "      \(change.router) \(change.prefix): \(change.before ?? "(none)") -> \(change.after ?? "(none)")\n"
                }
            }
        }
        if let suggestions = report.suggestions {
            out += "\nsuggestions (each change applied to a copy of the network, the sweep re-run):\n"
            if suggestions.isEmpty { out += "  none: no black hole to fix\n" }
            var lastKey = ""
            for suggestion in suggestions {
                let key = "\(suggestion.scenario): \(suggestion.flow)"
                if key != lastKey { out += "  \(key)\n"; lastKey = key }
                let verdict = suggestion.recommended ? "FIXES IT" : suggestion.removesBlackHole ? "fixes it but creates \(suggestion.newProblems.count) new problem(s): \(suggestion.newProblems.prefix(3).joined(separator: "; "))" : "does not fix it"
                out += "    \(suggestion.mitigation.rawValue): \(verdict)\n      \(suggestion.change)\n"
                if !suggestion.stillBroken.isEmpty {
                    out += "      still broken in this failure: \(suggestion.stillBroken.prefix(5).joined(separator: ", "))\(suggestion.stillBroken.count > 5 ? ", ..." : "")\n"
                }
                for change in suggestion.configuration {
                    out += "      on \(change.router) (\(change.dialect)):\n" + change.lines.map { "        \($0)\n" }.joined()
                }
            }
        }
        return out
    }
}
