import CYaml
import Diagnostics

/// Composes one YAML document from libyaml's events into `YAMLNode`s, with routesim's bounds
/// checked while reading (docs/diagnostics.md, "Bounds"):
/// - nesting depth, counted through aliases too, so no tree deeper than `maximumDepth` is ever
///   built (freeing a 50,000-deep alias chain overflowed the stack);
/// - nodes that aliases add (each alias adds its anchor's whole expanded size), so a
///   "billion laughs" is refused while plain documents of any node count are not;
/// - duplicate scalar keys in a mapping, compared as strings (never hashing expanded subtrees).
/// The loop keeps its own stack: nothing here recurses on input.
enum YAMLComposer {
    static let maximumDepth = 200
    static let maximumAliasAddedNodes = 5_000_000

    struct Failure: Error { var diagnostics: [Diagnostic] }

    /// `nil` for a document without content (empty or only comments).
    static func compose(_ text: String, file: String, aliasBound: Int = maximumAliasAddedNodes) -> Result<YAMLNode?, Failure> {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return .success(Optional<YAMLNode>.none) }
        if bytes.contains(0) {
            return .failure(Failure(diagnostics: [Diagnostic(.error, "LOAD009", "file contains NUL bytes (binary?)", at: SourceLocation(file: file, line: 1, column: 1),
                                                             hint: "give a YAML text file")]))
        }
        bytes.append(0)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(Failure(diagnostics: [Diagnostic(.error, "LOAD009", "cannot start the YAML reader (out of memory)", at: SourceLocation(file: file, line: 1, column: 1))]))
        }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count - 1)
            var state = State(file: file, aliasBound: aliasBound)
            return state.run(&parser)
        }
    }

    private struct Anchored {
        var node: YAMLNode
        var size: Int
        var height: Int
    }

    private struct Frame {
        var isMapping: Bool
        var mark: YAMLNode.Mark
        var anchor: String?
        var items: [YAMLNode] = []
        var pendingKey: YAMLNode?
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var keys: [String: YAMLNode.Mark] = [:]
        var size = 1
        var height = 1
    }

    private struct State {
        let file: String
        let aliasBound: Int
        var stack: [Frame] = []
        var anchors: [String: Anchored] = [:]
        var root: YAMLNode?
        var documents = 0
        var aliasAdded = 0
        var duplicates: [Diagnostic] = []

        init(file: String, aliasBound: Int) { self.file = file; self.aliasBound = aliasBound }

        func location(_ mark: YAMLNode.Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }

        mutating func run(_ parser: inout yaml_parser_t) -> Result<YAMLNode?, Failure> {
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return .failure(Failure(diagnostics: [syntaxError(parser)])) }
                defer { yaml_event_delete(&event) }
                let mark = YAMLNode.Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return duplicates.isEmpty ? .success(root) : .failure(Failure(diagnostics: duplicates))
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        return .failure(Failure(diagnostics: [Diagnostic(.error, "LOAD001", "YAML syntax: the file holds more than one document ('---')",
                                                    at: location(mark), hint: "keep one document per file")]))
                    }
                case YAML_SCALAR_EVENT:
                    let data = event.data.scalar
                    let value = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(data.length)), as: UTF8.self) } ?? ""
                    let node = YAMLNode.scalar(.init(string: value, isPlain: data.style == YAML_PLAIN_SCALAR_STYLE, mark: mark))
                    register(anchor: data.anchor, node: node, size: 1, height: 0)
                    if let problem = add(node, size: 1, height: 0) { return .failure(Failure(diagnostics: [problem])) }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    guard stack.count < YAMLComposer.maximumDepth else {
                        return .failure(Failure(diagnostics: [Diagnostic(.error, "LOAD008", "document nests too deeply: more than \(YAMLComposer.maximumDepth) levels",
                                                    at: location(mark), hint: "flatten the structure; topologies need a handful of levels")]))
                    }
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                    stack.append(Frame(isMapping: isMapping, mark: mark, anchor: anchor.map { String(cString: $0) }))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = stack.popLast() else { continue }
                    let node: YAMLNode = frame.isMapping ? .mapping(.init(pairs: frame.pairs, mark: frame.mark))
                                                         : .sequence(.init(nodes: frame.items, mark: frame.mark))
                    if let anchor = frame.anchor { anchors[anchor] = Anchored(node: node, size: frame.size, height: frame.height) }
                    if let problem = add(node, size: frame.size, height: frame.height) { return .failure(Failure(diagnostics: [problem])) }
                case YAML_ALIAS_EVENT:
                    let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                    guard let anchored = anchors[name] else {
                        return .failure(Failure(diagnostics: [Diagnostic(.error, "LOAD001", "YAML syntax: alias '*\(name)' names no anchor defined before it",
                                                    at: location(mark), hint: "define '&\(name)' earlier in the file")]))
                    }
                    if stack.count + anchored.height > YAMLComposer.maximumDepth {
                        return .failure(Failure(diagnostics: [Diagnostic(.error, "LOAD008", "document nests too deeply through aliases: more than \(YAMLComposer.maximumDepth) levels",
                                                    at: location(mark), hint: "aliases that hold aliases nest; expand them by hand")]))
                    }
                    aliasAdded = YAMLComposer.saturatingAdd(aliasAdded, anchored.size)
                    if aliasAdded > aliasBound {
                        return .failure(Failure(diagnostics: [Diagnostic(.error, "LOAD008", "aliases add more than \(aliasBound) nodes to the document",
                                                    at: location(mark), hint: "aliases that nest aliases grow exponentially (a 'billion laughs'); expand them by hand")]))
                    }
                    if let problem = add(anchored.node, size: anchored.size, height: anchored.height) { return .failure(Failure(diagnostics: [problem])) }
                default:
                    continue
                }
            }
        }

        mutating func register(anchor: UnsafeMutablePointer<yaml_char_t>?, node: YAMLNode, size: Int, height: Int) {
            guard let anchor else { return }
            anchors[String(cString: anchor)] = Anchored(node: node, size: size, height: height)
        }

        /// Attaches a finished node to the open container (or makes it the root).
        mutating func add(_ node: YAMLNode, size: Int, height: Int) -> Diagnostic? {
            guard !stack.isEmpty else { root = node; return nil }
            let top = stack.count - 1
            stack[top].size = YAMLComposer.saturatingAdd(stack[top].size, size)
            stack[top].height = max(stack[top].height, height + 1)
            guard stack[top].isMapping else { stack[top].items.append(node); return nil }
            guard let key = stack[top].pendingKey else { stack[top].pendingKey = node; return nil }
            stack[top].pendingKey = nil
            stack[top].pairs.append((key, node))
            if case .scalar(let scalar) = key {
                if let first = stack[top].keys[scalar.string] {
                    duplicates.append(Diagnostic(.error, "LOAD010", "duplicate key '\(scalar.string)' in one mapping (first at line \(first.line))",
                                                 at: location(scalar.mark), hint: "each key may appear once per mapping; merge the two entries"))
                } else {
                    stack[top].keys[scalar.string] = scalar.mark
                }
            }
            return nil
        }

        func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
            let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
            if parser.error == YAML_READER_ERROR {
                return Diagnostic(.error, "LOAD009", "cannot read YAML: \(problem)", at: SourceLocation(file: file, line: 1, column: 1), hint: "save the file as UTF-8 text")
            }
            var message = "YAML syntax: \(problem)"
            if let context = parser.context {
                message += " (\(String(cString: context)) at \(parser.context_mark.line + 1):\(parser.context_mark.column + 1))"
            }
            let mark = YAMLNode.Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            return Diagnostic(.error, "LOAD001", message, at: location(mark), hint: "check indentation, quotes and brackets near this point")
        }
    }

    static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}
