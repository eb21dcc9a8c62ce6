import Diagnostics
import NetPrimitives

/// VRFs and L3VPN in the Cisco-style dialects (docs/vrf.md): IOS `vrf definition` / `ip vrf`
/// with `rd` and `route-target`, EOS `vrf instance` and `router bgp` > `vrf V` (`rd`,
/// `route-target import|export vpn-ipv4`), per-VRF BGP (IOS `address-family ipv4 vrf V`), and
/// the VPN-IPv4 family between PEs (`address-family vpnv4` / EOS `vpn-ipv4`, `neighbor X activate`).
extension CiscoStyleParser {
    static let vpnv4Scope = "address-family vpnv4"

    /// Lines inside `vrf definition V` / `ip vrf V` (and EOS `vrf instance V`).
    func vrfDefinitionLine(_ w: [Substring], name: String, location: SourceLocation, state: inout State) -> Outcome {
        switch w[0] {
        case "rd" where w.count == 2:
            guard let rd = RouteDistinguisher(w[1]) else { return .unrecognized }
            state.device.vrfs[name]?.routeDistinguisher = rd
            return .modelled
        case "route-target":
            if state.vrfDefinitionIPv6 { return .unsupported("route targets of the VRF's IPv6 family are not modelled (VRFs are IPv4: VPN-IPv4)") }
            return routeTargetLine(Array(w.dropFirst()), vrf: name, state: &state)
        case "address-family" where w.count >= 2:
            state.vrfDefinitionIPv6 = w[1] != "ipv4"
            return w[1] == "ipv4" ? .modelled : .unsupported("the VRF's \(w[1]) family is not modelled (VRFs are IPv4: VPN-IPv4)")
        case "description":
            return .ignored
        default:
            return .unsupported("VRF option '\(w[0])' is not modelled (routesim reads the route distinguisher and route targets)")
        }
    }

    /// `[import|export|both] [vpn-ipv4] RT`: IOS's and EOS' forms (no direction: both).
    func routeTargetLine(_ w: [Substring], vrf: String, state: inout State) -> Outcome {
        var words = w[...]
        var direction = "both"
        if let first = words.first, ["import", "export", "both"].contains(first) { direction = String(first); words = words.dropFirst() }
        if let family = words.first, family == "vpn-ipv4" || family == "evpn" || family == "vpn-ipv6" {
            guard family == "vpn-ipv4" else { return .unsupported("\(family) route targets are not modelled (routesim models VPN-IPv4)") }
            words = words.dropFirst()
        }
        guard words.count == 1, let target = words.first.flatMap({ RouteTarget($0) }) else { return .unrecognized }
        if state.device.vrfs[vrf] == nil { return .unrecognized }
        if direction != "export", state.device.vrfs[vrf]?.importTargets.contains(target) == false { state.device.vrfs[vrf]?.importTargets.append(target) }
        if direction != "import", state.device.vrfs[vrf]?.exportTargets.contains(target) == false { state.device.vrfs[vrf]?.exportTargets.append(target) }
        return .modelled
    }

    /// Enters the BGP of VRF `name` (IOS `address-family ipv4 vrf V`, EOS `vrf V`).
    func openVRFBGP(_ name: String, indent: Int, location: SourceLocation, state: inout State) {
        state.bgpVRF = (name, indent)
        if state.device.vrfBGP[name] == nil, let asn = state.device.bgp?.asn {
            state.device.vrfBGP[name] = BGPConfigFacts(asn: asn, location: location)
        }
        // EOS defines the route distinguisher here, so the VRF may first appear in BGP.
        if state.device.vrfs[name] == nil { state.device.vrfs[name] = VRFFacts(name: name, location: location) }
    }

    /// A line of a VRF's BGP: EOS' `rd` and `route-target` there, else read as `router bgp`
    /// reads the global table, into the VRF's facts.
    func vrfBGPLine(_ w: [Substring], vrf: String, location: SourceLocation, state: inout State) -> Outcome {
        if w[0] == "rd" && w.count == 2 {
            guard let rd = RouteDistinguisher(w[1]) else { return .unrecognized }
            state.device.vrfs[vrf]?.routeDistinguisher = rd
            return .modelled
        }
        if w[0] == "route-target" { return routeTargetLine(Array(w.dropFirst()), vrf: vrf, state: &state) }
        if state.device.dialect == .frr, let outcome = frrVPNLine(w, vrf: vrf, state: &state) { return outcome }
        guard let facts = state.device.vrfBGP[vrf] else { return .unrecognized }
        // One statement of the BGP line rules: the VRF's facts stand in for the global ones.
        let global = state.device.bgp
        state.device.vrfBGP[vrf] = nil
        state.device.bgp = facts
        let outcome = bgpLine(w, location: location, state: &state)
        state.device.vrfBGP[vrf] = state.device.bgp
        state.device.bgp = global
        return outcome
    }

    /// FRR's VRF-to-VPN statements in `router bgp N vrf V` > `address-family ipv4 unicast`:
    /// `rd vpn export`, `rt vpn import|export|both` (several targets per line), `export vpn`,
    /// `import vpn` (without them FRR leaks nothing), `label vpn export`. nil: not one of them.
    func frrVPNLine(_ w: [Substring], vrf: String, state: inout State) -> Outcome? {
        switch (w[0], w.count > 1 ? w[1] : "") {
        case ("rd", "vpn") where w.count == 4 && w[2] == "export":
            guard let rd = RouteDistinguisher(w[3]) else { return .unrecognized }
            state.device.vrfs[vrf]?.routeDistinguisher = rd
            return .modelled
        case ("rt", "vpn") where w.count >= 4 && ["import", "export", "both"].contains(w[2]):
            var outcome = Outcome.modelled
            for target in w[3...] {
                if case .unrecognized = routeTargetLine([w[2], target], vrf: vrf, state: &state) { outcome = .unrecognized }
            }
            return outcome
        case ("export", "vpn") where w.count == 2, ("import", "vpn") where w.count == 2:
            if w[0] == "export" { state.device.vrfs[vrf]?.exportsToVPN = true } else { state.device.vrfs[vrf]?.importsFromVPN = true }
            return .modelled
        case ("label", "vpn") where w.count >= 4 && w[2] == "export":
            // The VPN label: routesim pops it into the VRF's table (per-VRF lookup), whatever its value.
            return .modelled
        case ("rd", _), ("rt", _), ("label", _), ("import", _), ("export", _), ("nexthop", _), ("route-map", "vpn"):
            return .unsupported("this VRF-to-VPN statement is not modelled (docs/vrf.md)")
        default:
            return nil
        }
    }

    /// `address-family vpnv4`: which neighbors carry VPN-IPv4 routes, and route reflection there.
    func vpnv4Line(_ w: [Substring], location: SourceLocation, state: inout State) -> Outcome {
        let negated = w[0] == "no"
        let words = negated ? Array(w.dropFirst()) : w
        guard words.count >= 3, words[0] == "neighbor", state.device.bgp != nil else {
            return .unsupported("in the VPN-IPv4 family only neighbor activate, route-reflector-client and send-community are modelled")
        }
        let key = String(words[1])
        switch words[2] {
        case "activate":
            let index = state.device.bgp?.neighbor(key, at: location)
            if let index { state.device.bgp?.neighbors[index].vpnv4 = !negated }
            return .modelled
        case "route-reflector-client":
            let index = state.device.bgp?.neighbor(key, at: location)
            if let index { state.device.bgp?.neighbors[index].vpnv4ReflectorClient = !negated }
            return .modelled
        case "send-community", "send-community-ebgp", "send-extended-community-ebgp", "advertisement-interval", "next-hop-self":
            // Route targets are extended communities, sent on VPN-IPv4 sessions by default (IOS,
            // EOS); a PE is always the next hop of the VPN routes it originates.
            return .ignored
        default:
            return .unsupported("neighbor \(words[2]) in the VPN-IPv4 family is not modelled")
        }
    }
}
