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

public struct BGPRoute: Hashable, Sendable {
    public var attributes: BGPAttributes
    public var source: BGPRouteSource
    public var originatorID: IPv4Address?
    public var clusterList: [IPv4Address]
    /// Cost of the route that resolves the next hop, at the router holding this path.
    public var igpCost: UInt32
    public var decidedBy: BestPathStep
    /// The router-id of the peer that sent it (0 for local paths).
    public var peerRouterID: IPv4Address

    public var isLocal: Bool { if case .local = source { true } else { false } }
    public var isEBGP: Bool { if case .learned(_, _, _, true) = source { true } else { false } }
    public var peering: Int? { if case .learned(let peering, _, _, _) = source { peering } else { nil } }
    public var peerAddress: IPv4Address? { if case .learned(_, _, let address, _) = source { address } else { nil } }
}
