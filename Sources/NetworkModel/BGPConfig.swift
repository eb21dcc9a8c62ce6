public struct BGPConfig: Sendable {
    public var networks: [BGPNetworkStatement]
    public var aggregates: [BGPAggregate]
    public var redistributions: [BGPRedistribution]
    public var neighbors: [BGPNeighbor]
    /// Route-reflector cluster id; defaults to the router-id.
    public var clusterID: IPAddress?
    /// Decision-process knobs as configured (unset ones take the router's dialect default).
    public var bestPath: BestPathSettings
    /// Whether a default route may resolve next hops (FRR `[no] ip nht resolve-via-default`);
    /// nil takes the dialect default.
    public var nextHopResolveViaDefault: Bool?
    /// Whether `network P` needs P in the RIB (FRR `[no] bgp network import-check`); nil takes
    /// the dialect default (on everywhere except FRR's traditional profile before 7.4).
    public var networkImportCheck: Bool?
    /// `maximum-paths N` / `maximum-paths ibgp N`: how many equal external / internal paths
    /// are installed together (1: the best path only). Advertisements are unchanged.
    public var maximumPaths = 1
    public var maximumPathsIBGP = 1
    public var location: SourceLocation

    public init(networks: [BGPNetworkStatement] = [], aggregates: [BGPAggregate] = [], redistributions: [BGPRedistribution] = [],
                neighbors: [BGPNeighbor] = [], clusterID: IPAddress? = nil, bestPath: BestPathSettings = BestPathSettings(),
                location: SourceLocation) {
        self.networks = networks
        self.aggregates = aggregates
        self.redistributions = redistributions
        self.neighbors = neighbors
        self.clusterID = clusterID
        self.bestPath = bestPath
        self.nextHopResolveViaDefault = nil
        self.networkImportCheck = nil
        self.location = location
    }
}

/// `network P`: announced only while P is in the RIB, exactly, from a non-BGP source (unless
/// the router turns the import check off: then always).
public struct BGPNetworkStatement: Sendable {
    public var prefix: Prefix
    public var location: SourceLocation
    public init(prefix: Prefix, location: SourceLocation) { self.prefix = prefix; self.location = location }
}

/// `aggregate-address P [summary-only]`: announced while a more-specific is in the BGP table.
public struct BGPAggregate: Sendable {
    public var prefix: Prefix
    public var summaryOnly: Bool
    public var location: SourceLocation
    public init(prefix: Prefix, summaryOnly: Bool, location: SourceLocation) {
        self.prefix = prefix
        self.summaryOnly = summaryOnly
        self.location = location
    }
}

public enum RedistributionSource: String, Sendable, Codable, CaseIterable { case `static`, connected, igp }

public struct BGPRedistribution: Sendable {
    public var source: RedistributionSource
    public var routeMap: String?
    /// The families it takes routes of (configs: the address-family block it is in); nil: both.
    public var families: Set<AddressFamily>? = nil
    public var location: SourceLocation
    public init(source: RedistributionSource, routeMap: String?, location: SourceLocation) {
        self.source = source
        self.routeMap = routeMap
        self.location = location
    }
}

public enum AdvertiseCondition: Sendable, Equatable {
    /// Advertise while the named route-map matches some route in the BGP table.
    case exist(String)
    /// Advertise while the named route-map matches no route in the BGP table.
    case nonExist(String)
    /// Advertise while the router's routing table has exactly this prefix, from any protocol
    /// (Junos `condition C if-route-exists P table inet.0`).
    case routeExists(Prefix)
}

/// `neighbor X advertise-map A exist-map E | non-exist-map N`.
public struct ConditionalAdvertisement: Sendable, Equatable {
    public var advertiseMap: String
    public var condition: AdvertiseCondition
    public init(advertiseMap: String, condition: AdvertiseCondition) {
        self.advertiseMap = advertiseMap
        self.condition = condition
    }
}

public struct BGPNeighbor: Sendable {
    /// The peer's address: a loopback for iBGP, the link address for directly connected eBGP.
    public var address: IPAddress
    public var remoteAS: ASN
    /// The router name the neighbor was given as in YAML, for messages and diagrams.
    public var peerName: String?
    public var description: String?
    /// Local interface whose address sources the session (`update-source`).
    public var updateSource: String?
    /// eBGP TTL (`ebgp-multihop N`): the peer may be up to N hops away; nil means TTL 1, the
    /// peer on a connected subnet.
    public var ebgpMultihop: Int?
    /// GTSM (`ttl-security hops N`, RFC 5082): packets leave with TTL 255 and are accepted only
    /// from a peer at most N hops away.
    public var ttlSecurityHops: Int?
    /// `disable-connected-check`: a TTL-1 eBGP peer need not be on a connected subnet (loopback
    /// peering between directly connected routers).
    public var disableConnectedCheck: Bool = false
    public var nextHopSelf: Bool
    public var routeReflectorClient: Bool
    /// Cisco weight given to routes from this neighbor (default 0).
    public var weight: UInt32
    public var importPolicy: String?
    public var exportPolicy: String?
    public var conditionalAdvertisement: ConditionalAdvertisement?
    /// `allowas-in [N]`: accept paths from this neighbor that carry this router's AS up to N
    /// times (IOS/FRR: 3 when N is left out; Junos `loops N`). nil: not at all.
    public var allowASIn: Int?
    /// `as-override`: in paths sent to this eBGP neighbor, the neighbor's AS is replaced by ours.
    public var asOverride: Bool = false
    /// `default-originate`: send this neighbor a default route (0.0.0.0/0) originated here,
    /// whether or not the router has one (Cisco/FRR without a route-map).
    public var defaultOriginate: Bool = false
    /// `local-as N`: toward this neighbor the router presents AS N (the neighbor's remote-as
    /// must be N). Paths received get N prepended unless `localASNoPrepend`; paths sent carry
    /// N before the real AS, or N instead of it with `localASReplaceAS`.
    public var localAS: ASN?
    public var localASNoPrepend: Bool = false
    public var localASReplaceAS: Bool = false
    /// The session carries VPN-IPv4 routes (`address-family vpnv4` / `family inet-vpn unicast`)
    /// besides IPv4 unicast: PEs and the route reflectors between them.
    public var vpnv4 = false
    /// The session carries VPN-IPv6 routes too (6VPE, RFC 4659: `address-family vpnv6`). In the
    /// model VPN-IPv6 rides the VPN-IPv4 sessions: a PE with one exchanges IPv6 VRF routes with
    /// every PE that has one (docs/ipv6.md).
    public var vpnv6 = false
    /// Keepalive and hold time of this session, and BFD on it (docs/timeline.md).
    public var timers = SessionTimerSettings()
    /// The unicast address families the session carries (MP-BGP, RFC 4760: both ends must
    /// carry a family for it to be exchanged); nil: the family of the session's own address.
    public var unicastFamilies: Set<AddressFamily>? = nil
    /// Whether this statement carries `family` unicast routes.
    public func carries(_ family: AddressFamily) -> Bool { unicastFamilies?.contains(family) ?? (address.family == family) }
    /// Route-reflector client in the VPN-IPv4 family when it differs from IPv4's (IOS configures
    /// it per address family); nil: as `routeReflectorClient`.
    public var vpnv4ReflectorClient: Bool? = nil
    /// Whether this peer is a route-reflector client for VPN-IPv4 routes.
    public var reflectsVPNv4: Bool { vpnv4ReflectorClient ?? routeReflectorClient }
    /// Set only on the statements `Network.connectingVPNs()` adds to VRF instances: this one
    /// stands for the VPN routes exchanged with another VRF instance (docs/vrf.md).
    public var vpn: VPNAdjacency? = nil
    public var location: SourceLocation

    /// The AS this router presents on this session.
    public func presentedAS(realAS: ASN) -> ASN { localAS ?? realAS }

    public init(address: IPAddress, remoteAS: ASN, peerName: String? = nil, description: String? = nil,
                updateSource: String? = nil, ebgpMultihop: Int? = nil, ttlSecurityHops: Int? = nil, disableConnectedCheck: Bool = false,
                nextHopSelf: Bool = false,
                routeReflectorClient: Bool = false, weight: UInt32 = 0, importPolicy: String? = nil,
                exportPolicy: String? = nil, conditionalAdvertisement: ConditionalAdvertisement? = nil,
                location: SourceLocation) {
        self.address = address
        self.remoteAS = remoteAS
        self.peerName = peerName
        self.description = description
        self.updateSource = updateSource
        self.ebgpMultihop = ebgpMultihop
        self.ttlSecurityHops = ttlSecurityHops
        self.disableConnectedCheck = disableConnectedCheck
        self.nextHopSelf = nextHopSelf
        self.routeReflectorClient = routeReflectorClient
        self.weight = weight
        self.importPolicy = importPolicy
        self.exportPolicy = exportPolicy
        self.conditionalAdvertisement = conditionalAdvertisement
        self.location = location
    }
}

/// A VRF instance's view of another one over the VPN address family: routes the other exports
/// with a route target this one imports arrive as iBGP paths whose next hop is the other PE
/// (RFC 4364 sections 4.3.1 and 4.3.2). Both directions get a statement, so that each end has
/// a session to receive on; `sends` says whether this end's exports reach the other.
public struct VPNAdjacency: Sendable, Equatable {
    /// The other VRF instance (a router index).
    public var peer: Int
    /// This instance exports a route target the other imports.
    public var sends: Bool
    /// The route targets that match, for explanations (empty when `sends` is false).
    public var matchingTargets: [RouteTarget]
    public init(peer: Int, sends: Bool, matchingTargets: [RouteTarget]) {
        self.peer = peer
        self.sends = sends
        self.matchingTargets = matchingTargets
    }
}
