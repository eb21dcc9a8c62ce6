import Analysis
import NetPrimitives
import NetworkModel
import Simulation

/// A scenario's timeline as `failures --timeline` reports it (docs/timeline.md).
public struct ScenarioTimeline: Sendable {
    public var scenario: ScenarioOutcome
    public var timeline: FailureTimeline
    /// The scenario's changed flows, each with its outcome between the events.
    public var flows: [FailureTimeline.FlowTimeline]
    /// With `suggest`: per flow name, the timer changes that shorten its drop (verified).
    public var suggestions: [String: [TimerSuggestion]] = [:]
}

extension RouteSim {
    /// The timeline of every scenario that changed a flow (a converged state without a problem
    /// can still drop traffic on the way; every scenario with `all`), in report order.
    /// `suggest`: also the timer changes that shorten each transient drop, verified.
    /// `silentLinks`: links fail without their interfaces going down (docs/timeline.md).
    public static func timelines(_ network: Network, report: FailureReport, enumeration: ScenarioEnumeration, all: Bool = false,
                                 suggest: Bool = false, silentLinks: Bool = false, baseline: Baseline? = nil) -> [ScenarioTimeline] {
        let baseline = baseline ?? Engine.baseline(network)
        let specs = Dictionary(enumeration.scenarios(for: network).scenarios.map { ($0.name, $0.spec) }, uniquingKeysWith: { first, _ in first })
        let timers = TimerTable(plane: baseline.plane)   // the same for every scenario
        let delivered = report.baseline.filter { $0.classification == .delivered }
        return report.scenarios.compactMap { scenario in
            guard let spec = specs[scenario.name] else { return nil }
            let transient = droppedOnlyOnTheWay(delivered, scenario: scenario, spec: spec, baseline: baseline, silentLinks: silentLinks)
            guard all || !scenario.flows.isEmpty || !transient.isEmpty else { return nil }
            let plane = Engine.run(network, failures: spec, baseline: baseline)
            let timeline = FailureTimeline(baseline: baseline.plane, failed: plane, timers: timers, silentLinks: silentLinks)
            let timed = scenario.flows + transient
            let endpoints = Dictionary(timed.map { ($0.flow, (from: $0.from, to: $0.destination)) }, uniquingKeysWith: { first, _ in first })
            let flows = timeline.flowTimelines(baseline: baseline, failures: spec, flows: timed.map { (name: $0.flow, from: $0.from, to: $0.destination) })
            var result = ScenarioTimeline(scenario: scenario, timeline: timeline, flows: flows)
            if suggest {
                for flow in flows {
                    guard let ends = endpoints[flow.flow] else { continue }
                    let found = TimerSuggester.suggest(network: network, failures: spec, flow: flow, endpoints: ends, timeline: timeline, timers: timers)
                    if !found.isEmpty { result.suggestions[flow.flow] = found }
                }
            }
            return result
        }
    }

    /// Flows the failure leaves on the same routers once converged (so the sweep does not list
    /// them) but drops on the way: traffic on a failed link of several in parallel, or on a
    /// failed link the path returns to the same routers around. Found by tracing every flow
    /// delivered without failures at the failure's first instant (before anything reconverges).
    static func droppedOnlyOnTheWay(_ flows: [FlowOutcome], scenario: ScenarioOutcome, spec: FailureSpec, baseline: Baseline,
                                    silentLinks: Bool) -> [FlowOutcome] {
        let listed = Set(scenario.flows.map(\.flow))
        let candidates = flows.filter { !listed.contains($0.flow) }
        guard !candidates.isEmpty else { return [] }
        let instant = Tracer(plane: baseline.plane, fastRerouteAfter: spec, silentLinks: silentLinks)
        return candidates.filter { flow in
            instant.trace(from: flow.from, to: flow.destination).paths.contains { if case .delivered = $0.disposition { false } else { true } }
        }
    }

    /// The timelines as the text report's last section.
    public static func timelineText(_ timelines: [ScenarioTimeline]) -> String {
        guard !timelines.isEmpty else { return "\ntimelines: no scenario to show\n" }
        var text = "\ntimelines (when each change happens after the failure, and what each changed flow does meanwhile; docs/timeline.md):\n"
        for item in timelines {
            text += "scenario \(item.scenario.name):\n" + item.timeline.text
            for flow in item.flows {
                text += "  flow \(flow.flow)\(flow.longestDrop.map { " (\($0))" } ?? ""):\n"
                for interval in flow.intervals {
                    let start = "from \(interval.from)".padding(toLength: 24, withPad: " ", startingAt: 0)
                    text += "    \(start) \(interval.outcome)\(interval.after.map { "  (after \($0))" } ?? "")\n"
                }
                for suggestion in item.suggestions[flow.flow] ?? [] {
                    let result = suggestion.after.map(\.description) ?? "not dropped"
                    text += "    try on \(suggestion.router): \(suggestion.change): \(result), was \(suggestion.before.description.replacingOccurrences(of: "dropped for ", with: ""))\n"
                    text += suggestion.config.split(separator: "\n").map { "      | \($0)\n" }.joined()
                }
            }
        }
        return text
    }

    /// The flows that a failure leaves dropped longer than `limit` in the worst case, by the
    /// timelines of every scenario that changed a flow; isolated flows (no configuration can
    /// deliver them) are not counted. One line each: scenario, flow, how long.
    public static func transientDrops(_ network: Network, report: FailureReport, enumeration: ScenarioEnumeration,
                                      longerThan limit: Milliseconds, silentLinks: Bool = false) -> [String] {
        var lines: [String] = []
        for item in timelines(network, report: report, enumeration: enumeration, silentLinks: silentLinks) {
            let isolated = Set(item.scenario.flows.filter { $0.classification == .isolated }.map(\.flow))
            for flow in item.flows where !isolated.contains(flow.flow) {
                if let drop = flow.longestDrop, drop.exceeds(limit) { lines.append("scenario \(item.scenario.name): flow \(flow.flow) \(drop) (limit \(limit))") }
            }
        }
        return lines
    }
}
