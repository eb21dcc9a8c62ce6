/// The value of a route distinguisher or route target (RFC 4364 section 4.2, RFC 4360 section
/// 3): an administrator (an AS number or an IPv4 address) and a number it assigns. Written
/// `65000:1`, `4200000000:1` or `192.0.2.1:1`, as every vendor writes them.
public struct VPNValue: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Administrator: Hashable, Comparable, Sendable {
        case asn(ASN)
        case address(IPAddress)
    }
    public let administrator: Administrator
    public let assigned: UInt32

    public init(administrator: Administrator, assigned: UInt32) {
        self.administrator = administrator
        self.assigned = assigned
    }

    /// nil for anything that does not fit one of the three encodings: a 2-byte AS with a 4-byte
    /// number, a 4-byte AS or an address with a 2-byte number (type 0, 2 and 1).
    public init?(_ text: some StringProtocol) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let head = text[..<colon], tail = text[text.index(after: colon)...]
        guard !tail.isEmpty, tail.allSatisfy(\.isASCIIDigit), let number = UInt32(tail) else { return nil }
        if let address = IPAddress(head) {
            guard number <= UInt16.max else { return nil }
            self.init(administrator: .address(address), assigned: number)
        } else if !head.isEmpty, head.allSatisfy(\.isASCIIDigit), let asn = UInt32(head) {
            guard asn <= UInt16.max || number <= UInt16.max else { return nil }
            self.init(administrator: .asn(asn), assigned: number)
        } else {
            return nil
        }
    }

    public var description: String {
        switch administrator {
        case .asn(let asn): "\(asn):\(assigned)"
        case .address(let address): "\(address):\(assigned)"
        }
    }

    public static func < (a: VPNValue, b: VPNValue) -> Bool { (a.administrator, a.assigned) < (b.administrator, b.assigned) }
}

/// What makes a VRF's routes distinct in the VPN address family (RFC 4364 section 4.2).
public struct RouteDistinguisher: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: VPNValue
    public init(_ value: VPNValue) { self.value = value }
    public init?(_ text: some StringProtocol) { guard let value = VPNValue(text) else { return nil }; self.value = value }
    public var description: String { value.description }
    public static func < (a: RouteDistinguisher, b: RouteDistinguisher) -> Bool { a.value < b.value }
}

/// The extended community that says which VRFs import a VPN route (RFC 4364 section 4.3.1).
public struct RouteTarget: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: VPNValue
    public init(_ value: VPNValue) { self.value = value }
    public init?(_ text: some StringProtocol) {
        // Junos and EOS may write the type in front: `target:65000:1`.
        let text = String(text)
        guard let value = VPNValue(text.hasPrefix("target:") ? text.dropFirst("target:".count) : Substring(text)) else { return nil }
        self.value = value
    }
    public var description: String { value.description }
    public static func < (a: RouteTarget, b: RouteTarget) -> Bool { a.value < b.value }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
