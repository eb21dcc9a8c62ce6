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
    case unresolvedNextHop(router: String, prefix: Prefix, nextHop: IPAddress)
    /// The source router or host is down or unknown in this scenario.
    case sourceUnavailable(node: String)
    /// Traffic that BGP sent over a label path left it unlabeled at `leftAt` (`reason`: no LDP
    /// session or no label from the next hop) and `router`, which has no route for it (a P router
    /// of a BGP-free core), drops it: a black hole the IGP alone does not show.
    /// `downLSP` (`HEAD/NAME`): it left because that RSVP-TE LSP is down.
    case offLabelPath(router: String, fec: Prefix, leftAt: String, reason: String, downLSP: String?)
    /// Fast-reroute state only (`Tracer(fastRerouteAfter:)`): `router` sent the packet over
    /// `link`, which has just failed, before anything reconverged; no bypass carried it.
    case failedLink(router: String, link: String, reason: String)

    public var kind: String {
        switch self {
        case .delivered: "delivered"
        case .nullRouted: "null-routed"
        case .noRoute: "no-route"
        case .loop: "loop"
        case .neighborUnreachable: "neighbor-unreachable"
        case .unresolvedNextHop: "unresolved-next-hop"
        case .sourceUnavailable: "source-unavailable"
        case .offLabelPath: "off-label-path"
        case .failedLink: "failed-link"
        }
    }

    public var node: String {
        switch self {
        case .delivered(let node), .sourceUnavailable(let node): node
        case .nullRouted(let router, _, _), .noRoute(let router), .loop(let router), .neighborUnreachable(let router, _),
             .unresolvedNextHop(let router, _, _), .offLabelPath(let router, _, _, _, _), .failedLink(let router, _, _): router
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
        case .offLabelPath(let router, let fec, let leftAt, let reason, _):
            "no route at \(router) for traffic that left the label path to \(fec) at \(leftAt): \(reason)"
        case .failedLink(let router, let link, let reason): "dropped at \(router): link \(link) has failed (\(reason))"
        }
    }
}

public struct Hop: Hashable, Sendable {
    public var node: String
    /// What this node did: the matching route and where it sent the packet.
    public var action: String { detail.text }
    public var prefix: Prefix?
    public var protocolKind: RouteProtocol?
    public var outInterface: String?
    /// What the hop did to the label stack, when it switched labels (docs/mpls.md).
    public var labelOperation: LabelOperation? {
        if case .labeled(_, _, _, let operation) = detail { return operation }
        if case .switched(_, _, let operation) = detail { return operation }
        return nil
    }
    /// The action as data; its text is made when asked for (a failure sweep traces every flow
    /// in every scenario and reads the text of only the few that changed).
    let detail: HopDetail

    public init(node: String, action: String, prefix: Prefix? = nil, protocolKind: RouteProtocol? = nil, outInterface: String? = nil) {
        self.init(node: node, detail: .text(action), prefix: prefix, protocolKind: protocolKind, outInterface: outInterface)
    }

    init(node: String, detail: HopDetail, prefix: Prefix? = nil, protocolKind: RouteProtocol? = nil, outInterface: String? = nil) {
        self.node = node
        self.detail = detail
        self.prefix = prefix
        self.protocolKind = protocolKind
        self.outInterface = outInterface
    }

    public static func == (a: Hop, b: Hop) -> Bool {
        a.node == b.node && a.prefix == b.prefix && a.protocolKind == b.protocolKind && a.outInterface == b.outInterface && a.action == b.action
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(node)
        hasher.combine(prefix)
        hasher.combine(action)
    }
}

/// What a hop did, kept as data until its text is needed.
enum HopDetail: Sendable {
    case text(String)
    /// "<protocol> <prefix> via <gateway> out <interface> (<origin>)"
    case forwarded(RIBEntry, gateway: IPAddress, interface: String)
    /// "owns <address> (<interface>)"
    case owns(IPAddress, interface: String)
    /// As `forwarded`, with what it did to the label stack.
    case labeled(RIBEntry, gateway: IPAddress, interface: String, LabelOperation)
    /// Label-switched along an RSVP-TE LSP (no route looked up).
    case switched(gateway: IPAddress, interface: String, LabelOperation)

    var text: String {
        switch self {
        case .text(let text): text
        case .forwarded(let entry, let gateway, let interface):
            "\(entry.protocolKind.rawValue) \(entry.prefix) via \(gateway) out \(interface) (\(entry.origin))"
        case .owns(let address, let interface): "owns \(address) (\(interface))"
        case .labeled(let entry, let gateway, let interface, let operation):
            "\(entry.protocolKind.rawValue) \(entry.prefix) via \(gateway) out \(interface) (\(entry.origin)); \(operation.text)"
        case .switched(let gateway, let interface, let operation): "\(operation.text) via \(gateway) out \(interface)"
        }
    }
}

/// One ECMP branch from source to its end.
public struct TracePath: Hashable, Sendable {
    public var hops: [Hop]
    public var disposition: Disposition
    public var nodes: [String] { hops.map(\.node) }
}

public struct Trace: Sendable {
    public var source: String
    public var destination: IPAddress
    public var paths: [TracePath]

    /// The single disposition when all branches agree, else nil.
    public var uniformDisposition: Disposition? {
        let kinds = Set(paths.map(\.disposition))
        return kinds.count == 1 ? kinds.first : nil
    }
}
