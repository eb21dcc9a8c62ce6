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
