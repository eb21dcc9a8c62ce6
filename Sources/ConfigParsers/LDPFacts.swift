import NetworkModel

/// LDP as a config states it, before the dialect's rules turn it into the model
/// (`ConfigNetworkBuilder+MPLS`, docs/mpls.md).
public struct LDPFacts: Sendable {
    /// The statement that turns LDP on (FRR/EOS `mpls ldp`, Junos `protocols ldp`, the first IOS
    /// `mpls ldp ...` line).
    public var location: SourceLocation
    /// IOS `mpls ldp router-id IF`, EOS `router-id interface IF` / `transport-address interface IF`.
    public var transportInterface: String?
    /// FRR `discovery transport-address A` / `router-id A`, EOS `router-id A`.
    public var transportAddress: IPAddress?
    /// FRR and Junos `interface NAME` under LDP (Junos names carry their unit).
    public var interfaces: [String: SourceLocation] = [:]
    /// Junos `protocols ldp interface all`.
    public var allInterfaces = false
    /// EOS: LDP is shut down until `no shutdown`.
    public var shutdown = false
    /// EOS `interface disabled default`: only interfaces with `mpls ldp interface` run LDP.
    public var interfacesOptIn = false
    /// Explicit null for the router's own FECs; the label allocation filter (nil: the default).
    public var explicitNull = false
    public var allocation: LDPLabelAllocation?
    /// Targeted LDP: the neighbours targeted, and whether targeted hellos from others are
    /// answered (nil: the dialect's default, Junos yes, others no).
    public var targetedNeighbors: [IPAddress] = []
    public var acceptsTargetedHellos: Bool?

    public init(location: SourceLocation, shutdown: Bool = false) {
        self.location = location
        self.shutdown = shutdown
    }
}

/// Junos' three places that must agree for an interface to switch labels with LDP.
public struct JunosMPLSFacts: Sendable {
    /// `protocols mpls interface NAME` (or `all`).
    public var mplsInterfaces: Set<String> = []
    public var mplsAll = false
    /// `interfaces X unit N family mpls`.
    public var familyMPLS: Set<String> = []
    /// `protocols mpls ipv6-tunneling`: IPv4 LSPs copied into inet6.3 as IPv4-mapped IPv6
    /// routes, which is where Junos resolves 6PE and 6VPE next hops.
    public var ipv6Tunneling = false
    public init() {}
}

/// An explicit-path hop: IOS `next-address [loose] A`, Junos `path P { A strict|loose; }`.
public struct ExplicitHopFacts: Sendable {
    public var address: IPAddress
    public var loose: Bool
    public var location: SourceLocation
}

/// An RSVP-TE LSP as a config states it: IOS `interface TunnelN` in `tunnel mode mpls
/// traffic-eng`, Junos `protocols mpls label-switched-path` (docs/mpls.md).
public struct TETunnelFacts: Sendable {
    public var name: String
    public var location: SourceLocation
    public var destination: IPAddress?
    public var bandwidth: UInt64 = 0
    public var setupPriority: UInt8 = 7
    public var holdPriority: UInt8 = 7
    /// In preference order: nil for a dynamic path, else the explicit path's name.
    public var pathOptions: [(number: Int, explicit: String?, location: SourceLocation)] = []
    /// Junos `secondary P standby`.
    public var secondaryStandby = false
    /// IOS `tunnel mpls traffic-eng fast-reroute`, Junos `link-protection`.
    public var linkProtection = false
    /// Junos `admin-group include-any|include-all|exclude` (IOS states `affinity` below; the
    /// network build turns it into groups).
    public var includeAny: Set<String> = []
    public var includeAll: Set<String> = []
    public var exclude: Set<String> = []
    /// IOS `tunnel mpls traffic-eng affinity A [mask M]` (nil: Cisco's default, 0x0 mask 0xFFFF).
    public var affinity: (bits: UInt32, mask: UInt32)?
    /// IOS `autoroute announce`; Junos installs the tail in inet.3 by default (true).
    public var routesTraffic: Bool
    /// IOS `tunnel mode mpls traffic-eng` seen (other tunnel modes are not LSPs).
    public var isTE: Bool

    public init(name: String, location: SourceLocation, routesTraffic: Bool, isTE: Bool) {
        self.name = name
        self.location = location
        self.routesTraffic = routesTraffic
        self.isTE = isTE
    }
}
