/// The step of the BGP decision process that chose a best path (Cisco / FRR order). Route age
/// ("oldest path") is known only after a failure: a path the router held before it is older
/// than any that appears with it (docs/bgp-decision-process.md).
public enum BestPathStep: String, Sendable, Codable, CaseIterable {
    case onlyPath = "only-path"
    case weight
    case localPreference = "local-preference"
    case locallyOriginated = "locally-originated"
    case asPathLength = "as-path-length"
    case origin
    case med
    case ebgpOverIBGP = "ebgp-over-ibgp"
    case igpCost = "igp-cost"
    case oldestPath = "oldest-path"
    case routerID = "router-id"
    case clusterListLength = "cluster-list-length"
    case neighborAddress = "neighbor-address"

    /// Position in the decision process (0 = only path).
    public var rank: Int { BestPathStep.allCases.firstIndex(of: self) ?? 0 }

    public var explanation: String {
        switch self {
        case .onlyPath: "the only valid path"
        case .weight: "highest weight"
        case .localPreference: "highest local preference"
        case .locallyOriginated: "locally originated (network, redistribute, aggregate)"
        case .asPathLength: "shortest AS path"
        case .origin: "lowest origin (igp < egp < incomplete)"
        case .med: "lowest MED among paths from the same neighbour AS"
        case .ebgpOverIBGP: "eBGP path preferred over iBGP"
        case .igpCost: "lowest IGP cost to the next hop"
        case .oldestPath: "both external: the path held since before the failure (unless compare-routerid)"
        case .routerID: "lowest router-id (originator-id for reflected paths)"
        case .clusterListLength: "shortest cluster list"
        case .neighborAddress: "lowest neighbour address"
        }
    }
}

/// How a router originated a path itself. Plain data (no strings) because BGP routes are
/// copied on every propagation step; the statement is found again from the config when shown.
public enum LocalOrigin: String, Hashable, Sendable {
    case network
    case aggregate = "aggregate-address"
    case redistributeStatic = "redistribute static"
    case redistributeConnected = "redistribute connected"
    case redistributeIGP = "redistribute igp"

    init(_ source: RedistributionSource) {
        switch source {
        case .static: self = .redistributeStatic
        case .connected: self = .redistributeConnected
        case .igp: self = .redistributeIGP
        }
    }

    /// What a policy's `source` match sees.
    var routeSource: RouteSource {
        switch self {
        case .network: .network
        case .aggregate: .aggregate
        case .redistributeStatic: .static
        case .redistributeConnected: .connected
        case .redistributeIGP: .igp
        }
    }
}

public enum BGPRouteSource: Hashable, Sendable {
    /// Originated here by a network statement, redistribution or aggregate.
    case local(LocalOrigin)
    /// Learned over a session: the index of this router's neighbor statement for it (stable
    /// across failure scenarios), the peer router and its address.
    case learned(neighbor: Int, peer: Int, peerAddress: IPAddress, ebgp: Bool)

    /// What a policy's `source` match sees.
    public var routeSource: RouteSource {
        switch self {
        case .local(let origin): origin.routeSource
        case .learned(_, _, _, let ebgp): .learned(ebgp: ebgp)
        }
    }
}

/// The attributes a path carries between routers. Weight is local to a router and stays on
/// the route; everything else is here, and propagation interns these values.
public struct PathAttributes: Hashable, Sendable {
    public var asPath: ASPath
    public var localPreference: UInt32
    public var med: UInt32?
    public var origin: BGPOrigin
    public var communities: [Community]
    public var nextHop: IPAddress
    public var originatorID: IPAddress?
    public var clusterList: [IPAddress]

    public init(_ attributes: BGPAttributes, originatorID: IPAddress? = nil, clusterList: [IPAddress] = []) {
        asPath = attributes.asPath
        localPreference = attributes.localPreference
        med = attributes.med
        origin = attributes.origin
        communities = attributes.communities
        nextHop = attributes.nextHop
        self.originatorID = originatorID
        self.clusterList = clusterList
    }

    /// The attributes as a route-map sees them.
    public func policyView(weight: UInt32) -> BGPAttributes {
        BGPAttributes(asPath: asPath, localPreference: localPreference, med: med, origin: origin, communities: communities,
                      weight: weight, nextHop: nextHop)
    }

    /// Takes back everything a route-map view holds (its weight stays with the route).
    public mutating func adopt(_ attributes: BGPAttributes) {
        self = PathAttributes(attributes, originatorID: originatorID, clusterList: clusterList)
    }
}

/// One immutable attribute set shared by every router that holds the same path for a prefix,
/// so millions of best paths cost one reference each.
public final class SharedPathAttributes: Sendable, Hashable {
    public let value: PathAttributes
    public init(_ value: PathAttributes) { self.value = value }
    public static func == (a: SharedPathAttributes, b: SharedPathAttributes) -> Bool { a === b || a.value == b.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

public struct BGPRoute: Hashable, Sendable {
    public var shared: SharedPathAttributes
    /// Cisco weight: local to this router, not part of the shared attributes.
    public var weight: UInt32
    public var source: BGPRouteSource
    /// Cost of the route that resolves the next hop, at the router holding this path.
    public var igpCost: UInt32
    public var decidedBy: BestPathStep
    /// The router-id of the peer that sent it (0 for local paths).
    public var peerRouterID: IPAddress

    public init(shared: SharedPathAttributes, weight: UInt32, source: BGPRouteSource, igpCost: UInt32, decidedBy: BestPathStep, peerRouterID: IPAddress) {
        self.shared = shared
        self.weight = weight
        self.source = source
        self.igpCost = igpCost
        self.decidedBy = decidedBy
        self.peerRouterID = peerRouterID
    }

    public init(attributes: BGPAttributes, source: BGPRouteSource, originatorID: IPAddress?, clusterList: [IPAddress],
                igpCost: UInt32, decidedBy: BestPathStep, peerRouterID: IPAddress) {
        self.init(shared: SharedPathAttributes(PathAttributes(attributes, originatorID: originatorID, clusterList: clusterList)),
                  weight: attributes.weight, source: source, igpCost: igpCost, decidedBy: decidedBy, peerRouterID: peerRouterID)
    }

    public var path: PathAttributes { shared.value }

    /// The attributes as a route-map sees them (built on access).
    public var attributes: BGPAttributes {
        get { shared.value.policyView(weight: weight) }
        set { var value = shared.value; value.adopt(newValue); shared = SharedPathAttributes(value); weight = newValue.weight }
    }

    public var originatorID: IPAddress? {
        get { shared.value.originatorID }
        set { var value = shared.value; value.originatorID = newValue; shared = SharedPathAttributes(value) }
    }

    public var clusterList: [IPAddress] {
        get { shared.value.clusterList }
        set { var value = shared.value; value.clusterList = newValue; shared = SharedPathAttributes(value) }
    }

    public var isLocal: Bool { if case .local = source { true } else { false } }
    public var isEBGP: Bool { if case .learned(_, _, _, true) = source { true } else { false } }
    /// The index of the neighbor statement the route was learned over.
    public var neighborIndex: Int? { if case .learned(let neighbor, _, _, _) = source { neighbor } else { nil } }
    public var peerAddress: IPAddress? { if case .learned(_, _, let address, _) = source { address } else { nil } }
}
