/// An IPv6 address as two 64-bit halves (issue 16's groundwork: nothing routes IPv6 yet).
/// Text in: RFC 4291 section 2.2 (eight groups of up to four hex digits, one `::` for a run of
/// zero groups, an IPv4 dotted quad as the last 32 bits). Text out: RFC 5952 (lowercase, no
/// leading zeros, the longest run of two or more zero groups as `::`, the first on a tie).
public struct IPv6Address: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The eight 16-bit groups, most significant first (nil unless there are eight).
    public init?(groups: [UInt16]) {
        guard groups.count == 8 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        for group in groups[0..<4] { high = high << 16 | UInt64(group) }
        for group in groups[4..<8] { low = low << 16 | UInt64(group) }
        self.init(high: high, low: low)
    }

    public var groups: [UInt16] {
        (0..<4).map { UInt16(truncatingIfNeeded: high >> (48 - 16 * UInt64($0))) }
            + (0..<4).map { UInt16(truncatingIfNeeded: low >> (48 - 16 * UInt64($0))) }
    }

    /// Parses RFC 4291 text; nil for anything else (zone indices `%eth0` included: a link-local
    /// address's zone is not part of the address).
    public init?(_ text: some StringProtocol) {
        guard let groups = Self.parse(Array(text.utf8)) else { return nil }
        self.init(groups: groups)
    }

    static func parse(_ bytes: [UInt8]) -> [UInt16]? {
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
                    // An embedded IPv4 address (`::ffff:192.0.2.1`) is the last 32 bits.
                    guard let v4 = Array(piece).withUnsafeBufferPointer(IPv4Address.parse) else { return nil }
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

    /// RFC 5952 section 4; an IPv4-mapped address (`::ffff:0:0/96`) ends in its dotted quad
    /// (section 5).
    public var description: String {
        if high == 0 && low >> 32 == 0xffff { return "::ffff:" + IPv4Address(UInt32(truncatingIfNeeded: low)).description }
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

    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool { (lhs.high, lhs.low) < (rhs.high, rhs.low) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = IPv6Address(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an IPv6 address: \(text)"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An IPv6 prefix, always stored with its host bits cleared.
public struct IPv6Prefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let network: IPv6Address
    public let length: UInt8

    /// Lengths above 128 are clamped to 128; parsers reject them before they get here.
    public init(network: IPv6Address, length: UInt8) {
        let length = min(length, 128)
        self.length = length
        let (high, low) = Self.mask(length)
        self.network = IPv6Address(high: network.high & high, low: network.low & low)
    }

    /// The mask's two halves.
    public static func mask(_ length: UInt8) -> (UInt64, UInt64) {
        let high: UInt64 = length == 0 ? 0 : length >= 64 ? .max : UInt64.max << (64 - UInt64(length))
        let low: UInt64 = length <= 64 ? 0 : length >= 128 ? .max : UInt64.max << (128 - UInt64(length))
        return (high, low)
    }

    /// Parses `address/length`, with the address as written (an interface address has host bits).
    public static func parse(_ text: some StringProtocol) -> (prefix: IPv6Prefix, address: IPv6Address)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...3).contains(parts[1].count), parts[1].allSatisfy(\.isASCII), let length = UInt8(parts[1]), length <= 128,
              let address = IPv6Address(parts[0]) else { return nil }
        return (IPv6Prefix(network: address, length: length), address)
    }

    public init?(_ text: some StringProtocol) {
        guard let parsed = Self.parse(text) else { return nil }
        self = parsed.prefix
    }

    public func contains(_ address: IPv6Address) -> Bool {
        let (high, low) = Self.mask(length)
        return address.high & high == network.high && address.low & low == network.low
    }

    /// True when `other` is this prefix or a more-specific inside it.
    public func contains(_ other: IPv6Prefix) -> Bool { other.length >= length && contains(other.network) }

    public var description: String { "\(network)/\(length)" }

    public static func < (lhs: IPv6Prefix, rhs: IPv6Prefix) -> Bool {
        lhs.network != rhs.network ? lhs.network < rhs.network : lhs.length < rhs.length
    }
}
