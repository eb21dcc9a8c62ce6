public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int { switch self { case .note: 0; case .warning: 1; case .error: 2 } }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// From a user's word: the raw values, and `info` for `note` (what lint called it before it
    /// shared this type, and what checkstyle and GitLab call it).
    public init?(named name: String) {
        if name == "info" { self = .note } else if let severity = Severity(rawValue: name) { self = severity } else { return nil }
    }

    /// Decodes `info` too: lint baselines written before lint used this type say `info`.
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let severity = Severity(named: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown severity '\(name)' (note, warning or error)"))
        }
        self = severity
    }
}

/// One problem found by any stage. Messages are lower-case fragments that name the object;
/// the way forward goes in `hint` (docs/diagnostics.md lists the codes).
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public var code: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    public var hint: String?

    public init(_ severity: Severity, _ code: String, _ message: String, at location: SourceLocation?, hint: String? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// Compiler style: `file:line:col: error: message [CODE]` and an indented hint line.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message) [\(code)]"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// Collects diagnostics within a stage; stages pass it on and a gate checks `hasErrors`.
public struct DiagnosticBag: Sendable {
    public private(set) var all: [Diagnostic] = []
    public init() {}

    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }

    public mutating func error(_ code: String, _ message: String, at location: SourceLocation?, hint: String? = nil) {
        all.append(Diagnostic(.error, code, message, at: location, hint: hint))
    }

    public mutating func warning(_ code: String, _ message: String, at location: SourceLocation?, hint: String? = nil) {
        all.append(Diagnostic(.warning, code, message, at: location, hint: hint))
    }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Sorted by location, then code, so output is deterministic whatever order stages found them in.
    public var sorted: [Diagnostic] {
        all.sorted { a, b in
            let la = a.location ?? SourceLocation(file: "", line: 0, column: 0)
            let lb = b.location ?? SourceLocation(file: "", line: 0, column: 0)
            if la != lb { return la < lb }
            if a.code != b.code { return a.code < b.code }
            return a.message < b.message
        }
    }
}

/// "Did you mean" suggestions by edit distance.
public enum Suggestion {
    /// "did you mean 'X'?" for the closest candidate, if one is close enough.
    public static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        var best: (name: String, distance: Int)?
        let lowered = word.lowercased()
        let length = word.count
        for candidate in candidates {
            // The distance is at least the length difference: most candidates end here, so a
            // network with thousands of names does not pay an edit distance for each.
            let limit = max(2, candidate.count / 3)
            if abs(candidate.count - length) > limit { continue }
            let distance = editDistance(lowered, candidate.lowercased())
            guard distance <= limit else { continue }
            if let current = best, (current.distance, current.name) <= (distance, candidate) { continue }
            best = (candidate, distance)
        }
        return best?.name
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
