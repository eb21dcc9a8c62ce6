import ArgumentParser
import Foundation
import Pipeline

extension ConfigDialect: ExpressibleByArgument {}

/// `--fail-on`: the least severe finding that fails the run, or never (`info` is taken for `note`).
enum LintFailLevel: String, ExpressibleByArgument, CaseIterable {
    case note, warning, error, never
    var severity: Severity? { Severity(rawValue: rawValue) }
    init?(argument: String) { self.init(rawValue: argument == "info" ? "note" : argument) }
}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint router configs (IOS, EOS, FRR, Junos) for the patterns that cause black holes; report every line it could not read.",
        discussion: """
        Paths are files or directories (read recursively, hidden entries skipped); the dialect is \
        detected per file unless --dialect is given. Every non-blank line is modelled, recognised \
        and ignored, recognised but unsupported (said with its reason, e.g. OSPFv3 settings), or unrecognised; --show-unparsed lists the last two kinds, and a per-file coverage summary \
        ends the text output. `routesim rules` lists the rules.

        Output: `file:line:col: severity: message [CODE]` with the offending line (text), \
        versioned JSON, SARIF 2.1.0 with the rules table, JUnit XML, or GitHub Actions \
        annotations. Binary, oversized or unreadable files get an error line; the other files \
        are still linted.

        Settings: each file's nearest .routesim.yml (its folder, then upward; --config for all) turns rules off (`rules: {disable: [CODE]}`), \
        changes severities (`rules: {severity: {CODE: warning}}`), skips files (`ignore: [glob]`), \
        drops codes or prefixes for some files (`per-file-ignores: {glob: [CODE]}`) \
        and names a baseline. In a config, `! routesim: disable=CODE[,CODE]` (or `all`) silences \
        the next line, or the whole block when that line opens one. --write-baseline records \
        today's findings; --baseline (or `baseline:`) then reports only new ones.

        Rules: --select runs only the rules whose code starts with one of the given codes or \
        prefixes (`--select NULL-PIN,CFG001`), --ignore skips them; both take commas or repeat. \
        An unknown code is an error with a suggestion.

        Exit codes: 0 no finding at or above --fail-on (default error; `never` always 0), and \
        every file read; 1 such a finding, or a file that could not be read; 2 bad arguments (a \
        path that does not exist, an unknown rule code, a bad settings or baseline file).

        Examples:
          routesim lint configs/
          routesim lint r1.cfg r2.conf --format sarif > routesim.sarif
          routesim lint configs/ --fail-on warning --show-unparsed
          routesim lint configs/ --select NULL-PIN --ignore NULL-PIN-SINGLE-UPLINK
          routesim lint configs/ --fail-on never --format json -o lint.json
          git show HEAD:configs/r1.cfg | routesim lint - --stdin-filename configs/r1.cfg
          routesim lint configs/ --write-baseline routesim-baseline.json   # adopt on a legacy network
          routesim lint configs/ --baseline routesim-baseline.json --fail-on warning
        """
    )

    @Argument(help: "Config files or directories; `-` reads one config from standard input.") var paths: [String]
    @Option(name: .customLong("stdin-filename"), help: "The path the config read from `-` stands for: named in findings, used for dialect detection, settings and network grouping (default: `-`).") var stdinFilename: String?
    @Option(help: "Output format: \(ReportFormat.helpList(Self.formats)).", completion: .list(Self.formats.map(\.rawValue))) var format: ReportFormat = .text
    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at least this severe: note, warning, error (default) or never.") var failOn: LintFailLevel = .error
    @Option(name: .customLong("rules-url"), help: "Base URL of the rule pages, for SARIF help links (default: the project's rules/ folder online).") var rulesURL = Linter.Report.defaultRulesURL

    static let formats: [ReportFormat] = [.text, .json] + ReportFormat.findingFormats
    @Option(help: "Run only the rules whose code starts with one of these (comma-separated or repeated).") var select: [String] = []
    @Option(help: "Do not run the rules whose code starts with one of these (comma-separated or repeated).") var ignore: [String] = []
    @Flag(name: .customLong("show-unparsed"), help: "List every unrecognised or unsupported line.") var showUnparsed = false
    @Option(help: "Read every file as this dialect (ios, eos, frr, junos) instead of detecting it.") var dialect: ConfigDialect?
    @Option(name: .shortAndLong, help: "Write the output to this file (atomically) instead of stdout.") var output: String?
    @Option(help: "Lint settings for every file (default: each file's nearest .routesim.yml, in its folder or above).") var config: String?
    @Option(help: "Report only findings not in this baseline file (overrides the configuration's `baseline`).") var baseline: String?
    @Option(name: .customLong("write-baseline"), help: "Write every current finding to this baseline file and exit 0.") var writeBaseline: String?

    func validate() throws { try format.check(in: Self.formats, command: "lint") }

    func run() throws {
        let selected = Self.selectors(select), ignored = Self.selectors(ignore)
        let unknown = LintConfiguration.unknownSelectors(selected + ignored)
        if !unknown.isEmpty {
            for (selector, hint) in unknown { writeError("error: no rule code starts with '\(selector)'; \(hint)\n") }
            throw ExitCode(2)
        }
        let (collected, missing, skipped) = Linter.collect(paths.filter { $0 != "-" })
        if !missing.isEmpty {
            for path in missing { writeError("error: \(path): no such file or directory\n") }
            throw ExitCode(2)
        }
        // Settings: --config for every file; else each file's nearest .routesim.yml, looking in its
        // folder and then upward (files under different settings are linted with their own).
        let standardInput = paths.contains("-") ? (stdinFilename ?? "-") : nil
        var settingsOf: [String: String?] = [:]
        var groups: [(settings: String?, files: [String])] = []
        for file in collected + (standardInput.map { [$0] } ?? []) {
            let settings = config ?? Self.nearestSettings(of: file, cache: &settingsOf)
            if let index = groups.firstIndex(where: { $0.settings == settings }) { groups[index].files.append(file) } else { groups.append((settings, [file])) }
        }
        if groups.isEmpty { groups = [(config, [])] }
        var report = Linter.Report(files: [], findings: [])
        for group in groups {
            var configuration = LintConfiguration()
            var baselinePath = baseline
            if let settingsPath = group.settings {
                let (loaded, configured) = unwrap(RouteSim.lintConfiguration(path: settingsPath))
                configuration = loaded
                baselinePath = baselinePath ?? configured
            }
            configuration.select = selected
            configuration.ignoreRules = ignored
            var part = try lint(group.files.filter { $0 == standardInput || !configuration.ignores($0) }, standardInput: standardInput, configuration: configuration)
            if writeBaseline == nil, let baselinePath {
                guard let data = FileManager.default.contents(atPath: baselinePath), let accepted = try? JSONDecoder().decode(LintBaseline.self, from: data) else {
                    writeError("error: cannot read baseline \(baselinePath) (write one with --write-baseline)\n")
                    throw ExitCode(2)
                }
                part.findings = accepted.newFindings(part.findings)
            }
            report.files += part.files
            report.findings += part.findings
        }
        report.findings.sort { ($0.file, $0.line, $0.column, $0.code) < ($1.file, $1.line, $1.column, $1.code) }
        report.skippedFiles = skipped
        if let writeBaseline {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(LintBaseline(findings: report.findings))) ?? Data()
            try emit(String(decoding: data, as: UTF8.self) + "\n", to: writeBaseline)
            writeError("wrote \(report.findings.count) findings to \(writeBaseline)\n")
            return
        }
        let rendered: String
        switch format {
        case .text:
            let plain = LintOutput.text(report, showUnparsed: showUnparsed)
            let toTerminal = (output == nil || output == "-") && isatty(1) == 1
            rendered = TerminalColour.wanted(isTerminal: toTerminal) ? TerminalColour.severities(plain) : plain
        case .json: rendered = LintOutput.json(report)
        default:
            let level = failOn.severity
            let options = FindingWriterOptions(root: FileManager.default.currentDirectoryPath) { finding in level.map { finding.severity >= $0 } ?? false }
            rendered = report.findingReport(rulesURL: rulesURL).rendered(as: format, options: options) ?? ""
        }
        try emit(rendered, to: output)
        if let level = failOn.severity, report.fails(at: level) { throw ExitCode(1) }
    }

    /// One settings group: files read from disk, and standard input when `standardInput` (its
    /// name) is among them.
    func lint(_ files: [String], standardInput: String?, configuration: LintConfiguration) throws -> Linter.Report {
        let settings = configuration
        guard let name = standardInput, files.contains(name) else {
            return Linter.lint(files, dialect: dialect, chosen: { settings.dialect(for: $0) }, configuration: configuration)
        }
        // Standard input joins the files (small by nature: no streaming needed).
        let chosen = dialect ?? settings.dialect(for: name)
        let piped = switch ConfigSource.readStandardInput() {
        case .success(let text): Linter.FileResult(path: name, device: Linter.parse(text: text, file: name, dialect: chosen), source: text)
        case .failure(let error): Linter.FileResult(path: name, device: nil, error: error.description)
        }
        let read = Linter.parseAll(files.filter { $0 != name }, dialect: dialect, chosen: { settings.dialect(for: $0) })
        return Linter.run(read + [piped], configuration: configuration)
    }

    /// The nearest `.routesim.yml` in the file's folder or above it (cached per folder).
    static func nearestSettings(of file: String, cache: inout [String: String?]) -> String? {
        var folder = URL(fileURLWithPath: ConfigNetworks.directory(of: file).isEmpty ? "." : ConfigNetworks.directory(of: file)).standardizedFileURL.path
        var visited: [String] = []
        var found: String?
        while true {
            if let known = cache[folder] { found = known; break }
            visited.append(folder)
            let candidate = (folder as NSString).appendingPathComponent(".routesim.yml")
            if FileManager.default.fileExists(atPath: candidate) { found = candidate; break }
            let parent = ConfigNetworks.directory(of: folder)
            if parent.isEmpty || parent == folder { break }
            folder = parent
        }
        for path in visited { cache[path] = .some(found) }
        return found
    }

    /// `--select A,B --select C` -> ["A", "B", "C"], upper-cased.
    static func selectors(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the lint rules, explain one, or write the rules/ catalogue pages.",
        discussion: """
        Examples:
          routesim rules
          routesim rules explain NULL-PIN-UNCONDITIONAL
          routesim rules --write-docs rules/
        """
    )

    @Argument(help: "`explain` followed by a rule code.") var words: [String] = []
    @Option(name: .customLong("write-docs"), help: "Write rules/<CODE>.md and rules/README.md into this directory.") var writeDocs: String?

    func run() throws {
        if let directory = writeDocs {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for rule in RuleRegistry.all {
                try emit(RuleCatalogue.page(rule.description), to: (directory as NSString).appendingPathComponent("\(rule.description.code).md"))
            }
            try emit(RuleCatalogue.index(), to: (directory as NSString).appendingPathComponent("README.md"))
            return
        }
        if words.first == "explain" {
            guard words.count == 2, let rule = RuleRegistry.rule(code: words[1]) else {
                let codes = RuleRegistry.all.map { $0.description.code }
                let typed = words.count == 2 ? words[1].uppercased() : ""
                let prefixed = codes.filter { !typed.isEmpty && $0.hasPrefix(typed) }
                let hint = prefixed.count == 1 ? "; did you mean '\(prefixed[0])'?"
                    : prefixed.count > 1 ? "; did you mean one of \(prefixed.joined(separator: ", "))?"
                    : Suggestion.didYouMean(typed, in: codes).map { "; \($0)" } ?? "; `routesim rules` lists them"
                let problem = words.count == 2 ? "no rule has the code '\(words[1])'" : "give one rule code: routesim rules explain CODE"
                writeError("error: \(problem)\(hint)\n")
                throw ExitCode(2)
            }
            print(RuleCatalogue.page(rule.description), terminator: "")
            return
        }
        guard words.isEmpty else { throw ValidationError("unknown argument '\(words[0])'; use `routesim rules explain CODE`") }
        for rule in RuleRegistry.all {
            let d = rule.description
            print("\(d.code.padding(toLength: 24, withPad: " ", startingAt: 0)) \(d.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(d.name)")
        }
    }
}
