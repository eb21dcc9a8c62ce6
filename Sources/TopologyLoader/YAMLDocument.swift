import Diagnostics
import Yams

/// A small located YAML value for other settings files (`.routesim.yml`), read with the same
/// guards as topologies: NUL bytes, nesting depth, alias expansion, duplicate keys.
public indirect enum YAMLValue: Sendable {
    case scalar(String, SourceLocation)
    case sequence([YAMLValue], SourceLocation)
    case mapping([(key: String, value: YAMLValue)], SourceLocation)

    public var location: SourceLocation {
        switch self { case .scalar(_, let l), .sequence(_, let l), .mapping(_, let l): l }
    }

    public enum Reading {
        public static func read(_ text: String, file: String) -> Result<YAMLValue?, YAMLReadError> {
            if text.utf8.contains(0) { return .failure(YAMLReadError(Diagnostic(.error, "LOAD009", "file contains NUL bytes (binary?)", at: SourceLocation(file: file, line: 1, column: 1)))) }
            if let problem = NestingGuard.check(text, file: file) { return .failure(YAMLReadError(problem)) }
            let root: Node
            do {
                guard let composed = try Yams.compose(yaml: text, .basic) else { return .success(nil) }
                root = composed
            } catch let error as YamlError {
                return .failure(YAMLReadError(TopologyLoader.syntaxDiagnostic(error, file: file)))
            } catch {
                return .failure(YAMLReadError(Diagnostic(.error, "LOAD001", "cannot parse YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))))
            }
            if ExpansionGuard.expandedSize(root) > TopologyLoader.maximumExpandedNodes {
                return .failure(YAMLReadError(Diagnostic(.error, "LOAD008", "document expands to too many nodes through aliases", at: SourceLocation(file: file, line: 1, column: 1))))
            }
            return .success(convert(root, file: file))
        }

        static func convert(_ node: Node, file: String) -> YAMLValue {
            let location = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? SourceLocation(file: file, line: 1, column: 1)
            switch node {
            case .scalar(let scalar): return .scalar(scalar.string, location)
            case .sequence(let sequence): return .sequence(sequence.map { convert($0, file: file) }, location)
            case .mapping(let mapping):
                return .mapping(mapping.map { (key: $0.key.string ?? "", value: convert($0.value, file: file)) }, location)
            case .alias: return .scalar("", location)
            }
        }
    }
}

public struct YAMLReadError: Error, Sendable {
    public let diagnostic: Diagnostic
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
