import NetworkModel

/// A scenario's timeline as `failures --timeline --format json` writes it (docs/json-output.md):
/// times in milliseconds after the failure, windows as earliest and latest.
public struct TimelineReport: Sendable, Codable, Equatable {
    public struct Window: Sendable, Codable, Equatable {
        public var earliestMs: Int64
        public var latestMs: Int64
        public init(_ window: FailureTimeline.Window) {
            earliestMs = window.earliest.value
            latestMs = window.latest.value
        }
    }
    public struct Event: Sendable, Codable, Equatable {
        public var window: Window
        /// The router it happens at (empty for an AS-wide or network-wide event).
        public var router: String
        public var what: String
        public var why: String
    }
    public struct Interval: Sendable, Codable, Equatable {
        public var from: Window
        /// The event that starts it (absent for the first).
        public var after: String?
        public var outcome: String
        public var delivered: Bool
    }
    public struct Suggestion: Sendable, Codable, Equatable {
        public var router: String
        public var change: String
        public var config: [String]
        /// The worst-case drop before and after the change, as the text report says it
        /// (`after` absent: not dropped at all once changed).
        public var before: String
        public var after: String?
    }
    public struct Flow: Sendable, Codable, Equatable {
        public var flow: String
        /// The longest drop in the worst case: absent when delivered throughout.
        public var longestDropMs: Int64?
        /// True when the flow is not delivered again.
        public var permanent: Bool
        public var intervals: [Interval]
        public var suggestions: [Suggestion]?
    }
    public var scenario: String
    public var events: [Event]
    public var flows: [Flow]

    public init(scenario: String, timeline: FailureTimeline, flows: [FailureTimeline.FlowTimeline], suggestions: [String: [TimerSuggestion]]) {
        self.scenario = scenario
        events = timeline.events.map { Event(window: Window($0.window), router: $0.router, what: $0.what, why: $0.why) }
        self.flows = flows.map { flow in
            var length: Int64?, permanent = false
            switch flow.longestDrop {
            case .bounded(let drop)?: length = drop.value
            case .permanent?: permanent = true
            case nil: break
            }
            let found = suggestions[flow.flow]?.map {
                Suggestion(router: $0.router, change: $0.change, config: $0.config.split(separator: "\n").map(String.init),
                           before: $0.before.description, after: $0.after?.description)
            }
            return Flow(flow: flow.flow, longestDropMs: length, permanent: permanent,
                        intervals: flow.intervals.map { Interval(from: Window($0.from), after: $0.after, outcome: $0.outcome, delivered: $0.delivered) },
                        suggestions: found)
        }
    }
}
