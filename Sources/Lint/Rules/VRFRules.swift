import ConfigParsers
import Diagnostics
import NetPrimitives

/// A VRF route target that no other VRF of the network meets: routes exported with it reach no
/// VRF, or a VRF waits for routes nobody sends (RFC 4364 section 4.3.1).
public struct VRFRouteTargetUnmatchedRule: NetworkLintRule {
    public static let description = RuleDescription(
        code: "VRF-ROUTE-TARGET-UNMATCHED", name: "VRF route target exported or imported by no other VRF", severity: .warning,
        summary: "A VRF exports a route target that no other VRF in the linted configs imports, or imports one that no other VRF exports (checked when at least two configs define VRFs with route targets).",
        rationale: """
        VPN routes go where route targets meet. A target exported by one PE and imported by no other VRF carries the \
        site's routes nowhere; a target imported and exported by no other VRF leaves the VRF without the routes it \
        was built for. Both are usually a typo in one PE's VRF (65000:10 against 65000:100) and show up as a customer \
        site that reaches nothing, with every session up.
        """,
        remediation: "Make the route targets of the VRFs that must exchange routes meet (the same value exported by one and imported by the other), or remove the stray target.",
        triggering: [twoPEs(secondRD: "65001:2", secondTarget: "65001:10")],
        clean: [twoPEs(secondRD: "65001:2", secondTarget: "65001:1")])
    public init() {}

    public func deferred(_ device: DeviceConfig) -> NetworkCheck? {
        let vrfs = device.vrfs.keys.sorted().map { (name: $0, targets: device.routeTargets(ofVRF: $0), location: device.vrfs[$0]?.location) }
        guard vrfs.contains(where: { !$0.targets.imports.isEmpty || !$0.targets.exports.isEmpty }) else { return nil }
        let file = device.file
        return { network in
            // One config's VRFs say nothing about the PEs not linted with it.
            guard network.vpnFiles.count >= 2 else { return [] }
            var findings: [Finding] = []
            for vrf in vrfs {
                guard let location = vrf.location else { continue }
                // Met by another config, or by another VRF of this one.
                func importedElsewhere(_ target: RouteTarget) -> Bool {
                    (network.importedTargets[target] ?? []).contains { $0 != file } || vrfs.contains { $0.name != vrf.name && $0.targets.imports.contains(target) }
                }
                func exportedElsewhere(_ target: RouteTarget) -> Bool {
                    (network.exportedTargets[target] ?? []).contains { $0 != file } || vrfs.contains { $0.name != vrf.name && $0.targets.exports.contains(target) }
                }
                // Per target, what it lacks: nobody on the other side of either direction it is used in.
                for target in Set(vrf.targets.exports + vrf.targets.imports).sorted() {
                    let unheard = vrf.targets.exports.contains(target) && !importedElsewhere(target)
                    let unfed = vrf.targets.imports.contains(target) && !exportedElsewhere(target)
                    let text: String
                    if unheard && unfed {
                        text = "imports and exports route target \(target), which no other VRF in these configs uses: it exchanges no VPN routes with it"
                    } else if unheard {
                        text = "exports route target \(target), which no other VRF in these configs imports: its routes reach no VRF"
                    } else if unfed {
                        text = "imports route target \(target), which no other VRF in these configs exports: no VPN route arrives with it"
                    } else {
                        continue
                    }
                    findings.append(finding("VRF \(vrf.name) \(text)", at: location))
                }
            }
            return findings
        }
    }
}

/// One route distinguisher on VRFs of two PEs: where the VPN routes cross a route reflector, the
/// reflector keeps one best path per distinguisher and prefix (RFC 4364 section 4.2, RFC 4456),
/// so a site multi-homed to both PEs loses its second path everywhere behind the reflector.
public struct VRFDistinguisherSharedRule: NetworkLintRule {
    public static let description = RuleDescription(
        code: "VRF-RD-SHARED", name: "Route distinguisher shared by two PEs", severity: .note,
        summary: "VRFs on two routers of the linted configs use the same route distinguisher.",
        rationale: """
        The route distinguisher is what keeps two PEs' routes for one prefix apart in the VPN-IPv4 family. With \
        the same distinguisher, a route reflector compares them as one route and reflects only its best: a site \
        multi-homed to both PEs then has a single path in every other PE, and loses it for the time a failure \
        takes to reconverge through the reflector instead of switching to a second path already installed.
        """,
        remediation: "Give each PE its own route distinguisher per VRF (for example ROUTER-ID:VRF-NUMBER); route targets, not distinguishers, say who imports what.",
        triggering: [twoPEs(secondRD: "65001:1", secondTarget: "65001:1")],
        clean: [twoPEs(secondRD: "65001:2", secondTarget: "65001:1")])
    public init() {}

    public func deferred(_ device: DeviceConfig) -> NetworkCheck? {
        let vrfs = device.vrfs.values.sorted { $0.name < $1.name }.compactMap { vrf in vrf.routeDistinguisher.map { (vrf.name, $0, vrf.location) } }
        guard !vrfs.isEmpty else { return nil }
        let file = device.file
        return { network in
            vrfs.compactMap { name, rd, location in
                let others = (network.distinguisherFiles[rd] ?? []).filter { $0 != file }.sorted()
                guard let first = others.first else { return nil }
                return finding("VRF \(name) uses route distinguisher \(rd), as \(others.count == 1 ? first : "\(first) and \(others.count - 1) more") does: behind a route reflector a site multi-homed to both keeps one path", at: location)
            }
        }
    }
}

/// The VRF rules' examples: PE1's VRF CUST (RD 65001:1, target 65001:1) and PE2's, whose RD and
/// target each example sets.
private func twoPEs(secondRD: String, secondTarget: String) -> String {
    """
    hostname PE1
    vrf definition CUST
     rd 65001:1
     route-target both 65001:1
    ---
    hostname PE2
    vrf definition CUST
     rd \(secondRD)
     route-target both \(secondTarget)
    """
}
