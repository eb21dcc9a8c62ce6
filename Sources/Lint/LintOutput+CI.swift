import Diagnostics
import Foundation

/// CI formats: SARIF 2.1.0 (code scanning), JUnit XML (test reports), GitHub Actions annotations.
extension LintOutput {
    public static let toolVersion = RouteSimVersion.current

    static func sarifLevel(_ severity: LintSeverity) -> String {
        switch severity { case .error: "error"; case .warning: "warning"; case .info: "note" }
    }

    public static func sarif(_ report: Linter.Report) -> String {
        let rules = RuleRegistry.all.map { $0.description }
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.code, $0) })
        let driverRules: [[String: Any]] = rules.map { d in
            ["id": d.code, "name": d.name, "shortDescription": ["text": d.name], "fullDescription": ["text": d.summary],
             "help": ["text": d.remediation, "markdown": RuleCatalogue.page(d)], "helpUri": "rules/\(d.code).md",
             "defaultConfiguration": ["level": sarifLevel(d.severity)], "properties": ["tags": ["routesim"]]]
        }
        var results: [[String: Any]] = report.findings.map { f in
            var result: [String: Any] = [
                "ruleId": f.code, "level": sarifLevel(f.severity), "message": ["text": f.message],
                "locations": [["physicalLocation": ["artifactLocation": ["uri": f.file], "region": ["startLine": f.line, "startColumn": f.column]]]],
            ]
            if let i = index[f.code] { result["ruleIndex"] = i }
            return result
        }
        for file in report.files where file.error != nil {
            results.append(["ruleId": "PARSE", "level": "error", "message": ["text": file.error ?? ""],
                            "locations": [["physicalLocation": ["artifactLocation": ["uri": file.path]]]]])
        }
        let document: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [["tool": ["driver": ["name": "routesim", "version": toolVersion, "informationUri": "https://github.com/routesim/routesim",
                                          "rules": driverRules]],
                      "results": results]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func xml(_ text: String) -> String { Markup.escape(text) }

    /// One test suite per file; each finding is a failing test case, a file without findings one passing case.
    public static func junit(_ report: Linter.Report) -> String {
        var byFile: [String: [LintFinding]] = [:]
        for finding in report.findings { byFile[finding.file, default: []].append(finding) }
        let failures = report.findings.count + report.files.filter { $0.error != nil }.count
        let tests = report.files.reduce(0) { $0 + max(1, (byFile[$1.path]?.count ?? 0) + ($1.error == nil ? 0 : 1)) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"routesim lint\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
        for file in report.files {
            let findings = byFile[file.path] ?? []
            let count = max(1, findings.count + (file.error == nil ? 0 : 1))
            out += "  <testsuite name=\"\(xml(file.path))\" tests=\"\(count)\" failures=\"\(findings.count + (file.error == nil ? 0 : 1))\">\n"
            if let error = file.error {
                out += "    <testcase classname=\"routesim.lint\" name=\"\(xml(file.path)): PARSE\">\n      <failure type=\"PARSE\" message=\"\(xml(error))\"/>\n    </testcase>\n"
            }
            for f in findings {
                out += "    <testcase classname=\"routesim.lint.\(xml(f.code))\" name=\"\(xml(f.file)):\(f.line): \(xml(f.code))\">\n"
                out += "      <failure type=\"\(xml(f.code))\" message=\"\(xml(f.message))\">\(xml("\(f.file):\(f.line):\(f.column): \(f.severity.rawValue): \(f.message)"))</failure>\n"
                out += "    </testcase>\n"
            }
            if findings.isEmpty && file.error == nil { out += "    <testcase classname=\"routesim.lint\" name=\"\(xml(file.path))\"/>\n" }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// GitHub Actions workflow commands: one `::error|warning|notice file=...` line per finding.
    public static func github(_ report: Linter.Report) -> String {
        func data(_ text: String) -> String { text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A") }
        func property(_ text: String) -> String { data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
        var out = ""
        for f in report.findings {
            let level = f.severity == .error ? "error" : f.severity == .warning ? "warning" : "notice"
            out += "::\(level) file=\(property(f.file)),line=\(f.line),col=\(f.column),title=\(property(f.code))::\(data(f.message))\n"
        }
        for file in report.files { if let error = file.error { out += "::error file=\(property(file.path)),title=PARSE::\(data(error))\n" } }
        return out
    }
}
