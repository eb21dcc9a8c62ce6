import ConfigParsers
import Diagnostics
import Foundation

/// Team settings (`.routesim.yml`, read by the Pipeline): rules switched off, severities
/// changed, paths skipped. Applied after the rules ran, so every rule still sees every device.
public struct LintConfiguration: Sendable {
    public var disabled: Set<String> = []
    public var severities: [String: Severity] = [:]
    /// Glob patterns (`*` within a path segment, `**` across segments) of files not to lint.
    public var ignore: [String] = []
    /// `dialects:` — glob -> dialect for files detection gets wrong; the first matching glob
    /// wins; `--dialect` overrides all.
    public var dialects: [(pattern: String, dialect: ConfigDialect)] = []
    /// `--select`: only the rules whose code starts with one of these run (empty: every rule).
    public var select: [String] = []
    /// `--ignore`: the rules whose code starts with one of these do not run.
    public var ignoreRules: [String] = []
    /// `per-file-ignores:` — glob -> rule codes or prefixes not reported for matching files.
    public var perFileIgnores: [(pattern: String, selectors: [String])] = []
    public init() {}

    /// Whether `per-file-ignores` drops a finding; the globs are compiled once, not per finding.
    public func perFileIgnoreTest() -> (Finding) -> Bool {
        let entries = perFileIgnores.map { (glob: Glob($0.pattern), selectors: $0.selectors) }
        return { finding in entries.contains { entry in entry.selectors.contains { finding.code.hasPrefix($0) } && entry.glob.matches(finding.file) } }
    }

    /// Whether the rule with `code` runs: selected, not ignored, not disabled.
    public func enables(_ code: String) -> Bool {
        (select.isEmpty || select.contains { code.hasPrefix($0) }) && !ignoreRules.contains { code.hasPrefix($0) } && !disabled.contains(code)
    }

    /// Rule codes or prefixes (upper-cased) that name no rule, each with a hint.
    public static func unknownSelectors(_ selectors: [String]) -> [(selector: String, hint: String)] {
        let codes = RuleRegistry.all.map { $0.description.code }
        return selectors.filter { selector in !codes.contains { $0.hasPrefix(selector) } }.map { selector in
            (selector, Suggestion.didYouMean(selector, in: codes) ?? "`routesim rules` lists the codes")
        }
    }

    public func dialect(for path: String) -> ConfigDialect? {
        dialects.first { Glob($0.pattern).matches(path) }?.dialect
    }

    public func ignores(_ path: String) -> Bool {
        ignore.contains { Glob($0).matches(path) }
    }
}

/// A baseline: the findings a team accepted when adopting the linter. Matched by rule, file and
/// the offending line's text (not its number, so edits elsewhere do not resurface them); each
/// entry absorbs one finding.
public struct LintBaseline: Codable, Sendable {
    public struct Entry: Codable, Sendable, Hashable {
        public var code: String
        public var file: String
        public var text: String
    }
    public var schemaVersion = 1
    public var entries: [Entry]

    public init(findings: [Finding]) {
        entries = findings.map(Self.entry).sorted { ($0.file, $0.code, $0.text) < ($1.file, $1.code, $1.text) }
    }

    static func entry(_ finding: Finding) -> Entry {
        Entry(code: finding.code, file: finding.file, text: (finding.text ?? finding.message).trimmingCharacters(in: .whitespaces))
    }

    /// The findings not covered by the baseline.
    public func newFindings(_ findings: [Finding]) -> [Finding] {
        var budget: [Entry: Int] = [:]
        for entry in entries { budget[entry, default: 0] += 1 }
        return findings.filter { finding in
            let key = Self.entry(finding)
            guard let left = budget[key], left > 0 else { return true }
            budget[key] = left - 1
            return false
        }
    }
}
