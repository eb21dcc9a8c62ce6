import ConfigParsers
import Diagnostics
import NetworkModel

/// Checks of RSVP-TE LSPs (docs/mpls.md) on the network the configs build: they need the other
/// routers (who owns an explicit-path address, which links a path crosses).
enum LSPExamples {
    /// R1 - R2 directly and R1 - R3 - R2, RSVP everywhere; R1's Tunnel1 to R2 with the given
    /// path-option lines and explicit paths.
    static func network(tunnel options: String, paths: String) -> String {
        let r1 = """
        hostname R1
        mpls traffic-eng tunnels
        interface Loopback0
         ip address 10.0.0.1 255.255.255.255
        interface Gi0/1
         ip address 10.1.0.0 255.255.255.254
         mpls traffic-eng tunnels
         ip rsvp bandwidth 1000000
        interface Gi0/2
         ip address 10.1.0.2 255.255.255.254
         mpls traffic-eng tunnels
         ip rsvp bandwidth 1000000
        interface Tunnel1
         ip unnumbered Loopback0
         tunnel mode mpls traffic-eng
         tunnel destination 10.0.0.2
         tunnel mpls traffic-eng autoroute announce

        """ + options + paths + "router ospf 1\n network 10.0.0.0 0.255.255.255 area 0\n"
        return [r1, router("R2", loopback: 2, ["10.1.0.1", "10.1.0.5"]), router("R3", loopback: 3, ["10.1.0.3", "10.1.0.4"])]
            .joined(separator: "\n---\n")
    }

    static func router(_ name: String, loopback: Int, _ addresses: [String]) -> String {
        var text = "hostname \(name)\nmpls traffic-eng tunnels\ninterface Loopback0\n ip address 10.0.0.\(loopback) 255.255.255.255\n"
        for (index, address) in addresses.enumerated() {
            text += "interface Gi0/\(index + 1)\n ip address \(address) 255.255.255.254\n mpls traffic-eng tunnels\n ip rsvp bandwidth 1000000\n"
        }
        return text + "router ospf 1\n network 10.0.0.0 0.255.255.255 area 0\n"
    }

    static let direct = "ip explicit-path name DIRECT enable\n next-address 10.1.0.1\n"
    static let viaR3 = "ip explicit-path name VIA-R3 enable\n next-address 10.1.0.3\n next-address 10.1.0.5\n"
}

/// An explicit path or tunnel destination that names an address no router of the network owns.
public struct LSPExplicitPathUnknownRule: NetworkLintRule {
    public static let description = RuleDescription(
        code: "MPLS-EXPLICIT-PATH-UNKNOWN", name: "LSP path names an address no router has", severity: .warning,
        summary: "An LSP's explicit path (`ip explicit-path` `next-address`, Junos `path` hop) or its destination names an address that no router of the linted network owns, or names an explicit path that is not defined.",
        rationale: "The head-end cannot signal a path through an address no router answers for: that path option fails (IOS tries the next one; Junos leaves the path down), so the LSP runs on its fallback, or not at all, from the day it is configured. A stale explicit path is a classic left-over of a renumbering or a decommissioned router. routesim leaves the path option out, as the router does.",
        remediation: "Name an address of the intended router (its loopback or an interface on the path), define the explicit path, or remove the path option. If the address belongs to a router whose config was not linted, lint it together with the rest of the network.",
        triggering: [LSPExamples.network(tunnel: " tunnel mpls traffic-eng path-option 1 explicit name STALE\n tunnel mpls traffic-eng path-option 2 dynamic\n",
                                         paths: "ip explicit-path name STALE enable\n next-address 10.9.9.9\n")],
        clean: [LSPExamples.network(tunnel: " tunnel mpls traffic-eng path-option 1 explicit name VIA-R3\n tunnel mpls traffic-eng path-option 2 dynamic\n",
                                    paths: LSPExamples.viaR3)])
    public init() {}

    public func deferred(_ device: DeviceConfig) -> NetworkCheck? { buildDiagnosticsCheck(device, code: "CFG006") }
}

/// An LSP pinned to a strict explicit path with nothing to fall back on.
public struct LSPNoSecondaryRule: NetworkLintRule {
    public static let description = RuleDescription(
        code: "MPLS-LSP-NO-SECONDARY", name: "LSP pinned to a strict path without a secondary", severity: .warning,
        summary: "An RSVP-TE LSP's only path is a strict explicit path: no second path option (IOS), no secondary (Junos).",
        rationale: "A strict path names every router; when any link or router on it fails the head-end cannot re-signal it elsewhere (RFC 3209 section 4.3), so the LSP stays down until the failure is repaired, and traffic routed over it falls back to the IGP path (unlabeled, or over LDP where it runs) or is dropped. A dynamic path is re-computed by CSPF after a failure; a strict one is not.",
        remediation: "Add a second path option (`tunnel mpls traffic-eng path-option 2 dynamic`, or an explicit path on other links) or a Junos `secondary` path, ideally avoiding the primary's links and shared-risk groups; or make the primary loose. `routesim failures` lists the failures that take the LSP down.",
        triggering: [LSPExamples.network(tunnel: " tunnel mpls traffic-eng path-option 1 explicit name DIRECT\n", paths: LSPExamples.direct)],
        clean: [LSPExamples.network(tunnel: " tunnel mpls traffic-eng path-option 1 explicit name DIRECT\n tunnel mpls traffic-eng path-option 2 dynamic\n",
                                    paths: LSPExamples.direct),
                LSPExamples.network(tunnel: " tunnel mpls traffic-eng path-option 1 dynamic\n", paths: "")])
    public init() {}

    public func deferred(_ device: DeviceConfig) -> NetworkCheck? {
        let files = Set([device.file] + device.absorbed.map(\.file))
        return { network in
            guard let built = network.simulation.built().network else { return [] }
            return built.routers.flatMap { router in
                router.lsps.compactMap { lsp -> Finding? in
                    guard files.contains(lsp.location.file), let primary = lsp.primary, primary.strict, lsp.secondary == nil else { return nil }
                    let hops = ([router.name] + primary.hops).joined(separator: " -> ")
                    return finding("LSP \(lsp.name) to \(lsp.tail) can only take its strict path \(hops)\(primary.hops.last == lsp.tail ? "" : " -> \(lsp.tail)"): a failure on it takes the LSP down, with no secondary to signal",
                                   at: lsp.location)
                }
            }
        }
    }
}

/// A secondary path that shares a link or a shared-risk group with its primary.
public struct LSPSharedRiskRule: NetworkLintRule {
    public static let description = RuleDescription(
        code: "MPLS-LSP-SHARED-RISK", name: "LSP secondary shares a link with its primary", severity: .warning,
        summary: "An LSP's secondary path (IOS: the second path option) is a strict explicit path that crosses a link its strict primary crosses too.",
        rationale: "The secondary exists for the failure of the primary. Where both cross one link, that link's failure takes both down, and the LSP with them: the protection is an illusion that only shows on the day it is needed.",
        remediation: "Route the secondary over other links (other strict hops), or let CSPF compute it (`path-option 2 dynamic`, a loose Junos path), which avoids the failed link when it is needed.",
        triggering: [LSPExamples.network(tunnel: " tunnel mpls traffic-eng path-option 1 explicit name DIRECT\n tunnel mpls traffic-eng path-option 2 explicit name DIRECT\n",
                                         paths: LSPExamples.direct)],
        clean: [LSPExamples.network(tunnel: " tunnel mpls traffic-eng path-option 1 explicit name DIRECT\n tunnel mpls traffic-eng path-option 2 explicit name VIA-R3\n",
                                    paths: LSPExamples.direct + LSPExamples.viaR3)])
    public init() {}

    public func deferred(_ device: DeviceConfig) -> NetworkCheck? { buildDiagnosticsCheck(device, code: "MODEL013") }
}

/// An LSP that asks for link protection, on a link no bypass protects.
public struct LSPUnprotectedLinkRule: NetworkLintRule {
    public static let description = RuleDescription(
        code: "MPLS-LSP-UNPROTECTED-LINK", name: "Protected LSP crosses a link without a bypass", severity: .note,
        summary: "An RSVP-TE LSP asks for link protection (IOS `tunnel mpls traffic-eng fast-reroute`, Junos `link-protection`), but the router before one of the links on its path signals no bypass around it: the interface offers no protection (IOS `auto-tunnel backup` / `backup-path`, Junos `rsvp interface ... link-protection`), or no path avoids the link.",
        rationale: "Fast reroute is the reason to ask for protection: when a protected link fails, its upstream router moves the LSP onto the bypass in tens of milliseconds (RFC 4090). On a link without a bypass the LSP's traffic is dropped until the head-end learns of the failure and re-signals, which takes seconds or more. `routesim trace --fail LINK --fast-reroute` shows that instant.",
        remediation: "Let the upstream router signal bypasses on that interface (`mpls traffic-eng auto-tunnel backup`, `mpls traffic-eng backup-path TunnelN`; Junos `protocols rsvp interface I link-protection`), or add a path around the link; single-homed edge links cannot be protected and can be accepted.",
        triggering: [LSPExamples.network(tunnel: " tunnel mpls traffic-eng path-option 1 dynamic\n tunnel mpls traffic-eng fast-reroute\n", paths: "")],
        clean: [LSPExamples.network(tunnel: " tunnel mpls traffic-eng path-option 1 dynamic\n tunnel mpls traffic-eng fast-reroute\n",
                                    paths: "mpls traffic-eng auto-tunnel backup\n"),
                LSPExamples.network(tunnel: " tunnel mpls traffic-eng path-option 1 dynamic\n", paths: "")])
    public init() {}

    public func deferred(_ device: DeviceConfig) -> NetworkCheck? {
        let files = Set([device.file] + device.absorbed.map(\.file))
        return { network in
            guard let built = network.simulation.built().network else { return [] }
            let located = built.routers.flatMap { router in router.lsps.map { ("\(router.name)/\($0.name)", $0.location) } }
            let locations = Dictionary(located, uniquingKeysWith: { first, _ in first })
            return network.simulation.lspStates().compactMap { state -> Finding? in
                guard let location = locations["\(state.head)/\(state.name)"], files.contains(location.file),
                      let protection = state.protection else { return nil }
                let unprotected = protection.filter(\.bypass.isEmpty)
                guard !unprotected.isEmpty else { return nil }
                let list = unprotected.map { "\($0.link) (\($0.reason ?? "no bypass"))" }.joined(separator: "; ")
                return finding("LSP \(state.name) asks for link protection, but \(unprotected.count) of the \(protection.count) links of its path have no bypass: \(list)",
                               at: location)
            }
        }
    }
}
