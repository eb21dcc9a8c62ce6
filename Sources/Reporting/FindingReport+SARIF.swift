import Diagnostics
import Foundation

extension FindingReport {
    static func sarifLevel(_ severity: Severity) -> String {
        switch severity { case .error: "error"; case .warning: "warning"; case .note: "note" }
    }

    /// A file as SARIF wants it: relative to SRCROOT when under the (standardised) root, else an
    /// absolute `file:` URI; percent-encoded either way.
    static func sarifArtifact(_ path: String, root: String) -> [String: Any] {
        let place = FindingPaths.relative(path, to: root)
        return place.underRoot ? ["uri": FindingPaths.percentEncoded(place.path), "uriBaseId": "SRCROOT"]
            : ["uri": "file://" + FindingPaths.percentEncoded(place.path)]
    }

    /// SARIF 2.1.0. Paths under the root are relative URIs against the `SRCROOT` base
    /// (`originalUriBaseIds`), as code scanning expects; others are absolute `file:` URIs; both
    /// percent-encoded. Each result has a `partialFingerprints` hash (`FindingPaths.Fingerprinter`);
    /// a finding's cause chain is a `codeFlows` thread a reviewer can click through.
    public func sarif(_ options: FindingWriterOptions) -> String {
        let index = Dictionary(rules.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        let driverRules: [[String: Any]] = rules.map { rule in
            var help: [String: Any] = ["text": rule.help]
            if let markdown = rule.helpMarkdown { help["markdown"] = markdown }
            return ["id": rule.code, "name": rule.name, "shortDescription": ["text": rule.name], "fullDescription": ["text": rule.summary],
                    "help": help, "helpUri": rule.helpURL, "defaultConfiguration": ["level": Self.sarifLevel(rule.severity)],
                    "properties": ["tags": ["routesim", command]]]
        }
        let root = FindingPaths.standardized(options.root)
        func artifact(_ path: String) -> [String: Any] { Self.sarifArtifact(path, root: root) }
        var fingerprints = FindingPaths.Fingerprinter()
        var results: [[String: Any]] = findings.map { f in
            let location = artifact(f.file)
            var result: [String: Any] = [
                "ruleId": f.code, "level": Self.sarifLevel(f.severity), "message": ["text": f.message],
                "locations": [["physicalLocation": ["artifactLocation": location, "region": ["startLine": max(1, f.line), "startColumn": max(1, f.column)]]]],
                "partialFingerprints": ["routesimFindingHash/v1": fingerprints.next(f, path: location["uri"] as? String ?? f.file)],
            ]
            if let i = index[f.code] { result["ruleIndex"] = i }
            if let steps = f.steps, !steps.isEmpty {
                let locations: [[String: Any]] = steps.map { step in
                    var location: [String: Any] = ["message": ["text": step.message]]
                    if let at = step.location, at.line > 0 {
                        location["physicalLocation"] = ["artifactLocation": artifact(at.file),
                                                        "region": ["startLine": at.line, "startColumn": max(1, at.column)]]
                    }
                    return ["location": location]
                }
                result["codeFlows"] = [["threadFlows": [["locations": locations]]]]
            }
            return result
        }
        for input in inputs {
            guard let error = input.error else { continue }
            let location = artifact(input.path)
            results.append(["ruleId": "PARSE", "level": "error", "message": ["text": error],
                            "locations": [["physicalLocation": ["artifactLocation": location]]],
                            "partialFingerprints": ["routesimFindingHash/v1": FindingPaths.fingerprint("PARSE\u{0}" + (location["uri"] as? String ?? input.path))]])
        }
        let document: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [["tool": ["driver": ["name": "routesim", "version": RouteSimVersion.current, "informationUri": RouteSimVersion.homepage,
                                          "rules": driverRules]],
                      "automationDetails": ["id": "routesim/\(command)/"],
                      "originalUriBaseIds": ["SRCROOT": ["uri": "file://" + FindingPaths.percentEncoded(root.hasSuffix("/") ? root : root + "/")]],
                      "results": results]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
