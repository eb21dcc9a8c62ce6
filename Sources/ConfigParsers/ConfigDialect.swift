import Foundation
import NetworkModel

/// Router configuration dialects routesim reads: the model's dialects (one list of them).
public typealias ConfigDialect = VendorDialect

extension VendorDialect {

    /// Byte substring search (Foundation's `contains` is slow on hot paths).
    static func contains(_ text: Substring, _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count >= pattern.count, let first = pattern.first, let base = bytes.baseAddress, let wanted = pattern.baseAddress else { return false }
            var i = 0
            while i + pattern.count <= bytes.count {
                if bytes[i] == first && memcmp(base + i, wanted, pattern.count) == 0 { return true }
                i += 1
            }
            return false
        }
        // Native strings give their bytes without a copy; others are copied once.
        return text.utf8.withContiguousStorageIfAvailable(search) ?? Array(text.utf8).withUnsafeBufferPointer(search)
    }
}

// Detection asks about a hundred prefixes of each of a file's first 600 lines: compared as
// UTF-8 bytes, not Characters (the generic StringProtocol forms were half of lint's time on the
// bench). The patterns are ASCII literals, so byte and character prefixes agree.
extension Substring {
    func begins(with prefix: StaticString) -> Bool { bytes(equal: prefix, fromEnd: false) }
    func ends(with suffix: StaticString) -> Bool { bytes(equal: suffix, fromEnd: true) }

    /// Whether the first (or last) bytes are `pattern`. Native strings give their bytes without a
    /// copy; others are copied once (as in `VendorDialect.contains`).
    private func bytes(equal pattern: StaticString, fromEnd: Bool) -> Bool {
        let count = pattern.utf8CodeUnitCount
        func compare(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard count > 0 else { return true }
            guard bytes.count >= count, let base = bytes.baseAddress else { return false }
            return memcmp(base + (fromEnd ? bytes.count - count : 0), pattern.utf8Start, count) == 0
        }
        return utf8.withContiguousStorageIfAvailable(compare) ?? Array(utf8).withUnsafeBufferPointer(compare)
    }
}
