@_exported import NetPrimitives
@_exported import Diagnostics

/// The vendor-neutral network: what every front end (YAML topology, vendor configs) produces
/// and what the simulator consumes. Routers, links and hosts are addressed by array index;
/// names are unique and looked up through the index dictionaries.
public struct Network: Sendable {
    public var name: String
    public var sourceFile: String
    public var autonomousSystems: [ASN: AutonomousSystem]
    public var routers: [Router]
    public var links: [Link]
    public var hosts: [Host]
    public var flows: [Flow]
    public var failureSets: [FailureSet]

    public private(set) var routerIndex: [String: Int] = [:]
    public private(set) var linkIndex: [String: Int] = [:]
    public private(set) var hostIndex: [String: Int] = [:]

    public init(name: String, sourceFile: String, autonomousSystems: [ASN: AutonomousSystem] = [:], routers: [Router] = [],
                links: [Link] = [], hosts: [Host] = [], flows: [Flow] = [], failureSets: [FailureSet] = []) {
        self.name = name
        self.sourceFile = sourceFile
        self.autonomousSystems = autonomousSystems
        self.routers = routers
        self.links = links
        self.hosts = hosts
        self.flows = flows
        self.failureSets = failureSets
        reindex()
    }

    /// Rebuilds the name indexes; call after changing the element arrays.
    public mutating func reindex() {
        routerIndex = [:]
        for (index, router) in routers.enumerated() { routerIndex[router.name] = index }
        linkIndex = [:]
        for (index, link) in links.enumerated() { linkIndex[link.name] = index }
        hostIndex = [:]
        for (index, host) in hosts.enumerated() { hostIndex[host.name] = index }
    }

    public func router(named name: String) -> Router? { routerIndex[name].map { routers[$0] } }

    /// A link by name, or by its endpoints in the other order (`R2-R1` for `R1-R2`).
    public func linkIndex(named name: String) -> Int? { Link.lookup(name, in: linkIndex) }

    public func igp(of router: Router) -> IGPConfig? { autonomousSystems[router.asn]?.igp }
}

public struct AutonomousSystem: Sendable {
    public var asn: ASN
    public var name: String?
    public var igp: IGPConfig?
    public var location: SourceLocation
    public init(asn: ASN, name: String? = nil, igp: IGPConfig? = nil, location: SourceLocation) {
        self.asn = asn
        self.name = name
        self.igp = igp
        self.location = location
    }
}

public enum RouterRole: String, Sendable, Codable, CaseIterable {
    case core, border, peering, edge, rr = "route-reflector", transit, generic
}

public struct Router: Sendable {
    public var name: String
    public var asn: ASN
    public var routerID: IPAddress
    public var role: RouterRole
    public var interfaces: [Interface]
    public var staticRoutes: [StaticRoute]
    public var ipSLAs: [IPSLA]
    public var tracks: [Track]
    public var bgp: BGPConfig?
    public var policies: PolicySet
    public var distances: AdminDistances
    /// Whose defaults and behaviours this router follows (Cisco IOS unless stated).
    public var dialect: VendorDialect
    /// MPLS and LDP; nil when the router runs no MPLS.
    public var mpls: MPLSConfig? = nil
    /// RSVP-TE LSPs this router is the head-end of.
    public var lsps: [LSP] = []
    /// Set when this router entry is a VRF routing instance of a PE (docs/vrf.md).
    public var vrf: VRFInstance? = nil
    /// BGP, SPF and scanner timers as configured (docs/timeline.md).
    public var timers = RouterTimerSettings()
    public var location: SourceLocation

    public init(name: String, asn: ASN, routerID: IPAddress, role: RouterRole = .generic, interfaces: [Interface] = [],
                staticRoutes: [StaticRoute] = [], ipSLAs: [IPSLA] = [], tracks: [Track] = [], bgp: BGPConfig? = nil,
                policies: PolicySet = PolicySet(), distances: AdminDistances = AdminDistances(), dialect: VendorDialect = .ios,
                location: SourceLocation) {
        self.name = name
        self.asn = asn
        self.routerID = routerID
        self.role = role
        self.interfaces = interfaces
        self.staticRoutes = staticRoutes
        self.ipSLAs = ipSLAs
        self.tracks = tracks
        self.bgp = bgp
        self.policies = policies
        self.distances = distances
        self.dialect = dialect
        self.location = location
    }

    /// The decision-process knobs in effect: what the config says, else the dialect's default.
    public var bestPathOptions: BestPathOptions { (bgp?.bestPath ?? BestPathSettings()).resolved(for: dialect) }

    /// Whether a `network` statement needs its prefix in the RIB (the import check).
    public var checksNetworkImport: Bool { bgp?.networkImportCheck ?? true }

    /// Whether a default route may resolve this router's BGP next hops.
    public var resolvesNextHopViaDefault: Bool { bgp?.nextHopResolveViaDefault ?? dialect.resolvesNextHopViaDefault }

    public func interfaceIndex(named name: String) -> Int? { interfaces.firstIndex { $0.name == name } }

    /// The first loopback: default router-id, iBGP update source and probe source.
    public var primaryLoopback: Interface? { interfaces.first { $0.kind == .loopback } }

    /// The next hop a PE gives the VPN routes of its VRFs: its first loopback (the update source
    /// of its VPN-IPv4 sessions in every design modelled), else its router ID (docs/vrf.md).
    public var vpnNextHop: IPAddress { primaryLoopback?.address ?? routerID }
}

public enum InterfaceKind: String, Sendable, Codable { case loopback, link, lan }

/// How an interface takes part in its AS's IGP.
public enum IGPParticipation: String, Sendable, Codable, CaseIterable {
    /// Forms adjacencies and advertises its subnet.
    case active
    /// Advertises its subnet, forms no adjacency (loopbacks and LANs by default).
    case passive
    /// Not in the IGP at all (inter-AS links by default).
    case off
}

/// An address on an interface with its subnet.
public struct InterfaceAddress: Sendable, Hashable {
    public var address: IPAddress
    public var prefix: Prefix
    public init(address: IPAddress, prefix: Prefix) { self.address = address; self.prefix = prefix }
}

public struct Interface: Sendable {
    public var name: String
    public var kind: InterfaceKind
    /// The interface's address and subnet: IPv4 on a dual-stack interface, else its only
    /// family's (an IPv6-only interface has its IPv6 address here).
    public var address: IPAddress
    public var prefix: Prefix
    /// The IPv6 address of a dual-stack interface (docs/ipv6.md).
    public var ipv6: InterfaceAddress? = nil
    public var igp: IGPParticipation
    public var cost: UInt32
    public var shutdown: Bool
    /// LDP on this interface when its router runs LDP (`mpls ip`); off: labeled traffic leaves
    /// the label path here.
    public var ldp = true
    /// LDP-IGP synchronisation here; nil: the router's setting (`MPLSConfig.igpSync`).
    public var ldpIGPSync: Bool? = nil
    /// RSVP on this interface, with this much reservable bandwidth (bits/s); nil: no RSVP.
    public var rsvpBandwidth: UInt64? = nil
    /// The TE metric CSPF uses; nil: the IGP cost.
    public var teMetric: UInt32? = nil
    /// Administrative groups (colours) for RSVP-TE affinities.
    public var adminGroups: Set<String> = []
    /// RSVP-TE facility backup (RFC 4090): this router, as point of local repair, signals a
    /// bypass around this interface's link for LSPs that ask for link protection (Junos `rsvp
    /// interface I link-protection`; IOS `auto-tunnel backup` or `backup-path`).
    public var linkProtection = true
    /// IGP hello and dead intervals, BFD (docs/timeline.md).
    public var timers = InterfaceTimerSettings()
    public var location: SourceLocation

    public init(name: String, kind: InterfaceKind, address: IPAddress, prefix: Prefix, igp: IGPParticipation,
                cost: UInt32 = 10, shutdown: Bool = false, location: SourceLocation) {
        self.name = name
        self.kind = kind
        self.address = address
        self.prefix = prefix
        self.igp = igp
        self.cost = cost
        self.shutdown = shutdown
        self.location = location
    }

    /// Every address of the interface, its first address first.
    public var addresses: [IPAddress] { ipv6.map { [address, $0.address] } ?? [address] }
    /// Every subnet of the interface, its first subnet first.
    public var subnets: [Prefix] { ipv6.map { [prefix, $0.prefix] } ?? [prefix] }
    /// Every address with its subnet.
    public var assignments: [InterfaceAddress] {
        let first = InterfaceAddress(address: address, prefix: prefix)
        return ipv6.map { [first, $0] } ?? [first]
    }
    /// The interface's address in `family`, if it has one.
    public func assignment(in family: AddressFamily) -> InterfaceAddress? {
        assignments.first { $0.address.family == family }
    }

    /// Whether one of its subnets holds `address` (no array built: the session checks and
    /// traces ask this on their hot paths).
    @inlinable public func hasSubnet(containing address: IPAddress) -> Bool {
        prefix.contains(address) || (ipv6?.prefix.contains(address) ?? false)
    }

    /// Whether it shares a subnet with `other` (two ends of one segment).
    @inlinable public func sharesSubnet(with other: Interface) -> Bool {
        prefix == other.prefix || (ipv6 != nil && ipv6?.prefix == other.ipv6?.prefix)
    }

    /// Whether `address` is one of its addresses.
    @inlinable public func has(_ address: IPAddress) -> Bool { self.address == address || ipv6?.address == address }
}

public struct InterfaceRef: Hashable, Sendable, Comparable {
    public var router: Int
    public var interface: Int
    public init(router: Int, interface: Int) { self.router = router; self.interface = interface }
    public static func < (a: InterfaceRef, b: InterfaceRef) -> Bool { (a.router, a.interface) < (b.router, b.interface) }
}

/// A point-to-point link between two router interfaces.
public struct Link: Sendable {
    /// `name` as written, else with its two ends swapped; router names may contain '-', so
    /// every split point is tried.
    public static func lookup(_ name: String, in index: [String: Int]) -> Int? {
        if let found = index[name] { return found }
        let characters = Array(name)
        for (offset, character) in characters.enumerated() where character == "-" {
            if let found = index[String(characters[(offset + 1)...]) + "-" + String(characters[..<offset])] { return found }
        }
        return nil
    }

    public var name: String
    public var a: InterfaceRef
    public var b: InterfaceRef
    public var location: SourceLocation
    public init(name: String, a: InterfaceRef, b: InterfaceRef, location: SourceLocation) {
        self.name = name
        self.a = a
        self.b = b
        self.location = location
    }
}

/// An end system on a LAN interface of a router; hosts name flow endpoints.
public struct Host: Sendable {
    public var name: String
    public var attachment: InterfaceRef
    /// IPv4 on a dual-stack host, else its only family's address.
    public var address: IPAddress
    /// The IPv6 address of a dual-stack host.
    public var ipv6: IPAddress? = nil
    public var location: SourceLocation
    public init(name: String, attachment: InterfaceRef, address: IPAddress, location: SourceLocation) {
        self.name = name
        self.attachment = attachment
        self.address = address
        self.location = location
    }

    public var addresses: [IPAddress] { ipv6.map { [address, $0] } ?? [address] }
    /// Whether `address` is one of its addresses.
    @inlinable public func has(_ address: IPAddress) -> Bool { self.address == address || ipv6 == address }
    /// The host's address in `family`, if it has one.
    public func address(in family: AddressFamily) -> IPAddress? { addresses.first { $0.family == family } }
}

/// Traffic from a host or router toward an address, checked by `simulate` and `failures`.
public struct Flow: Sendable {
    public var name: String
    public var source: String
    public var destination: IPAddress
    /// The host or router name the destination was given as, if any.
    public var destinationName: String?
    public var location: SourceLocation
    public init(name: String, source: String, destination: IPAddress, destinationName: String?, location: SourceLocation) {
        self.name = name
        self.source = source
        self.destination = destination
        self.destinationName = destinationName
        self.location = location
    }
}

/// A named group of elements that fail together (a shared-risk group, a maintenance window).
public struct FailureSet: Sendable {
    public var name: String
    public var links: [String]
    public var routers: [String]
    public var location: SourceLocation
    public init(name: String, links: [String], routers: [String], location: SourceLocation) {
        self.name = name
        self.links = links
        self.routers = routers
        self.location = location
    }
}
