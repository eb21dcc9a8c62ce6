import NetworkModel

/// Typed, located reading of a composed YAML tree. Every accessor reports problems into the
/// shared bag with the node's file:line:col and returns nil, so one run reports every error.
final class YAMLReader {
    let file: String
    var bag = DiagnosticBag()

    init(file: String) { self.file = file }

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    func error(_ code: String, _ message: String, at node: YAMLNode, hint: String? = nil) {
        bag.error(code, message, at: location(node), hint: hint)
    }

    func warning(_ code: String, _ message: String, at node: YAMLNode, hint: String? = nil) {
        bag.warning(code, message, at: location(node), hint: hint)
    }

    static func kindName(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar): scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" ? "an empty value" : "a scalar '\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    // MARK: shapes

    /// Reads a mapping whose keys must come from `keys`; unknown keys are reported with a suggestion.
    func mapping(_ node: YAMLNode, _ what: String, keys: [String]) -> MappingView? {
        guard case .mapping(let mapping) = node else {
            error("LOAD002", "\(what) must be a mapping, found \(YAMLReader.kindName(node))", at: node)
            return nil
        }
        var view = MappingView(node: node)
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else {
                error("LOAD002", "keys of \(what) must be plain names, found \(YAMLReader.kindName(keyNode))", at: keyNode)
                continue
            }
            guard keys.contains(key) else {
                let hint = Suggestion.didYouMean(key, in: keys)
                    ?? "allowed keys: \(keys.joined(separator: ", "))"
                error("LOAD003", "unknown key '\(key)' in \(what)", at: keyNode, hint: hint)
                continue
            }
            view.values[key] = valueNode
            view.keyNodes[key] = keyNode
        }
        return view
    }

    /// Reads a mapping keyed by numbers (ASNs, IP SLA and track ids). Keys are compared as
    /// numbers: `65001` and `065001` are one key spelled twice, reported instead of one silently
    /// winning. Keys that are not numbers in `range` are reported with `label`.
    func numberedEntries(_ node: YAMLNode, _ what: String, label: String, range: ClosedRange<Int>) -> [(number: Int, key: YAMLNode, value: YAMLNode)] {
        var seen: [Int: YAMLNode] = [:]
        var result: [(Int, YAMLNode, YAMLNode)] = []
        for (name, keyNode, value) in namedEntries(node, what) {
            guard name.allSatisfy(\.isASCIIDigitCharacter), let number = Int(name), range.contains(number) else {
                error("LOAD005", "\(label) '\(name)' is not a number from \(range.lowerBound) to \(range.upperBound)", at: keyNode,
                      hint: "write it as a plain number, e.g. \(range.lowerBound == 1 && range.upperBound > 65535 ? 65001 : 1)")
                continue
            }
            if let first = seen[number] {
                let spelling = first.scalar?.string ?? String(number)
                error("LOAD010", "\(label) \(number) is defined twice in \(what) (as '\(spelling)' at line \(first.mark.line) and as '\(name)' here)",
                      at: keyNode, hint: "keys are compared as numbers: leading zeros do not make a new key; merge the two entries")
                continue
            }
            seen[number] = keyNode
            result.append((number, keyNode, value))
        }
        return result
    }

    /// Reads a mapping of user-chosen names (routers, hosts, lists) in document order.
    func namedEntries(_ node: YAMLNode, _ what: String) -> [(name: String, key: YAMLNode, value: YAMLNode)] {
        guard case .mapping(let mapping) = node else {
            if !isNull(node) { error("LOAD002", "\(what) must be a mapping of names, found \(YAMLReader.kindName(node))", at: node) }
            return []
        }
        var result: [(String, YAMLNode, YAMLNode)] = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string, !key.isEmpty else {
                error("LOAD002", "names in \(what) must be non-empty scalars, found \(YAMLReader.kindName(keyNode))", at: keyNode)
                continue
            }
            result.append((key, keyNode, valueNode))
        }
        return result
    }

    func sequence(_ node: YAMLNode, _ what: String) -> [YAMLNode] {
        switch node {
        case .sequence(let sequence): return Array(sequence)
        case _ where isNull(node): return []
        default:
            error("LOAD002", "\(what) must be a list, found \(YAMLReader.kindName(node))", at: node,
                  hint: "write a YAML list: [a, b] or one '- item' per line")
            return []
        }
    }

    func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = node, scalar.isPlain else { return false }
        return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null"
    }

    // MARK: scalars

    func string(_ node: YAMLNode, _ what: String) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            error("LOAD002", "\(what) must be a string, found \(YAMLReader.kindName(node))", at: node)
            return nil
        }
        return scalar.string
    }

    func integer(_ node: YAMLNode, _ what: String, range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            error("LOAD002", "\(what) must be an integer, found \(YAMLReader.kindName(node))", at: node)
            return nil
        }
        guard range.contains(value) else {
            error("LOAD005", "\(what) \(value) is out of range", at: node, hint: "use a value from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    /// Bits per second: an integer with an optional k, M, G or T suffix (powers of 1000, as
    /// vendors write bandwidth), up to 10 Tbit/s.
    func bandwidth(_ node: YAMLNode, _ what: String) -> UInt64? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            error("LOAD002", "\(what) must be a bandwidth such as 400M or 10G, found \(YAMLReader.kindName(node))", at: node)
            return nil
        }
        var text = scalar.string
        var factor: UInt64 = 1
        if let last = text.last, let scale = ["k": 1_000, "K": 1_000, "M": 1_000_000, "G": 1_000_000_000, "T": 1_000_000_000_000][last] {
            factor = UInt64(scale)
            text.removeLast()
        }
        guard let value = UInt64(text) else {
            error("LOAD005", "\(what) '\(scalar.string)' is not a bandwidth", at: node, hint: "bits per second with an optional k, M, G or T suffix, e.g. 400M")
            return nil
        }
        let (bits, overflow) = value.multipliedReportingOverflow(by: factor)
        guard !overflow, bits <= 10_000_000_000_000 else {
            error("LOAD005", "\(what) \(scalar.string) is out of range", at: node, hint: "at most 10T")
            return nil
        }
        return bits
    }

    /// A timer (`Milliseconds(parsing:)`: `60`, `300ms`, `1.5s`, `2m`), up to a day.
    func duration(_ node: YAMLNode, _ what: String) -> StatedTimer? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            error("LOAD002", "\(what) must be a duration such as 60, 1.5s or 300ms, found \(YAMLReader.kindName(node))", at: node)
            return nil
        }
        let text = scalar.string
        guard let value = Milliseconds(parsing: text)?.value else {
            error("LOAD005", "\(what) '\(text)' is not a duration", at: node, hint: "whole seconds (60), or a number with ms or s (300ms, 1.5s)")
            return nil
        }
        guard value <= 86_400_000 else {
            error("LOAD005", "\(what) \(text) is out of range", at: node, hint: "at most a day (86400)")
            return nil
        }
        return StatedTimer(Milliseconds(value), at: location(node))
    }

    func asn(_ node: YAMLNode, _ what: String) -> ASN? {
        integer(node, what, range: 1...Int(UInt32.max)).map { ASN($0) }
    }

    func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        guard case .scalar(let scalar) = node else {
            error("LOAD002", "\(what) must be true or false, found \(YAMLReader.kindName(node))", at: node)
            return nil
        }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error("LOAD002", "\(what) must be true or false, found '\(scalar.string)'", at: node)
            return nil
        }
    }

    func address(_ node: YAMLNode, _ what: String) -> IPAddress? {
        guard let text = string(node, what) else { return nil }
        guard let address = IPAddress(text) else {
            error("LOAD005", "\(what) '\(text)' is not an IP address", at: node, hint: "write it as a.b.c.d or in IPv6 text, for example 192.0.2.1 or 2001:db8::1")
            return nil
        }
        return address
    }

    /// A prefix; host bits are an error unless `allowHostBits` (interface addresses carry them).
    func prefix(_ node: YAMLNode, _ what: String, allowHostBits: Bool = false) -> (prefix: Prefix, address: IPAddress)? {
        guard let text = string(node, what) else { return nil }
        guard let parsed = Prefix.parse(text) else {
            error("LOAD005", "\(what) '\(text)' is not an IP prefix", at: node, hint: "write it as address/len, for example 198.51.100.0/24 or 2001:db8:1::/64")
            return nil
        }
        if !allowHostBits && parsed.address != parsed.prefix.network {
            error("LOAD005", "\(what) '\(text)' has host bits set", at: node, hint: "did you mean \(parsed.prefix)?")
            return nil
        }
        return parsed
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, _ what: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = T(rawValue: text.lowercased()) { return value }
        let options = T.allCases.map(\.rawValue)
        let hint = Suggestion.didYouMean(text, in: options) ?? "use one of: \(options.joined(separator: ", "))"
        error("LOAD005", "\(what) '\(text)' is not one of \(options.joined(separator: ", "))", at: node, hint: hint)
        return nil
    }

    func stringList(_ node: YAMLNode, _ what: String) -> [(String, YAMLNode)] {
        if case .scalar = node, !isNull(node), let single = string(node, what) { return [(single, node)] }
        return sequence(node, what).compactMap { item in string(item, "an entry of \(what)").map { ($0, item) } }
    }
}

/// The keys of one mapping that passed the allowed-key check.
struct MappingView {
    let node: YAMLNode
    var values: [String: YAMLNode] = [:]
    var keyNodes: [String: YAMLNode] = [:]

    subscript(key: String) -> YAMLNode? { values[key] }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
