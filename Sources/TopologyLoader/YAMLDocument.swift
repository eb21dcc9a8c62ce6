import Diagnostics

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
            switch YAMLComposer.compose(text, file: file) {
            case .failure(let failure): return .failure(YAMLReadError(failure.diagnostics[0]))
            case .success(nil): return .success(nil)
            case .success(let root?): return .success(convert(root, file: file))
            }
        }

        /// Recursion is bounded: the composer refuses documents nested deeper than its limit.
        static func convert(_ node: YAMLNode, file: String) -> YAMLValue {
            let location = SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
            switch node {
            case .scalar(let scalar): return .scalar(scalar.string, location)
            case .sequence(let sequence): return .sequence(sequence.map { convert($0, file: file) }, location)
            case .mapping(let mapping):
                return .mapping(mapping.map { (key: $0.key.scalar?.string ?? "", value: convert($0.value, file: file)) }, location)
            }
        }
    }
}

public struct YAMLReadError: Error, Sendable {
    public let diagnostic: Diagnostic
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
