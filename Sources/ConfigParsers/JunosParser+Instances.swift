import Diagnostics
import NetPrimitives

/// Junos routing instances (docs/vrf.md): `instance-type vrf` (and `virtual-router`, a VRF
/// without VPN), `route-distinguisher`, `vrf-target`, `vrf-import` / `vrf-export` (their route
/// targets are read from the policies when the network is built), `vrf-table-label`, interfaces.
extension JunosParser {
    /// Reads one statement of routing instance `instance`; returns why it is unsupported, or nil
    /// when it was modelled or ignored (and counted).
    func readInstanceStatement(_ w: [Substring], instance: String, location: SourceLocation, device: inout DeviceConfig) -> String? {
        func at(_ i: Int) -> Substring? { i < w.count ? w[i] : nil }
        func facts() { if device.vrfs[instance] == nil { device.vrfs[instance] = VRFFacts(name: instance, location: location) } }
        switch (w[0], at(1)) {
        case ("interface", let name?):
            let index = device.interface(named: String(name), at: location)
            device.interfaces[index].vrf = instance
            device.interfaces[index].vrfLocation = location
        case ("instance-type", let type?):
            guard type == "vrf" || type == "virtual-router" else { return "instance-type \(type) is not modelled (routesim models vrf and virtual-router)" }
            facts()
            device.vrfs[instance]?.location = location
        case ("route-distinguisher", let text?):
            facts()
            guard let rd = RouteDistinguisher(text) else { return "route distinguisher \(text) is not ASN:number or address:number" }
            device.vrfs[instance]?.routeDistinguisher = rd
        case ("vrf-target", _):
            // `vrf-target target:A:N` (both), `vrf-target import|export target:A:N`.
            facts()
            let direction = at(1) == "import" || at(1) == "export" ? String(at(1) ?? "") : "both"
            guard let text = w.last, let target = RouteTarget(text) else { return "vrf-target without a route target" }
            if direction != "export" { device.vrfs[instance]?.importTargets.append(target) }
            if direction != "import" { device.vrfs[instance]?.exportTargets.append(target) }
        case ("vrf-import", _), ("vrf-export", _):
            facts()
            let names = Self.listItems(Array(w.dropFirst()))
            if w[0] == "vrf-import" { device.vrfs[instance]?.importPolicies += names } else { device.vrfs[instance]?.exportPolicies += names }
        case ("vrf-table-label", nil):
            // One label per VRF with an IP lookup: how routesim pops every VPN label.
            facts()
        case (_, nil) where w.count == 1:
            device.lines.ignored += 1   // a block opener (`protocols {`)
            return nil
        case ("routing-options", "auto-export"):
            // Local leaking between this router's instances by route target, which routesim does anyway.
            break
        case ("routing-options", "autonomous-system"):
            // Compared with the router's AS when the network is built (it may be set later in the file).
            guard let text = at(2), let asn = ASN(text) else { return "autonomous-system without a number" }
            facts()
            device.vrfs[instance]?.autonomousSystem = (asn, location)
        case ("routing-options", "router-id"), ("description", _):
            device.lines.ignored += 1
            return nil
        default:
            return "routing instance \(instance): '\(w.prefix(3).joined(separator: " "))' is not modelled (docs/vrf.md)"
        }
        device.lines.modelled += 1
        return nil
    }
}
