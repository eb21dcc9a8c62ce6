/// The prefix lengths set in a mask (bit n: some prefix of length n is present), longest first:
/// longest-prefix match probes only these. One iterator for every table that keeps such a mask.
struct PrefixLengths: Sequence, IteratorProtocol {
    private var mask: UInt64

    init(_ mask: UInt64) { self.mask = mask }

    @inline(__always)
    mutating func next() -> UInt8? {
        guard mask != 0 else { return nil }
        let length = UInt8(63 - mask.leadingZeroBitCount)
        mask &= ~(1 << UInt64(length))
        return length
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
