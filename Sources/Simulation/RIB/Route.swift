public enum RouteProtocol: String, Sendable, Codable, Comparable {
    case connected, `static`, ospf, isis, ebgp, ibgp, bgp = "bgp-local"
    private var order: Int {
        switch self { case .connected: 0; case .static: 1; case .ebgp: 2; case .ospf: 3; case .isis: 4; case .ibgp: 5; case .bgp: 6 }
    }
    public static func < (a: RouteProtocol, b: RouteProtocol) -> Bool { a.order < b.order }
}

/// One way out of a router: a local interface and the neighbour address traffic is sent to.
public struct NextHop: Hashable, Sendable, Comparable {
    public var interface: Int
    public var gateway: IPAddress
    public init(interface: Int, gateway: IPAddress) { self.interface = interface; self.gateway = gateway }
    public static func < (a: NextHop, b: NextHop) -> Bool { (a.gateway, a.interface) < (b.gateway, b.interface) }
}

public enum Forwarding: Hashable, Sendable {
    /// The prefix is on this interface: deliver to whoever owns the destination address there.
    case attached(interface: Int)
    /// Forward over these equal-cost next hops.
    case forward([NextHop])
    /// Null0 / discard: drop.
    case discard
}

extension Forwarding {
    /// `via 10.0.0.1 (eth1), 10.0.0.5 (eth2)`, `attached eth0` or `Null0`, naming the router's interfaces.
    public func text(at router: Router) -> String {
        func name(_ interface: Int) -> String { router.interfaces.indices.contains(interface) ? router.interfaces[interface].name : "#\(interface)" }
        switch self {
        case .attached(let interface): return "attached \(name(interface))"
        case .forward(let hops): return "via " + hops.map { "\($0.gateway) (\(name($0.interface)))" }.joined(separator: ", ")
        case .discard: return "Null0"
        }
    }
}

/// A route in a router's main RIB (the winner among protocols for its prefix).
/// The reference-counted fields (forwarding, description, source line) live in one shared
/// box: a failure sweep copies and frees hundreds of thousands of entries per scenario, and
/// one retain per copy instead of three measurably matters there.
public struct RIBEntry: Sendable, Equatable {
    public var prefix: Prefix
    public var protocolKind: RouteProtocol
    public var distance: UInt8
    public var metric: UInt32
    /// Kept inline: next-hop resolution asks this for every path it imports.
    public private(set) var isDiscard: Bool
    private var details: Details

    final class Details: Sendable {
        let forwarding: Forwarding
        let describedBy: OriginText
        let location: SourceLocation?
        var origin: String { describedBy.text }
        init(forwarding: Forwarding, origin: OriginText, location: SourceLocation?) {
            self.forwarding = forwarding
            self.describedBy = origin
            self.location = location
        }
        convenience init(forwarding: Forwarding, origin: String, location: SourceLocation?) {
            self.init(forwarding: forwarding, origin: .text(origin), location: location)
        }
    }

    /// A route's description, as text or as the data it is made from: a BGP route's RIB entry
    /// is made at every lookup that hits it (every hop of every trace in a sweep), and its text
    /// only when a report shows it.
    enum OriginText: Sendable {
        case text(String)
        case bgp(BGPRoute, peerName: String?)

        var text: String {
            switch self {
            case .text(let text): return text
            case .bgp(let route, let peerName):
                var origin = "\(route.isEBGP ? "eBGP" : "iBGP") path \(route.attributes.asPath.description.isEmpty ? "(empty)" : route.attributes.asPath.description)"
                if let peerName { origin += " from \(peerName)" }
                origin += " via \(route.attributes.nextHop), chosen by \(route.decidedBy.rawValue)"
                return origin
            }
        }
    }

    public init(prefix: Prefix, protocolKind: RouteProtocol, distance: UInt8, metric: UInt32, forwarding: Forwarding, origin: String, location: SourceLocation?) {
        self.init(prefix: prefix, protocolKind: protocolKind, distance: distance, metric: metric, forwarding: forwarding, describedBy: .text(origin), location: location)
    }

    init(prefix: Prefix, protocolKind: RouteProtocol, distance: UInt8, metric: UInt32, forwarding: Forwarding, describedBy: OriginText, location: SourceLocation?) {
        self.prefix = prefix
        self.protocolKind = protocolKind
        self.distance = distance
        self.metric = metric
        isDiscard = forwarding == .discard
        details = Details(forwarding: forwarding, origin: describedBy, location: location)
    }

    public var forwarding: Forwarding {
        get { details.forwarding }
        set {
            details = Details(forwarding: newValue, origin: details.describedBy, location: details.location)
            isDiscard = newValue == .discard
        }
    }
    /// Why the route exists, e.g. "static route to Null0" or "ospf from R1".
    public var origin: String {
        get { details.origin }
        set { details = Details(forwarding: details.forwarding, origin: newValue, location: details.location) }
    }
    /// A BGP route's next hop (nil for other routes).
    public var bgpNextHop: IPAddress? {
        if case .bgp(let route, _) = details.describedBy { return route.attributes.nextHop }
        return nil
    }

    public var location: SourceLocation? {
        get { details.location }
        set { details = Details(forwarding: details.forwarding, origin: details.describedBy, location: newValue) }
    }

    public static func == (a: RIBEntry, b: RIBEntry) -> Bool {
        a.prefix == b.prefix && a.protocolKind == b.protocolKind && a.distance == b.distance && a.metric == b.metric
            && (a.details === b.details
                || (a.details.forwarding == b.details.forwarding && a.details.origin == b.details.origin && a.details.location == b.details.location))
    }
}

extension RIBEntry {
    /// What a trace says dropped the packet: the route and its prefix, or for a BGP path whose
    /// next hop resolves through a discard route, that whole chain (its origin names both).
    var discardReason: String {
        protocolKind == .ebgp || protocolKind == .ibgp ? origin : "\(origin) \(prefix)"
    }
}
