import Diagnostics
import ConfigParsers
import NetPrimitives

/// `network` statements whose prefix has no exact route in the config: BGP never announces them.
public struct NetworkWithoutRouteRule: LintRule {
    public static let description = RuleDescription(
        code: "BGP-NETWORK-NO-ROUTE", name: "BGP network statement without a matching route", severity: .warning,
        summary: "A `network` statement names a prefix that no connected interface or static route in this config provides exactly.",
        rationale: "IOS, EOS and FRR (with `bgp network import-check`, the default) announce a `network` prefix only while the RIB holds exactly that prefix. Unless an IGP provides it, the statement announces nothing.",
        remediation: "Add the route that should back it (often a static to Null0, together with a condition: see NULL-PIN-UNCONDITIONAL), or fix the mask.",
        triggering: ["router bgp 65001\n network 198.51.100.0 mask 255.255.255.0"],
        clean: ["interface Loopback1\n ip address 198.51.100.1 255.255.255.0\nrouter bgp 65001\n network 198.51.100.0 mask 255.255.255.0"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        guard let bgp = device.bgp else { return [] }
        let routes = device.connectedPrefixes.union(device.staticRoutes.filter { $0.vrf == nil }.map(\.prefix))
        // With an IGP the prefix may come from a neighbor: only say so when no IGP runs here.
        guard device.igps.isEmpty else { return [] }
        return bgp.networks.compactMap { network in
            routes.contains(network.prefix) ? nil
                : finding("network \(network.prefix) has no matching connected or static route here and no IGP runs: it is never announced", at: network.location)
        }
    }
}

/// RFC 8212: eBGP sessions need explicit import and export policy.
public struct EBGPWithoutPolicyRule: LintRule {
    public static let description = RuleDescription(
        code: "EBGP-NO-POLICY", name: "eBGP neighbor without inbound or outbound policy", severity: .warning,
        summary: "An eBGP neighbor (or its peer group) has no route-map or prefix-list in one direction.",
        rationale: "Without an outbound policy every route the router has, including more-specifics and other peers' routes, goes to the peer (a route leak); without an inbound one, everything the peer sends is accepted. RFC 8212 makes routers refuse to exchange routes on such sessions; many platforms still do not.",
        remediation: "Apply a route-map or prefix-list in both directions (`neighbor X route-map IN in`, `neighbor X route-map OUT out`).",
        triggering: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n neighbor 192.0.2.2 route-map IN in\nroute-map IN permit 10"],
        clean: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n neighbor 192.0.2.2 route-map IN in\n neighbor 192.0.2.2 route-map OUT out\nroute-map IN permit 10\nroute-map OUT permit 10",
                "router bgp 65001\n neighbor 10.0.0.2 remote-as 65001"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        device.ebgpSessions.compactMap { neighbor in
            var missing: [String] = []
            if neighbor.routeMapIn == nil && neighbor.prefixListIn == nil { missing.append("inbound") }
            if neighbor.routeMapOut == nil && neighbor.prefixListOut == nil { missing.append("outbound") }
            return missing.isEmpty ? nil : finding("eBGP neighbor \(neighbor.key) has no \(missing.joined(separator: " or ")) policy (RFC 8212)", at: neighbor.location)
        }
    }
}

public struct EBGPWithoutMaximumPrefixRule: LintRule {
    public static let description = RuleDescription(
        code: "EBGP-NO-MAX-PREFIX", name: "eBGP neighbor without maximum-prefix", severity: .note,
        summary: "An eBGP neighbor (or its peer group) has no `maximum-prefix` limit.",
        rationale: "A peer that leaks a full table into a session sized for a handful of routes can exhaust memory or FIB space; a prefix limit turns that into a session reset instead.",
        remediation: "Add `neighbor X maximum-prefix N` (EOS: `maximum-routes`) sized for the peer.",
        triggering: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002"],
        clean: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n neighbor 192.0.2.2 maximum-prefix 1000"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        device.ebgpSessions.compactMap { neighbor in
            neighbor.maximumPrefix == nil ? finding("eBGP neighbor \(neighbor.key) has no maximum-prefix limit", at: neighbor.location) : nil
        }
    }
}
