import ArgumentParser
import Foundation
import Pipeline

extension LintSeverity: ExpressibleByArgument {}
extension ConfigDialect: ExpressibleByArgument {}

enum LintFormat: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, junit, github }

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint router configs (IOS, EOS, FRR) for the patterns that cause black holes; report every line it could not read.",
        discussion: """
        Paths are files or directories (read recursively, hidden entries skipped); the dialect is \
        detected per file unless --dialect is given. Every non-blank line is modelled, recognised \
        and ignored, recognised but unsupported (IPv6 routes; Junos files, not parsed yet), or \
        unrecognised; --show-unparsed lists the last two kinds, and a per-file coverage summary \
        ends the text output. `routesim rules` lists the rules.

        Output: `file:line:col: severity: message [CODE]` with the offending line (text), \
        versioned JSON, SARIF 2.1.0 with the rules table, JUnit XML, or GitHub Actions \
        annotations. Binary, oversized or unreadable files get an error line; the other files \
        are still linted.

        Exit codes: 0 no finding at or above --fail-on (always 0 without it); 1 findings; 2 bad \
        arguments (a path that does not exist).

        Examples:
          routesim lint configs/
          routesim lint r1.cfg r2.conf --format sarif > routesim.sarif
          routesim lint configs/ --fail-on warning --show-unparsed
        """
    )

    @Argument(help: "Config files or directories.") var paths: [String]
    @Option(help: "Output format: text, json, sarif (2.1.0, for code scanning), junit (XML) or github (Actions annotations).") var format: LintFormat = .text
    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at least this severe: info, warning or error.") var failOn: LintSeverity?
    @Flag(name: .customLong("show-unparsed"), help: "List every unrecognised or unsupported line.") var showUnparsed = false
    @Option(help: "Read every file as this dialect (ios, eos, frr) instead of detecting it.") var dialect: ConfigDialect?
    @Option(name: .shortAndLong, help: "Write the output to this file (atomically) instead of stdout.") var output: String?

    func run() throws {
        let (files, missing) = Linter.collect(paths)
        if !missing.isEmpty {
            for path in missing { FileHandle.standardError.write(Data("error: \(path): no such file or directory\n".utf8)) }
            throw ExitCode(2)
        }
        let report = Linter.run(Linter.parseAll(files, dialect: dialect))
        let rendered: String
        switch format {
        case .text: rendered = LintOutput.text(report, showUnparsed: showUnparsed)
        case .json: rendered = LintOutput.json(report)
        case .sarif: rendered = LintOutput.sarif(report)
        case .junit: rendered = LintOutput.junit(report)
        case .github: rendered = LintOutput.github(report)
        }
        try emit(rendered, to: output)
        if let failOn, report.findings.contains(where: { $0.severity >= failOn }) { throw ExitCode(1) }
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
                    : Suggestion.didYouMean(typed, in: codes).map { "; \($0)" } ?? "; `routesim rules` lists them"
                FileHandle.standardError.write(Data("error: give one rule code: routesim rules explain CODE\(hint)\n".utf8))
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
