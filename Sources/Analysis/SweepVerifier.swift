import Foundation
import Synchronization

/// `failures --verify N`: re-runs a sample of a sweep's scenarios on the plain path (no
/// baseline, nothing reused) and compares, for each, the whole control-plane state
/// (`DataPlane.stateDigest`) with the incremental run's and the scenario's report entry with
/// one built from fresh traces. Any difference is a bug in reuse, or a prefix with several
/// stable states (docs/failure-analysis.md); either way the user must hear of it.
public enum SweepVerifier {
    public struct Mismatch: Sendable, Codable {
        /// What the stability check says about the two states.
        public enum Kind: String, Sendable, Codable {
            /// Both states are stable: the prefixes have several stable states in this scenario,
            /// and the sweep kept the one reached from the pre-failure state.
            case severalStableStates = "several-stable-states"
            /// The sweep kept a path by age (oldest-path): routers held it before the failure,
            /// which a simulation from scratch cannot know.
            case routeAge = "route-age"
            /// The sweep's state is not stable: a bug in reuse.
            case sweepNotStable = "sweep-state-not-stable"
            /// The plain run's state is not stable where the sweep's is.
            case plainNotStable = "plain-state-not-stable"
            /// The prefixes that differ have no stable state in either run: both stopped at the
            /// event bound (reported as not converged), in different places.
            case neitherConverged = "neither-converged"
            /// The states agree; only the report entries differ (trace reuse).
            case reportOnly = "report-only"
        }
        public var scenario: String
        public var kind: Kind
        /// Per run, the prefixes that are not a stable state and where.
        public var unstable: [String]
        /// The first differing facts, `-` from the sweep, `+` from the plain run.
        public var differences: [String]
    }

    public struct Result: Sendable, Codable {
        public var checked: [String]
        public var mismatches: [Mismatch]
        public var passed: Bool { mismatches.isEmpty }
    }

    /// Which scenarios to check, as indices into `scenarios`: the worst ones of the report
    /// first (up to half of `count`: worst flow class, then most flows of it, then name), then
    /// scenarios spread evenly over the enumeration. Deterministic: same input, same sample.
    public static func sample(_ scenarios: [FailureScenario], report: FailureReport, count: Int) -> [Int] {
        guard count > 0 else { return [] }
        if count >= scenarios.count { return Array(scenarios.indices) }
        let position = Dictionary(scenarios.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let worst = report.scenarios.filter { $0.worst > .rerouted }.sorted { a, b in
            if a.worst != b.worst { return a.worst > b.worst }
            if a.count(a.worst) != b.count(b.worst) { return a.count(a.worst) > b.count(b.worst) }
            return a.name < b.name
        }
        var chosen: [Int] = []
        var taken = Set<Int>()
        for outcome in worst.prefix((count + 1) / 2) {
            if let index = position[outcome.name], taken.insert(index).inserted { chosen.append(index) }
        }
        // Evenly spaced over the rest, starting at the first scenario.
        let remaining = scenarios.indices.filter { !taken.contains($0) }
        let wanted = count - chosen.count
        for k in 0..<wanted where !remaining.isEmpty {
            chosen.append(remaining[k * remaining.count / wanted])
        }
        return chosen.sorted()
    }

    /// Checks `count` sampled scenarios of `report` (made with `options`).
    public static func verify(_ network: Network, report: FailureReport, options: FailureAnalysis.Options, count: Int) -> Result {
        let scenarios = options.enumeration.scenarios(for: network).scenarios
        let picked = sample(scenarios, report: report, count: count)
        let recorded = Engine.baseline(network)
        let plain = FailureAnalysis.SweepBaseline(network, recordForReuse: false)
        let reported = Dictionary(report.scenarios.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let mismatches = Mutex([Mismatch?](repeating: nil, count: picked.count))
        DispatchQueue.concurrentPerform(iterations: picked.count) { k in
            let scenario = scenarios[picked[k]]
            let fresh = Engine.run(network, failures: scenario.spec, options: FailureAnalysis.singleThreaded)
            let reused = Engine.run(network, failures: scenario.spec, options: FailureAnalysis.singleThreaded, baseline: recorded)
            var differences = difference(reused.stateDigest(), fresh.stateDigest())
            let expected = plain.outcome(of: scenario, plane: fresh, reuseTraces: false)
            if let entry = reported[scenario.name] {
                differences += difference(JSONLines.of(entry), JSONLines.of(expected)).map { "report: \($0)" }
            } else {
                differences.append("report: scenario missing from the sweep's report")
            }
            guard !differences.isEmpty else { return }
            var (kind, unstable) = classify(network, scenario: scenario, recorded: recorded, differing: differingPrefixes(differences))
            if kind == .severalStableStates && differences.contains(where: { $0.hasPrefix("- ") && $0.contains(" decided-by oldest-path ") }) { kind = .routeAge }
            mismatches.withLock { $0[k] = Mismatch(scenario: scenario.name, kind: kind, unstable: unstable, differences: Array(differences.prefix(12))) }
        }
        return Result(checked: picked.map { scenarios[$0].name }, mismatches: mismatches.withLock { $0.compactMap { $0 } })
    }

    /// The prefixes named by differing state lines (`ROUTER rib|bgp|unresolved PREFIX ...`);
    /// nil when some other fact differs (sessions, tracks, convergence).
    static func differingPrefixes(_ differences: [String]) -> Set<Prefix>? {
        var prefixes = Set<Prefix>()
        for line in differences where !line.hasPrefix("report: ") {
            let words = line.split(separator: " ")
            guard words.count > 3, ["rib", "bgp", "unresolved"].contains(words[2]), let prefix = Prefix(String(words[3])) else { return nil }
            prefixes.insert(prefix)
        }
        return prefixes
    }

    /// Runs the scenario both ways again with the stability check on, and judges the prefixes
    /// whose state differs (all unstable ones when other facts differ too).
    static func classify(_ network: Network, scenario: FailureScenario, recorded: Baseline, differing: Set<Prefix>?) -> (Mismatch.Kind, [String]) {
        if let differing, differing.isEmpty { return (.reportOnly, []) }
        var options = FailureAnalysis.singleThreaded
        options.checkStability = true
        let sweep = (Engine.run(network, failures: scenario.spec, options: options, baseline: recorded).statistics.unstablePrefixes ?? [])
            .filter { differing?.contains($0.prefix) ?? true }
        let plain = (Engine.run(network, failures: scenario.spec, options: options).statistics.unstablePrefixes ?? [])
            .filter { differing?.contains($0.prefix) ?? true }
        let unstable = sweep.map { "sweep: \($0.prefix) would change at \($0.routers.prefix(8).joined(separator: ", "))\($0.routers.count > 8 ? ", ..." : "")" }
            + plain.map { "plain: \($0.prefix) would change at \($0.routers.prefix(8).joined(separator: ", "))\($0.routers.count > 8 ? ", ..." : "")" }
        let sweepOnly = Set(sweep.map(\.prefix)).subtracting(plain.map(\.prefix))
        let plainOnly = Set(plain.map(\.prefix)).subtracting(sweep.map(\.prefix))
        if !sweepOnly.isEmpty { return (.sweepNotStable, unstable) }
        if !plainOnly.isEmpty { return (.plainNotStable, unstable) }
        if !sweep.isEmpty { return (.neitherConverged, unstable) }
        return (.severalStableStates, unstable)
    }

    /// The verdict for a terminal: one line when every checked scenario agrees, else each
    /// differing scenario with its first differences.
    public static func describe(_ result: Result) -> String {
        let checked = "\(result.checked.count) scenario\(result.checked.count == 1 ? "" : "s")"
        guard !result.passed else { return "verify: \(checked) re-run from scratch: every state and report entry equal to the sweep's\n" }
        var text = "verify: FAILED: \(result.mismatches.count) of \(checked) differ between the sweep and a plain re-run\n"
        for mismatch in result.mismatches {
            text += "  \(mismatch.scenario): \(mismatch.kind.explanation)\n"
            for line in mismatch.unstable.prefix(6) { text += "    \(line)\n" }
            for line in mismatch.differences { text += "    \(line)\n" }
        }
        return text
    }

    /// Lines only in `a` (prefixed `-`) and only in `b` (`+`), both sorted.
    static func difference(_ a: [String], _ b: [String]) -> [String] {
        guard a != b else { return [] }
        let onlyA = Set(a).subtracting(b), onlyB = Set(b).subtracting(a)
        if onlyA.isEmpty && onlyB.isEmpty { return ["the same lines in another order or number (\(a.count) against \(b.count))"] }
        return onlyA.sorted().map { "- " + $0 } + onlyB.sorted().map { "+ " + $0 }
    }
}

/// A value as sorted-key JSON lines, so two report entries can be diffed line by line.
enum JSONLines {
    static func of(_ value: some Encodable) -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return ["<not encodable>"] }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

extension SweepVerifier.Mismatch.Kind {
    public var explanation: String {
        switch self {
        case .severalStableStates: "both states are stable: several stable states (the sweep keeps the one reached from the pre-failure state)"
        case .routeAge: "the sweep keeps a path held since before the failure (oldest-path), which a simulation from scratch cannot know"
        case .sweepNotStable: "the sweep's state is not stable: a reuse bug"
        case .plainNotStable: "the plain run's state is not stable where the sweep's is"
        case .neitherConverged: "no stable state: both runs stop at the event bound (not converged), in different places"
        case .reportOnly: "same state, different report entry: a trace-reuse bug"
        }
    }
}
