import NetworkModel

/// What a router does where its config says nothing, for the defaults that change the routing
/// answer: per dialect and, where the vendor made them depend on it, per version and profile.
/// The one table the network build and the lint rules read (docs/linting.md, "Defaults by
/// dialect"); a statement in the config always wins over it.
///
/// FRR's rows come from its switchable defaults (`FRR_CFG_DEFAULT_BOOL` in bgpd/bgp_vty.c and
/// zebra's `ZEBRA_IP_NHT_RESOLVE_VIA_DEFAULT`): `frr defaults traditional` (the default profile)
/// or `datacenter`, and the `frr version` line the config was written by. IOS, IOS-XE, EOS and
/// Junos have no version-dependent default among these; they take the neutral model's.
public struct DialectDefaults: Sendable, Equatable {
    /// RFC 8212 behaviour: an eBGP session without a policy in a direction passes nothing.
    public var ebgpRequiresPolicy = false
    /// `network` statements need the route in the RIB (nil: the model's default, on).
    public var networkImportCheck: Bool?
    /// MED compared within neighbouring-AS groups first (nil: the model's default, off).
    public var deterministicMED: Bool?
    /// A BGP next hop may resolve over the default route (nil: the model's default, yes).
    public var nextHopResolveViaDefault: Bool?
    /// Where the row comes from, for explanations.
    public var source: String

    public static func of(dialect: ConfigDialect, version: String? = nil, profile: String? = nil) -> DialectDefaults {
        guard dialect == .frr else { return DialectDefaults(source: "\(dialect.rawValue): the neutral model's defaults") }
        let datacenter = profile == "datacenter"
        let before74 = version.map { FRRVersion($0) < FRRVersion(major: 7, minor: 4) } ?? false
        return DialectDefaults(
            ebgpRequiresPolicy: !datacenter && !before74,
            networkImportCheck: !datacenter && before74 ? false : nil,
            deterministicMED: datacenter ? true : nil,
            nextHopResolveViaDefault: datacenter ? false : nil,
            source: "FRR \(version ?? "(version not stated)"), profile \(profile ?? "traditional") (bgpd/bgp_vty.c, zebra defaults)")
    }
}

/// `frr version 8.4.2`, `7.5.1_git`, `10.1`: compared by major and minor.
struct FRRVersion: Comparable {
    var major: Int, minor: Int
    init(major: Int, minor: Int) { self.major = major; self.minor = minor }
    init(_ text: String) {
        let parts = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        major = parts.first ?? 0
        minor = parts.count > 1 ? parts[1] : 0
    }
    static func < (a: FRRVersion, b: FRRVersion) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
}

extension DeviceConfig {
    /// This router's defaults (its dialect, version and profile).
    public var defaults: DialectDefaults { .of(dialect: dialect, version: frrVersion, profile: frrProfile) }
}
