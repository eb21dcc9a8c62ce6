import Analysis
import Foundation

extension ChangeImpact {
    /// The change's problems as findings, for the CI formats: each introduced problem an error
    /// under its failure code (`FailureReport.findingCodes`) at its place in the head version
    /// (with the black hole's cause chain), each fixed one a note (`CHANGE-FIXED`) at the head's
    /// router. `head` is the network after the change; `headSource` its path.
    public func findingReport(head network: Network, headSource: String,
                              documentationBase: String = RouteSimVersion.documentationBase) -> FindingReport {
        let codes = Dictionary(uniqueKeysWithValues: FailureReport.findingCodes.compactMap { entry in
            entry.classification.map { ($0.rawValue, entry) }
        })
        let fallback = SourceLocation(file: headSource, line: 1, column: 1)
        var findings: [Finding] = []
        for problem in introduced {
            let code = codes[problem.classification]?.code ?? "FAILURE-NO-ROUTE"
            let at = problem.location ?? fallback
            var finding = Finding(code: code, severity: .error,
                                  message: "introduced by this change: \(problem.scenario == "no failure" ? "with no failure" : "when \(problem.scenario) fails"), \(problem.flow) is \(problem.classification) at \(problem.at): \(problem.detail)",
                                  file: at.file, line: at.line, column: at.column, text: nil)
            finding.steps = problem.cause.map { $0.steps(routeAt: problem.location, in: network) }
            findings.append(finding)
        }
        for problem in fixed {
            let at = network.router(named: problem.at)?.location ?? fallback
            findings.append(Finding(code: "CHANGE-FIXED", severity: .note,
                                    message: "fixed by this change: \(problem.scenario == "no failure" ? "with no failure" : "when \(problem.scenario) fails"), \(problem.flow) was \(problem.classification) at \(problem.at)",
                                    file: at.file, line: at.line, column: at.column, text: nil))
        }
        let base = documentationBase.hasSuffix("/") ? documentationBase : documentationBase + "/"
        let rules = FailureReport.findingRules(documentationBase: base, help: "`routesim diff` lists what the change moves; `routesim trace --fail` shows the path.")
            + [FindingReport.Rule(code: "CHANGE-FIXED", name: "Change fixes a problem", summary: "A problem of the base version is gone after the change.",
                                  help: "Nothing to do.", severity: .note, helpURL: base + "docs/reporting.md#codes")]
        let inputs = FailureReport.findingInputs(findings, network: network, source: headSource)
        return FindingReport(command: "diff", findings: findings, inputs: inputs, rules: rules)
    }
}
