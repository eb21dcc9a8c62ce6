/// A suggested change written in the configuration language of the router it goes on, so an
/// engineer can paste it (and a mitigation a dialect cannot express is not offered there).
/// Syntax from the vendors' configuration guides: IOS IP SLA and object tracking; BGP
/// conditional advertisement (`advertise-map ... exist-map`, IOS and FRR); Junos
/// `policy-options condition ... if-route-exists` with a `from condition` term; static routes
/// and IGP redistribution in each dialect.
public struct ConfigChange: Sendable, Codable, Equatable {
    public var router: String
    public var dialect: String
    public var lines: [String]
}

enum MitigationSyntax {
    /// IP SLA + track on the static route: IOS has both; EOS, FRR and Junos have no tracked
    /// static route of that kind (nil: not offered).
    static func trackedStatic(_ dialect: VendorDialect, router: String, sla: Int, track: Int, target: IPAddress, source: String, prefix: Prefix) -> ConfigChange? {
        guard dialect == .ios else { return nil }
        return ConfigChange(router: router, dialect: dialect.rawValue, lines: [
            "ip sla \(sla)", " icmp-echo \(target) source-interface \(source)", "ip sla schedule \(sla) life forever start-time now",
            "track \(track) ip sla \(sla) reachability",
            "no " + staticNull0(.ios, prefix), staticNull0(.ios, prefix) + " track \(track)",
        ])
    }

    /// A Null0 / discard static route in the dialect and the prefix's family (IOS `ip route A
    /// MASK Null0` / `ipv6 route P Null0`; EOS and FRR `ip route` / `ipv6 route P Null0`; Junos
    /// `routing-options static` / `routing-options rib inet6.0 static`).
    static func staticNull0(_ dialect: VendorDialect, _ prefix: Prefix) -> String {
        switch (dialect, prefix.isIPv4) {
        case (.ios, true): "ip route \(prefix.network) \(mask(prefix)) Null0"
        case (.ios, false), (.frr, false), (.eos, false): "ipv6 route \(prefix) Null0"
        case (.frr, true), (.eos, true): "ip route \(prefix) Null0"
        case (.junos, true): "routing-options static route \(prefix) discard"
        case (.junos, false): "routing-options rib inet6.0 static route \(prefix) discard"
        }
    }

    /// `ip` or `ipv6`, as prefix-lists and route-map matches spell the family.
    static func keyword(_ family: AddressFamily) -> String { family == .ipv4 ? "ip" : "ipv6" }

    /// The BGP address family block a family's statements go in (IOS and FRR spell it alike;
    /// EOS omits `unicast`).
    static func bgpAddressFamily(_ dialect: VendorDialect, _ family: AddressFamily) -> String {
        dialect == .eos ? "address-family \(family.rawValue)" : "address-family \(family.rawValue) unicast"
    }

    /// The core router announces its loopback (the beacon) in BGP.
    static func beacon(_ dialect: VendorDialect, router: String, asn: ASN, beacon: Prefix) -> ConfigChange {
        let lines: [String] = switch dialect {
        case .junos: [
            "set policy-options prefix-list ROUTESIM-BEACON \(beacon)",
            "set policy-options policy-statement ROUTESIM-BEACON term beacon from prefix-list ROUTESIM-BEACON",
            "set policy-options policy-statement ROUTESIM-BEACON term beacon then accept",
            "# and add ROUTESIM-BEACON first to the export chain of the BGP groups toward the edge router",
        ]
        case .frr: ["router bgp \(asn)", " \(bgpAddressFamily(.frr, beacon.family))", "  network \(beacon)", " exit-address-family"]
        case .eos: beacon.isIPv4 ? ["router bgp \(asn)", "   network \(beacon)"] : ["router bgp \(asn)", "   address-family ipv6", "      network \(beacon)"]
        case .ios: beacon.isIPv4 ? ["router bgp \(asn)", " network \(beacon.network) mask \(mask(beacon))"]
                                 : ["router bgp \(asn)", " address-family ipv6 unicast", "  network \(beacon)"]
        }
        return ConfigChange(router: router, dialect: dialect.rawValue, lines: lines)
    }

    /// Announce the aggregate to the eBGP neighbors only while the beacon is in the BGP table
    /// (Junos: in the routing table).
    static func conditionalAdvertisement(_ dialect: VendorDialect, router: String, asn: ASN, prefix: Prefix, beacon: Prefix, neighbors: [IPAddress]) -> ConfigChange? {
        // The beacon is of the aggregate's family: the condition is checked in that family's table.
        let ip = keyword(prefix.family)
        let lists = dialect == .eos
            ? ["\(ip) prefix-list ROUTESIM-AGGREGATE", "   seq 10 permit \(prefix)", "\(ip) prefix-list ROUTESIM-BEACON", "   seq 10 permit \(beacon)"]
            : ["\(ip) prefix-list ROUTESIM-AGGREGATE seq 10 permit \(prefix)", "\(ip) prefix-list ROUTESIM-BEACON seq 10 permit \(beacon)"]
        let maps = ["route-map ROUTESIM-ADVERTISE permit 10", " match \(ip) address prefix-list ROUTESIM-AGGREGATE",
                    "route-map ROUTESIM-CORE-PRESENT permit 10", " match \(ip) address prefix-list ROUTESIM-BEACON"]
        let neighborLines = neighbors.map { "neighbor \($0) advertise-map ROUTESIM-ADVERTISE exist-map ROUTESIM-CORE-PRESENT" }
        let lines: [String]
        switch dialect {
        case .ios where prefix.isIPv4: lines = lists + maps + ["router bgp \(asn)"] + neighborLines.map { " " + $0 }
        case .eos where prefix.isIPv4: lines = lists + maps + ["router bgp \(asn)"] + neighborLines.map { "   " + $0 }
        case .ios, .frr: lines = lists + maps + ["router bgp \(asn)", " \(bgpAddressFamily(dialect, prefix.family))"] + neighborLines.map { "  " + $0 } + [" exit-address-family"]
        case .eos: lines = lists + maps + ["router bgp \(asn)", "   address-family ipv6"] + neighborLines.map { "      " + $0 }
        case .junos:
            lines = [
                "set policy-options condition ROUTESIM-CORE-PRESENT if-route-exists \(beacon) table \(prefix.isIPv4 ? "inet.0" : "inet6.0")",
                "set policy-options policy-statement ROUTESIM-AGGREGATE term aggregate from protocol static",
                "set policy-options policy-statement ROUTESIM-AGGREGATE term aggregate from route-filter \(prefix) exact",
                "set policy-options policy-statement ROUTESIM-AGGREGATE term aggregate from condition ROUTESIM-CORE-PRESENT",
                "set policy-options policy-statement ROUTESIM-AGGREGATE term aggregate then accept",
                "set policy-options policy-statement ROUTESIM-AGGREGATE term other from route-filter \(prefix) exact",
                "set policy-options policy-statement ROUTESIM-AGGREGATE term other then reject",
                "# and put ROUTESIM-AGGREGATE first in the export chain of the eBGP groups of \(neighbors.map(\.description).joined(separator: ", "))",
            ]
        }
        return ConfigChange(router: router, dialect: dialect.rawValue, lines: lines)
    }

    /// In a VRF: announce the aggregate to the CEs only while a more-specific of it is in the
    /// VRF's BGP table (the VPN routes it covers, which go when the PE loses the core). Junos'
    /// `if-route-exists` takes one exact prefix, so it is not offered there.
    static func vpnConditionalAdvertisement(_ dialect: VendorDialect, router: String, asn: ASN, vrf: String, prefix: Prefix,
                                            neighbors: [IPAddress]) -> ConfigChange? {
        let longer = "\(prefix) ge \(prefix.length + 1)"
        let lists = dialect == .eos
            ? ["ip prefix-list ROUTESIM-AGGREGATE", "   seq 10 permit \(prefix)", "ip prefix-list ROUTESIM-VPN-SPECIFICS", "   seq 10 permit \(longer)"]
            : ["ip prefix-list ROUTESIM-AGGREGATE seq 10 permit \(prefix)", "ip prefix-list ROUTESIM-VPN-SPECIFICS seq 10 permit \(longer)"]
        let maps = ["route-map ROUTESIM-ADVERTISE permit 10", " match ip address prefix-list ROUTESIM-AGGREGATE",
                    "route-map ROUTESIM-VPN-PRESENT permit 10", " match ip address prefix-list ROUTESIM-VPN-SPECIFICS"]
        let neighborLines = neighbors.map { "neighbor \($0) advertise-map ROUTESIM-ADVERTISE exist-map ROUTESIM-VPN-PRESENT" }
        let lines: [String]
        switch dialect {
        case .ios: lines = lists + maps + ["router bgp \(asn)", " address-family ipv4 vrf \(vrf)"] + neighborLines.map { "  " + $0 }
        case .eos: lines = lists + maps + ["router bgp \(asn)", "   vrf \(vrf)"] + neighborLines.map { "      " + $0 }
        case .frr: lines = lists + maps + ["router bgp \(asn) vrf \(vrf)", " address-family ipv4 unicast"] + neighborLines.map { "  " + $0 } + [" exit-address-family"]
        case .junos: return nil
        }
        return ConfigChange(router: router, dialect: dialect.rawValue, lines: lines)
    }

    /// The Null0 pin moves to the core router, which redistributes it into the IGP.
    static func removePin(_ dialect: VendorDialect, router: String, prefix: Prefix) -> ConfigChange {
        let line = dialect == .junos ? "delete " + staticNull0(.junos, prefix).replacingOccurrences(of: " discard", with: "") : "no " + staticNull0(dialect, prefix)
        return ConfigChange(router: router, dialect: dialect.rawValue, lines: [line])
    }

    static func pinAndRedistribute(_ dialect: VendorDialect, router: String, prefix: Prefix, igp: IGPProtocol) -> ConfigChange {
        // IPv6: OSPFv3 (IOS and EOS `ipv6 router ospf 1`, FRR `router ospf6`, Junos `ospf3`);
        // IS-IS redistributes per address family.
        let v4 = prefix.isIPv4
        let pin = staticNull0(dialect, prefix)
        let lines: [String] = switch dialect {
        case .junos: [
            "set " + pin,
            "set policy-options policy-statement ROUTESIM-PIN term pin from protocol static",
            "set policy-options policy-statement ROUTESIM-PIN term pin from route-filter \(prefix) exact",
            "set policy-options policy-statement ROUTESIM-PIN term pin then accept",
            "set protocols \(igp == .isis ? "isis" : v4 ? "ospf" : "ospf3") export ROUTESIM-PIN",
        ]
        case .frr where igp == .ospf: [pin, v4 ? "router ospf" : "router ospf6", " redistribute static"]
        case .eos where igp == .ospf: [pin, v4 ? "router ospf" : "ipv6 router ospf 1", " redistribute static"]
        case .frr, .eos: v4 ? [pin, "router isis", " redistribute static"] : [pin, "router isis", " address-family ipv6", "  redistribute static"]
        case .ios where igp == .ospf: v4 ? [pin, "router ospf 1", " redistribute static subnets"] : [pin, "ipv6 router ospf 1", " redistribute static"]
        case .ios: v4 ? [pin, "router isis", " redistribute static"] : [pin, "router isis", " address-family ipv6", "  redistribute static"]
        }
        return ConfigChange(router: router, dialect: dialect.rawValue, lines: lines)
    }

    /// FRR's `bgp network import-check` (IOS and EOS always check; Junos has no `network`).
    static func networkImportCheck(_ dialect: VendorDialect, router: String, asn: ASN) -> ConfigChange? {
        guard dialect == .frr else { return nil }
        return ConfigChange(router: router, dialect: dialect.rawValue, lines: ["router bgp \(asn)", " bgp network import-check"])
    }

    /// IOS writes prefixes as address and dotted mask.
    /// LDP on one interface: IOS `mpls ip`; EOS `mpls ldp interface` (with `interface disabled
    /// default`, else LDP already runs on every interface); FRR the interface under `mpls ldp`;
    /// Junos all three places (protocols ldp, protocols mpls, family mpls).
    static func enableLDP(_ dialect: VendorDialect, router: String, interface: String) -> ConfigChange {
        let lines: [String] = switch dialect {
        case .ios: ["interface \(interface)", " mpls ip"]
        case .eos: ["interface \(interface)", "   mpls ip", "   mpls ldp interface"]
        case .frr: ["mpls ldp", " address-family ipv4", "  interface \(interface)"]
        case .junos:
            ["set protocols ldp interface \(interface)", "set protocols mpls interface \(interface)",
             "set interfaces \(junosUnitPath(interface)) family mpls"]
        }
        return ConfigChange(router: router, dialect: dialect.rawValue, lines: lines)
    }

    /// LDP-IGP synchronisation: IOS `mpls ldp sync` under the IGP process, EOS `mpls ldp sync
    /// default` there (DISA's Arista EOS router STIG, V-256050), FRR `mpls ldp-sync`, Junos
    /// `ldp-synchronization` on each OSPF interface (IS-IS: under `protocols isis interface`). The
    /// process number is the router's own: written as a placeholder.
    static func ldpIGPSync(_ dialect: VendorDialect, router: String, igp: IGPProtocol, interfaces: [String]) -> ConfigChange {
        let process = igp == .ospf ? "router ospf <process>" : "router isis <tag>"
        let lines: [String] = switch dialect {
        case .ios: [process, " mpls ldp sync"]
        case .frr: [process.replacingOccurrences(of: " <process>", with: "").replacingOccurrences(of: " <tag>", with: " <name>"), " mpls ldp-sync"]
        case .eos: [process, "   mpls ldp sync default"]
        case .junos: interfaces.map { igp == .ospf ? "set protocols ospf area <area> interface \($0) ldp-synchronization" : "set protocols isis interface \($0) ldp-synchronization" }
        }
        return ConfigChange(router: router, dialect: dialect.rawValue, lines: lines)
    }

    /// A secondary LSP path that CSPF computes. IOS: a further path option, dynamic (options are
    /// tried in order, so it is used when the explicit ones cannot be signalled); Junos: an
    /// empty named path as a secondary (Junos: "if you do not specify a named path, or the path
    /// is empty, the software makes all routing decisions"); EOS and FRR: routesim reads no
    /// RSVP-TE LSPs from their configs, so the YAML form is given.
    static func dynamicSecondary(_ dialect: VendorDialect, router: String, lsp: String) -> ConfigChange {
        // An IOS LSP from configs is a TunnelN interface; any other name comes from the topology YAML.
        let yaml = ["# topology YAML: routers: \(router): lsps: \(lsp): secondary: {}"]
        let lines: [String] = switch dialect {
        case .ios: lsp.lowercased().hasPrefix("tunnel") ? ["interface \(lsp)", " tunnel mpls traffic-eng path-option 10 dynamic"] : yaml
        case .junos: ["set protocols mpls path routesim-dynamic", "set protocols mpls label-switched-path \(lsp) secondary routesim-dynamic"]
        case .eos, .frr: yaml
        }
        return ConfigChange(router: router, dialect: dialect.rawValue, lines: lines)
    }

    /// `et-0/0/1.0` -> `et-0/0/1 unit 0` (Junos' configuration path of a logical interface).
    static func junosUnitPath(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return name + " unit 0" }
        return "\(name[..<dot]) unit \(name[name.index(after: dot)...])"
    }

    static func mask(_ prefix: Prefix) -> IPAddress { IPAddress(prefix.ipv4Mask) }
}
