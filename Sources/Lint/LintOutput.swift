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
            guard showUnparsed, let device = file.device else { continue }
            for item in device.lines.unsupported { out += "\(file.path):\(item.line):1: note: \(item.reason): \(item.text.trimmingCharacters(in: .whitespaces)) [UNSUPPORTED]\n" }
            for item in device.lines.unrecognized { out += "\(file.path):\(item.line):1: note: unrecognised line: \(item.text) [UNPARSED]\n" }
        }
        out += "\nparse coverage (recognised / non-blank lines):\n"
        for file in report.files {
            guard let device = file.device else { out += "  \(file.path): not read\n"; continue }
            out += String(format: "  %@ (%@): %.1f%% of %d lines, %d unrecognised\n", file.path, device.dialect.rawValue, device.lines.coverage * 100,
                          device.lines.total, device.lines.unrecognized.count)
        }
        let skipped = report.skippedFiles > 0 ? " (\(report.skippedFiles) non-config file\(report.skippedFiles == 1 ? "" : "s") skipped)" : ""
        out += "\(report.files.count) file\(report.files.count == 1 ? "" : "s")\(skipped): \(report.count(.error)) errors, \(report.count(.warning)) warnings, \(report.count(.info)) notes\n"
        return out
    }

    struct JSONReport: Encodable {
        var schemaVersion = 1
        var findings: [LintFinding]
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
            JSONFile(path: file.path, dialect: file.device?.dialect.rawValue, error: file.error, lines: file.device?.lines.total ?? 0,
                     recognised: file.device?.lines.recognised ?? 0,
                     unrecognised: file.device?.lines.unrecognized.map { JSONLine(line: $0.line, text: $0.text) } ?? [],
                     discardRoutes: file.device?.staticRoutes.filter { $0.target == .discard }.count ?? 0,
                     trackedRoutes: file.device?.staticRoutes.filter { $0.track != nil }.count ?? 0,
                     conditionalNeighbors: file.device?.bgp?.neighbors.filter { $0.advertiseMap != nil }.count ?? 0)
        }
        let summary = Dictionary(uniqueKeysWithValues: LintSeverity.allCases.map { ($0.rawValue, report.count($0)) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(JSONReport(findings: report.findings, files: files, summary: summary))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
