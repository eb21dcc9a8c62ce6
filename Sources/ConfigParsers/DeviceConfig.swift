import Diagnostics
import NetPrimitives
import NetworkModel

/// What one router's configuration says, in vendor-neutral terms, every element with its
/// file and line. The parsers fill it; lint rules and (later) the network builder read it.
public struct DeviceConfig: Sendable {
    public var file: String
    public var dialect: ConfigDialect
    public var hostname: String?
    /// FRR: `frr version X` and `frr defaults PROFILE` (they decide defaults such as
    /// `bgp ebgp-requires-policy`).
    public var frrVersion: String?
    public var frrProfile: String?
    /// FRR zebra `ip nht resolve-via-default` (true) / `no ip nht resolve-via-default` (false).
    public var nhtResolveViaDefault: Bool?
    public var interfaces: [InterfaceConfig] = []
    public var staticRoutes: [StaticRouteConfig] = []
    public var slas: [SLAConfig] = []
    public var tracks: [TrackConfig] = []
    public var bgp: BGPConfigFacts?
    /// VRF definitions by name (IOS `vrf definition` / `ip vrf`): route distinguisher and route targets.
    public var vrfs: [String: VRFFacts] = [:]
    /// Per VRF, its BGP (IOS `address-family ipv4 vrf V` under `router bgp`): CE neighbors,
    /// networks, redistribution. The AS is the router's.
    public var vrfBGP: [String: BGPConfigFacts] = [:]
    public var igps: [IGPFacts] = []
    var interfacePositions = NamedPositions()

    /// The position of interface `name`, created on first mention: `interface X` may open the same
    /// interface again (configs applied in parts, as netlab writes them per module), and Junos
    /// names an interface under `interfaces` and again under `protocols`.
    mutating func interface(named name: String, at location: SourceLocation) -> Int {
        interfacePositions.position(of: name, in: &interfaces, name: \.name) { InterfaceConfig(name: name, location: location) }
    }
    /// Defined policy objects by name (route-map entries, prefix-lists, community/AS-path lists).
    public var routeMaps: [String: [RouteMapEntry]] = [:]
    public var prefixLists: [String: SourceLocation] = [:]
    /// `ipv6 prefix-list` names (not modelled; known so that references to them are not "undefined").
    public var ipv6PrefixLists: Set<String> = []
    public var communityLists: [String: SourceLocation] = [:]
    public var asPathLists: [String: SourceLocation] = [:]
    /// The entries of those lists, in config order (what the network builder turns into policy).
    public var prefixListEntries: [String: [PrefixListEntryConfig]] = [:]
    public var communityListEntries: [String: [CommunityListEntryConfig]] = [:]
    public var asPathListEntries: [String: [ASPathListEntryConfig]] = [:]
    /// Junos policy-statements: their terms in order (what the Null0 rules evaluate).
    public var junosPolicies: [String: [JunosPolicyTerm]] = [:]
    /// Junos `policy-options condition C if-route-exists P`: the prefix each condition watches.
    public var junosConditions: [String: (prefix: Prefix, location: SourceLocation)] = [:]
    /// Junos `policy-options route-filter-list NAME { P exact; ... }`.
    public var junosRouteFilterLists: [String: [JunosRouteFilter]] = [:]
    /// Junos `policy-options community NAME members [ C ... ]` (a route matches when it carries all).
    public var junosCommunities: [String: [Community]] = [:]
    /// Junos `policy-options community NAME members target:A:N`: the route targets it names.
    public var junosTargetCommunities: [String: [RouteTarget]] = [:]
    /// LDP (docs/mpls.md); nil when the config has no LDP statement.
    public var ldp: LDPFacts?
    /// IOS `mpls ldp sync` / FRR `mpls ldp-sync` under the IGP: LDP-IGP synchronisation.
    public var ldpIGPSync = false
    /// EOS global `mpls ip` (MPLS routing on).
    public var mplsRouting = false
    /// IOS `mpls traffic-eng auto-tunnel backup`: bypasses around every TE interface.
    public var teAutoTunnelBackup = false
    /// Junos `protocols rsvp interface I link-protection`.
    public var junosLinkProtection: Set<String> = []
    /// Junos `protocols mpls admin-groups NAME BIT` and `protocols mpls interface I admin-group
    /// [ NAMES ]` (RSVP-TE affinities).
    public var junosAdminGroups: [String: Int] = [:]
    public var junosInterfaceGroups: [String: (names: [String], location: SourceLocation)] = [:]
    /// Junos `protocols mpls` interfaces and `family mpls` units.
    public var junosMPLS = JunosMPLSFacts()
    /// IOS `ip explicit-path name X`, Junos `protocols mpls path X`.
    public var explicitPaths: [String: [ExplicitHopFacts]] = [:]
    /// Junos `protocols mpls label-switched-path` (IOS tunnels live on their interfaces).
    public var junosLSPs: [String: TETunnelFacts] = [:]
    /// Junos `protocols rsvp interface I [bandwidth B]` (nil bandwidth: the link's, unknown here).
    public var junosRSVPInterfaces: [String: UInt64?] = [:]
    public var lines = LineTally()
    /// FRR daemon files merged into this router after its own file, with their line tallies
    /// (`lines` holds the sums; this says which file a line number belongs to).
    public var absorbed: [(file: String, lines: LineTally)] = []

    /// Unsupported lines with the file each is in (a merged router spans several files).
    public var unsupportedByFile: [(file: String, lines: [(line: Int, text: String, reason: String)])] {
        let elsewhere = absorbed.reduce(0) { $0 + $1.lines.unsupported.count }
        return [(file, Array(lines.unsupported.prefix(lines.unsupported.count - elsewhere)))] + absorbed.map { ($0.file, $0.lines.unsupported) }
    }
    /// `! routesim: disable=CODE[,CODE]` comments: the codes (or `all`) and the line range they cover.
    public var suppressions: [Suppression] = []

    public init(file: String, dialect: ConfigDialect) {
        self.file = file
        self.dialect = dialect
    }
}

/// Every non-blank line lands in exactly one bucket: nothing is dropped silently.
public struct LineTally: Sendable {
    /// Lines turned into model elements.
    public var modelled = 0
    /// Lines recognised as valid syntax that routesim does not model (logging, SNMP, ...), and comments.
    public var ignored = 0
    /// Lines recognised as something routesim cannot model yet (IPv6 routes, ...), with why.
    public var unsupported: [(line: Int, text: String, reason: String)] = []
    /// Lines not recognised, with their line number and text (`lint --show-unparsed`).
    public var unrecognized: [(line: Int, text: String)] = []

    public var recognised: Int { modelled + ignored + unsupported.count }
    public var total: Int { recognised + unrecognized.count }
    /// Recognised share of the non-blank lines (1 for an empty file).
    public var coverage: Double { total == 0 ? 1 : Double(recognised) / Double(total) }
}

public struct InterfaceConfig: Sendable {
    public var name: String
    public var addresses: [(address: IPAddress, prefix: Prefix)] = []
    public var shutdown = false
    public var ospfCost: UInt32?
    public var isisMetric: UInt32?
    /// `ip ospf [PID] area A` (IOS, FRR, EOS) or Junos `protocols ospf area A interface I`.
    public var ospfArea: String?
    /// `ip router isis [TAG]` (IOS, FRR), `isis enable TAG` (EOS), Junos `protocols isis interface I`.
    public var isisEnabled = false
    /// The interface runs the IPv6 IGP (`ipv6 ospf N area A`, `ospfv3 N ipv6 area A`, `ipv6
    /// ospf6 area A`, `ipv6 router isis`, Junos `protocols ospf3 ... interface I`).
    public var ipv6IGP = false
    /// `ip ospf hello-interval` / `dead-interval`, `bfd interval ...` (docs/timeline.md).
    public var timers = InterfaceTimerSettings()
    /// FRR `ip ospf passive`, Junos `interface I passive`.
    public var igpPassive = false
    /// The VRF it belongs to (`vrf forwarding V`, `ip vrf forwarding V`, EOS `vrf V`, FRR
    /// `interface I vrf V`, Junos `routing-instances V interface I`); nil: the global table.
    public var vrf: String?
    /// Where the VRF is assigned (the warning that it is left out points there).
    public var vrfLocation: SourceLocation?
    /// IOS/EOS interface `mpls ip`.
    public var mplsIP = false
    /// EOS interface `mpls ldp interface`.
    public var ldpInterface = false
    /// IOS `mpls traffic-eng tunnels` on the interface.
    public var teTunnels = false
    /// IOS `ip rsvp bandwidth [KBPS]`: .some(nil) without a value (75% of the interface's bandwidth).
    public var rsvpBandwidthKbps: UInt64??
    /// IOS `interface TunnelN`: its tunnel statements.
    public var tunnel: TETunnelFacts?
    /// IOS `mpls traffic-eng attribute-flags 0xN`: the link's affinity bits.
    public var teAttributeFlags: UInt32?
    /// IOS `mpls traffic-eng backup-path TunnelN`: a bypass protects this interface's link.
    public var teBackupPath: (tunnel: String, location: SourceLocation)?
    /// IOS `[no] mpls ldp igp sync`, Junos `ldp-synchronization`: synchronisation here; nil: the router's.
    public var ldpIGPSync: Bool?
    public var location: SourceLocation
    public var isLoopback: Bool { name.lowercased().hasPrefix("lo") }
}

/// A VRF's identity (RFC 4364): route distinguisher and import/export route targets, with the
/// line that defines it.
public struct VRFFacts: Sendable {
    public var name: String
    public var routeDistinguisher: RouteDistinguisher?
    public var importTargets: [RouteTarget] = []
    public var exportTargets: [RouteTarget] = []
    /// Route targets said for the VRF's IPv6 family only (IOS `vrf definition` > `address-family
    /// ipv6`, EOS `vpn-ipv6`, FRR's IPv6 unicast block), where its first line is.
    public var ipv6ImportTargets: [RouteTarget] = []
    public var ipv6ExportTargets: [RouteTarget] = []
    public var ipv6TargetsLocation: SourceLocation?
    /// FRR `export vpn` / `import vpn`: the VRF leaks to / from the VPN only when said (other
    /// dialects: whenever route targets are configured).
    public var exportsToVPN = false
    public var importsFromVPN = false
    /// Junos `vrf-import` / `vrf-export` policies: their route targets are found at build time.
    public var importPolicies: [String] = []
    public var exportPolicies: [String] = []
    /// Junos `routing-instances V routing-options autonomous-system N`: checked against the
    /// router's AS when the network is built.
    public var autonomousSystem: (asn: ASN, location: SourceLocation)?
    public var location: SourceLocation
    public init(name: String, location: SourceLocation) { self.name = name; self.location = location }
}

public struct StaticRouteConfig: Sendable {
    public enum Target: Sendable, Equatable {
        case nextHop(IPAddress)
        case interface(String, IPAddress?)
        /// Null0, blackhole, reject, discard.
        case discard
    }
    public var prefix: Prefix
    public var target: Target
    public var distance: UInt8?
    public var track: String?
    public var vrf: String?
    public var location: SourceLocation
}

public struct SLAConfig: Sendable {
    public var id: String
    public var target: IPAddress?
    public var sourceAddress: IPAddress?
    public var sourceInterface: String?
    public var scheduled = false
    /// `frequency`, `timeout`, `threshold` (docs/timeline.md).
    public var timers = ProbeTimerSettings()
    public var location: SourceLocation
}

public struct TrackConfig: Sendable {
    public var id: String
    /// The IP SLA it follows (`track 1 ip sla 10` / `track 1 rtr 10`), if any.
    public var sla: String?
    public var interface: String?
    /// `delay down N up M`.
    public var timers = TrackTimerSettings()
    public var location: SourceLocation
}

public struct RouteMapEntry: Sendable {
    public var action: String
    public var sequence: Int?
    /// Names this entry references (prefix-lists, community lists, AS-path lists), with kind.
    public var references: [(kind: String, name: String, location: SourceLocation)] = []
    /// The clauses the simulator models, in config order.
    public var matches: [RouteMapMatch] = []
    public var sets: [RouteMapSet] = []
    /// Clauses it does not model (`match interface`, `set ip next-hop`, ...), with why.
    public var unmodelled: [(text: String, reason: String, location: SourceLocation)] = []
    public var location: SourceLocation
}

/// `ip prefix-list NAME [seq N] permit|deny P [ge G] [le L]`.
public struct PrefixListEntryConfig: Sendable {
    public var sequence: Int?
    public var action: PolicyAction
    public var prefix: Prefix
    public var ge: UInt8?
    public var le: UInt8?
    public var location: SourceLocation
}

/// A standard community list entry (all communities must be carried); expanded (regex) lists
/// are recorded with `regex` and not modelled.
public struct CommunityListEntryConfig: Sendable {
    public var action: PolicyAction
    public var communities: [Community]
    public var regex: String?
    public var location: SourceLocation
}

public struct ASPathListEntryConfig: Sendable {
    public var action: PolicyAction
    public var regex: String
    public var location: SourceLocation
}

public struct BGPConfigFacts: Sendable {
    public var asn: ASN
    public var routerID: IPAddress?
    /// Neighbors by address or peer-group / interface name, in config order.
    public var neighbors: [NeighborConfig] = []
    public var networks: [(prefix: Prefix, routeMap: String?, location: SourceLocation)] = []
    public var aggregates: [(prefix: Prefix, summaryOnly: Bool, location: SourceLocation)] = []
    /// `family`: the address family block it is in (redistribution is per family).
    public var redistributes: [(source: String, routeMap: String?, family: AddressFamily, location: SourceLocation)] = []
    /// FRR: `bgp ebgp-requires-policy` (true) or `no bgp ebgp-requires-policy` (false); nil: not said.
    public var ebgpRequiresPolicy: Bool?
    /// `bgp deterministic-med`, `bgp always-compare-med`, `bgp bestpath med missing-as-worst`
    /// (Junos `path-selection`), and their `no` forms; unset ones take the dialect default.
    public var bestPath = BestPathSettings()
    /// FRR `bgp network import-check` (true) / `no bgp network import-check` (false); nil: not said.
    public var networkImportCheck: Bool?
    /// `no bgp default ipv4-unicast` (false): neighbors carry IPv4 unicast only where activated.
    public var defaultIPv4Unicast = true
    /// `maximum-paths N` and `maximum-paths ibgp N`.
    public var maximumPaths: Int?
    public var maximumPathsIBGP: Int?
    /// `timers bgp K H`, IOS `bgp scan-time`, FRR `bgp conditional-advertisement timer`,
    /// Junos `hold-time` (docs/timeline.md).
    public var timers = RouterTimerSettings()
    public var location: SourceLocation

    /// The position of the neighbor (or peer group) `key`, created on first mention.
    mutating func neighbor(_ key: String, at location: SourceLocation) -> Int {
        neighborPositions.position(of: key, in: &neighbors, name: \.key) { NeighborConfig(key: key, location: location) }
    }
    var neighborPositions = NamedPositions()
}

public struct NeighborConfig: Sendable {
    /// The address, peer-group name or interface the statements name.
    public var key: String
    public var isPeerGroup = false
    /// `neighbor X shutdown`: configured and administratively down.
    public var shutdown = false
    public var peerGroup: String?
    public var remoteAS: String?
    public var updateSource: String?
    public var nextHopSelf = false
    public var routeReflectorClient = false
    /// `address-family vpnv4` `neighbor X activate`: the session carries VPN-IPv4 routes.
    public var vpnv4 = false
    /// `neighbor X activate` / `no neighbor X activate` in the IPv4 unicast family (nil: not
    /// said; the default applies, `BGPConfigFacts.defaultIPv4Unicast`).
    public var ipv4Unicast: Bool?
    /// `neighbor X activate` in the IPv6 unicast family (every dialect needs it).
    public var ipv6Unicast = false
    /// `neighbor X route-reflector-client` in `address-family vpnv4`.
    public var vpnv4ReflectorClient = false
    /// `address-family vpnv6` `neighbor X activate` (6VPE, RFC 4659), and route reflection there.
    public var vpnv6 = false
    public var vpnv6ReflectorClient = false
    public var routeMapIn: String?
    public var routeMapOut: String?
    public var prefixListIn: String?
    public var prefixListOut: String?
    /// What `prefixListIn`/`Out` name: `prefix-list`, `distribute-list` (an ACL) or `filter-list` (an AS-path list).
    public var listKindIn = "prefix-list"
    public var listKindOut = "prefix-list"
    /// Junos: the whole export policy chain (`export [ A B ]`), in order.
    public var exportChain: [String] = []
    /// Junos: the whole import policy chain, in order.
    public var importChain: [String] = []
    public var maximumPrefix: Int?
    /// `ebgp-multihop [N]` (N = 255 when not given; Junos `multihop [ttl N]`, 64).
    public var ebgpMultihop: Int?
    /// `ttl-security hops N`.
    public var ttlSecurityHops: Int?
    public var disableConnectedCheck = false
    /// `weight N`, `allowas-in [N]` (3 when not given), `as-override`, `default-originate
    /// [route-map M]`.
    public var weight: UInt32?
    public var allowASIn: Int?
    public var asOverride = false
    public var defaultOriginate = false
    public var defaultOriginateRouteMap: String?
    /// `local-as N [no-prepend [replace-as [dual-as]]]`.
    public var localAS: ASN?
    public var localASNoPrepend = false
    public var localASReplaceAS = false
    public var advertiseMap: String?
    public var existMap: String?
    public var nonExistMap: String?
    public var conditionLocation: SourceLocation?
    /// Where each statement about this neighbor is, by its keyword (`route-map in`, `route-map out`,
    /// `remote-as`, `maximum-prefix`, ...), for findings that point at the statement itself.
    public var statements: [String: SourceLocation] = [:]
    public var location: SourceLocation
    /// FRR `neighbor IF interface ...` (BGP unnumbered): the key names an interface, and the
    /// peer is the router at the other end of its link (`ConfigNetworkBuilder.interfacePeers`).
    public var onInterface = false
    /// `neighbor X timers K H`, `neighbor X bfd` / `fall-over bfd`, Junos `hold-time`,
    /// `bfd-liveness-detection` (docs/timeline.md).
    public var timers = SessionTimerSettings()
    public var address: IPAddress? { IPAddress(key) }
}

public struct IGPFacts: Sendable {
    public var protocolName: String
    public var process: String?
    public var redistributeStatic = false
    /// `timers throttle spf START ...` (IOS, FRR; milliseconds), `timers spf DELAY HOLD` (older
    /// IOS; seconds), Junos `spf-options delay`.
    public var spfDelay: StatedTimer?
    /// OSPF `network` statements: the interfaces whose address they cover run the protocol.
    public var networks: [(covers: IPv4Range, area: String?, location: SourceLocation)] = []
    /// `passive-interface NAME`, `passive-interface default`, `no passive-interface NAME`.
    public var passiveInterfaces: Set<String> = []
    public var passiveByDefault = false
    public var activeInterfaces: Set<String> = []
    public var location: SourceLocation

    public init(protocolName: String, process: String?, location: SourceLocation) {
        self.protocolName = protocolName
        self.process = process
        self.location = location
    }

    public func isPassive(_ interface: String) -> Bool {
        passiveInterfaces.contains(interface) || passiveByDefault && !activeInterfaces.contains(interface)
    }
}

/// Addresses matched by an address and a wildcard (IOS `network 10.0.0.0 0.0.0.255`; a
/// prefix is the contiguous case).
public struct IPv4Range: Sendable, Equatable {
    public var address: IPAddress
    public var wildcard: UInt32

    public init(address: IPAddress, wildcard: UInt32) { self.address = address; self.wildcard = wildcard }
    public init(prefix: Prefix) { self.init(address: prefix.network, wildcard: ~prefix.ipv4Mask) }

    /// Only IPv4 addresses: these ranges are OSPFv2 `network` statements.
    public func contains(_ candidate: IPAddress) -> Bool { candidate.isIPv4 && (candidate.ipv4Value ^ address.ipv4Value) & ~wildcard == 0 }
}

/// `! routesim: disable=CODE[,CODE]` (or `all`): the codes it silences on `lines` of `file`, and
/// where the comment is (to report a code that names no rule or silences nothing).
public struct Suppression: Sendable {
    public var codes: Set<String>
    public var lines: ClosedRange<Int>
    public var comment: SourceLocation
    public init(codes: Set<String>, lines: ClosedRange<Int>, comment: SourceLocation) {
        self.codes = codes
        self.lines = lines
        self.comment = comment
    }

    public func covers(code: String, file: String, line: Int) -> Bool {
        (codes.contains(code) || codes.contains("ALL")) && file == comment.file && lines.contains(line)
    }
}
