/// The step of the BGP decision process that chose a best path (Cisco / FRR order).
/// Route age ("oldest path") is not modelled: a simulation has no arrival times, so the
/// router-id step follows the IGP-cost step directly (docs/bgp-decision-process.md).
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
}

public enum BGPRouteSource: Hashable, Sendable {
    /// Originated here by a network statement, redistribution or aggregate.
    case local(LocalOrigin)
    /// Learned over a session: the peering index on this router, the peer router and its address.
    case learned(peering: Int, peer: Int, peerAddress: IPv4Address, ebgp: Bool)
}

/// Path attributes shared by every router that holds the same path (one object per distinct
/// attribute set and prefix), so millions of best paths cost one reference each.
public final class SharedPathAttributes: Sendable, Hashable {
    public let asPath: ASPath
    public let localPreference: UInt32
    public let med: UInt32
    public let origin: BGPOrigin
    public let communities: [Community]
    public let nextHop: IPv4Address
    public let originatorID: IPv4Address?
    public let clusterList: [IPv4Address]

    public init(asPath: ASPath, localPreference: UInt32, med: UInt32, origin: BGPOrigin, communities: [Community],
                nextHop: IPv4Address, originatorID: IPv4Address?, clusterList: [IPv4Address]) {
        self.asPath = asPath
        self.localPreference = localPreference
        self.med = med
        self.origin = origin
        self.communities = communities
        self.nextHop = nextHop
        self.originatorID = originatorID
        self.clusterList = clusterList
    }

    public static func == (a: SharedPathAttributes, b: SharedPathAttributes) -> Bool {
        a === b || (a.asPath == b.asPath && a.localPreference == b.localPreference && a.med == b.med && a.origin == b.origin
                    && a.communities == b.communities && a.nextHop == b.nextHop && a.originatorID == b.originatorID && a.clusterList == b.clusterList)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(asPath)
        hasher.combine(nextHop)
        hasher.combine(localPreference)
        hasher.combine(med)
    }
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
    public var peerRouterID: IPv4Address

    public init(shared: SharedPathAttributes, weight: UInt32, source: BGPRouteSource, igpCost: UInt32, decidedBy: BestPathStep, peerRouterID: IPv4Address) {
        self.shared = shared
        self.weight = weight
        self.source = source
        self.igpCost = igpCost
        self.decidedBy = decidedBy
        self.peerRouterID = peerRouterID
    }

    public init(attributes: BGPAttributes, source: BGPRouteSource, originatorID: IPv4Address?, clusterList: [IPv4Address],
                igpCost: UInt32, decidedBy: BestPathStep, peerRouterID: IPv4Address) {
        self.init(shared: SharedPathAttributes(asPath: attributes.asPath, localPreference: attributes.localPreference, med: attributes.med,
                                               origin: attributes.origin, communities: attributes.communities, nextHop: attributes.nextHop,
                                               originatorID: originatorID, clusterList: clusterList),
                  weight: attributes.weight, source: source, igpCost: igpCost, decidedBy: decidedBy, peerRouterID: peerRouterID)
    }

    /// The attributes as a route-map sees them (built on access).
    public var attributes: BGPAttributes {
        get {
            BGPAttributes(asPath: shared.asPath, localPreference: shared.localPreference, med: shared.med, origin: shared.origin,
                          communities: shared.communities, weight: weight, nextHop: shared.nextHop)
        }
        set {
            shared = SharedPathAttributes(asPath: newValue.asPath, localPreference: newValue.localPreference, med: newValue.med, origin: newValue.origin,
                                          communities: newValue.communities, nextHop: newValue.nextHop, originatorID: shared.originatorID,
                                          clusterList: shared.clusterList)
            weight = newValue.weight
        }
    }

    public var originatorID: IPv4Address? {
        get { shared.originatorID }
        set {
            shared = SharedPathAttributes(asPath: shared.asPath, localPreference: shared.localPreference, med: shared.med, origin: shared.origin,
                                          communities: shared.communities, nextHop: shared.nextHop, originatorID: newValue, clusterList: shared.clusterList)
        }
    }

    public var clusterList: [IPv4Address] {
        get { shared.clusterList }
        set {
            shared = SharedPathAttributes(asPath: shared.asPath, localPreference: shared.localPreference, med: shared.med, origin: shared.origin,
                                          communities: shared.communities, nextHop: shared.nextHop, originatorID: shared.originatorID, clusterList: newValue)
        }
    }

    public var isLocal: Bool { if case .local = source { true } else { false } }
    public var isEBGP: Bool { if case .learned(_, _, _, true) = source { true } else { false } }
    public var peering: Int? { if case .learned(let peering, _, _, _) = source { peering } else { nil } }
    public var peerAddress: IPv4Address? { if case .learned(_, _, let address, _) = source { address } else { nil } }
}
