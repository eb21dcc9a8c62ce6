/// An IPv4 address as a 32-bit integer. routesim models IPv4 only (documented in docs/topology-format.md).
public struct IPv4Address: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let value: UInt32

    @inlinable public init(_ value: UInt32) { self.value = value }

    /// Parses dotted-quad text; returns nil for anything else (no leading zeros quirks, no shorthand).
    @inlinable public init?(_ text: some StringProtocol) {
        // Native strings lend their bytes (no per-byte index walk through a generic view).
        let parsed = text.utf8.withContiguousStorageIfAvailable(IPv4Address.parse) ?? Array(text.utf8).withUnsafeBufferPointer(IPv4Address.parse)
        guard let value = parsed else { return nil }
        self.value = value
    }

    /// Byte by byte, no allocation: config parsers read millions of addresses.
    @usableFromInline static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        var current: UInt32 = 0
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | current
                parts += 1; current = 0; digits = 0
            } else if byte >= 48 && byte <= 57 {
                current = current * 10 + UInt32(byte - 48)
                digits += 1
                guard digits <= 3, current <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | current
    }

    /// Built byte by byte: reports print millions of addresses and interpolation is slow.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(15)
        for shift in [24, 16, 8, 0] as [UInt32] {
            let octet = UInt8(truncatingIfNeeded: value >> shift)
            if octet >= 100 { bytes.append(48 + octet / 100) }
            if octet >= 10 { bytes.append(48 + octet / 10 % 10) }
            bytes.append(48 + octet % 10)
            if shift > 0 { bytes.append(46) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = IPv4Address(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an IPv4 address: \(text)"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
