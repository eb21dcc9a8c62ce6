import Diagnostics
import Foundation

extension RouteSim {
    /// Reads `.routesim.yml`:
    /// ```
    /// rules:
    ///   disable: [EBGP-NO-MAX-PREFIX]
    ///   severity: { ROUTE-MAP-UNUSED: warning }
    /// ignore: ["lab/**", "*.bak"]
    /// dialects: { "edge/*.cfg": eos }
    /// baseline: routesim-baseline.json
    /// ```
    /// Unknown keys, rule codes and severities are errors with their location.
    public static func lintConfiguration(path: String) -> Result<(LintConfiguration, baseline: String?), Failure> {
        let bytes: [UInt8]
        switch InputFile.read(path: path, limit: 1 << 20) {
        case .failure(let problem): return .failure(.badArgument("lint configuration \(path): \(problem)"))
        case .success(let read): bytes = read
        }
        guard let text = InputFile.text(bytes) else { return .failure(.badArgument("\(path) is not UTF-8 text")) }
        return lintConfiguration(text: text, path: path)
    }

    /// Settings from their text; `path` locates messages and anchors a relative baseline.
    public static func lintConfiguration(text: String, path: String) -> Result<(LintConfiguration, baseline: String?), Failure> {
        var errors: [Diagnostic] = []
        func error(_ message: String, _ at: SourceLocation, hint: String? = nil) { errors.append(Diagnostic(.error, "LINTCFG", message, at: at, hint: hint)) }
        let root: YAMLValue?
        switch YAMLValue.Reading.read(text, file: path) {
        case .failure(let problem): return .failure(.badInput([problem.diagnostic]))
        case .success(let value): root = value
        }
        var configuration = LintConfiguration()
        var baseline: String?
        let codes = RuleRegistry.all.map { $0.description.code }
        func code(_ value: YAMLValue) -> String? {
            guard case .scalar(let text, let at) = value else { error("expected a rule code", value.location); return nil }
            let upper = text.uppercased()
            guard codes.contains(upper) else {
                error("unknown rule '\(text)'", at, hint: Suggestion.didYouMean(upper, in: codes) ?? "`routesim rules` lists them")
                return nil
            }
            return upper
        }
        func strings(_ value: YAMLValue, _ what: String) -> [YAMLValue] {
            if case .sequence(let items, _) = value { return items }
            if case .scalar = value { return [value] }
            error("\(what) must be a list", value.location)
            return []
        }
        guard let root else { return .success((configuration, nil)) }
        guard case .mapping(let entries, _) = root else { return .failure(.badInput([Diagnostic(.error, "LINTCFG", "expected a mapping with rules, ignore, baseline", at: root.location)])) }
        for (key, value) in entries {
            switch key {
            case "rules":
                guard case .mapping(let ruleEntries, _) = value else { error("rules must be a mapping with disable and severity", value.location); continue }
                for (ruleKey, ruleValue) in ruleEntries {
                    switch ruleKey {
                    case "disable": for item in strings(ruleValue, "rules.disable") { if let c = code(item) { configuration.disabled.insert(c) } }
                    case "severity":
                        guard case .mapping(let pairs, _) = ruleValue else { error("rules.severity must map rule codes to note (or info), warning or error", ruleValue.location); continue }
                        for (name, level) in pairs {
                            guard let c = code(.scalar(name, level.location)) else { continue }
                            guard case .scalar(let text, let at) = level, let severity = Severity(named: text) else {
                                error("severity of \(c) must be note (or info), warning or error", level.location); continue
                            }
                            _ = at
                            configuration.severities[c] = severity
                        }
                    default: error("unknown key 'rules.\(ruleKey)'", ruleValue.location, hint: Suggestion.didYouMean(ruleKey, in: ["disable", "severity"]))
                    }
                }
            case "ignore":
                for item in strings(value, "ignore") { if case .scalar(let pattern, _) = item { configuration.ignore.append(pattern) } }
            case "dialects":
                guard case .mapping(let pairs, _) = value else { error("dialects must map path globs to ios, eos, frr or junos", value.location); continue }
                for (pattern, choice) in pairs {
                    guard case .scalar(let text, _) = choice, let dialect = ConfigDialect(rawValue: text.lowercased()) else {
                        error("dialect of '\(pattern)' must be ios, eos, frr or junos", choice.location); continue
                    }
                    configuration.dialects.append((pattern, dialect))
                }
            case "per-file-ignores":
                guard case .mapping(let pairs, _) = value else { error("per-file-ignores must map path globs to lists of rule codes or prefixes", value.location); continue }
                for (pattern, list) in pairs {
                    var selectors: [String] = []
                    for item in strings(list, "per-file-ignores.\(pattern)") {
                        guard case .scalar(let text, let at) = item else { error("expected a rule code or prefix", item.location); continue }
                        let selector = text.uppercased()
                        if let unknown = LintConfiguration.unknownSelectors([selector]).first {
                            error("no rule code starts with '\(text)'", at, hint: unknown.hint)
                        } else {
                            selectors.append(selector)
                        }
                    }
                    configuration.perFileIgnores.append((pattern, selectors))
                }
            case "baseline":
                if case .scalar(let file, _) = value {
                    // Relative to the configuration file.
                    baseline = file.hasPrefix("/") ? file : (ConfigNetworks.directory(of: path) as NSString).appendingPathComponent(file)
                } else { error("baseline must be a file name", value.location) }
            default:
                let keys = ["rules", "ignore", "per-file-ignores", "dialects", "baseline"]
                error("unknown key '\(key)'", value.location, hint: Suggestion.didYouMean(key, in: keys) ?? "keys: \(keys.joined(separator: ", "))")
            }
        }
        return errors.isEmpty ? .success((configuration, baseline)) : .failure(.badInput(errors))
    }
}
