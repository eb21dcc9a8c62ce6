import Foundation
import NetworkModel
import Yams

/// What loading produced: a network when there were no errors, and every diagnostic either way.
public struct LoadResult: Sendable {
    public var network: Network?
    public var diagnostics: [Diagnostic]
}

/// topology.yml -> Network. Reports all problems of a file in one run (docs/topology-format.md).
public enum TopologyLoader {
    public static let maximumFileBytes = 64 << 20
    public static let maximumExpandedNodes = 5_000_000

    public static func load(path: String) -> LoadResult {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return failure(path, "LOAD009", "cannot read topology file: \(readReason(error))", hint: "check the path and its permissions")
        }
        guard data.count <= maximumFileBytes else {
            return failure(path, "LOAD008", "topology file is \(data.count) bytes, above the \(maximumFileBytes)-byte limit",
                           hint: "split the network or raise the limit in code if this is real")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return failure(path, "LOAD009", "topology file is not UTF-8 text", hint: "save it as UTF-8")
        }
        return load(yaml: text, file: path)
    }

    public static func load(yaml text: String, file: String) -> LoadResult {
        if text.utf8.contains(0) {
            return failure(file, "LOAD009", "topology file contains NUL bytes (binary?)", hint: "give a YAML text file")
        }
        if let depthProblem = NestingGuard.check(text, file: file) {
            return LoadResult(network: nil, diagnostics: [depthProblem])
        }
        let root: Node
        do {
            // The basic resolver tags every scalar as a string: the builder parses values itself, and
            // the default resolver's regular expressions cost more than the rest of the load.
            guard let composed = try Yams.compose(yaml: text, .basic) else {
                return failure(file, "LOAD004", "topology file is empty", hint: "start with 'routers:'; see docs/topology-format.md")
            }
            root = composed
        } catch let error as YamlError {
            return LoadResult(network: nil, diagnostics: [syntaxDiagnostic(error, file: file)])
        } catch {
            return failure(file, "LOAD001", "cannot parse YAML: \(error)", hint: nil)
        }
        let expanded = ExpansionGuard.expandedSize(root)
        if expanded > maximumExpandedNodes {
            let location = root.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            return LoadResult(network: nil, diagnostics: [Diagnostic(.error, "LOAD008",
                "document expands to more than \(maximumExpandedNodes) nodes through aliases (\(expanded == Int.max ? "unbounded" : String(expanded)))",
                at: location, hint: "aliases that nest aliases grow exponentially (a 'billion laughs'); expand them by hand")])
        }
        var builder = NetworkBuilder(reader: YAMLReader(file: file))
        let network = builder.build(root)
        var diagnostics = builder.reader.bag.all
        if let network, !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics += network.validate()
        }
        let ok = !diagnostics.contains { $0.severity == .error }
        var bag = DiagnosticBag()
        bag.append(contentsOf: diagnostics)
        return LoadResult(network: ok ? network : nil, diagnostics: bag.sorted)
    }

    private static func failure(_ file: String, _ code: String, _ message: String, hint: String?) -> LoadResult {
        LoadResult(network: nil, diagnostics: [Diagnostic(.error, code, message, at: SourceLocation(file: file, line: 1, column: 1), hint: hint)])
    }

    private static func readReason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        if nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        return nsError.localizedDescription
    }

    static func syntaxDiagnostic(_ error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = problem
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            return Diagnostic(.error, "LOAD001", "YAML syntax: \(message)", at: at(mark), hint: "check indentation, quotes and brackets near this point")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(.error, "LOAD010", "duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) in one mapping",
                              at: at(context.mark), hint: "each key may appear once per mapping; the location is the mapping's first key")
        case .reader(let problem, _, _, _):
            return Diagnostic(.error, "LOAD009", "cannot read YAML: \(problem)", at: SourceLocation(file: file, line: 1, column: 1), hint: "save the file as UTF-8 text")
        default:
            return Diagnostic(.error, "LOAD001", "YAML error: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}

/// Counts the nodes a document has once aliases are expanded, without expanding them:
/// aliased copies keep their anchor's mark, so sizes are memoized by (kind, mark).
enum ExpansionGuard {
    struct Key: Hashable { let kind: Int; let line: Int; let column: Int }

    static func expandedSize(_ root: Node) -> Int {
        var memo: [Key: Int] = [:]
        func size(_ node: Node) -> Int {
            let key: Key?
            switch node {
            case .scalar: return 1
            case .alias: return 1
            case .mapping(let mapping): key = mapping.mark.map { Key(kind: 1, line: $0.line, column: $0.column) }
            case .sequence(let sequence): key = sequence.mark.map { Key(kind: 2, line: $0.line, column: $0.column) }
            }
            if let key, let known = memo[key] { return known }
            var total = 1
            switch node {
            case .mapping(let mapping):
                for (k, v) in mapping { total = saturatingAdd(total, saturatingAdd(size(k), size(v))) }
            case .sequence(let sequence):
                for item in sequence { total = saturatingAdd(total, size(item)) }
            default: break
            }
            if let key { memo[key] = total }
            return total
        }
        return size(root)
    }

    static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}

/// Refuses absurdly deep nesting before the recursive YAML composer sees it (a stack overflow is a crash).
enum NestingGuard {
    static let maximumDepth = 200

    static func check(_ text: String, file: String) -> Diagnostic? {
        var depth = 0, line = 1, column = 0
        var quote: UInt8? = nil
        var lineStart = true, indent = 0
        for byte in text.utf8 {
            column += 1
            if byte == 10 {
                line += 1; column = 0; lineStart = true; indent = 0
                if quote == 10 { quote = nil }
                continue
            }
            if lineStart {
                if byte == 32 { indent += 1; continue }
                lineStart = false
                // Block nesting: each level needs at least one column of indentation.
                if indent > maximumDepth * 8 {
                    return problem(file, line, column, "indentation of \(indent) columns")
                }
            }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "#"): quote = 10   // comment runs to the end of the line
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumDepth { return problem(file, line, column, "more than \(maximumDepth) nested brackets") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    private static func problem(_ file: String, _ line: Int, _ column: Int, _ what: String) -> Diagnostic {
        Diagnostic(.error, "LOAD008", "document nests too deeply: \(what)", at: SourceLocation(file: file, line: line, column: column),
                   hint: "a topology needs only a few levels; this looks generated or hostile")
    }
}
