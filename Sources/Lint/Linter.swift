import ConfigParsers
import Foundation

/// Parses config files and runs the rules over them.
public enum Linter {
    /// A config file as read: its device, or why it could not be read (ConfigFiles).
    public typealias FileResult = ConfigFiles.Parsed

    public struct Report: Sendable {
        public var files: [FileResult]
        public var findings: [LintFinding]
        /// Files under the given folders that are not configs by their extension (documentation,
        /// data, images): counted, not linted.
        public var skippedFiles = 0
        public init(files: [FileResult], findings: [LintFinding]) { self.files = files; self.findings = findings }
        /// Findings at `severity`; a file that could not be read counts as an error (a CI job
        /// must not pass because a config was binary, UTF-16 without a BOM, a FIFO or too large).
        public func count(_ severity: LintSeverity) -> Int {
            findings.filter { $0.severity == severity }.count + (severity == .error ? unreadableFiles : 0)
        }
        public var unreadableFiles: Int { files.filter { $0.error != nil }.count }
        /// Whether `--fail-on level` fails the run.
        public func fails(at level: LintSeverity) -> Bool {
            findings.contains { $0.severity >= level } || unreadableFiles > 0
        }
    }

    // Reading configs is the front end's (ConfigFiles, in ConfigParsers); these name it for lint's callers.
    public static func collect(_ paths: [String]) -> (files: [String], missing: [String], skipped: Int) { ConfigFiles.collect(paths) }

    public static func parseAll(_ paths: [String], dialect: ConfigDialect? = nil, chosen: @Sendable (String) -> ConfigDialect? = { _ in nil }) -> [FileResult] {
        ConfigFiles.parseAll(paths, dialect: dialect, chosen: chosen)
    }

    public static func parse(path: String, dialect: ConfigDialect? = nil) -> FileResult { ConfigFiles.parse(path: path, dialect: dialect) }

    public static func parse(text: String, file: String, dialect: ConfigDialect? = nil) -> DeviceConfig { ConfigFiles.parse(text: text, file: file, dialect: dialect) }

    /// Runs `rules` (default: all) over the devices, honours inline suppressions and the
    /// configuration (disabled rules, severity overrides); findings sorted by file, line, code.
    public static func run(_ files: [FileResult], rules: [any LintRule.Type] = RuleRegistry.all, configuration: LintConfiguration = LintConfiguration()) -> Report {
        let rules = rules.filter { !configuration.disabled.contains($0.description.code) }
        var findings: [LintFinding] = []
        let sources = Dictionary(files.compactMap { file in file.source.map { (file.path, $0) } }, uniquingKeysWith: { first, _ in first })
        // Each network on its own (ConfigNetworks); split FRR daemon files of one router are
        // linted as that router.
        let parsed = files.compactMap(\.device)
        let byFile = Dictionary(parsed.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        for (_, members) in ConfigNetworks.group(parsed.map(\.file)) {
            let devices = DeviceConfig.mergingSplitDaemonFiles(members.compactMap { byFile[$0] })
            let context = LintContext(devices: devices)
            for device in devices {
                for rule in rules {
                    findings += rule.init().check(device, in: context).filter { finding in
                        !device.suppressions.contains { ($0.codes.contains(finding.code) || $0.codes.contains("ALL")) && $0.lines.contains(finding.line) }
                    }
                }
            }
        }
        findings.sort { ($0.file, $0.line, $0.column, $0.code) < ($1.file, $1.line, $1.column, $1.code) }
        // Quote each finding's line and apply severity overrides, one file at a time (sorted by
        // file, so only the current file's text is held).
        var current: (file: String, lines: [Substring])?
        for index in findings.indices {
            if let severity = configuration.severities[findings[index].code] { findings[index].severity = severity }
            let file = findings[index].file
            if current?.file != file {
                if let source = sources[file] {
                    current = (file, ConfigSource.lines(source))
                } else if case .success(let text) = ConfigSource.read(path: file) {
                    current = (file, ConfigSource.lines(text))
                } else {
                    current = (file, [])
                }
            }
            if let lines = current?.lines, findings[index].line - 1 < lines.count, findings[index].line >= 1 {
                findings[index].text = String(lines[findings[index].line - 1])
            }
        }
        return Report(files: files, findings: findings)
    }
}

