import Diagnostics
import Foundation

extension FindingReport {
    /// GitHub Actions workflow commands: one `::error|warning|notice file=...` line per finding.
    public func githubAnnotations() -> String {
        func data(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func property(_ text: String) -> String { data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
        var out = ""
        for f in findings {
            let level = switch f.severity { case .error: "error"; case .warning: "warning"; case .note: "notice" }
            out += "::\(level) file=\(property(FindingPaths.normalized(f.file))),line=\(f.line),col=\(f.column),title=\(property(f.code))::\(data(f.message))\n"
        }
        for input in inputs {
            if let error = input.error { out += "::error file=\(property(FindingPaths.normalized(input.path))),title=PARSE::\(data(error))\n" }
        }
        return out
    }

    /// GitLab Code Quality (a JSON array of issues: the merge-request widget). Severities: error ->
    /// major, warning -> minor, note -> info; unreadable inputs are blockers. Fingerprints as SARIF's.
    public func gitlabCodeQuality(_ options: FindingWriterOptions) -> String {
        let root = FindingPaths.standardized(options.root)
        var fingerprints = FindingPaths.Fingerprinter()
        var issues: [[String: Any]] = findings.map { f in
            let path = FindingPaths.relative(f.file, to: root).path
            let severity = switch f.severity { case .error: "major"; case .warning: "minor"; case .note: "info" }
            return ["description": f.message, "check_name": f.code, "fingerprint": fingerprints.next(f, path: path), "severity": severity,
                    "location": ["path": path, "lines": ["begin": max(1, f.line)]]]
        }
        for input in inputs where input.error != nil {
            let path = FindingPaths.relative(input.path, to: root).path
            issues.append(["description": input.error ?? "", "check_name": "PARSE", "fingerprint": FindingPaths.fingerprint("PARSE\u{0}" + path),
                           "severity": "blocker", "location": ["path": path, "lines": ["begin": 1]]])
        }
        let data = (try? JSONSerialization.data(withJSONObject: issues, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Checkstyle XML (Jenkins' warnings plugin, reviewdog, many IDEs): a `file` element per input
    /// with an `error` per finding (`source` is `routesim.CODE`; a note is checkstyle's `info`).
    public func checkstyle() -> String {
        func xml(_ text: String) -> String { Markup.escape(text) }
        var byFile: [String: [Finding]] = [:]
        for finding in findings { byFile[finding.file, default: []].append(finding) }
        let listed = Set(inputs.map(\.path))
        let extra = byFile.keys.filter { !listed.contains($0) }.sorted().map { Input(path: $0) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        for input in inputs + extra {
            out += "  <file name=\"\(xml(input.path))\">\n"
            if let error = input.error { out += "    <error line=\"1\" severity=\"error\" message=\"\(xml(error))\" source=\"routesim.PARSE\"/>\n" }
            for f in byFile[input.path] ?? [] {
                let severity = f.severity == .note ? "info" : f.severity.rawValue
                out += "    <error line=\"\(max(1, f.line))\" column=\"\(max(1, f.column))\" severity=\"\(severity)\" "
                out += "message=\"\(xml(f.message))\" source=\"routesim.\(xml(f.code))\"/>\n"
            }
            out += "  </file>\n"
        }
        return out + "</checkstyle>\n"
    }
}
