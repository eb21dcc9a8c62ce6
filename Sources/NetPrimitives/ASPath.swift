/// An AS number (4-byte).
public typealias ASN = UInt32

/// An AS path as a plain sequence (AS_SEQUENCE only; aggregates do not form AS_SETs in this model).
public struct ASPath: Hashable, Sendable, CustomStringConvertible {
    public var asns: [ASN]
    public init(_ asns: [ASN] = []) { self.asns = asns }
    public var length: Int { asns.count }
    public func contains(_ asn: ASN) -> Bool { asns.contains(asn) }
    /// How many times `asn` appears (the loop check with `allowas-in`).
    public func occurrences(of asn: ASN) -> Int { asns.reduce(0) { $0 + ($1 == asn ? 1 : 0) } }
    /// Every `old` replaced by `new` (`as-override`).
    public func replacing(_ old: ASN, with new: ASN) -> ASPath { ASPath(asns.map { $0 == old ? new : $0 }) }
    public func prepending(_ asn: ASN, times: Int = 1) -> ASPath { ASPath(Array(repeating: asn, count: times) + asns) }
    /// The neighbouring AS (first in the path), used for MED comparison.
    public var neighborAS: ASN? { asns.first }
    public var description: String { asns.map(String.init).joined(separator: " ") }
}

/// A standard community `asn:value`.
public struct Community: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: UInt32
    public init(_ value: UInt32) { self.value = value }
    /// RFC 1997's well-known communities.
    public static let noExport = Community(0xFFFF_FF01)
    public static let noAdvertise = Community(0xFFFF_FF02)
    public static let noExportSubconfed = Community(0xFFFF_FF03)

    /// `65000:100`, or a well-known community by its usual name (`no-export`, `no-advertise`,
    /// `no-export-subconfed`, and IOS's `local-as` for the latter).
    public init?(_ text: some StringProtocol) {
        switch text.lowercased() {
        case "no-export": self = .noExport; return
        case "no-advertise": self = .noAdvertise; return
        case "no-export-subconfed", "local-as": self = .noExportSubconfed; return
        default: break
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let high = UInt16(parts[0]), let low = UInt16(parts[1]) else { return nil }
        value = UInt32(high) << 16 | UInt32(low)
    }
    public var description: String { "\(value >> 16):\(value & 0xffff)" }
    public static func < (lhs: Community, rhs: Community) -> Bool { lhs.value < rhs.value }
}
