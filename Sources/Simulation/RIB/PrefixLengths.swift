/// Which prefix lengths a table holds, per family: IPv4 lengths 0-32 in one word, IPv6 lengths
/// 0-128 in three (bit n of word n / 64). Longest-prefix match probes only these.
struct PrefixLengthMask: Sendable, Equatable {
    private(set) var ipv4: UInt64 = 0
    private var ipv6Low: UInt64 = 0, ipv6Middle: UInt64 = 0, ipv6High: UInt64 = 0

    init() {}

    @inline(__always)
    mutating func insert(_ prefix: Prefix) {
        let length = UInt64(prefix.length)
        if prefix.isIPv4 { ipv4 |= 1 << length; return }
        switch length {
        case 0..<64: ipv6Low |= 1 << length
        case 64..<128: ipv6Middle |= 1 << (length - 64)
        default: ipv6High |= 1
        }
    }

    static func | (a: PrefixLengthMask, b: PrefixLengthMask) -> PrefixLengthMask {
        var union = a
        union.ipv4 |= b.ipv4
        union.ipv6Low |= b.ipv6Low
        union.ipv6Middle |= b.ipv6Middle
        union.ipv6High |= b.ipv6High
        return union
    }

    static func |= (a: inout PrefixLengthMask, b: PrefixLengthMask) { a = a | b }

    /// The lengths present in `address`'s family, longest first.
    @inline(__always)
    func lengths(for address: IPAddress) -> PrefixLengths {
        address.isIPv4 ? PrefixLengths(ipv4) : PrefixLengths(ipv6Low, ipv6Middle, ipv6High)
    }
}

/// The prefix lengths set in a mask (bit n: some prefix of length n is present), longest first.
/// One iterator for every table that keeps such a mask.
struct PrefixLengths: Sequence, IteratorProtocol {
    /// Words from the lowest lengths up; `word` is the one being read (from the top down).
    private var words: (UInt64, UInt64, UInt64)
    private var word: Int

    init(_ mask: UInt64) { words = (mask, 0, 0); word = 0 }
    init(_ low: UInt64, _ middle: UInt64, _ high: UInt64) { words = (low, middle, high); word = 2 }

    @inline(__always)
    mutating func next() -> UInt8? {
        while word >= 0 {
            let mask = word == 0 ? words.0 : word == 1 ? words.1 : words.2
            if mask != 0 {
                let bit = UInt64(63 - mask.leadingZeroBitCount)
                let cleared = mask & ~(1 << bit)
                switch word { case 0: words.0 = cleared; case 1: words.1 = cleared; default: words.2 = cleared }
                return UInt8(bit) + UInt8(64 * word)
            }
            word -= 1
        }
        return nil
    }
}

extension RandomAccessCollection where Index == Int {
    /// The first index whose element is not `below` the target (binary search over a collection
    /// sorted so that `below` holds for a prefix of it).
    @inline(__always)
    func lowerBound(below: (Element) -> Bool) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if below(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether a collection sorted ascending holds `value`.
    func sortedContains(_ value: Element) -> Bool where Element: Comparable {
        let index = lowerBound { $0 < value }
        return index < endIndex && self[index] == value
    }
}
