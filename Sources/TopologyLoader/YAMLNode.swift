/// A composed YAML node with the position where it starts (1-based line and column).
///
/// routesim composes YAML itself (`YAMLComposer`) instead of using Yams' node tree: the composer
/// bounds nesting and alias expansion while it reads, before a tree that is too deep to free
/// exists, and checks duplicate keys by string without hashing alias-expanded subtrees.
public enum YAMLNode: Sendable {
    case scalar(Scalar)
    case sequence(Sequence)
    case mapping(Mapping)

    public struct Mark: Sendable, Equatable {
        public var line: Int
        public var column: Int
    }

    public struct Scalar: Sendable {
        public var string: String
        /// Unquoted: only a plain `~`, `null` or empty value is a YAML null.
        public var isPlain: Bool
        public var mark: Mark
    }

    public struct Sequence: Sendable, RandomAccessCollection {
        public var nodes: [YAMLNode]
        public var mark: Mark
        public var startIndex: Int { nodes.startIndex }
        public var endIndex: Int { nodes.endIndex }
        public subscript(position: Int) -> YAMLNode { nodes[position] }
    }

    public struct Mapping: Sendable, RandomAccessCollection {
        public var pairs: [(key: YAMLNode, value: YAMLNode)]
        public var mark: Mark
        public var startIndex: Int { pairs.startIndex }
        public var endIndex: Int { pairs.endIndex }
        public subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) { pairs[position] }
    }

    public var mark: Mark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(let sequence): sequence.mark
        case .mapping(let mapping): mapping.mark
        }
    }

    public var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }
}
