/// An IPv4 or IPv6 prefix, always stored with its host bits cleared. `length` counts in the
/// prefix's own family (0-32 or 0-128).
public struct Prefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let network: IPAddress
    public let length: UInt8

    /// Lengths above the family's maximum are clamped; parsers reject them before they get here.
    @inlinable public init(network: IPAddress, length: UInt8) {
        if network.isIPv4 {
            let length = min(length, 32)
            self.length = length
            self.network = IPAddress(network.ipv4Value & Prefix.ipv4Mask(length))
        } else {
            let length = min(length, 128)
            self.length = length
            let (high, low) = Prefix.ipv6Mask(length)
            self.network = IPAddress(high: network.high & high, low: network.low & low)
        }
    }

    @inlinable public var family: AddressFamily { network.family }
    @inlinable public var isIPv4: Bool { network.isIPv4 }

    /// Parses `address/len` in either family; `address` keeps the host bits as written (an
    /// interface address). An IPv4-mapped IPv6 prefix is refused (nothing routes them).
    @inlinable public static func parse(_ text: some StringProtocol) -> (prefix: Prefix, address: IPAddress)? {
        // Native strings lend their bytes (no per-byte index walk through a generic view).
        text.utf8.withContiguousStorageIfAvailable(Prefix.parse) ?? Array(text.utf8).withUnsafeBufferPointer(Prefix.parse)
    }

    @usableFromInline static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (prefix: Prefix, address: IPAddress)? {
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let text = UnsafeBufferPointer(rebasing: bytes[..<slash])
        let isIPv6 = text.contains(UInt8(ascii: ":"))
        var length = 0, digits = 0
        for byte in bytes[(slash + 1)...] {
            guard byte >= 48 && byte <= 57, digits < 3 else { return nil }
            length = length * 10 + Int(byte - 48)
            digits += 1
        }
        guard digits > 0, !(digits == 3 && !isIPv6), length <= (isIPv6 ? 128 : 32), let address = IPAddress.parse(text),
              address.isIPv4 != isIPv6 else { return nil }
        return (Prefix(network: address, length: UInt8(length)), address)
    }

    public init?(_ text: some StringProtocol) {
        guard let parsed = Prefix.parse(text) else { return nil }
        self = parsed.prefix
    }

    @inlinable public static func ipv4Mask(_ length: UInt8) -> UInt32 {
        length == 0 ? 0 : UInt32.max << (32 - UInt32(min(length, 32)))
    }

    /// An IPv6 mask's two halves.
    @inlinable public static func ipv6Mask(_ length: UInt8) -> (UInt64, UInt64) {
        let high: UInt64 = length == 0 ? 0 : length >= 64 ? .max : UInt64.max << (64 - UInt64(length))
        let low: UInt64 = length <= 64 ? 0 : length >= 128 ? .max : UInt64.max << (128 - UInt64(length))
        return (high, low)
    }

    /// The IPv4 netmask (meaningless for IPv6).
    public var ipv4Mask: UInt32 { Prefix.ipv4Mask(length) }

    /// How many addresses the prefix holds, saturating at UInt64.max (an IPv6 /64 and wider).
    public var addressCount: UInt64 {
        let bits = UInt64(family.maxLength - length)
        return bits >= 64 ? .max : UInt64(1) << bits
    }

    public var lastAddress: IPAddress {
        if isIPv4 { return IPAddress(network.ipv4Value | ~ipv4Mask) }
        let (high, low) = Prefix.ipv6Mask(length)
        return IPAddress(high: network.high | ~high, low: network.low | ~low)
    }

    /// True when `address` is of this family and inside the prefix.
    @inlinable public func contains(_ address: IPAddress) -> Bool {
        if network.isIPv4 { return address.isIPv4 && address.ipv4Value & Prefix.ipv4Mask(length) == network.ipv4Value }
        guard !address.isIPv4 else { return false }
        let (high, low) = Prefix.ipv6Mask(length)
        return address.high & high == network.high && address.low & low == network.low
    }

    /// True when `other` is this prefix or a more-specific inside it.
    public func contains(_ other: Prefix) -> Bool { other.length >= length && contains(other.network) }

    public func overlaps(_ other: Prefix) -> Bool { contains(other) || other.contains(self) }

    public var description: String { "\(network)/\(length)" }

    /// One word into the hasher for IPv4: prefixes key the hottest dictionaries.
    @inlinable public func hash(into hasher: inout Hasher) {
        hasher.combine(network.low << 8 | UInt64(length))
        if !network.isIPv4 { hasher.combine(network.high ^ network.low >> 56) }
    }

    public static func < (lhs: Prefix, rhs: Prefix) -> Bool {
        lhs.network != rhs.network ? lhs.network < rhs.network : lhs.length < rhs.length
    }
}

extension IPAddress {
    /// The address `offset` above this one in its family (wrapping inside the family).
    public func advanced(by offset: UInt64) -> IPAddress {
        if isIPv4 { return IPAddress(ipv4Value &+ UInt32(truncatingIfNeeded: offset)) }
        let (low, carry) = self.low.addingReportingOverflow(offset)
        return IPAddress(high: high &+ (carry ? 1 : 0), low: low)
    }
}
