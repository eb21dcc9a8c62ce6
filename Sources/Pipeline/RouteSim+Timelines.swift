import Analysis
import NetworkModel
import Simulation

extension RouteSim {
    /// The event schedule of every scenario that changed a flow (a converged state without a
    /// problem can still drop traffic on the way; every scenario with `all`), in report order,
    /// with the changed flows' intervals (docs/timeline.md).
    public static func timelines(_ network: Network, report: FailureReport, enumeration: ScenarioEnumeration, all: Bool = false,
                                 baseline: Baseline? = nil) -> [(scenario: ScenarioOutcome, timeline: FailureTimeline, flows: [FailureTimeline.FlowTimeline])] {
        let baseline = baseline ?? Engine.baseline(network)
        let specs = Dictionary(enumeration.scenarios(for: network).scenarios.map { ($0.name, $0.spec) }, uniquingKeysWith: { first, _ in first })
        return report.scenarios.compactMap { scenario in
            guard all || !scenario.flows.isEmpty, let spec = specs[scenario.name] else { return nil }
            let plane = Engine.run(network, failures: spec, baseline: baseline)
            let timeline = FailureTimeline(baseline: baseline.plane, failed: plane)
            return (scenario, timeline, flowTimelines(network, scenario: scenario, spec: spec, timeline: timeline, baseline: baseline))
        }
    }

    /// The schedules as the text report's last section.
    public static func timelineText(_ timelines: [(scenario: ScenarioOutcome, timeline: FailureTimeline, flows: [FailureTimeline.FlowTimeline])]) -> String {
        guard !timelines.isEmpty else { return "\ntimelines: no scenario to show\n" }
        var text = "\ntimelines (when each change happens after the failure, and what each changed flow does meanwhile; docs/timeline.md):\n"
        for (scenario, timeline, flows) in timelines {
            text += "scenario \(scenario.name):\n" + timeline.text + flowTimelineText(flows)
        }
        return text
    }
}

extension RouteSim {
    /// The flows of `scenario` that did not stay on their baseline path, each with its outcome
    /// between the timeline's events.
    public static func flowTimelines(_ network: Network, scenario: ScenarioOutcome, spec: FailureSpec, timeline: FailureTimeline,
                                     baseline: Baseline) -> [FailureTimeline.FlowTimeline] {
        let flows = scenario.flows.map { (name: $0.flow, from: $0.from, to: $0.destination) }
        return timeline.flowTimelines(baseline: baseline, failures: spec, flows: flows)
    }

    /// A flow's intervals as text lines.
    public static func flowTimelineText(_ flows: [FailureTimeline.FlowTimeline]) -> String {
        var text = ""
        for flow in flows {
            text += "  flow \(flow.flow)\(flow.longestDrop.map { " (\($0))" } ?? ""):\n"
            for interval in flow.intervals {
                let start = "from \(interval.from)".padding(toLength: 24, withPad: " ", startingAt: 0)
                text += "    \(start) \(interval.outcome)\(interval.after.map { "  (after \($0))" } ?? "")\n"
            }
        }
        return text
    }
}

extension RouteSim {
    /// The flows that a failure leaves dropped longer than `limit` in the worst case, by the
    /// timelines of every scenario that changed a flow; isolated flows (no configuration can
    /// deliver them) are not counted. One line each: scenario, flow, how long.
    public static func transientDrops(_ network: Network, report: FailureReport, enumeration: ScenarioEnumeration,
                                      longerThan limit: Milliseconds) -> [String] {
        var lines: [String] = []
        for (scenario, _, flows) in timelines(network, report: report, enumeration: enumeration) {
            let isolated = Set(scenario.flows.filter { $0.classification == .isolated }.map(\.flow))
            for flow in flows where !isolated.contains(flow.flow) {
                if let drop = flow.longestDrop, drop.exceeds(limit) { lines.append("scenario \(scenario.name): flow \(flow.flow) \(drop) (limit \(limit))") }
            }
        }
        return lines
    }
}
