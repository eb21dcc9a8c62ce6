import Analysis
import Foundation
import NetworkModel
import Simulation

/// The blast radius of a change (`routesim diff BASE HEAD`): the single-failure black holes,
/// loops and no-routes the change introduces or fixes (and those without any failure), and, in
/// the no-failure state, the BGP sessions and best paths that move. A problem is the same in
/// both versions when the scenario, the flow and the classification match (where it drops may
/// move: that is not a new problem).
public struct ChangeImpact: Sendable, Encodable {
    public struct Problem: Sendable, Encodable, Hashable, Comparable {
        /// `no failure`, or the scenario's name (`link R1-R2`).
        public var scenario: String
        public var flow: String
        public var classification: String
        /// Where and why, as the sweep says it (not part of the identity).
        public var detail: String
        /// The router where the flow ends, and the line that ends it in that version's input
        /// (`FlowOutcome.problemLocation`); not part of the identity.
        public var at: String
        public var location: SourceLocation?
        var cause: BlackHoleCause?

        private enum CodingKeys: String, CodingKey { case scenario, flow, classification, detail, at, location }

        public static func == (a: Problem, b: Problem) -> Bool { a.key == b.key }
        public func hash(into hasher: inout Hasher) { hasher.combine(key) }
        public static func < (a: Problem, b: Problem) -> Bool { a.key < b.key }
        var key: String { [scenario, flow, classification].joined(separator: "\u{0}") }
    }

    public struct SessionChange: Sendable, Encodable {
        public var router: String
        public var neighbor: String
        /// `established`, `down: reason`, or nil when the session is not configured.
        public var before: String?
        public var after: String?
    }

    public var schemaVersion = 1
    public var base: String
    public var head: String
    public var introduced: [Problem]
    public var fixed: [Problem]
    public var sessions: [SessionChange]
    public var bestPaths: [RouteChange]
    /// The change introduces a problem: `diff` exits 1.
    public var fails: Bool { !introduced.isEmpty }

    public static func compare(base: Network, head: Network, baseName: String, headName: String,
                               options: FailureAnalysis.Options = FailureAnalysis.Options()) -> ChangeImpact {
        let (basePlane, headPlane) = (Engine.run(base), Engine.run(head))
        let baseProblems = problems(FailureAnalysis.run(base, options: options), in: base)
        let headProblems = problems(FailureAnalysis.run(head, options: options), in: head)
        return ChangeImpact(base: baseName, head: headName,
                            introduced: headProblems.subtracting(baseProblems).sorted(),
                            fixed: baseProblems.subtracting(headProblems).sorted(),
                            sessions: sessionChanges(basePlane, headPlane),
                            bestPaths: RouteChanges.bgp(from: basePlane, to: headPlane))
    }

    /// Black-holed, looping and no-route flows of a sweep, the no-failure state's included
    /// (isolated flows are left out: no configuration can fix them).
    static func problems(_ report: FailureReport, in network: Network) -> Set<Problem> {
        let kinds: Set<FlowClass> = [.blackHoled, .loop, .noRoute]
        func problem(_ scenario: String, _ flow: FlowOutcome) -> Problem {
            let location = flow.problemLocation(in: network)
            return Problem(scenario: scenario, flow: flow.flow, classification: flow.classification.rawValue, detail: flow.detail, at: flow.at,
                           location: location, cause: flow.cause)
        }
        var found = Set(report.baseline.filter { kinds.contains($0.classification) }.map { problem("no failure", $0) })
        for scenario in report.scenarios {
            for flow in scenario.flows where kinds.contains(flow.classification) { found.insert(problem(scenario.name, flow)) }
        }
        return found
    }

    static func sessionChanges(_ base: DataPlane, _ head: DataPlane) -> [SessionChange] {
        func states(_ plane: DataPlane) -> [String: String] {
            var states: [String: String] = [:]
            for session in plane.sessions {
                let key = "\(plane.network.routers[session.router].name)\u{0}\(session.peerAddress)"
                states[key] = session.established ? "established" : "down: \(session.reason ?? "not established")"
            }
            return states
        }
        let (before, after) = (states(base), states(head))
        return Set(before.keys).union(after.keys).sorted().compactMap { key in
            guard before[key] != after[key] else { return nil }
            let parts = key.split(separator: "\u{0}").map(String.init)
            return SessionChange(router: parts[0], neighbor: parts.count > 1 ? parts[1] : "", before: before[key], after: after[key])
        }
    }
}

extension ChangeImpact {
    /// Plain text for a terminal or a CI log.
    public func text() -> String {
        var out = "routesim diff \(base) -> \(head)\n"
        out += "introduced: \(introduced.count) problem\(introduced.count == 1 ? "" : "s"); fixed: \(fixed.count); "
        out += "sessions changed: \(sessions.count); best paths changed: \(bestPaths.count)\n"
        for (title, list) in [("introduced", introduced), ("fixed", fixed)] where !list.isEmpty {
            out += "\n\(title):\n"
            for problem in list { out += "  \(problem.scenario): \(problem.flow) \(problem.classification): \(problem.detail)\n" }
        }
        if !sessions.isEmpty {
            out += "\nBGP sessions (no failure):\n"
            for change in sessions { out += "  \(change.router) -> \(change.neighbor): \(change.before ?? "not configured") -> \(change.after ?? "not configured")\n" }
        }
        if !bestPaths.isEmpty {
            out += "\nBGP best paths (no failure):\n"
            for change in bestPaths { out += "  \(change.router) \(change.prefix): \(change.before ?? "none") -> \(change.after ?? "none")\n" }
        }
        return out
    }

    /// A pull-request comment or `$GITHUB_STEP_SUMMARY`: a verdict, then tables (capped, so a
    /// large change stays readable; JSON has everything).
    public func markdown(limit: Int = 50) -> String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = "### routesim: \(fails ? "this change introduces \(introduced.count) problem\(introduced.count == 1 ? "" : "s")" : "no new black hole, loop or no-route")\n\n"
        out += "`\(cell(base))` → `\(cell(head))`: \(introduced.count) introduced, \(fixed.count) fixed; \(sessions.count) BGP session\(sessions.count == 1 ? "" : "s") and \(bestPaths.count) best path\(bestPaths.count == 1 ? "" : "s") change without any failure.\n"
        for (title, list) in [("Introduced", introduced), ("Fixed", fixed)] where !list.isEmpty {
            out += "\n#### \(title)\n\n| scenario | flow | outcome | where and why |\n|---|---|---|---|\n"
            for problem in list.prefix(limit) { out += "| \(cell(problem.scenario)) | \(cell(problem.flow)) | \(problem.classification) | \(cell(problem.detail)) |\n" }
            if list.count > limit { out += "\n… and \(list.count - limit) more (see the JSON output).\n" }
        }
        if !sessions.isEmpty {
            out += "\n#### BGP sessions (no failure)\n\n| router | neighbor | before | after |\n|---|---|---|---|\n"
            for change in sessions.prefix(limit) { out += "| \(cell(change.router)) | \(change.neighbor) | \(cell(change.before ?? "—")) | \(cell(change.after ?? "—")) |\n" }
        }
        if !bestPaths.isEmpty {
            out += "\n#### BGP best paths (no failure)\n\n| router | prefix | before | after |\n|---|---|---|---|\n"
            for change in bestPaths.prefix(limit) { out += "| \(cell(change.router)) | \(change.prefix) | \(cell(change.before ?? "—")) | \(cell(change.after ?? "—")) |\n" }
            if bestPaths.count > limit { out += "\n… and \(bestPaths.count - limit) more.\n" }
        }
        return out
    }
}
