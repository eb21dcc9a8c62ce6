/// AS-path regular expressions as IOS, EOS and FRR write them (`ip as-path access-list`,
/// `bgp as-path access-list`): POSIX-style extended expressions where `_` matches a delimiter —
/// the start or end of the path, or one of space, comma, braces, parentheses (Cisco's "BGP
/// Regular Expressions"; FRR's bgp_regex.c substitutes the same set). A list entry matches when
/// the expression matches anywhere in the path's text ("65001 65002").
///
/// Compiled to a Thompson automaton and run as a Pike VM: matching is linear in the path length
/// times the program size, whatever the expression (`^(.*.*)*Q$` took minutes with a
/// backtracking engine). Bounds (docs/diagnostics.md): at most `maximumPatternLength`
/// characters, `maximumNesting` nested groups and `maximumProgramSize` instructions after
/// counted repetitions are expanded.
public struct ASPathRegex: Sendable {
    public static let maximumPatternLength = 512
    public static let maximumNesting = 32
    public static let maximumProgramSize = 8_192

    public let pattern: String
    private let program: [Instruction]

    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        /// 1-based character position in the pattern.
        public var position: Int
        public var description: String { "\(message) at character \(position)" }
    }

    public init(_ pattern: String) throws(SyntaxError) {
        self.pattern = pattern
        let bytes = Array(pattern.utf8)
        guard bytes.count <= Self.maximumPatternLength else {
            throw SyntaxError(message: "expression longer than \(Self.maximumPatternLength) characters", position: Self.maximumPatternLength + 1)
        }
        var parser = Parser(bytes: bytes)
        let tree = try parser.parseWhole()
        var compiler = Compiler()
        try compiler.emit(tree)
        compiler.program.append(.match)
        guard compiler.program.count <= Self.maximumProgramSize else { throw Compiler.tooLarge }
        program = compiler.program
    }

    /// Whether the expression matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { run($0) }
    }

    public func matches(_ path: ASPath) -> Bool { matches(path.description) }

    // MARK: the automaton

    fileprivate enum Instruction: Sendable {
        case byte(ByteSet)
        case split(Int, Int)
        case jump(Int)
        case atStart
        case atEnd
        case match
    }

    /// Pike VM without captures: at most one thread per instruction and position, so each input
    /// byte is looked at by at most `program.count` threads.
    private func run(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        var stack: [Int] = []
        for position in 0...text.count {
            // Unanchored search: a new thread starts at every position.
            if add(0, at: position, of: text, to: &current, stack: &stack) { return true }
            guard position < text.count else { break }
            let byte = text[position]
            next.clear()
            for pc in current.members {
                guard case .byte(let set) = program[pc], set.contains(byte) else { continue }
                if add(pc + 1, at: position + 1, of: text, to: &next, stack: &stack) { return true }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Follows jumps, splits and assertions from `start` (iteratively); true on reaching `match`.
    private func add(_ start: Int, at position: Int, of text: UnsafeBufferPointer<UInt8>, to list: inout ThreadList, stack: inout [Int]) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .match: return true
            case .byte: continue
            case .jump(let target): stack.append(target)
            case .split(let first, let second): stack.append(second); stack.append(first)
            case .atStart: if position == 0 { stack.append(pc + 1) }
            case .atEnd: if position == text.count { stack.append(pc + 1) }
            }
        }
        return false
    }
}

/// A set of instruction indices with O(1) insert and clear (Briggs–Torczon sparse set).
private struct ThreadList {
    var dense: [Int]
    var sparse: [Int]
    var count = 0

    init(capacity: Int) {
        dense = Array(repeating: 0, count: capacity)
        sparse = Array(repeating: 0, count: capacity)
    }

    var members: ArraySlice<Int> { dense[..<count] }

    mutating func insert(_ value: Int) -> Bool {
        let slot = sparse[value]
        if slot < count && dense[slot] == value { return false }
        sparse[value] = count
        dense[count] = value
        count += 1
        return true
    }

    mutating func clear() { count = 0 }
}

/// 256 bits: which bytes an instruction consumes.
private struct ByteSet: Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    static let any: ByteSet = { var set = ByteSet(); set.insert(0...255); return set }()
    /// What `_` consumes when it is not at the start or end of the path.
    static let delimiters: ByteSet = { var set = ByteSet(); for c in " ,{}()".utf8 { set.insert(c) }; return set }()

    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    mutating func insert(_ range: ClosedRange<UInt8>) { for byte in range { insert(byte) } }

    var inverted: ByteSet { ByteSet(words: (~words.0, ~words.1, ~words.2, ~words.3)) }
}

// MARK: parsing

private indirect enum Node {
    case set(ByteSet)
    case start, end
    case delimiter
    case sequence([Node])
    case alternation([Node])
    case repeated(Node, min: Int, max: Int?)
}

/// Recursive descent over the pattern; recursion is bounded by `maximumNesting`.
private struct Parser {
    let bytes: [UInt8]
    var index = 0
    var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func error(_ message: String, at position: Int? = nil) -> ASPathRegex.SyntaxError {
        ASPathRegex.SyntaxError(message: message, position: (position ?? index) + 1)
    }

    mutating func parseWhole() throws(ASPathRegex.SyntaxError) -> Node {
        let node = try parseAlternation()
        if index < bytes.count { throw error("unmatched ')'") }
        return node
    }

    mutating func parseAlternation() throws(ASPathRegex.SyntaxError) -> Node {
        var branches = [try parseSequence()]
        while index < bytes.count, bytes[index] == UInt8(ascii: "|") {
            index += 1
            branches.append(try parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseSequence() throws(ASPathRegex.SyntaxError) -> Node {
        var items: [Node] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: "|"), bytes[index] != UInt8(ascii: ")") {
            var atom = try parseAtom()
            while index < bytes.count {
                let quantifierStart = index
                switch bytes[index] {
                case UInt8(ascii: "*"): index += 1; atom = .repeated(atom, min: 0, max: nil)
                case UInt8(ascii: "+"): index += 1; atom = .repeated(atom, min: 1, max: nil)
                case UInt8(ascii: "?"): index += 1; atom = .repeated(atom, min: 0, max: 1)
                case UInt8(ascii: "{"):
                    let (low, high) = try parseBounds()
                    if let high, high < low { throw error("repetition {\(low),\(high)} has its maximum below its minimum", at: quantifierStart) }
                    atom = .repeated(atom, min: low, max: high)
                default: break
                }
                if index == quantifierStart { break }
            }
            items.append(atom)
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    mutating func number() -> Int? {
        var value: Int?
        while index < bytes.count, let digit = bytes[index].asciiDigit {
            value = min((value ?? 0) * 10 + digit, 100_000)
            index += 1
        }
        return value
    }

    mutating func parseBounds() throws(ASPathRegex.SyntaxError) -> (Int, Int?) {
        let start = index
        index += 1
        guard let low = number() else { throw error("'{' must start a repetition such as {2} or {1,3}", at: start) }
        var high: Int? = low
        if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
            index += 1
            high = number()
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else { throw error("unterminated repetition '{'", at: start) }
        index += 1
        return (low, high)
    }

    mutating func parseAtom() throws(ASPathRegex.SyntaxError) -> Node {
        let byte = bytes[index]
        let start = index
        index += 1
        switch byte {
        case UInt8(ascii: "("):
            depth += 1
            guard depth <= ASPathRegex.maximumNesting else { throw error("more than \(ASPathRegex.maximumNesting) nested groups", at: start) }
            let inner = try parseAlternation()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else { throw error("unmatched '('", at: start) }
            index += 1
            depth -= 1
            return inner
        case UInt8(ascii: "["): return .set(try parseBracket(start: start))
        case UInt8(ascii: "."): return .set(.any)
        case UInt8(ascii: "^"): return .start
        case UInt8(ascii: "$"): return .end
        case UInt8(ascii: "_"): return .delimiter
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
            throw error("'\(Character(Unicode.Scalar(byte)))' repeats nothing", at: start)
        case UInt8(ascii: "\\"):
            guard index < bytes.count else { throw error("trailing '\\'", at: start) }
            index += 1
            return .set(Self.single(bytes[index - 1]))
        default:
            return .set(Self.single(byte))
        }
    }

    static func single(_ byte: UInt8) -> ByteSet { var set = ByteSet(); set.insert(byte); return set }

    mutating func parseBracket(start: Int) throws(ASPathRegex.SyntaxError) -> ByteSet {
        var set = ByteSet()
        var negated = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "^") { negated = true; index += 1 }
        var first = true
        while true {
            guard index < bytes.count else { throw error("unterminated '['", at: start) }
            var low = bytes[index]
            if low == UInt8(ascii: "]") && !first { index += 1; break }
            first = false
            index += 1
            if low == UInt8(ascii: "\\"), index < bytes.count { low = bytes[index]; index += 1 }
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] != UInt8(ascii: "]") {
                let high = bytes[index + 1]
                guard low <= high else {
                    throw error("range \(Character(Unicode.Scalar(low)))-\(Character(Unicode.Scalar(high))) is backwards", at: index - 1)
                }
                set.insert(low...high)
                index += 2
            } else {
                set.insert(low)
            }
        }
        return negated ? set.inverted : set
    }
}

private extension UInt8 {
    var asciiDigit: Int? { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) ? Int(self - UInt8(ascii: "0")) : nil }
}

// MARK: compiling

private struct Compiler {
    var program: [ASPathRegex.Instruction] = []

    static let tooLarge = ASPathRegex.SyntaxError(
        message: "expression expands to more than \(ASPathRegex.maximumProgramSize) steps (counted repetitions multiply)", position: 1)

    mutating func emit(_ node: Node) throws(ASPathRegex.SyntaxError) {
        // Checked as it grows so that (1{1000}){1000} never allocates a million instructions.
        guard program.count <= ASPathRegex.maximumProgramSize else { throw Self.tooLarge }
        switch node {
        case .set(let set): program.append(.byte(set))
        case .start: program.append(.atStart)
        case .end: program.append(.atEnd)
        case .delimiter: try emit(.alternation([.start, .end, .set(.delimiters)]))
        case .sequence(let items):
            for item in items { try emit(item) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (offset, branch) in branches.enumerated() {
                guard offset < branches.count - 1 else { try emit(branch); break }
                let split = program.count
                program.append(.split(split + 1, -1))
                try emit(branch)
                jumps.append(program.count)
                program.append(.jump(-1))
                program[split] = .split(split + 1, program.count)
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repeated(let inner, let low, let high):
            for _ in 0..<low { try emit(inner) }
            if let high {
                // Each optional copy may skip to the end.
                var splits: [Int] = []
                for _ in low..<high {
                    splits.append(program.count)
                    program.append(.split(program.count + 1, -1))
                    try emit(inner)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.split(loop + 1, -1))
                try emit(inner)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
