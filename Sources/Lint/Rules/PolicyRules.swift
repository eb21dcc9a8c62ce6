import Diagnostics
import ConfigParsers
import NetPrimitives
import NetworkModel
import RoutingPolicy

/// Conditional advertisement whose condition is decided by the router's own announcements:
/// an exist-map (or non-exist-map) that matches a prefix the router always originates itself.
public struct ConditionalAlwaysDecidedRule: LintRule {
    public static let description = RuleDescription(
        code: "COND-ADV-SELF-SATISFIED", name: "Conditional advertisement decided by the router's own route", severity: .warning,
        summary: "A neighbor's `exist-map` (or `non-exist-map`) matches a prefix that the same router always originates into BGP: a `network` statement backed by its own Null0 static or loopback, or without the import check (FRR `no bgp network import-check`), or redistributed static/connected routes.",
        rationale: """
        Conditional advertisement only protects against a black hole if its condition can change when the \
        router loses its path into the network. A route the router originates itself is always in its own BGP \
        table, so an exist-map that matches it is always true (the advertise-map prefixes are always sent, as \
        if there were no condition) and a non-exist-map that matches it is always false (they are never sent).
        """,
        remediation: """
        Make the condition match a route learned from the core, for example a core router's loopback \
        announced into iBGP (`ip prefix-list CORE permit 10.1.0.1/32`), not the pinned prefix itself.
        """,
        triggering: ["""
        ip route 198.51.100.0 255.255.255.0 Null0
        ip prefix-list AGGREGATE permit 198.51.100.0/24
        route-map AGGREGATE permit 10
         match ip address prefix-list AGGREGATE
        router bgp 65001
         network 198.51.100.0 mask 255.255.255.0
         neighbor 192.0.2.3 remote-as 65002
         neighbor 192.0.2.3 advertise-map AGGREGATE exist-map AGGREGATE
        """, """
        frr version 8.4
        hostname P
        ip prefix-list AGGREGATE seq 5 permit 198.51.100.0/24
        route-map AGGREGATE permit 10
         match ip address prefix-list AGGREGATE
        router bgp 65001
         no bgp network import-check
         neighbor 192.0.2.3 remote-as 65002
         address-family ipv4 unicast
          network 198.51.100.0/24
          neighbor 192.0.2.3 advertise-map AGGREGATE exist-map AGGREGATE
         exit-address-family
        exit
        """],
        clean: ["""
        ip route 198.51.100.0 255.255.255.0 Null0
        ip prefix-list AGGREGATE permit 198.51.100.0/24
        ip prefix-list BEACON permit 10.1.0.1/32
        route-map AGGREGATE permit 10
         match ip address prefix-list AGGREGATE
        route-map CORE-BEACON permit 10
         match ip address prefix-list BEACON
        router bgp 65001
         network 198.51.100.0 mask 255.255.255.0
         neighbor 192.0.2.3 remote-as 65002
         neighbor 192.0.2.3 advertise-map AGGREGATE exist-map CORE-BEACON
        """])
    public init() {}

    /// Prefixes the router announces whatever happens to its links, with why.
    static func alwaysOriginated(_ device: DeviceConfig) -> [(prefix: Prefix, why: String)] {
        guard let bgp = device.bgp else { return [] }
        let pins = device.staticRoutes.filter { $0.target == .discard && $0.track == nil && $0.vrf == nil }
        let loopbacks = device.interfaces.filter { $0.isLoopback && !$0.shutdown }.flatMap { $0.addresses.map(\.prefix) }
        var result: [(Prefix, String)] = []
        let importCheck = ConfigNetworkBuilder.networkImportCheck(device) ?? true
        for network in bgp.networks {
            if !importCheck {
                result.append((network.prefix, "its `network` statement announces without a RIB route: the import check is off (FRR `no bgp network import-check`)"))
            } else if let pin = pins.first(where: { $0.prefix == network.prefix }) {
                result.append((network.prefix, "its `network` statement is backed by the Null0 static at line \(pin.location.line)"))
            } else if loopbacks.contains(network.prefix) {
                result.append((network.prefix, "its `network` statement matches a loopback"))
            }
        }
        for item in bgp.redistributes {
            if item.source == "static" { for pin in pins { result.append((pin.prefix, "the Null0 static at line \(pin.location.line) is redistributed")) } }
            if item.source == "connected" { for prefix in loopbacks { result.append((prefix, "the loopback is redistributed")) } }
        }
        return result
    }

    public func check(_ device: DeviceConfig) -> [Finding] {
        guard device.dialect != .junos, let bgp = device.bgp else { return [] }
        let local = Self.alwaysOriginated(device)
        guard !local.isEmpty else { return [] }
        var findings: [Finding] = []
        for neighbor in device.sessions {
            guard let advertise = neighbor.advertiseMap, let location = neighbor.conditionLocation else { continue }
            let exist = neighbor.existMap != nil
            guard let condition = neighbor.existMap ?? neighbor.nonExistMap, device.routeMaps[condition] != nil else { continue }
            let evaluator = PolicyEvaluator(policies: device.modelledPolicies(routeMaps: [condition]), localAS: bgp.asn)
            guard let (prefix, why) = local.first(where: { evaluator.permits(condition, prefix: $0.prefix, attributes: BGPAttributes()) }) else { continue }
            let outcome = exist ? "the condition is always true, so advertise-map \(advertise) is always sent, as if there were no condition"
                                : "the condition is never met, so advertise-map \(advertise) is never sent"
            findings.append(finding("neighbor \(neighbor.key) \(exist ? "exist-map" : "non-exist-map") \(condition) matches \(prefix), which this router always originates (\(why)): \(outcome)",
                                    at: location))
        }
        return findings
    }
}

/// Prefix-lists that a route-map match or a neighbor filter names but the config does not define.
public struct PrefixListUndefinedRule: LintRule {
    public static let description = RuleDescription(
        code: "PREFIX-LIST-UNDEFINED", name: "Reference to an undefined prefix-list", severity: .error,
        summary: "`match ip address prefix-list X` or `neighbor ... prefix-list X in|out` names a prefix-list the config does not define.",
        rationale: """
        Vendors disagree on what an undefined list means, and none of them does what was intended: IOS and EOS \
        ignore a route-map match on it (the entry matches every route), FRR's match fails (the entry matches \
        nothing), and a neighbor filter on it filters nothing.
        """,
        remediation: "Define the prefix-list or fix the name.",
        triggering: ["route-map FROM-PEER permit 10\n match ip address prefix-list CUSTOMERS",
                     "router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n neighbor 192.0.2.2 prefix-list CUSTOMERS in"],
        clean: ["ip prefix-list CUSTOMERS permit 203.0.113.0/24\nroute-map FROM-PEER permit 10\n match ip address prefix-list CUSTOMERS"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        guard device.dialect != .junos else { return [] }
        var findings: [Finding] = []
        for match in device.policyPrefixListMatches where device.prefixLists[match.prefixList] == nil {
            let effect = device.dialect == .frr ? "FRR's match fails, so the entry matches nothing" : "the match is ignored, so the entry matches every route"
            findings.append(finding("route-map \(match.policy) matches prefix-list \(match.prefixList), which is not defined: \(effect)", at: match.location))
        }
        for neighbor in device.bgp?.neighbors ?? [] {
            for (direction, list) in neighbor.prefixListFilters {
                guard device.prefixLists[list] == nil, !device.ipv6PrefixLists.contains(list) else { continue }
                findings.append(finding("neighbor \(neighbor.key) prefix-list \(list) \(direction) is not defined: the session is not filtered",
                                        at: neighbor.statements["prefix-list \(direction)"] ?? neighbor.location))
            }
        }
        return findings
    }
}

/// Prefix-lists defined but named by no route-map and no neighbor.
public struct PrefixListUnusedRule: LintRule {
    public static let description = RuleDescription(
        code: "PREFIX-LIST-UNUSED", name: "Prefix-list defined but never used", severity: .note,
        summary: "A prefix-list is defined but no route-map match and no BGP neighbor filter in this config names it.",
        rationale: "An unused prefix-list is usually a filter someone believes is applied, or a leftover that makes the real policy harder to read.",
        remediation: "Reference it where it was meant to be used, or delete it.",
        triggering: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\nip prefix-list OLD permit 10.0.0.0/8"],
        clean: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n neighbor 192.0.2.2 prefix-list OLD in\nip prefix-list OLD permit 10.0.0.0/8"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        // Interfaces, IGPs and multicast also use prefix-lists; routesim reads only route-map and
        // BGP references, so only configs with BGP are checked (as for ROUTE-MAP-UNUSED).
        guard device.dialect != .junos, device.bgp != nil else { return [] }
        var used = Set(device.policyPrefixListMatches.map(\.prefixList))
        for neighbor in device.bgp?.neighbors ?? [] { used.formUnion(neighbor.prefixListFilters.map(\.prefixList)) }
        return device.prefixLists.keys.sorted().compactMap { name in
            guard !used.contains(name), let location = device.prefixLists[name] else { return nil }
            // IPv6 lists are kept as `ipv6 NAME` (their own namespace): written as the config does.
            let written = name.hasPrefix("ipv6 ") ? "ipv6 prefix-list \(name.dropFirst(5))" : "prefix-list \(name)"
            return finding("\(written) is not used by any route-map or BGP neighbor in this config", at: location)
        }
    }
}
