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
    public var transportAddress: IPv4Address?
    /// FRR and Junos `interface NAME` under LDP (Junos names carry their unit).
    public var interfaces: [String: SourceLocation] = [:]
    /// Junos `protocols ldp interface all`.
    public var allInterfaces = false
    /// EOS: LDP is shut down until `no shutdown`.
    public var shutdown = false
    /// EOS `interface disabled default`: only interfaces with `mpls ldp interface` run LDP.
    public var interfacesOptIn = false

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
    public init() {}
}
