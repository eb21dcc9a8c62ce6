import Diagnostics
import Foundation

/// Renderers of a lint report (text in compiler style, versioned JSON).
public enum LintOutput {
    public static func text(_ report: Linter.Report, showUnparsed: Bool) -> String {
        var out = ""
        for finding in report.findings {
            out += "\(finding.file):\(finding.line):\(finding.column): \(finding.severity.rawValue): \(finding.message) [\(finding.code)]\n"
            if let text = finding.text { out += "    \(text.trimmingCharacters(in: .whitespaces))\n" }
        }
        for file in report.files {
            if let error = file.error { out += "\(file.path): error: \(error) [PARSE]\n" }
            guard showUnparsed, let lines = file.lines else { continue }
            for item in lines.unsupported { out += "\(file.path):\(item.line):1: note: \(item.reason): \(item.text.trimmingCharacters(in: .whitespaces)) [UNSUPPORTED]\n" }
            for item in lines.unrecognized { out += "\(file.path):\(item.line):1: note: unrecognised line: \(item.text) [UNPARSED]\n" }
        }
        out += "\nparse coverage (recognised / non-blank lines):\n"
        for file in report.files {
            guard let lines = file.lines, let dialect = file.dialect else { out += "  \(file.path): not read\n"; continue }
            out += String(format: "  %@ (%@): %.1f%% of %d lines, %d unrecognised\n", file.path, dialect.rawValue, lines.coverage * 100,
                          lines.total, lines.unrecognized.count)
        }
        let skipped = report.skippedFiles > 0 ? " (\(report.skippedFiles) non-config file\(report.skippedFiles == 1 ? "" : "s") skipped)" : ""
        out += "\(report.files.count) file\(report.files.count == 1 ? "" : "s")\(skipped): \(report.count(.error)) errors, \(report.count(.warning)) warnings, \(report.count(.note)) notes\n"
        return out
    }

    struct JSONReport: Encodable {
        var schemaVersion = 2
        var findings: [Finding]
        var files: [JSONFile]
        var summary: [String: Int]
    }

    struct JSONFile: Encodable {
        var path: String
        var dialect: String?
        var error: String?
        var lines: Int
        var recognised: Int
        var unrecognised: [JSONLine]
        /// What the parser found that the Null0 rules look at (the benchmark checks these against ground truth).
        var discardRoutes: Int
        var trackedRoutes: Int
        var conditionalNeighbors: Int
    }

    struct JSONLine: Encodable { var line: Int; var text: String }

    public static func json(_ report: Linter.Report) -> String {
        let files = report.files.map { file in
            JSONFile(path: file.path, dialect: file.dialect?.rawValue, error: file.error, lines: file.lines?.total ?? 0,
                     recognised: file.lines?.recognised ?? 0,
                     unrecognised: file.lines?.unrecognized.map { JSONLine(line: $0.line, text: $0.text) } ?? [],
                     discardRoutes: file.discardRoutes, trackedRoutes: file.trackedRoutes, conditionalNeighbors: file.conditionalNeighbors)
        }
        let summary = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, report.count($0)) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        func encoded(_ value: some Encodable) -> String { String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self) }
        // Findings are encoded one at a time and spliced in: encoding tens of thousands at once
        // held a tree and a buffer of the whole document (~45 MB on the lint benchmark).
        let empty = "\"findings\" : [\n\n  ]"
        let skeleton = encoded(JSONReport(findings: [], files: files, summary: summary))
        guard !report.findings.isEmpty, let slot = skeleton.range(of: empty) else { return skeleton + "\n" }
        var out = String(skeleton[..<slot.lowerBound]) + "\"findings\" : [\n"
        // Room for the whole document up front: growing by doubling held both copies (25 MB).
        let keys = 180  // the keys, indentation and numbers of one finding, generously
        out.reserveCapacity(skeleton.utf8.count + report.findings.reduce(0) { total, finding in
            total + keys + finding.code.utf8.count + finding.file.utf8.count + finding.message.utf8.count + (finding.text?.utf8.count ?? 0)
        } * 11 / 10)
        for (index, finding) in report.findings.enumerated() {
            if index > 0 { out += ",\n" }
            out += "    {\n      \"code\" : \(jsonString(finding.code)),\n      \"column\" : \(finding.column),\n"
            out += "      \"file\" : \(jsonString(finding.file)),\n      \"line\" : \(finding.line),\n"
            out += "      \"message\" : \(jsonString(finding.message)),\n      \"severity\" : \(jsonString(finding.severity.rawValue))"
            if let text = finding.text { out += ",\n      \"text\" : \(jsonString(text))" }
            out += "\n    }"
        }
        out += "\n  ]" + skeleton[slot.upperBound...] + "\n"
        return out
    }

    /// A JSON string literal as JSONEncoder writes it (findings are written by hand; LintJSONTests
    /// compares the two on every ASCII character).
    static func jsonString(_ text: String) -> String { JSONText.quoted(text) }
}

extension Linter.Report {
    /// Where rule pages live online: SARIF `helpUri`s are this plus `CODE.md` (`--rules-url`).
    public static let defaultRulesURL = RouteSimVersion.documentationBase + "rules/"

    /// The report as the CI formats' writers take it: every rule in the table, every file an input.
    public func findingReport(rulesURL: String = defaultRulesURL) -> FindingReport {
        let base = rulesURL.hasSuffix("/") ? rulesURL : rulesURL + "/"
        let rules = RuleRegistry.all.map { rule -> FindingReport.Rule in
            let d = rule.description
            return FindingReport.Rule(code: d.code, name: d.name, summary: d.summary, help: d.remediation, helpMarkdown: RuleCatalogue.page(d),
                               severity: d.severity, helpURL: base + d.code + ".md")
        }
        return FindingReport(command: "lint", findings: findings, inputs: files.map { .init(path: $0.path, error: $0.error) }, rules: rules)
    }
}
