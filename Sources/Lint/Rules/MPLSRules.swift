import Analysis
import ConfigParsers
import Diagnostics

/// An interface that forms IGP adjacencies on a router that runs LDP, without LDP itself: the
/// IGP may send labeled traffic over it, which leaves the label path there (docs/mpls.md).
public struct IGPWithoutLDPRule: LintRule {
    public static let description = RuleDescription(
        code: "MPLS-IGP-WITHOUT-LDP", name: "IGP interface without LDP on an LDP router", severity: .warning,
        summary: "The router runs LDP, and this interface forms IGP adjacencies but runs no LDP (no `mpls ip`).",
        rationale: "Labels follow the IGP. Whenever the IGP sends traffic over this link (now, or after a failure elsewhere), the router has no label from the neighbour there and forwards the packet unlabeled; in a BGP-free core the next router has no route for it and drops it. Juniper's LDP guide: enable LDP and the IGP on the same interfaces, or LSPs break and BGP-routed traffic is lost.",
        remediation: "Enable LDP on the interface (`mpls ip`; Junos `protocols ldp interface` with `family mpls`), or keep the IGP off it, or enable LDP-IGP synchronisation so that the IGP avoids it while LDP is down (`mpls ldp sync` under the IGP).",
        triggering: ["interface Gi0/1\n ip address 10.1.0.1 255.255.255.252\n mpls ip\ninterface Gi0/2\n ip address 10.1.0.5 255.255.255.252\nrouter ospf 1\n network 10.1.0.0 0.0.0.255 area 0"],
        clean: ["interface Gi0/1\n ip address 10.1.0.1 255.255.255.252\n mpls ip\ninterface Gi0/2\n ip address 10.1.0.5 255.255.255.252\n mpls ip\nrouter ospf 1\n network 10.1.0.0 0.0.0.255 area 0",
                "interface Gi0/2\n ip address 10.1.0.5 255.255.255.252\nrouter ospf 1\n network 10.1.0.0 0.0.0.255 area 0"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        guard let ldp = device.ldpInterfaceNames, !ldp.isEmpty else { return [] }
        return device.igpAdjacencyInterfaces.compactMap { interface in
            guard !ldp.contains(interface.name) else { return nil }
            let synced = device.ldpIGPSync(on: interface) ? " (LDP-IGP synchronisation keeps the IGP off it while another path exists)" : ""
            return finding("interface \(interface.name) forms IGP adjacencies but runs no LDP on a router that runs LDP: traffic the IGP sends over it leaves the label path\(synced)",
                           at: interface.location)
        }
    }
}

/// LDP on IGP interfaces without LDP-IGP synchronisation.
public struct LDPWithoutIGPSyncRule: LintRule {
    public static let description = RuleDescription(
        code: "MPLS-LDP-NO-IGP-SYNC", name: "LDP without LDP-IGP synchronisation", severity: .note,
        summary: "The router runs LDP on IGP interfaces but does not synchronise the IGP with LDP (RFC 5443).",
        rationale: "Without synchronisation the IGP uses a link as soon as its adjacency is up, also while LDP is not (after a restart, or when LDP is misconfigured on it): traffic is sent unlabeled over it and a BGP-free core drops it. With synchronisation the link is advertised at maximum metric until LDP is up.",
        remediation: "Enable synchronisation under the IGP (`mpls ldp sync` under `router ospf`/`router isis`; Junos `ldp-synchronization` on each OSPF interface; FRR `mpls ldp-sync`).",
        triggering: ["interface Gi0/1\n ip address 10.1.0.1 255.255.255.252\n mpls ip\nrouter ospf 1\n network 10.1.0.0 0.0.0.255 area 0"],
        clean: ["interface Gi0/1\n ip address 10.1.0.1 255.255.255.252\n mpls ip\nrouter ospf 1\n network 10.1.0.0 0.0.0.255 area 0\n mpls ldp sync"])
    public init() {}
    public func check(_ device: DeviceConfig) -> [Finding] {
        guard let ldp = device.ldpInterfaceNames, !ldp.isEmpty else { return [] }
        let unsynced = device.igpAdjacencyInterfaces.filter { ldp.contains($0.name) && !device.ldpIGPSync(on: $0) }
        guard let first = unsynced.first else { return [] }
        let names = unsynced.map(\.name)
        return [finding("LDP runs on IGP interface\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) without LDP-IGP synchronisation: the IGP can use a link whose LDP session is down",
                        at: first.location)]
    }
}

/// Simulation-backed: the failure that drops labeled traffic, at the interface where it leaves
/// the label path.
public struct FailureLabelBlackHoleRule: NetworkLintRule {
    public static let description = RuleDescription(
        code: "FAILURE-LABEL-BLACKHOLE", name: "A single failure drops labeled traffic", severity: .error,
        summary: "Simulated on the network the configs describe: failing one link or router moves traffic onto a link without LDP, where it leaves the label path, and a router behind it without the BGP route drops it. Needs the configs of the whole network.",
        rationale: """
        In a BGP-free core only the provider edge routers know the customer routes; the P routers forward by \
        label. routesim builds the network, converges the IGP, LDP and BGP, fails each link and router, and \
        traces traffic hop by hop with its label operations. A flow that is sent on unlabeled (no LDP session \
        or no label from the next hop) and then dropped is a black hole the IGP alone does not show; the \
        finding is on the interface where the label path ends, naming the failure.
        """,
        remediation: """
        Enable LDP on that interface and its neighbour (`mpls ip`), or enable LDP-IGP synchronisation so that \
        the IGP avoids the link while another path exists (`mpls ldp sync`).
        """,
        triggering: [Examples.core(p3ToP2: "")],
        clean: [Examples.core(p3ToP2: " mpls ip\n")])

    /// A BGP-free core: PE1 - P1 - P2 - PE2 with a backup P1 - P3 - P2 whose P3 - P2 link varies;
    /// PE1 and PE2 in iBGP, PE2 announcing 203.0.113.0/24.
    enum Examples {
        static func router(_ name: String, loopback: Int, links: [(String, String)], bgp: String = "") -> String {
            var text = "hostname \(name)\ninterface Loopback0\n ip address 10.0.0.\(loopback) 255.255.255.255\n"
            for (index, (address, extra)) in links.enumerated() {
                text += "interface Gi0/\(index + 1)\n ip address \(address) 255.255.255.254\n mpls ip\n" + extra
            }
            return text + "router ospf 1\n network 10.0.0.0 0.255.255.255 area 0\n" + bgp
        }
        static func core(p3ToP2 last: String) -> String {
            let pe1 = router("PE1", loopback: 1, links: [("10.1.0.0", "")],
                             bgp: "router bgp 65000\n neighbor 10.0.0.2 remote-as 65000\n neighbor 10.0.0.2 update-source Loopback0\n")
            let p1 = router("P1", loopback: 11, links: [("10.1.0.1", ""), ("10.1.0.2", ""), ("10.1.0.6", " ip ospf cost 20\n")])
            let p2 = router("P2", loopback: 12, links: [("10.1.0.3", ""), ("10.1.0.4", ""), ("10.1.0.9", " ip ospf cost 20\n")])
            var p3 = router("P3", loopback: 13, links: [("10.1.0.7", " ip ospf cost 20\n")])
            p3 = p3.replacingOccurrences(of: "router ospf 1", with: "interface Gi0/2\n ip address 10.1.0.8 255.255.255.254\n ip ospf cost 20\n\(last)router ospf 1")
            let pe2 = router("PE2", loopback: 2, links: [("10.1.0.5", "")],
                             bgp: "router bgp 65000\n neighbor 10.0.0.1 remote-as 65000\n neighbor 10.0.0.1 update-source Loopback0\n network 203.0.113.0 mask 255.255.255.0\nip route 203.0.113.0 255.255.255.0 Null0\n")
            return [pe1, p1, p2, p3, pe2].joined(separator: "\n---\n")
        }
    }

    public init() {}

    public func deferred(_ device: DeviceConfig) -> NetworkCheck? {
        let file = device.file
        let interfaces = device.interfaces.map { ($0.name, $0.location) }
        return { network in report(file: file, interfaces: interfaces, simulation: network.simulation) }
    }

    private func report(file: String, interfaces: [(String, SourceLocation)], simulation: LintSimulation) -> [Finding] {
        guard let report = simulation.report() else {
            return simulation.skipNote(code: Self.description.code, file: file, needsSweep: true).map { [$0] } ?? []
        }
        let network = simulation.built().network
        var findings: [Finding] = []
        for scenario in report.scenarios {
            // Group by the interface where the traffic leaves the label path; report on its router.
            var byExit: [String: [FlowOutcome]] = [:]
            for flow in scenario.flows where flow.classification == .blackHoled {
                guard let exit = flow.labelPathExit, let interface = exit.interface,
                      network?.router(named: exit.router)?.location.file == file else { continue }
                byExit[interface, default: []].append(flow)
            }
            for (name, flows) in byExit.sorted(by: { $0.key < $1.key }) {
                guard let location = interfaces.first(where: { $0.0 == name })?.1, let exit = flows.first?.labelPathExit else { continue }
                let names = flows.map(\.flow)
                let dropped = Set(flows.map(\.at)).sorted().joined(separator: ", ")
                findings.append(finding("when \(scenario.name) fails, \(flows.count) flow\(flows.count == 1 ? " leaves" : "s leave") the label path to \(exit.fec) here and \(flows.count == 1 ? "is" : "are") dropped at \(dropped) (\(names.prefix(4).joined(separator: ", "))\(names.count > 4 ? ", ..." : "")): \(exit.reason)",
                                        at: location))
            }
        }
        return findings
    }
}
