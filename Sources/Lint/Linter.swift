import Diagnostics
import ConfigParsers
import Foundation
import Synchronization

/// Reads config files and runs the rules over them, one router at a time on all cores: a
/// router's own findings are made as it is read, and a network rule keeps of it only what it
/// needs (NetworkLintRule), so a large network is linted without holding every parsed config.
public enum Linter {
    /// A config file as read: its device, or why it could not be read (ConfigFiles).
    public typealias FileResult = ConfigFiles.Parsed

    /// What the report keeps of a linted file: its dialect, line accounting and a few counts.
    public struct LintedFile: Sendable {
        public var path: String
        public var dialect: ConfigDialect?
        /// Why the file could not be read (binary, too large, unreadable).
        public var error: String?
        public var lines: LineTally?
        public var discardRoutes = 0
        public var trackedRoutes = 0
        public var conditionalNeighbors = 0
        /// The text when it did not come from a file (to quote offending lines).
        var source: String?

        init(_ file: FileResult) {
            path = file.path
            error = file.error
            source = file.source
            guard let device = file.device else { return }
            dialect = device.dialect
            lines = device.lines
            discardRoutes = device.staticRoutes.filter { $0.target == .discard }.count
            trackedRoutes = device.staticRoutes.filter { $0.track != nil }.count
            conditionalNeighbors = device.bgp?.neighbors.filter { $0.advertiseMap != nil }.count ?? 0
        }
    }

    public struct Report: Sendable {
        public var files: [LintedFile]
        public var findings: [Finding]
        /// Files under the given folders that are not configs by their extension (documentation,
        /// data, images): counted, not linted.
        public var skippedFiles = 0
        public init(files: [LintedFile], findings: [Finding]) { self.files = files; self.findings = findings }
        /// Findings at `severity`; a file that could not be read counts as an error (a CI job
        /// must not pass because a config was binary, UTF-16 without a BOM, a FIFO or too large).
        public func count(_ severity: Severity) -> Int {
            findings.filter { $0.severity == severity }.count + (severity == .error ? unreadableFiles : 0)
        }
        public var unreadableFiles: Int { files.filter { $0.error != nil }.count }
        /// Whether `--fail-on level` fails the run.
        public func fails(at level: Severity) -> Bool {
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

    /// Reads and lints the files at `paths`. `dialect` forces one dialect; else `chosen(path)`
    /// may name one (settings); else detection.
    public static func lint(_ paths: [String], dialect: ConfigDialect? = nil, chosen: @Sendable @escaping (String) -> ConfigDialect? = { _ in nil },
                            rules: [any LintRule.Type] = RuleRegistry.all, configuration: LintConfiguration = LintConfiguration()) -> Report {
        run(paths: paths, rules: rules, configuration: configuration, keepSources: false) {
            ConfigFiles.parse(path: paths[$0], dialect: dialect ?? chosen(paths[$0]), keepingSource: true)
        }
    }

    /// Runs `rules` (default: all) over files already read, honours inline suppressions and the
    /// configuration (disabled rules, severity overrides); findings sorted by file, line, code.
    public static func run(_ files: [FileResult], rules: [any LintRule.Type] = RuleRegistry.all, configuration: LintConfiguration = LintConfiguration()) -> Report {
        run(paths: files.map(\.path), rules: rules, configuration: configuration, keepSources: true) { files[$0] }
    }

    /// One router as linted: its files, its own findings, what network rules wait to decide.
    private struct LintedRouter: Sendable {
        var files: [(index: Int, file: LintedFile)] = []
        var findings: [Finding] = []
        var deferred: [NetworkCheck] = []
        var suppressions: [Suppression] = []
        /// Which codes of which suppression silenced a finding (index into `suppressions`).
        var used: Set<SuppressionUse> = []
        var facts: LintNetwork.RouterFacts?
        /// Kept only when the network is small enough for lint to simulate it.
        var device: DeviceConfig?

        /// Whether a suppression silences `finding` (and which: recorded as used).
        mutating func suppresses(_ finding: Finding) -> Bool {
            var silenced = false
            for (index, suppression) in suppressions.enumerated() where suppression.covers(code: finding.code, file: finding.file, line: finding.line) {
                used.insert(SuppressionUse(index: index, code: suppression.codes.contains(finding.code) ? finding.code : "ALL"))
                silenced = true
            }
            return silenced
        }

        /// UNUSED-SUPPRESSION findings: codes that name no rule, or silenced nothing although
        /// their rule ran.
        func unusedSuppressions(ran: Set<String>) -> [Finding] {
            let rule = UnusedSuppressionRule()
            return suppressions.enumerated().flatMap { index, suppression in
                suppression.codes.sorted().compactMap { code -> Finding? in
                    let judged = code == "ALL" ? !ran.isEmpty : ran.contains(code)
                    guard let message = rule.problem(with: code, ran: judged, used: used.contains(SuppressionUse(index: index, code: code))) else { return nil }
                    return rule.finding(message, at: suppression.comment)
                }
            }
        }
    }

    /// `keepSources`: the texts came with the files (not from disk), keep them to quote the
    /// network rules' findings; texts read from disk are dropped once the router is linted.
    struct SuppressionUse: Hashable, Sendable { var index: Int; var code: String }

    private static func run(paths: [String], rules: [any LintRule.Type], configuration: LintConfiguration, keepSources: Bool,
                            read: @Sendable (Int) -> FileResult) -> Report {
        let rules = rules.filter { configuration.enables($0.description.code) }
        var files = [LintedFile?](repeating: nil, count: paths.count)
        var findings: [Finding] = []
        // Each network on its own (ConfigNetworks); split FRR daemon files of one router are
        // linted as that router.
        for (_, routers) in ConfigNetworks.routers(paths) {
            let keepDevices = routers.count <= LintSimulation.maximumRouters
            let slots = Mutex([LintedRouter?](repeating: nil, count: routers.count))
            DispatchQueue.concurrentPerform(iterations: routers.count) { index in
                let router = lint(router: routers[index].map { (index: $0, file: read($0)) }, rules: rules, keepDevice: keepDevices,
                                  keepSources: keepSources)
                slots.withLock { $0[index] = router }
            }
            let linted = slots.withLock { $0.compactMap { $0 } }
            let network = LintNetwork(facts: linted.compactMap(\.facts), devices: keepDevices ? linted.compactMap(\.device) : nil,
                                      routers: linted.filter { $0.facts != nil }.count)
            let ran = Set(rules.map { $0.description.code })
            for var router in linted {
                for (index, file) in router.files { files[index] = file }
                findings += router.findings
                for check in router.deferred { findings += check(network).filter { !router.suppresses($0) } }
                if ran.contains(UnusedSuppressionRule.description.code) { findings += router.unusedSuppressions(ran: ran) }
            }
        }
        if !configuration.perFileIgnores.isEmpty { findings.removeAll(where: configuration.perFileIgnoreTest()) }
        findings.sort { ($0.file, $0.line, $0.column, $0.code) < ($1.file, $1.line, $1.column, $1.code) }
        let report = Report(files: files.compactMap { $0 }, findings: findings)
        return quoting(report, configuration: configuration)
    }

    private static func lint(router files: [(index: Int, file: FileResult)], rules: [any LintRule.Type], keepDevice: Bool, keepSources: Bool) -> LintedRouter {
        var router = LintedRouter()
        router.files = files.map { file in
            var linted = LintedFile(file.file)
            if !keepSources { linted.source = nil }
            return (file.index, linted)
        }
        guard let device = DeviceConfig.mergingSplitDaemonFiles(files.compactMap(\.file.device)).first else { return router }
        router.suppressions = device.suppressions
        router.facts = LintNetwork.RouterFacts(device)
        for rule in rules {
            let instance = rule.init()
            router.findings += instance.check(device).filter { finding in !router.suppresses(finding) }
            if let network = instance as? any NetworkLintRule, let check = network.deferred(device) { router.deferred.append(check) }
        }
        if keepDevice { router.device = device }
        quote(&router.findings, from: Dictionary(files.compactMap { file in file.file.source.map { (file.file.path, $0) } }) { first, _ in first })
        return router
    }

    /// Quotes each finding's line from the texts at hand (a router's findings while its texts are
    /// read; only the lines with findings are cut out).
    private static func quote(_ findings: inout [Finding], from sources: [String: String]) {
        let wanted = Dictionary(grouping: findings.filter { $0.text == nil }, by: \.file).mapValues { Set($0.map(\.line)) }
        var lines: [String: [Int: Substring]] = [:]
        for (file, numbers) in wanted { if let source = sources[file] { lines[file] = ConfigSource.lines(source, numbered: numbers) } }
        for index in findings.indices where findings[index].text == nil {
            if let line = lines[findings[index].file]?[findings[index].line] { findings[index].text = String(line) }
        }
    }

    /// Applies severity overrides and quotes the lines of findings not quoted yet (the network
    /// rules'), one file at a time: findings are sorted by file, so only the current file's text is
    /// held, and files are read again only for those findings.
    private static func quoting(_ report: Report, configuration: LintConfiguration) -> Report {
        var report = report
        let sources = Dictionary(report.files.compactMap { file in file.source.map { (file.path, $0) } }, uniquingKeysWith: { first, _ in first })
        var current: (file: String, lines: [Substring])?
        for index in report.findings.indices {
            if let severity = configuration.severities[report.findings[index].code] { report.findings[index].severity = severity }
            guard report.findings[index].text == nil else { continue }
            let file = report.findings[index].file
            if current?.file != file {
                if let source = sources[file] {
                    current = (file, ConfigSource.lines(source))
                } else if case .success(let text) = ConfigSource.read(path: file) {
                    current = (file, ConfigSource.lines(text))
                } else {
                    current = (file, [])
                }
            }
            let line = report.findings[index].line
            if let lines = current?.lines, line >= 1, line - 1 < lines.count { report.findings[index].text = String(lines[line - 1]) }
        }
        return report
    }
}
