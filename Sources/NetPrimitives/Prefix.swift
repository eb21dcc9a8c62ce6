/// An IPv4 prefix, always stored with its host bits cleared.
public struct Prefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let network: IPv4Address
    public let length: UInt8

    /// Lengths above 32 are clamped to 32; parsers reject them before they get here.
    @inlinable public init(network: IPv4Address, length: UInt8) {
        let length = min(length, 32)
        self.length = length
        self.network = IPv4Address(network.value & Prefix.mask(length))
    }

    /// Parses `a.b.c.d/len`. `hostBitsSet` tells the caller that the text had host bits (an interface address).
    @inlinable public static func parse(_ text: some StringProtocol) -> (prefix: Prefix, address: IPv4Address)? {
        // Native strings lend their bytes (no per-byte index walk through a generic view).
        text.utf8.withContiguousStorageIfAvailable(Prefix.parse) ?? Array(text.utf8).withUnsafeBufferPointer(Prefix.parse)
    }

    @usableFromInline static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (prefix: Prefix, address: IPv4Address)? {
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")),
              let value = IPv4Address.parse(UnsafeBufferPointer(rebasing: bytes[..<slash])) else { return nil }
        var length = 0, digits = 0
        for byte in bytes[(slash + 1)...] {
            guard byte >= 48 && byte <= 57, digits < 2 else { return nil }
            length = length * 10 + Int(byte - 48)
            digits += 1
        }
        guard digits > 0, length <= 32 else { return nil }
        let address = IPv4Address(value)
        return (Prefix(network: address, length: UInt8(length)), address)
    }

    public init?(_ text: some StringProtocol) {
        guard let parsed = Prefix.parse(text) else { return nil }
        self = parsed.prefix
    }

    @inlinable public static func mask(_ length: UInt8) -> UInt32 {
        length == 0 ? 0 : UInt32.max << (32 - UInt32(length))
    }

    public var mask: UInt32 { Prefix.mask(length) }
    public var size: UInt64 { UInt64(1) << (32 - UInt64(length)) }
    public var lastAddress: IPv4Address { IPv4Address(network.value | ~mask) }

    public func contains(_ address: IPv4Address) -> Bool { address.value & mask == network.value }

    /// True when `other` is this prefix or a more-specific inside it.
    public func contains(_ other: Prefix) -> Bool { other.length >= length && contains(other.network) }

    public func overlaps(_ other: Prefix) -> Bool { contains(other) || other.contains(self) }

    public var description: String { "\(network)/\(length)" }

    /// One word into the hasher instead of two fields: prefixes key the hottest dictionaries.
    public func hash(into hasher: inout Hasher) { hasher.combine(UInt64(network.value) << 8 | UInt64(length)) }

    public static func < (lhs: Prefix, rhs: Prefix) -> Bool {
        lhs.network != rhs.network ? lhs.network < rhs.network : lhs.length < rhs.length
    }
}
