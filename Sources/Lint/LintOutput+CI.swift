import Diagnostics
import Foundation

/// CI formats: SARIF 2.1.0 (code scanning), JUnit XML (test reports), GitHub Actions annotations.
extension LintOutput {
    public static let toolVersion = RouteSimVersion.current

    static func sarifLevel(_ severity: LintSeverity) -> String {
        switch severity { case .error: "error"; case .warning: "warning"; case .info: "note" }
    }

    /// Where rule pages live online: SARIF `helpUri`s are this plus `CODE.md` (`--rules-url`).
    public static let defaultRulesURL = "https://github.com/routesim/routesim/blob/main/rules/"

    /// SARIF 2.1.0. Paths under `root` (default: the working directory) are relative URIs against
    /// the `SRCROOT` base (`originalUriBaseIds`), as code scanning expects; others are absolute
    /// `file:` URIs; both percent-encoded. Each result has a `partialFingerprints` hash of its rule,
    /// file and offending line's text (not its number), so it survives edits elsewhere.
    public static func sarif(_ report: Linter.Report, rulesURL: String = defaultRulesURL,
                             root: String = FileManager.default.currentDirectoryPath) -> String {
        let rules = RuleRegistry.all.map { $0.description }
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.code, $0) })
        let base = rulesURL.hasSuffix("/") ? rulesURL : rulesURL + "/"
        let driverRules: [[String: Any]] = rules.map { d in
            ["id": d.code, "name": d.name, "shortDescription": ["text": d.name], "fullDescription": ["text": d.summary],
             "help": ["text": d.remediation, "markdown": RuleCatalogue.page(d)], "helpUri": base + percentEncoded(d.code) + ".md",
             "defaultConfiguration": ["level": sarifLevel(d.severity)], "properties": ["tags": ["routesim"]]]
        }
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
        var seen: [String: Int] = [:]
        var results: [[String: Any]] = report.findings.map { f in
            let artifact = artifactLocation(f.file, root: rootPath)
            let key = [f.code, artifact["uri"] as? String ?? f.file, (f.text ?? f.message).trimmingCharacters(in: .whitespaces)].joined(separator: "\u{0}")
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            var result: [String: Any] = [
                "ruleId": f.code, "level": sarifLevel(f.severity), "message": ["text": f.message],
                "locations": [["physicalLocation": ["artifactLocation": artifact, "region": ["startLine": f.line, "startColumn": f.column]]]],
                "partialFingerprints": ["routesimFindingHash/v1": fingerprint(key + "\u{0}\(occurrence)")],
            ]
            if let i = index[f.code] { result["ruleIndex"] = i }
            if let steps = f.steps, !steps.isEmpty {
                // The cause chain as a code flow: one thread, one location per step.
                let locations: [[String: Any]] = steps.map { step in
                    var location: [String: Any] = ["message": ["text": step.message]]
                    if let at = step.location, at.line > 0 {
                        location["physicalLocation"] = ["artifactLocation": artifactLocation(at.file, root: rootPath),
                                                        "region": ["startLine": at.line, "startColumn": max(1, at.column)]]
                    }
                    return ["location": location]
                }
                result["codeFlows"] = [["threadFlows": [["locations": locations]]]]
            }
            return result
        }
        for file in report.files where file.error != nil {
            let artifact = artifactLocation(file.path, root: rootPath)
            results.append(["ruleId": "PARSE", "level": "error", "message": ["text": file.error ?? ""],
                            "locations": [["physicalLocation": ["artifactLocation": artifact]]],
                            "partialFingerprints": ["routesimFindingHash/v1": fingerprint("PARSE\u{0}" + (artifact["uri"] as? String ?? file.path))]])
        }
        let document: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [["tool": ["driver": ["name": "routesim", "version": toolVersion, "informationUri": "https://github.com/routesim/routesim",
                                          "rules": driverRules]],
                      "originalUriBaseIds": ["SRCROOT": ["uri": "file://" + percentEncoded(rootPath.hasSuffix("/") ? rootPath : rootPath + "/")]],
                      "results": results]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A finding's file as SARIF wants it: relative to SRCROOT when under it, else an absolute URI.
    static func artifactLocation(_ path: String, root: String) -> [String: Any] {
        let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: root, isDirectory: true)).standardizedFileURL.path
        let prefix = root.hasSuffix("/") ? root : root + "/"
        if absolute.hasPrefix(prefix) { return ["uri": percentEncoded(String(absolute.dropFirst(prefix.count))), "uriBaseId": "SRCROOT"] }
        return ["uri": "file://" + percentEncoded(absolute)]
    }

    /// RFC 3986 path encoding: unreserved characters and `/` kept, every other byte `%XX`.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// FNV-1a, 64 bits, hex: stable across runs and machines (Swift's Hasher is seeded per process).
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return String(hash, radix: 16).leftPadded(to: 16)
    }

    static func xml(_ text: String) -> String { Markup.escape(text) }

    /// One test suite per file and one test case per file and rule (Jenkins xUnit / Ant JUnit
    /// shape: `tests`, `failures`, `errors`, `skipped`, `time` on every suite). A case fails only
    /// when one of its findings is at or above `failOn` (nil: never); its findings, each with
    /// `file:line:col`, are the failure's text or, when it passes, its `system-out`. A file that
    /// could not be read is an `error` case. The file is the suite's `file` attribute: the current
    /// xUnit schema (junit-10.xsd) allows no `file`/`line` on a test case (scripts/check-formats.sh).
    public static func junit(_ report: Linter.Report, failOn: LintSeverity? = .error) -> String {
        var byFile: [String: [LintFinding]] = [:]
        for finding in report.findings { byFile[finding.file, default: []].append(finding) }
        struct Suite { var name: String; var cases: [String]; var failures: Int; var errors: Int }
        var suites: [Suite] = []
        for file in report.files {
            var suite = Suite(name: file.path, cases: [], failures: 0, errors: 0)
            if let error = file.error {
                suite.errors += 1
                suite.cases.append("    <testcase classname=\"routesim.lint.PARSE\" name=\"\(xml(file.path)): PARSE\" time=\"0\">\n"
                                   + "      <error type=\"PARSE\" message=\"\(xml(error))\"/>\n    </testcase>\n")
            }
            let findings = byFile[file.path] ?? []
            let codes = Array(Set(findings.map(\.code))).sorted()
            for code in codes {
                let mine = findings.filter { $0.code == code }
                let lines = mine.map { "\($0.file):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message)" }.joined(separator: "\n")
                let failing = failOn.map { level in mine.contains { $0.severity >= level } } ?? false
                var text = "    <testcase classname=\"routesim.lint.\(xml(code))\" name=\"\(xml(file.path)): \(xml(code))\" time=\"0\">\n"
                if failing {
                    suite.failures += 1
                    let worst = mine.map(\.severity).max() ?? .error
                    text += "      <failure type=\"\(xml(code))\" message=\"\(mine.count) finding\(mine.count == 1 ? "" : "s"), worst \(worst.rawValue): \(xml(mine[0].message))\">\(xml(lines))</failure>\n"
                } else {
                    text += "      <system-out>\(xml(lines))</system-out>\n"
                }
                suite.cases.append(text + "    </testcase>\n")
            }
            if suite.cases.isEmpty { suite.cases.append("    <testcase classname=\"routesim.lint\" name=\"\(xml(file.path))\" time=\"0\"/>\n") }
            suites.append(suite)
        }
        let tests = suites.reduce(0) { $0 + $1.cases.count }, failures = suites.reduce(0) { $0 + $1.failures }, errors = suites.reduce(0) { $0 + $1.errors }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"routesim lint\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"0\">\n"
        for (number, suite) in suites.enumerated() {
            out += "  <testsuite name=\"\(xml(suite.name))\" id=\"\(number)\" file=\"\(xml(suite.name))\" tests=\"\(suite.cases.count)\" failures=\"\(suite.failures)\" errors=\"\(suite.errors)\" skipped=\"0\" time=\"0\">\n"
            out += suite.cases.joined()
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
            out += "::\(level) file=\(property(normalized(f.file))),line=\(f.line),col=\(f.column),title=\(property(f.code))::\(data(f.message))\n"
        }
        for file in report.files { if let error = file.error { out += "::error file=\(property(normalized(file.path))),title=PARSE::\(data(error))\n" } }
        return out
    }

    /// `./a/../b.cfg` -> `b.cfg`: `.` and `..` resolved in the text (GitHub matches annotations to
    /// files by their normalised path; a `..` above the start is kept).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : joined.isEmpty ? "." : joined
    }

    /// GitLab Code Quality (a JSON array of issues: merge-request widget). Severities: error ->
    /// major, warning -> minor, info -> info; unreadable files are blockers. Fingerprints as SARIF's.
    public static func gitlab(_ report: Linter.Report, root: String = FileManager.default.currentDirectoryPath) -> String {
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
        func relative(_ path: String) -> String {
            let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: rootPath, isDirectory: true)).standardizedFileURL.path
            return absolute.hasPrefix(rootPath + "/") ? String(absolute.dropFirst(rootPath.count + 1)) : absolute
        }
        var seen: [String: Int] = [:]
        var issues: [[String: Any]] = report.findings.map { f in
            let path = relative(f.file)
            let key = [f.code, path, (f.text ?? f.message).trimmingCharacters(in: .whitespaces)].joined(separator: "\u{0}")
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            let severity = switch f.severity { case .error: "major"; case .warning: "minor"; case .info: "info" }
            return ["description": f.message, "check_name": f.code, "fingerprint": fingerprint(key + "\u{0}\(occurrence)"), "severity": severity,
                    "location": ["path": path, "lines": ["begin": f.line]]]
        }
        for file in report.files where file.error != nil {
            issues.append(["description": file.error ?? "", "check_name": "PARSE", "fingerprint": fingerprint("PARSE\u{0}" + relative(file.path)),
                           "severity": "blocker", "location": ["path": relative(file.path), "lines": ["begin": 1]]])
        }
        let data = (try? JSONSerialization.data(withJSONObject: issues, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Checkstyle XML (read by Jenkins' warnings plugin, reviewdog, many IDEs): a `file` element
    /// per file with an `error` per finding (`source` is `routesim.CODE`).
    public static func checkstyle(_ report: Linter.Report) -> String {
        var byFile: [String: [LintFinding]] = [:]
        for finding in report.findings { byFile[finding.file, default: []].append(finding) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        for file in report.files {
            out += "  <file name=\"\(xml(file.path))\">\n"
            if let error = file.error { out += "    <error line=\"1\" severity=\"error\" message=\"\(xml(error))\" source=\"routesim.PARSE\"/>\n" }
            for f in byFile[file.path] ?? [] {
                out += "    <error line=\"\(f.line)\" column=\"\(f.column)\" severity=\"\(f.severity.rawValue)\" message=\"\(xml(f.message))\" source=\"routesim.\(xml(f.code))\"/>\n"
            }
            out += "  </file>\n"
        }
        return out + "</checkstyle>\n"
    }
}
