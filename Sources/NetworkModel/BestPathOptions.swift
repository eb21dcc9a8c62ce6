/// The router software whose defaults and behaviours a router follows. YAML topologies say it
/// with `vendor:` (per network or per router, default `ios`); configs from their detected
/// dialect. Each behaviour that differs is documented with its source in
/// docs/bgp-decision-process.md.
public enum VendorDialect: String, Sendable, CaseIterable, Codable {
    case ios, eos, frr, junos
}

/// The knobs of the BGP decision process that vendors set differently. What a router's
/// configuration states; `nil` takes the dialect's default (`resolved(for:)`).
public struct BestPathSettings: Sendable, Equatable {
    /// Compare MED within groups of paths from the same neighbouring AS across all candidates
    /// (RFC 4271 §9.1.2.2 (c)); off compares paths pairwise in an assumed arrival order.
    public var deterministicMED: Bool?
    /// Compare MED between paths from different neighbouring ASes.
    public var alwaysCompareMED: Bool?
    /// A path without MED counts as the worst MED (4294967295) instead of 0.
    public var missingMEDAsWorst: Bool?
    /// Skip the oldest-path step between external paths (`bgp bestpath compare-routerid`,
    /// Junos `path-selection external-router-id`).
    public var compareRouterID: Bool?

    public init(deterministicMED: Bool? = nil, alwaysCompareMED: Bool? = nil, missingMEDAsWorst: Bool? = nil, compareRouterID: Bool? = nil) {
        self.deterministicMED = deterministicMED
        self.alwaysCompareMED = alwaysCompareMED
        self.missingMEDAsWorst = missingMEDAsWorst
        self.compareRouterID = compareRouterID
    }

    /// These settings, with what they leave unset taken from `outer` (a VRF's BGP inside the
    /// router's process, on IOS and EOS).
    public func inheriting(_ outer: BestPathSettings) -> BestPathSettings {
        BestPathSettings(deterministicMED: deterministicMED ?? outer.deterministicMED, alwaysCompareMED: alwaysCompareMED ?? outer.alwaysCompareMED,
                         missingMEDAsWorst: missingMEDAsWorst ?? outer.missingMEDAsWorst, compareRouterID: compareRouterID ?? outer.compareRouterID)
    }

    public func resolved(for dialect: VendorDialect) -> BestPathOptions {
        let defaults = BestPathOptions.defaults(for: dialect)
        return BestPathOptions(deterministicMED: deterministicMED ?? defaults.deterministicMED,
                               alwaysCompareMED: alwaysCompareMED ?? defaults.alwaysCompareMED,
                               missingMEDAsWorst: missingMEDAsWorst ?? defaults.missingMEDAsWorst,
                               compareRouterID: compareRouterID ?? defaults.compareRouterID)
    }
}

/// The decision-process knobs in effect on one router.
public struct BestPathOptions: Sendable, Equatable, Hashable {
    public var deterministicMED: Bool
    public var alwaysCompareMED: Bool
    public var missingMEDAsWorst: Bool
    public var compareRouterID: Bool

    public init(deterministicMED: Bool, alwaysCompareMED: Bool, missingMEDAsWorst: Bool, compareRouterID: Bool = false) {
        self.deterministicMED = deterministicMED
        self.alwaysCompareMED = alwaysCompareMED
        self.missingMEDAsWorst = missingMEDAsWorst
        self.compareRouterID = compareRouterID
    }

    /// Each dialect's defaults (sources in docs/bgp-decision-process.md): Cisco IOS
    /// `bgp deterministic-med` off; FRR's defaults table has it off except in the `datacenter`
    /// profile (the config builder passes that profile's value explicitly); Junos groups by
    /// neighbouring AS unless `path-selection cisco-non-deterministic`. EOS is taken as IOS.
    /// A missing MED is 0 everywhere unless `missing-as-worst` is configured. Every dialect keeps
    /// the older of two external paths (Cisco's oldest-path step, FRR's "already-selected
    /// external" check, Junos' active-route preference) unless told to compare router-ids.
    public static func defaults(for dialect: VendorDialect) -> BestPathOptions {
        switch dialect {
        case .ios, .eos, .frr: BestPathOptions(deterministicMED: false, alwaysCompareMED: false, missingMEDAsWorst: false)
        case .junos: BestPathOptions(deterministicMED: true, alwaysCompareMED: false, missingMEDAsWorst: false)
        }
    }
}

extension VendorDialect {
    /// Whether a default route may resolve a BGP next hop when the router says nothing:
    /// Cisco IOS and Junos yes; FRR's zebra defaults table (`ZEBRA_IP_NHT_RESOLVE_VIA_DEFAULT`)
    /// says yes for the `traditional` profile and no for `datacenter` (the config builder passes
    /// that); EOS is taken as IOS (docs/bgp-decision-process.md).
    public var resolvesNextHopViaDefault: Bool { true }
}
