import Diagnostics
import ConfigParsers

/// A static route that names a track object nobody defines (IOS then never installs it).
public struct StaticTrackUndefinedRule: LintRule {
    public static let description = RuleDescription(
        code: "STATIC-TRACK-UNDEFINED", name: "Static route tracks an undefined object", severity: .error,
        summary: "`ip route ... track N` names a track object that the config does not define.",
        rationale: "A static route bound to a missing track object is never installed on IOS/EOS, so whatever it was meant to provide (a pin, a backup path) silently does not exist.",
        remediation: "Define the track object (`track N ip sla M reachability`) or remove the `track` keyword.",
        triggering: ["ip route 198.51.100.0 255.255.255.0 Null0 track 7"],
        clean: ["ip route 198.51.100.0 255.255.255.0 Null0 track 7\ntrack 7 ip sla 1 reachability\nip sla 1\n icmp-echo 10.0.0.1\nip sla schedule 1 life forever start-time now"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        let defined = Set(device.tracks.map(\.id))
        return device.staticRoutes.compactMap { route in
            guard let track = route.track, track != "bfd", !defined.contains(track) else { return nil }
            return finding("static route \(route.prefix) tracks object \(track), which is not defined: the route is never installed", at: route.location)
        }
    }
}

/// A track that follows an IP SLA operation that is not defined or never scheduled.
public struct TrackSLAUndefinedRule: LintRule {
    public static let description = RuleDescription(
        code: "TRACK-SLA-UNDEFINED", name: "Track follows an undefined or unscheduled IP SLA", severity: .error,
        summary: "`track N ip sla M` names an IP SLA operation that is not configured, or that has no `ip sla schedule`.",
        rationale: "An IP SLA that does not exist or never runs leaves the track down for good: every static route bound to it stays withdrawn (or, with inverted logic, stays installed whatever happens).",
        remediation: "Configure the operation (`ip sla M` with `icmp-echo`) and start it with `ip sla schedule M life forever start-time now`.",
        triggering: ["track 1 ip sla 5 reachability", "track 1 ip sla 5 reachability\nip sla 5\n icmp-echo 10.0.0.1"],
        clean: ["track 1 ip sla 5 reachability\nip sla 5\n icmp-echo 10.0.0.1\nip sla schedule 5 life forever start-time now"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        device.tracks.compactMap { track in
            guard let id = track.sla else { return nil }
            guard let sla = device.slas.first(where: { $0.id == id && $0.target != nil }) else {
                return finding("track \(track.id) follows IP SLA \(id), which is not configured: the track never comes up", at: track.location)
            }
            return sla.scheduled ? nil : finding("track \(track.id) follows IP SLA \(id), which is never scheduled: the track never comes up", at: track.location)
        }
    }
}

/// An IP SLA probing one of the router's own addresses can never fail.
public struct SLASelfTargetRule: LintRule {
    public static let description = RuleDescription(
        code: "SLA-SELF-TARGET", name: "IP SLA probes the router's own address", severity: .warning,
        summary: "An `icmp-echo` target is an address configured on the same router.",
        rationale: "A probe to one of the router's own addresses is answered locally whatever happens to its links, so the track it drives never goes down and the tracked route never withdraws.",
        remediation: "Probe an address beyond the failure you want to detect, such as a core router's loopback.",
        triggering: ["interface Loopback0\n ip address 10.1.0.2 255.255.255.255\nip sla 1\n icmp-echo 10.1.0.2"],
        clean: ["interface Loopback0\n ip address 10.1.0.2 255.255.255.255\nip sla 1\n icmp-echo 10.1.0.1"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        let own = Set(device.interfaces.flatMap { $0.addresses.map(\.address) })
        return device.slas.compactMap { sla in
            guard let target = sla.target, own.contains(target) else { return nil }
            return finding("IP SLA \(sla.id) probes \(target), an address of this router: it can never fail", at: sla.location)
        }
    }
}

/// advertise-map / exist-map / non-exist-map naming a route-map that does not exist.
public struct ConditionalMapUndefinedRule: LintRule {
    public static let description = RuleDescription(
        code: "COND-ADV-UNDEFINED-MAP", name: "Conditional advertisement names an undefined route-map", severity: .error,
        summary: "A neighbor's `advertise-map`, `exist-map` or `non-exist-map` names a route-map the config does not define.",
        rationale: "With an undefined map the condition cannot be evaluated as intended: depending on the platform the prefixes are never advertised or always advertised, which defeats the purpose of the condition.",
        remediation: "Define the route-map (and the prefix-list it matches) or fix the name.",
        triggering: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n neighbor 192.0.2.2 advertise-map ADV exist-map CORE\nroute-map ADV permit 10"],
        clean: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n neighbor 192.0.2.2 advertise-map ADV exist-map CORE\nroute-map ADV permit 10\nroute-map CORE permit 10"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        var findings: [Finding] = []
        let defined = device.policyDefinitions
        for neighbor in device.bgp?.neighbors ?? [] {
            guard let location = neighbor.conditionLocation else { continue }
            for (role, name) in [("advertise-map", neighbor.advertiseMap), ("exist-map", neighbor.existMap), ("non-exist-map", neighbor.nonExistMap)] {
                guard let name, defined[name] == nil else { continue }
                findings.append(finding("neighbor \(neighbor.key) \(role) \(name) names a route-map that is not defined", at: location))
            }
        }
        return findings
    }
}

/// Route-maps referenced by BGP but not defined, and defined but never referenced.
public struct RouteMapUndefinedRule: LintRule {
    public static let description = RuleDescription(
        code: "ROUTE-MAP-UNDEFINED", name: "BGP references an undefined route-map", severity: .error,
        summary: "A neighbor, `network` or `redistribute` statement names a route-map the config does not define.",
        rationale: "An undefined route-map denies everything on IOS (nothing is sent or accepted) and permits everything on some other platforms: either way the policy you meant is not applied.",
        remediation: "Define the route-map or fix the name.",
        triggering: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n neighbor 192.0.2.2 route-map TO-PEER out"],
        clean: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n neighbor 192.0.2.2 route-map TO-PEER out\nroute-map TO-PEER permit 10"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        guard let bgp = device.bgp else { return [] }
        var findings: [Finding] = []
        let defined = device.policyDefinitions, noun = device.policyNoun
        for neighbor in bgp.neighbors {
            // Junos chains (`export [ A B ]`) name several policies; each must exist.
            let named = [("in", neighbor.routeMapIn), ("out", neighbor.routeMapOut)]
                + neighbor.importChain.dropFirst().map { ("in", Optional($0)) } + neighbor.exportChain.dropFirst().map { ("out", Optional($0)) }
            for (direction, name) in named {
                guard let name, defined[name] == nil else { continue }
                findings.append(finding("neighbor \(neighbor.key) \(noun) \(name) \(direction) is not defined",
                                        at: neighbor.statements["route-map \(direction)"] ?? neighbor.location))
            }
        }
        for network in bgp.networks { if let name = network.routeMap, defined[name] == nil { findings.append(finding("network \(network.prefix) \(noun) \(name) is not defined", at: network.location)) } }
        for item in bgp.redistributes { if let name = item.routeMap, defined[name] == nil { findings.append(finding("redistribute \(item.source) \(noun) \(name) is not defined", at: item.location)) } }
        return findings
    }
}

public struct RouteMapUnusedRule: LintRule {
    public static let description = RuleDescription(
        code: "ROUTE-MAP-UNUSED", name: "Route-map defined but never used", severity: .note,
        summary: "A route-map is defined but no BGP neighbor, network, redistribute or conditional advertisement in this config uses it.",
        rationale: "Unused policy is usually a policy someone believes is applied. It is also noise that hides the maps that matter.",
        remediation: "Apply it where it was meant to be, or delete it.",
        triggering: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\nroute-map OLD permit 10"],
        clean: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n neighbor 192.0.2.2 route-map OLD in\nroute-map OLD permit 10"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        var used: Set<String> = []
        // The global BGP and every VRF's (docs/vrf.md), and the VRFs' import/export policies.
        for bgp in [device.bgp].compactMap({ $0 }) + device.vrfBGP.values {
            for neighbor in bgp.neighbors {
                for name in [neighbor.routeMapIn, neighbor.routeMapOut, neighbor.advertiseMap, neighbor.existMap, neighbor.nonExistMap] { if let name { used.insert(name) } }
                used.formUnion(neighbor.exportChain + neighbor.importChain)   // Junos `export [ A B ]`
            }
            for network in bgp.networks { if let name = network.routeMap { used.insert(name) } }
            for item in bgp.redistributes { if let name = item.routeMap { used.insert(name) } }
        }
        for vrf in device.vrfs.values { used.formUnion(vrf.importPolicies + vrf.exportPolicies) }
        // Other protocols, interfaces and policy routing also use route-maps; routesim does not read
        // those references yet, so only configs with BGP are checked.
        guard device.bgp != nil else { return [] }
        return device.policyDefinitions.sorted { $0.key < $1.key }.compactMap { name, location in
            guard !used.contains(name) else { return nil }
            return finding("\(device.policyNoun) \(name) is not used by BGP in this config", at: location)
        }
    }
}
