import Diagnostics
import ConfigParsers
import NetPrimitives

/// The background note's pattern: a Null0 pin that keeps a prefix announced to an eBGP peer
/// whatever happens to the router's own reachability.
public struct NullPinUnconditionalRule: LintRule {
    public static let description = RuleDescription(
        code: "NULL-PIN-UNCONDITIONAL", name: "Null0 pin announced over eBGP without a condition", severity: .warning,
        summary: "A discard static route keeps a prefix in the RIB, BGP announces it to an eBGP peer, and neither a track on the static nor conditional advertisement withdraws it when the router loses its path to the network behind it.",
        rationale: """
        A static route to Null0 makes `network` (or `redistribute static`, or an aggregate) announce the prefix \
        for as long as the router is up; in a VRF, to the customer's CE for as long as the PE is up. If the router loses its uplinks into its own network, it keeps \
        attracting the peer's traffic for that prefix and drops it: a black hole that lasts as long as the \
        failure, invisible to the peer.
        """,
        remediation: """
        Make the announcement depend on reachability: track the static (`ip route P M Null0 track N` with an \
        IP SLA toward the core), or advertise with `advertise-map ... exist-map` matching a core route, or pin \
        the prefix on core routers and carry it in the IGP instead, or give the router a second uplink.
        """,
        triggering: ["""
        router bgp 65001
         neighbor 192.0.2.2 remote-as 65002
         network 198.51.100.0 mask 255.255.255.0
        ip route 198.51.100.0 255.255.255.0 Null0
        """, junosExample(condition: false), """
        vrf definition CUST
         rd 65001:1
         route-target both 65001:1
        router bgp 65001
         address-family ipv4 vrf CUST
          neighbor 192.0.2.2 remote-as 65002
          network 198.51.100.0 mask 255.255.255.0
        ip route vrf CUST 198.51.100.0 255.255.255.0 Null0
        """, """
        router bgp 65001
         neighbor 2001:db8:ffff::2 remote-as 65002
         address-family ipv6 unicast
          neighbor 2001:db8:ffff::2 activate
          network 2001:db8:a::/48
        ipv6 route 2001:db8:a::/48 Null0
        """],
        clean: ["""
        router bgp 65001
         neighbor 192.0.2.2 remote-as 65002
         network 198.51.100.0 mask 255.255.255.0
        ip route 198.51.100.0 255.255.255.0 Null0 track 1
        track 1 ip sla 1 reachability
        ip sla 1
         icmp-echo 10.0.0.1
        ip sla schedule 1 life forever start-time now
        """, """
        router bgp 65001
         neighbor 192.0.2.2 remote-as 65002
         neighbor 192.0.2.2 advertise-map ADV exist-map CORE
         network 198.51.100.0 mask 255.255.255.0
        ip route 198.51.100.0 255.255.255.0 Null0
        route-map ADV permit 10
        route-map CORE permit 10
        """, junosExample(condition: true)])

    /// Junos form: an export policy that accepts the discard static, with or without a
    /// `from condition` on a core route.
    static func junosExample(condition: Bool) -> String {
        let term = "set policy-options policy-statement EXPORT-AGGREGATE term AGGREGATE"
        return """
        set routing-options autonomous-system 65001
        set routing-options static route 198.51.100.0/24 discard
        set protocols bgp group PEER type external
        set protocols bgp group PEER peer-as 65002
        set protocols bgp group PEER neighbor 192.0.2.2
        set protocols bgp group PEER export EXPORT-AGGREGATE
        \(term) from protocol static
        \(term) from route-filter 198.51.100.0/24 exact

        """ + (condition ? "\(term) from condition CORE-UP\nset policy-options condition CORE-UP if-route-exists 10.1.0.1/32 table inet.0\n" : "")
            + "\(term) then accept"
    }

    public init() {}

    /// One unconditional pin: the discard route, how BGP announces it, and to which eBGP peers.
    struct Pin {
        var route: StaticRouteConfig
        var announcedBy: String
        var peers: String
        /// The finding text up to the consequence, shared with NULL-PIN-SINGLE-UPLINK.
        var description: String {
            (route.vrf.map { "in VRF \($0), " } ?? "")
                + "\(route.prefix) is pinned to Null0 and announced by \(announcedBy) to eBGP \(route.vrf == nil ? "" : "CE ")\(peers) with no track and no conditional advertisement"
        }
    }

    /// The pins of the pattern on `device` (also the input of NULL-PIN-SINGLE-UPLINK): in the
    /// global table, and in each VRF toward its CEs (the same black hole per customer, docs/vrf.md).
    static func pins(on device: DeviceConfig) -> [Pin] {
        var found: [Pin] = []
        if let bgp = device.bgp {
            found += device.dialect == .junos ? junosPins(on: device) : tablePins(on: device, bgp: bgp, sessions: device.ebgpSessions, vrf: nil)
        }
        if device.dialect != .junos {
            for (vrf, bgp) in device.vrfBGP.sorted(by: { $0.key < $1.key }) {
                let ceSessions = device.sessions(inVRF: vrf).filter { neighbor in
                    guard let remote = neighbor.remoteAS else { return false }
                    return remote == "external" || ASN(remote).map { $0 != bgp.asn } ?? false
                }
                found += tablePins(on: device, bgp: bgp, sessions: ceSessions, vrf: vrf)
            }
        }
        return found
    }

    /// The Cisco-style pins of one table: the global one (`vrf` nil) or a VRF's.
    static func tablePins(on device: DeviceConfig, bgp: BGPConfigFacts, sessions ebgp: [NeighborConfig], vrf: String?) -> [Pin] {
        guard !ebgp.isEmpty, !ebgp.contains(where: { $0.advertiseMap != nil }) else { return [] }
        // A pin that covers one of the router's own up LAN subnets aggregates its own LANs: the
        // traffic it attracts is delivered there, so it is not this pattern (a default route or a
        // pin covering only point-to-point links is).
        // In a trie: a scan of every LAN per static was quadratic on large configs.
        var ownLANs = PrefixTrie<Bool>()
        let connected = Set(device.interfaces.filter { !$0.shutdown && $0.vrf == vrf }.flatMap { $0.addresses.map(\.prefix) })
        for prefix in connected where prefix.length < prefix.family.maxLength - 2 { ownLANs.insert(prefix, true) }
        let networks = Set(bgp.networks.map(\.prefix)), aggregates = Set(bgp.aggregates.map(\.prefix))
        // The families each session carries (MP-BGP, docs/ipv6.md), decided once per session.
        let families: [Set<AddressFamily>] = ebgp.map { neighbor in
            guard let address = neighbor.address else { return [.ipv4] }
            return ConfigNetworkBuilder.unicastFamilies(neighbor, address: address, facts: bgp, dialect: device.dialect) ?? [address.family]
        }
        return device.staticRoutes.compactMap { route in
            guard route.target == .discard, route.track == nil, route.vrf == vrf,
                  !(route.prefix.length > 0 && ownLANs.hasMoreSpecific(than: route.prefix)) else { return nil }
            // Only the sessions that carry the pin's family announce it.
            let family = route.prefix.family
            let carrying = ebgp.indices.filter { families[$0].contains(family) }.map { ebgp[$0] }
            guard !carrying.isEmpty else { return nil }
            let how: String
            if networks.contains(route.prefix) { how = "its network statement" }
            else if aggregates.contains(route.prefix) { how = "its aggregate-address" }
            else if bgp.redistributes.contains(where: { $0.source == "static" && $0.family == family }) { how = "redistribute static" }
            else { return nil }
            return Pin(route: route, announcedBy: how, peers: carrying.map(\.key).prefix(3).joined(separator: ", "))
        }
    }

    /// Junos: a discard/reject static exported to an eBGP group by a policy term that accepts it
    /// (`from protocol static`, route-filter or prefix-list) without a `from condition`.
    static func junosPins(on device: DeviceConfig) -> [Pin] {
        let ebgp = device.ebgpSessions
        guard !ebgp.isEmpty else { return [] }
        let own = device.connectedPrefixes
        return device.staticRoutes.compactMap { route in
            guard route.target == .discard, route.vrf == nil,
                  !(route.prefix.length > 0 && own.contains(where: { route.prefix.contains($0) && $0 != route.prefix && $0.length < 30 })) else { return nil }
            var peers: [String] = []
            var how = ""
            for neighbor in ebgp {
                // Exported only when a term accepts it with no `from condition`; Junos's default BGP export sends BGP routes only.
                if case .accept(let policy, let term) = device.junosDecision(for: route.prefix, source: .static, chain: neighbor.junosExportChain) {
                    peers.append(neighbor.key)
                    how = "export policy \(policy)\(term.isEmpty ? "" : " term \(term)")"
                }
            }
            guard !peers.isEmpty else { return nil }
            return Pin(route: route, announcedBy: how, peers: peers.prefix(3).joined(separator: ", "))
        }
    }

    public func check(_ device: DeviceConfig) -> [Finding] {
        Self.pins(on: device).map { pin in
            let consequence = pin.route.vrf == nil ? "if this router loses its path into the network it keeps attracting and dropping that traffic"
                : "if this router loses the VRF's path into the network (its core links, and with them the VPN routes) it keeps attracting the CE's traffic and dropping it"
            return finding("\(pin.description): \(consequence)", at: pin.route.location)
        }
    }
}
