@_exported import NetworkModel

public enum BGPOrigin: Int, Sendable, Codable, Comparable, CustomStringConvertible {
    case igp = 0, egp = 1, incomplete = 2
    public static func < (a: BGPOrigin, b: BGPOrigin) -> Bool { a.rawValue < b.rawValue }
    public var description: String { switch self { case .igp: "igp"; case .egp: "egp"; case .incomplete: "incomplete" } }
}

/// The path attributes a route-map can see and change.
public struct BGPAttributes: Hashable, Sendable {
    public var asPath: ASPath
    public var localPreference: UInt32
    /// MULTI_EXIT_DISC; nil when the path carries none (distinct from 0: `missing-as-worst`).
    public var med: UInt32?
    public var origin: BGPOrigin
    public var communities: [Community]
    public var weight: UInt32
    public var nextHop: IPAddress

    public init(asPath: ASPath = ASPath(), localPreference: UInt32 = 100, med: UInt32? = nil, origin: BGPOrigin = .igp,
                communities: [Community] = [], weight: UInt32 = 0, nextHop: IPAddress = IPAddress(0)) {
        self.asPath = asPath
        self.localPreference = localPreference
        self.med = med
        self.origin = origin
        self.communities = communities
        self.weight = weight
        self.nextHop = nextHop
    }
}
