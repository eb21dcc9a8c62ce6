import Diagnostics
import NetPrimitives

/// VRFs and L3VPN in the Cisco-style dialects (docs/vrf.md): IOS `vrf definition` / `ip vrf`
/// with `rd` and `route-target`, EOS `vrf instance` and `router bgp` > `vrf V` (`rd`,
/// `route-target import|export vpn-ipv4`), per-VRF BGP (IOS `address-family ipv4 vrf V`), and
/// the VPN-IPv4 family between PEs (`address-family vpnv4` / EOS `vpn-ipv4`, `neighbor X activate`).
/// IPv6 in VRFs (6VPE, RFC 4659; docs/ipv6.md): the VRF's IPv6 family (`address-family ipv6
/// vrf V`, EOS and FRR `address-family ipv6` in the VRF's BGP), IPv6 route targets, VPN-IPv6.
extension CiscoStyleParser {
    static let vpnv4Scope = "address-family vpnv4"
    static let vpnv6Scope = "address-family vpnv6"
    /// The VPN families' `address-family` words in IOS, EOS and FRR.
    static let vpnScopes: [String: String] = [
        "vpnv4": vpnv4Scope, "vpnv4 unicast": vpnv4Scope, "vpn-ipv4": vpnv4Scope, "ipv4 vpn": vpnv4Scope,
        "vpnv6": vpnv6Scope, "vpnv6 unicast": vpnv6Scope, "vpn-ipv6": vpnv6Scope, "ipv6 vpn": vpnv6Scope,
    ]

    /// Lines inside `vrf definition V` / `ip vrf V` (and EOS `vrf instance V`).
    func vrfDefinitionLine(_ w: [Substring], name: String, location: SourceLocation, state: inout State) -> Outcome {
        switch w[0] {
        case "rd" where w.count == 2:
            guard let rd = RouteDistinguisher(w[1]) else { return .unrecognized }
            state.device.vrfs[name]?.routeDistinguisher = rd
            return .modelled
        case "route-target":
            return routeTargetLine(Array(w.dropFirst()), vrf: name, ipv6: state.vrfDefinitionIPv6, location: location, state: &state)
        case "address-family" where w.count >= 2:
            state.vrfDefinitionIPv6 = w[1] == "ipv6"
            guard w[1] == "ipv4" || w[1] == "ipv6", w.count == 2 || (w.count == 3 && w[2] == "unicast") else {
                return .unsupported("the VRF's \(w.dropFirst().joined(separator: " ")) family is not modelled (VRFs carry IPv4 and IPv6 unicast)")
            }
            return .modelled
        case "description":
            return .ignored
        default:
            return .unsupported("VRF option '\(w[0])' is not modelled (routesim reads the route distinguisher and route targets)")
        }
    }

    /// `[import|export|both] [vpn-ipv4|vpn-ipv6] RT`: IOS's and EOS' forms (no direction: both).
    /// `ipv6`: said in the VRF's IPv6 family (IOS `vrf definition` > `address-family ipv6`).
    func routeTargetLine(_ w: [Substring], vrf: String, ipv6: Bool = false, location: SourceLocation, state: inout State) -> Outcome {
        var words = w[...]
        var direction = "both"
        var ipv6 = ipv6
        if let first = words.first, ["import", "export", "both"].contains(first) { direction = String(first); words = words.dropFirst() }
        if let family = words.first, family == "vpn-ipv4" || family == "evpn" || family == "vpn-ipv6" {
            guard family != "evpn" else { return .unsupported("EVPN route targets are not modelled (routesim models VPN-IPv4 and VPN-IPv6)") }
            ipv6 = family == "vpn-ipv6"
            words = words.dropFirst()
        }
        guard words.count == 1, let target = words.first.flatMap({ RouteTarget($0) }), var facts = state.device.vrfs[vrf] else { return .unrecognized }
        if ipv6 {
            if facts.ipv6TargetsLocation == nil { facts.ipv6TargetsLocation = location }
            if direction != "export", !facts.ipv6ImportTargets.contains(target) { facts.ipv6ImportTargets.append(target) }
            if direction != "import", !facts.ipv6ExportTargets.contains(target) { facts.ipv6ExportTargets.append(target) }
        } else {
            if direction != "export", !facts.importTargets.contains(target) { facts.importTargets.append(target) }
            if direction != "import", !facts.exportTargets.contains(target) { facts.exportTargets.append(target) }
        }
        state.device.vrfs[vrf] = facts
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
        if w[0] == "route-target" { return routeTargetLine(Array(w.dropFirst()), vrf: vrf, ipv6: state.bgpVRFIPv6, location: location, state: &state) }
        if state.device.dialect == .frr, let outcome = frrVPNLine(w, vrf: vrf, location: location, state: &state) { return outcome }
        guard let facts = state.device.vrfBGP[vrf] else { return .unrecognized }
        // One statement of the BGP line rules: the VRF's facts stand in for the global ones.
        let global = state.device.bgp
        state.device.vrfBGP[vrf] = nil
        state.device.bgp = facts
        let known = Set(facts.neighbors.map(\.key))
        let outcome = state.bgpVRFIPv6 ? ipv6UnicastLine(w, location: location, state: &state) : bgpLine(w, location: location, state: &state)
        if state.bgpVRFIPv6, let count = state.device.bgp?.neighbors.count {
            // A neighbor first said in the VRF's IPv6 family is in that family only (IOS
            // `address-family ipv6 vrf V` > `neighbor X remote-as`), whatever the IPv4 default.
            for index in 0..<count where !known.contains(state.device.bgp?.neighbors[index].key ?? "") {
                if state.device.bgp?.neighbors[index].ipv4Unicast == nil { state.device.bgp?.neighbors[index].ipv4Unicast = false }
            }
        }
        state.device.vrfBGP[vrf] = state.device.bgp
        state.device.bgp = global
        return outcome
    }

    /// FRR's VRF-to-VPN statements in `router bgp N vrf V` > `address-family ipv4 unicast`:
    /// `rd vpn export`, `rt vpn import|export|both` (several targets per line), `export vpn`,
    /// `import vpn` (without them FRR leaks nothing), `label vpn export`. nil: not one of them.
    func frrVPNLine(_ w: [Substring], vrf: String, location: SourceLocation, state: inout State) -> Outcome? {
        switch (w[0], w.count > 1 ? w[1] : "") {
        case ("rd", "vpn") where w.count == 4 && w[2] == "export":
            guard let rd = RouteDistinguisher(w[3]) else { return .unrecognized }
            state.device.vrfs[vrf]?.routeDistinguisher = rd
            return .modelled
        case ("rt", "vpn") where w.count >= 4 && ["import", "export", "both"].contains(w[2]):
            var outcome = Outcome.modelled
            for target in w[3...] {
                if case .unrecognized = routeTargetLine([w[2], target], vrf: vrf, ipv6: state.bgpVRFIPv6, location: location, state: &state) {
                    outcome = .unrecognized
                }
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

    /// `address-family vpnv4` / `vpnv6`: which neighbors carry VPN routes of the family, and
    /// route reflection there.
    func vpnLine(_ w: [Substring], family: AddressFamily, location: SourceLocation, state: inout State) -> Outcome {
        let negated = w[0] == "no"
        let words = negated ? Array(w.dropFirst()) : w
        let name = family == .ipv4 ? "VPN-IPv4" : "VPN-IPv6"
        guard words.count >= 3, words[0] == "neighbor", state.device.bgp != nil else {
            return .unsupported("in the \(name) family only neighbor activate, route-reflector-client and send-community are modelled")
        }
        let key = String(words[1])
        switch words[2] {
        case "activate", "route-reflector-client":
            guard let index = state.device.bgp?.neighbor(key, at: location) else { return .unrecognized }
            switch (words[2], family) {
            case ("activate", .ipv4): state.device.bgp?.neighbors[index].vpnv4 = !negated
            case ("activate", _): state.device.bgp?.neighbors[index].vpnv6 = !negated
            case (_, .ipv4): state.device.bgp?.neighbors[index].vpnv4ReflectorClient = !negated
            default: state.device.bgp?.neighbors[index].vpnv6ReflectorClient = !negated
            }
            return .modelled
        case "send-community", "send-community-ebgp", "send-extended-community-ebgp", "advertisement-interval", "next-hop-self",
             "soft-reconfiguration":
            // Route targets are extended communities, sent on VPN sessions by default (IOS,
            // EOS); a PE is always the next hop of the VPN routes it originates; a copy of the
            // routes received changes no route.
            return .ignored
        default:
            return .unsupported("neighbor \(words[2]) in the \(name) family is not modelled")
        }
    }
}
