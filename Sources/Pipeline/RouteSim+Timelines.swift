import Analysis
import NetworkModel
import Simulation

extension RouteSim {
    /// The event schedule of every scenario with a problem (or of every scenario, with `all`),
    /// in report order (docs/timeline.md).
    public static func timelines(_ network: Network, report: FailureReport, enumeration: ScenarioEnumeration, all: Bool = false,
                                 baseline: Baseline? = nil) -> [(scenario: ScenarioOutcome, timeline: FailureTimeline)] {
        let baseline = baseline ?? Engine.baseline(network)
        let specs = Dictionary(enumeration.scenarios(for: network).scenarios.map { ($0.name, $0.spec) }, uniquingKeysWith: { first, _ in first })
        return report.scenarios.compactMap { scenario in
            guard all || scenario.worst.isProblem, let spec = specs[scenario.name] else { return nil }
            let plane = Engine.run(network, failures: spec, baseline: baseline)
            return (scenario, FailureTimeline(baseline: baseline.plane, failed: plane))
        }
    }

    /// The schedules as the text report's last section.
    public static func timelineText(_ timelines: [(scenario: ScenarioOutcome, timeline: FailureTimeline)]) -> String {
        guard !timelines.isEmpty else { return "\ntimelines: no scenario to show\n" }
        var text = "\ntimelines (when each change happens after the failure; docs/timeline.md):\n"
        for (scenario, timeline) in timelines {
            text += "scenario \(scenario.name):\n" + timeline.text
        }
        return text
    }
}
