import ConfigParsers
import Diagnostics
import Foundation

/// What the configs say that routesim's model does not take. Unsupported lines are grouped per
/// file and reason (one finding at the first such line, naming the others), so a file with a
/// hundred IPv6 lines gives one warning, not a hundred; what the network build leaves out or
/// simplifies (a VRF interface, a route-map clause, an unevaluated Junos term) is reported at
/// its line as the build says it.
public struct ConfigNotModelledRule: NetworkLintRule {
    public static let description = RuleDescription(
        code: "CFG001", name: "Config meaning routesim does not model", severity: .warning,
        summary: "A statement has a routing meaning that routesim leaves out or simplifies (VRFs, IPv6, ACLs, IGP summarisation, an unevaluated policy term, ...); the message says what routesim does instead.",
        rationale: "Every answer routesim gives is about the model. A line whose meaning did not reach it can change the answer; saying so at the line keeps the answer honest.",
        remediation: "Check that the simplification does not matter for the question asked (often it does not), or adapt the config. `rules explain CFG001` and docs/linting.md list what each dialect models.",
        triggering: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n neighbor 192.0.2.2 remove-private-as"],
        clean: ["router bgp 65001\n neighbor 192.0.2.2 remote-as 65002"])
    public init() {}

    public func check(_ device: DeviceConfig) -> [Finding] {
        var findings: [Finding] = []
        for (file, lines) in device.unsupportedByFile where !lines.isEmpty {
            var byReason: [String: [Int]] = [:]
            for line in lines { byReason[line.reason, default: []].append(line.line) }
            for (reason, numbers) in byReason.sorted(by: { ($0.value[0], $0.key) < ($1.value[0], $1.key) }) {
                let others = numbers.dropFirst()
                let more = others.isEmpty ? "" : " (also line\(others.count == 1 ? "" : "s") \(others.prefix(8).map(String.init).joined(separator: ", "))\(others.count > 8 ? ", ... \(others.count) in all" : ""))"
                findings.append(finding(reason + more, at: SourceLocation(file: file, line: numbers[0], column: 1)))
            }
        }
        return findings
    }

    public func deferred(_ device: DeviceConfig) -> NetworkCheck? {
        let files = [device.file] + device.absorbed.map(\.file)
        return { network in
            network.buildFindings(code: Self.description.code, in: files)
                + [network.simulation.skipNote(code: Self.description.code, file: files[0], needsSweep: false)].compactMap { $0 }
        }
    }
}

/// FRR's `bgp ebgp-requires-policy` at work: an eBGP session without a filter in a direction
/// passes nothing in that direction.
public struct EBGPRequiresPolicyRule: NetworkLintRule {
    public static let description = RuleDescription(
        code: "CFG002", name: "FRR eBGP session without policy passes nothing", severity: .warning,
        summary: "FRR's `bgp ebgp-requires-policy` (on by default since FRR 7.4, off with `frr defaults datacenter`) stops an eBGP session without an inbound (or outbound) filter from accepting (or announcing) any route; routesim models that.",
        rationale: "Configs carried over from other vendors or older FRR lose every eBGP route without an error in the log.",
        remediation: "Add a route-map or prefix-list in that direction, or `no bgp ebgp-requires-policy`.",
        triggering: ["frr version 8.4\nrouter bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n!\ninterface eth0\n ip address 192.0.2.1/30"],
        clean: ["frr version 8.4\nrouter bgp 65001\n no bgp ebgp-requires-policy\n neighbor 192.0.2.2 remote-as 65002\n!\ninterface eth0\n ip address 192.0.2.1/30"])
    public init() {}

    public func deferred(_ device: DeviceConfig) -> NetworkCheck? {
        let files = [device.file] + device.absorbed.map(\.file)
        return { network in
            network.buildFindings(code: Self.description.code, in: files)
                + [network.simulation.skipNote(code: Self.description.code, file: files[0], needsSweep: false)].compactMap { $0 }
        }
    }
}

extension LintNetwork {
    /// The network build's diagnostics with `code` that are located in one router's files,
    /// as findings of rule `rule` (the build's own code when nil).
    func buildFindings(code: String, in files: [String], as rule: String? = nil) -> [Finding] {
        files.flatMap { simulation.buildDiagnostics(in: $0) }.compactMap { diagnostic in
            guard diagnostic.code == code, let location = diagnostic.location else { return nil }
            return Finding(code: rule ?? code, severity: diagnostic.severity, message: diagnostic.message, file: location.file, line: location.line,
                           column: location.column, text: nil)
        }
    }
}

extension NetworkLintRule {
    /// The check that reports the network build's `code` diagnostics located in this router's
    /// files as findings of this rule (the build says it once; lint names it by rule).
    func buildDiagnosticsCheck(_ device: DeviceConfig, code: String) -> NetworkCheck {
        let files = [device.file] + device.absorbed.map(\.file)
        return { network in network.buildFindings(code: code, in: files, as: Self.description.code) }
    }
}
