/// The two address families routesim routes.
public enum AddressFamily: String, Sendable, Codable, CaseIterable, Comparable {
    case ipv4, ipv6

    /// `IPv4` or `IPv6`, as messages write it.
    public var displayName: String { self == .ipv4 ? "IPv4" : "IPv6" }

    /// The longest prefix length of the family.
    public var maxLength: UInt8 { self == .ipv4 ? 32 : 128 }

    public static func < (a: AddressFamily, b: AddressFamily) -> Bool { a == .ipv4 && b == .ipv6 }
}

/// An IPv4 or IPv6 address in 128 bits. An IPv4 address is stored in its IPv4-mapped IPv6 form
/// (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2), which is how its family is known: text in
/// that form reads as the IPv4 address (nothing routes IPv4-mapped IPv6 addresses).
/// Text in: dotted quad, or RFC 4291 section 2.2 (eight groups of up to four hex digits, one
/// `::`, an IPv4 dotted quad as the last 32 bits). Text out: dotted quad, or RFC 5952
/// (lowercase, no leading zeros, the longest run of two or more zero groups as `::`, the first
/// on a tie).
public struct IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let high: UInt64
    public let low: UInt64

    @usableFromInline static let mappedTag: UInt64 = 0xffff << 32

    /// An IPv4 address from its 32 bits.
    @inlinable public init(_ ipv4: UInt32) {
        high = 0
        low = IPAddress.mappedTag | UInt64(ipv4)
    }

    /// An IPv6 address from its two halves.
    @inlinable public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The eight 16-bit groups of an IPv6 address, most significant first (nil unless eight).
    public init?(groups: [UInt16]) {
        guard groups.count == 8 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        for group in groups[0..<4] { high = high << 16 | UInt64(group) }
        for group in groups[4..<8] { low = low << 16 | UInt64(group) }
        self.init(high: high, low: low)
    }

    /// 0.0.0.0 or `::`: "no address" (a local BGP route's next hop).
    @inlinable public var isUnspecified: Bool { low == IPAddress.mappedTag && high == 0 || low == 0 && high == 0 }

    /// An IPv6 link-local address (fe80::/10): link-scoped, so routesim never routes it.
    public var isLinkLocal: Bool { high >> 54 == 0x3fa }

    @inlinable public var isIPv4: Bool { high == 0 && low >> 32 == 0xffff }
    @inlinable public var family: AddressFamily { isIPv4 ? .ipv4 : .ipv6 }

    /// The 32 bits of an IPv4 address (the low 32 bits of any address).
    @inlinable public var ipv4Value: UInt32 { UInt32(truncatingIfNeeded: low) }

    /// Bit `index` counted from the most significant bit of the family's address.
    @inlinable public func bit(_ index: Int) -> UInt64 {
        if isIPv4 { return (low >> UInt64(31 - index)) & 1 }
        return index < 64 ? (high >> UInt64(63 - index)) & 1 : (low >> UInt64(127 - index)) & 1
    }

    public var groups: [UInt16] {
        (0..<4).map { UInt16(truncatingIfNeeded: high >> (48 - 16 * UInt64($0))) }
            + (0..<4).map { UInt16(truncatingIfNeeded: low >> (48 - 16 * UInt64($0))) }
    }

    /// Parses a dotted quad or RFC 4291 text; nil for anything else (no leading-zero quirks, no
    /// shorthand, no zone index `%eth0`: a link-local address's zone is not part of it).
    @inlinable public init?(_ text: some StringProtocol) {
        // Native strings lend their bytes (no per-byte index walk through a generic view).
        let parsed = text.utf8.withContiguousStorageIfAvailable(IPAddress.parse) ?? Array(text.utf8).withUnsafeBufferPointer(IPAddress.parse)
        guard let parsed else { return nil }
        self = parsed
    }

    @usableFromInline static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        if bytes.contains(UInt8(ascii: ":")) {
            guard let groups = parseIPv6(Array(bytes)) else { return nil }
            return IPAddress(groups: groups)
        }
        return parseIPv4(bytes).map(IPAddress.init)
    }

    /// Byte by byte, no allocation: config parsers read millions of addresses.
    @usableFromInline static func parseIPv4(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
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

    static func parseIPv6(_ bytes: [UInt8]) -> [UInt16]? {
        guard !bytes.isEmpty, bytes.count <= 45 else { return nil }
        // Split at `::` (at most one), then each side at `:`.
        var compressed: Int?
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: ":") && bytes[i + 1] == UInt8(ascii: ":") {
                guard compressed == nil else { return nil }
                compressed = i
                i += 2
                continue
            }
            i += 1
        }
        func fields(_ part: ArraySlice<UInt8>, last: Bool) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if last && index == pieces.count - 1 && piece.contains(UInt8(ascii: ".")) {
                    // An embedded IPv4 address (`64:ff9b::192.0.2.1`) is the last 32 bits.
                    guard let v4 = Array(piece).withUnsafeBufferPointer(IPAddress.parseIPv4) else { return nil }
                    result += [UInt16(truncatingIfNeeded: v4 >> 16), UInt16(truncatingIfNeeded: v4)]
                    continue
                }
                guard (1...4).contains(piece.count) else { return nil }
                var value: UInt16 = 0
                for byte in piece {
                    let digit: UInt8
                    switch byte {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                    default: return nil
                    }
                    value = value << 4 | UInt16(digit)
                }
                result.append(value)
            }
            return result
        }
        if let at = compressed {
            guard let head = fields(bytes[..<at], last: false), let tail = fields(bytes[(at + 2)...], last: true),
                  head.count + tail.count <= 7 else { return nil }
            return head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard let all = fields(bytes[...], last: true), all.count == 8 else { return nil }
        return all
    }

    public var description: String { isIPv4 ? Self.dottedQuad(ipv4Value) : ipv6Text }

    /// Built byte by byte: reports print millions of addresses and interpolation is slow.
    static func dottedQuad(_ value: UInt32) -> String {
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

    /// RFC 5952 section 4.
    private var ipv6Text: String {
        let groups = self.groups
        // The longest run of two or more zero groups; the first of equal runs.
        var best: (start: Int, length: Int)?
        var start: Int?
        for index in 0...8 {
            if index < 8 && groups[index] == 0 {
                if start == nil { start = index }
                continue
            }
            if let runStart = start {
                let length = index - runStart
                if length >= 2 && length > (best?.length ?? 0) { best = (runStart, length) }
                start = nil
            }
        }
        func hex(_ range: Range<Int>) -> String { groups[range].map { String($0, radix: 16) }.joined(separator: ":") }
        guard let best else { return hex(0..<8) }
        return hex(0..<best.start) + "::" + hex((best.start + best.length)..<8)
    }

    /// IPv4 addresses first, then IPv6, each by value.
    @inlinable public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        let left = lhs.isIPv4, right = rhs.isIPv4
        if left != right { return left }
        return lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }

    /// One word for IPv4 (the common case keys hot dictionaries), both for IPv6.
    @inlinable public func hash(into hasher: inout Hasher) {
        hasher.combine(low)
        if high != 0 { hasher.combine(high) }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = IPAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an IP address: \(text)"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
