/// How a forwarding path ended (docs/dispositions.md).
public enum Disposition: Hashable, Sendable {
    /// Reached the router or host that owns the destination address.
    case delivered(node: String)
    /// Dropped by a Null0 / discard route at `router`.
    case nullRouted(router: String, route: String, location: SourceLocation?)
    /// No route matches the destination at `router`.
    case noRoute(router: String)
    /// The path came back to a router it already crossed.
    case loop(router: String)
    /// The destination is inside a connected subnet of `router` but nobody there owns it.
    case neighborUnreachable(router: String, interface: String)
    /// `router` holds BGP paths for the destination whose next hop it cannot resolve.
    case unresolvedNextHop(router: String, prefix: Prefix, nextHop: IPv4Address)
    /// The source router or host is down or unknown in this scenario.
    case sourceUnavailable(node: String)

    public var kind: String {
        switch self {
        case .delivered: "delivered"
        case .nullRouted: "null-routed"
        case .noRoute: "no-route"
        case .loop: "loop"
        case .neighborUnreachable: "neighbor-unreachable"
        case .unresolvedNextHop: "unresolved-next-hop"
        case .sourceUnavailable: "source-unavailable"
        }
    }

    public var node: String {
        switch self {
        case .delivered(let node), .sourceUnavailable(let node): node
        case .nullRouted(let router, _, _), .noRoute(let router), .loop(let router), .neighborUnreachable(let router, _),
             .unresolvedNextHop(let router, _, _): router
        }
    }

    public var summary: String {
        switch self {
        case .delivered(let node): "delivered to \(node)"
        case .nullRouted(let router, let route, let location): "null-routed at \(router) by \(route)\(location.map { " (\($0))" } ?? "")"
        case .noRoute(let router): "no route at \(router)"
        case .loop(let router): "forwarding loop at \(router)"
        case .neighborUnreachable(let router, let interface): "no device owns the address on \(router) \(interface)"
        case .unresolvedNextHop(let router, let prefix, let hop): "unresolved next hop \(hop) for \(prefix) at \(router)"
        case .sourceUnavailable(let node): "source \(node) is unavailable (its router or gateway is down)"
        }
    }
}

public struct Hop: Hashable, Sendable {
    public var node: String
    /// What this node did: the matching route and where it sent the packet.
    public var action: String
    public var prefix: Prefix?
    public var protocolKind: RouteProtocol?
    public var outInterface: String?
}

/// One ECMP branch from source to its end.
public struct TracePath: Hashable, Sendable {
    public var hops: [Hop]
    public var disposition: Disposition
    public var nodes: [String] { hops.map(\.node) }
}

public struct Trace: Sendable {
    public var source: String
    public var destination: IPv4Address
    public var paths: [TracePath]

    /// The single disposition when all branches agree, else nil.
    public var uniformDisposition: Disposition? {
        let kinds = Set(paths.map(\.disposition))
        return kinds.count == 1 ? kinds.first : nil
    }
}
