import Diagnostics
import NetPrimitives
import NetworkModel

/// VRFs from configs (docs/vrf.md): each VRF a router uses (interfaces, static routes or BGP in
/// it) becomes a routing instance `ROUTER/VRF` with those interfaces, statics and BGP, and the
/// route distinguisher and route targets its definition gives.
extension ConfigNetworkBuilder {
    /// The instances without their BGP, which `build` adds once the links are known.
    static func vrfInstances(of device: DeviceConfig, host: Int, hostRouter: Router, diagnostics: inout [Diagnostic]) -> [Router] {
        func warn(_ message: String, _ at: SourceLocation) { diagnostics.append(Diagnostic(.warning, "CFG001", message, at: at)) }
        let used = Set(device.interfaces.compactMap(\.vrf) + device.staticRoutes.compactMap(\.vrf) + device.vrfBGP.keys)
        var instances: [Router] = []
        for name in used.sorted() {
            let definition = device.vrfs[name]
            let firstUse = device.interfaces.first { $0.vrf == name }.map { $0.vrfLocation ?? $0.location }
                ?? device.staticRoutes.first { $0.vrf == name }?.location ?? device.vrfBGP[name]?.location ?? hostRouter.location
            let frr = device.dialect == .frr
            let targets = device.routeTargets(ofVRF: name)
            let vrf = VRFInstance(host: host, name: name, routeDistinguisher: definition?.routeDistinguisher,
                                  importTargets: targets.imports, exportTargets: targets.exports, location: definition?.location ?? firstUse)
            if let own = definition?.autonomousSystem, own.asn != hostRouter.asn {
                warn("routing instance \(name) declares AS \(own.asn), not the router's \(hostRouter.asn): not modelled, the instance speaks with the router's AS", own.location)
            }
            if definition == nil && !frr {
                warn("VRF \(name) is used but not defined (no vrf definition): it has no route targets, so it exchanges no VPN routes", firstUse)
            }
            if let definition, let at = definition.ipv6TargetsLocation, !targets.imports.isEmpty || !targets.exports.isEmpty,
               Set(definition.ipv6ImportTargets) != Set(targets.imports) || Set(definition.ipv6ExportTargets) != Set(targets.exports) {
                warn("VRF \(name)'s IPv6 route targets differ from its IPv4 ones: routesim has one set per VRF and uses the IPv4 family's for both", at)
            }
            var interfaces: [Interface] = []
            for interface in device.interfaces where interface.vrf == name {
                guard let (first, ipv6) = Self.modelledAddresses(interface, warn: warn) else { continue }
                let loopback = interface.isLoopback || first.prefix.length == first.prefix.family.maxLength
                // The PE's IGP is the core's; a routing protocol toward the CE other than BGP or static is not modelled.
                var modelled = Interface(name: interface.name, kind: loopback ? .loopback : .link, address: first.address, prefix: first.prefix,
                                         igp: .off, cost: interface.ospfCost ?? interface.isisMetric ?? 10, shutdown: interface.shutdown,
                                         location: interface.location)
                modelled.ipv6 = ipv6
                modelled.timers = interface.timers
                interfaces.append(modelled)
            }
            let statics = device.staticRoutes.filter { $0.vrf == name }.map { staticRoute($0, diagnostics: &diagnostics) }
            // A tracked static in a VRF: its track and probe come along, and the probe runs in the VRF.
            let tracked = statics.contains { $0.track != nil }
            for route in statics where route.track != nil {
                warn("static route \(route.prefix) in VRF \(name) is tracked: its IP SLA probe is run inside the VRF (as `ip sla ... vrf \(name)` would)", route.location)
            }
            var router = Router(name: VRFInstance.instanceName(host: hostRouter.name, vrf: name), asn: hostRouter.asn, routerID: hostRouter.routerID,
                                role: .edge, interfaces: interfaces, staticRoutes: statics,
                                ipSLAs: tracked ? hostRouter.ipSLAs : [], tracks: tracked ? hostRouter.tracks : [], dialect: device.dialect, location: vrf.location)
            router.timers = hostRouter.timers   // the BGP instance's own: `build` sets them with its BGP
            router.vrf = vrf
            instances.append(router)
        }
        return instances
    }

    /// A static route of the config as the model's.
    static func staticRoute(_ route: StaticRouteConfig, diagnostics: inout [Diagnostic]) -> StaticRoute {
        let target: StaticTarget
        switch route.target {
        case .discard: target = .discard
        case .nextHop(let hop): target = .nextHop(hop)
        case .interface(let name, let gateway): target = gateway.map { .nextHop($0) } ?? .interface(name)
        }
        let track = route.track.flatMap { Int($0) }
        if let text = route.track, track == nil {
            diagnostics.append(Diagnostic(.warning, "CFG001", "static route \(route.prefix) tracks '\(text)', which is not a track object; modelled untracked",
                                          at: route.location))
        }
        return StaticRoute(prefix: route.prefix, target: target, distance: route.distance, track: track, location: route.location)
    }
}
