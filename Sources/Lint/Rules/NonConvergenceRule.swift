import Analysis
import ConfigParsers
import Diagnostics
import NetworkModel

/// Simulation-backed: the network the configs form does not settle without any failure.
public struct NonConvergenceRule: NetworkLintRule {
    public static let description = RuleDescription(
        code: "BGP-NO-CONVERGENCE", name: "The configured network does not converge", severity: .error,
        summary: "Simulated on the network the configs describe: without any failure, BGP best paths, aggregates and conditional advertisements, or IP SLA tracks keep changing. Reported on each router that keeps changing. Needs the configs of the whole network.",
        rationale: """
        A control plane that never settles makes forwarding change forever: a policy dispute wheel (Griffin's \
        BAD GADGET, RFC 4264's wedgies gone wrong), MED oscillation (RFC 3345), a conditional advertisement \
        that depends on the route it controls, or a probe that crosses the route its track controls. Any \
        answer about black holes is then one state among several; routesim shows one and says so.
        """,
        remediation: """
        Break the cycle the message names: make the local-preference policies of neighbouring ASes agree \
        (prefer customer routes over peer routes consistently), turn on `bgp deterministic-med`, make a \
        condition watch a route it does not control, or source a probe over a path its static does not decide.
        """,
        triggering: [Examples.badGadget(preference: 200)],
        clean: [Examples.badGadget(preference: 100)])

    /// Griffin's BAD GADGET: O originates a prefix; A1, A2 and A3 each prefer (local preference)
    /// the path through their clockwise neighbour over O's direct path.
    enum Examples {
        static func spoke(_ i: Int, _ asn: Int, links: [(String, String)], prefer: (asn: Int, via: String), neighbors: [(String, Int, Bool)], preference: Int) -> String {
            var text = "hostname A\(i)\n"
            for (n, (name, address)) in links.enumerated() { text += "interface \(name)\(n + 1)\n ip address \(address) 255.255.255.254\n" }
            text += "ip as-path access-list 1 permit ^\(prefer.asn) 65000$\n"
            text += "route-map PREFER permit 10\n match as-path 1\n set local-preference \(preference)\nroute-map PREFER permit 20\n"
            text += "router bgp \(asn)\n"
            for (address, remote, prefer) in neighbors {
                text += " neighbor \(address) remote-as \(remote)\n"
                if prefer { text += " neighbor \(address) route-map PREFER in\n" }
            }
            return text
        }

        static func badGadget(preference: Int) -> String {
            let origin = """
            hostname O
            interface Gi1
             ip address 10.0.1.0 255.255.255.254
            interface Gi2
             ip address 10.0.2.0 255.255.255.254
            interface Gi3
             ip address 10.0.3.0 255.255.255.254
            interface Gi4
             ip address 100.64.0.1 255.255.255.0
            router bgp 65000
             network 100.64.0.0 mask 255.255.255.0
             neighbor 10.0.1.1 remote-as 65001
             neighbor 10.0.2.1 remote-as 65002
             neighbor 10.0.3.1 remote-as 65003
            """
            let a1 = spoke(1, 65001, links: [("Gi", "10.0.1.1"), ("Gi", "10.0.12.0"), ("Gi", "10.0.31.1")], prefer: (65002, "A2"),
                           neighbors: [("10.0.1.0", 65000, false), ("10.0.12.1", 65002, true), ("10.0.31.0", 65003, true)], preference: preference)
            let a2 = spoke(2, 65002, links: [("Gi", "10.0.2.1"), ("Gi", "10.0.12.1"), ("Gi", "10.0.23.0")], prefer: (65003, "A3"),
                           neighbors: [("10.0.2.0", 65000, false), ("10.0.23.1", 65003, true), ("10.0.12.0", 65001, true)], preference: preference)
            let a3 = spoke(3, 65003, links: [("Gi", "10.0.3.1"), ("Gi", "10.0.23.1"), ("Gi", "10.0.31.0")], prefer: (65001, "A1"),
                           neighbors: [("10.0.3.0", 65000, false), ("10.0.31.1", 65001, true), ("10.0.23.0", 65002, true)], preference: preference)
            return [origin, a1, a2, a3].joined(separator: "\n---\n")
        }
    }

    public init() {}

    public func deferred(_ device: DeviceConfig) -> NetworkCheck? {
        guard let name = device.hostname, let location = device.bgp?.location else { return nil }
        let file = device.file
        return { network in report(router: name, file: file, at: location, simulation: network.simulation) }
    }

    private func report(router name: String, file: String, at location: SourceLocation, simulation: LintSimulation) -> [Finding] {
        guard let report = simulation.report() else {
            return simulation.skipNote(code: Self.description.code, file: file, needsSweep: true).map { [$0] } ?? []
        }
        guard let lines = report.baselineNonConvergence else { return [] }
        // The sentences name routers by hostname: report on each router they name.
        let mine = lines.filter { line in line.split(whereSeparator: { $0 == " " || $0 == "," }).contains { $0 == Substring(name) } }
        guard !mine.isEmpty else { return [] }
        return [finding("without any failure the network these configs form does not converge: \(mine.joined(separator: "; "))", at: location)]
    }
}
