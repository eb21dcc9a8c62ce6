import Diagnostics
import Foundation
import NetPrimitives
import NetworkModel

/// A whole network from router configs (`simulate --configs`, `failures --configs`): one router
/// per config, links inferred from subnets that exactly two routers share, ASes from `router
/// bgp`, the IGP from the routers' processes. What the model cannot take yet is said, not
/// dropped: every such element becomes a warning with its config line.
public enum ConfigNetworkBuilder {
    public static func build(_ devices: [DeviceConfig], name: String) -> (Network?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func warn(_ message: String, _ at: SourceLocation, hint: String? = nil) { diagnostics.append(Diagnostic(.warning, "CFG001", message, at: at, hint: hint)) }
        var routers: [Router] = []
        var deviceOfRouter: [DeviceConfig] = []
        var ases: [ASN: AutonomousSystem] = [:]
        var fileOfName: [String: String] = [:]
        // Who owns each address, and in which AS: FRR's `remote-as external|internal` names no AS.
        var asnOfAddress: [IPAddress: ASN] = [:]
        for device in devices {
            guard let asn = device.bgp?.asn else { continue }
            for interface in device.interfaces where interface.vrf == nil { for (address, _) in interface.addresses { asnOfAddress[address] = asn } }
        }
        let adoptedASNs = IGPDomains.adoptedASNs(devices)
        // Routers first, then the links between them, then BGP: an unnumbered neighbor (FRR
        // `neighbor IF interface`) is whichever router the links put at the other end of IF.
        let ordered = devices.sorted(by: { $0.file < $1.file })
        var sourceOfRouter: [Int] = []   // per router (VRF instances too): its device in `ordered`
        for (d, device) in ordered.enumerated() {
            let fileLocation = SourceLocation(file: device.file, line: 1, column: 1)
            // Without a hostname: the file's name, or for FRR (`frr.conf`, daemon files) its directory's (`r1/frr.conf` -> r1).
            let fileName = (device.file as NSString).lastPathComponent
            let frrFile = fileName == "frr.conf" || DeviceConfig.frrDaemonFiles.contains(fileName)  // not vtysh.conf: it names no router
            var routerName = device.hostname
                ?? (frrFile ? (ConfigNetworks.directory(of: device.file) as NSString).lastPathComponent : (fileName as NSString).deletingPathExtension)
            if let other = fileOfName[routerName] {
                // Two routers of one network with one name is a copy-paste mistake: said as an error
                // naming both files (the network is not built; lint's sweep says so).
                diagnostics.append(Diagnostic(.error, "CFG004", "hostname \(routerName) is used by \(other) and \(device.file)", at: fileLocation,
                                              hint: "give each router its own hostname, or lint the two networks from separate folders"))
                routerName += "-\(routers.count)"
            }
            fileOfName[routerName] = device.file
            // A router without BGP joins the AS its IGP adjacencies reach (IGPDomains), else AS 0.
            let asn = device.bgp?.asn ?? adoptedASNs[device.file] ?? 0
            let runsIGP = device.igps.first { $0.protocolName == "ospf" || $0.protocolName == "isis" }
            if ases[asn] == nil { ases[asn] = AutonomousSystem(asn: asn, name: asn == 0 ? "no BGP" : nil, location: device.bgp?.location ?? fileLocation) }
            if let igp = runsIGP, ases[asn]?.igp == nil {
                ases[asn]?.igp = IGPConfig(protocolKind: igp.protocolName == "isis" ? .isis : .ospf, redistributeStatic: igp.redistributeStatic, location: igp.location)
            } else if let igp = runsIGP, igp.redistributeStatic {
                ases[asn]?.igp?.redistributeStatic = true
            }
            let placement = runsIGP.map { IGPPlacement(igp: $0, interfaces: device.interfaces) }
            if let igp = runsIGP, let placement, !placement.saysWhere {
                warn("router \(igp.protocolName)\(igp.process.map { " \($0)" } ?? "") names no interface (no network statement, no interface area or isis statement): a router runs it on none; routesim runs it on every interface with an address (loopbacks passive) — the config may be a fragment", igp.location)
            }
            var interfaces: [Interface] = []
            // Interfaces said to run OSPFv3 / IS-IS IPv6 one by one: the others do not.
            let runsIPv6IGP = device.interfaces.contains { $0.ipv6IGP }
            for interface in device.interfaces {
                if interface.vrf != nil { continue }   // in its VRF's instance (`vrfInstances`)
                guard let (first, ipv6) = Self.modelledAddresses(interface, warn: { warn($0, $1) }) else { continue }
                let loopback = interface.isLoopback || first.prefix.length == first.prefix.family.maxLength
                let igp = placement?.participation(of: interface, address: first.address, loopback: loopback) ?? .off
                if runsIPv6IGP, ipv6 != nil || !first.address.isIPv4, (igp != .off) != interface.ipv6IGP {
                    // One SPF routes both families (docs/ipv6.md): an interface in one IGP only is not.
                    warn(igp != .off
                         ? "interface \(interface.name) runs the IPv4 IGP but not the IPv6 one (OSPFv3 / IS-IS IPv6): routesim routes its IPv6 as its IPv4 (separate IPv6 IGP topologies are not modelled)"
                         : "interface \(interface.name) runs the IPv6 IGP but not the IPv4 one: routesim leaves it out of the IGP for both families (separate IPv6 IGP topologies are not modelled)",
                         interface.location)
                }
                var modelled = Interface(name: interface.name, kind: loopback ? .loopback : .link, address: first.address, prefix: first.prefix, igp: igp,
                                         cost: interface.ospfCost ?? interface.isisMetric ?? 10, shutdown: interface.shutdown, location: interface.location)
                modelled.ipv6 = ipv6
                modelled.timers = interface.timers
                interfaces.append(modelled)
            }
            let routerID = device.bgp?.routerID ?? interfaces.filter { $0.kind == .loopback }.map(\.address).max() ?? interfaces.map(\.address).max() ?? IPAddress(0)
            var statics: [StaticRoute] = []
            for route in device.staticRoutes where route.vrf == nil {
                statics.append(Self.staticRoute(route, diagnostics: &diagnostics))
            }
            let slas = device.slas.compactMap { sla -> IPSLA? in
                guard let id = Int(sla.id), let target = sla.target else { return nil }
                var probe = IPSLA(id: id, target: target, sourceInterface: sla.sourceInterface, location: sla.location)
                probe.timers = sla.timers
                return probe
            }
            let tracks = device.tracks.compactMap { track -> Track? in
                guard let id = Int(track.id), let sla = track.sla.flatMap({ Int($0) }) else { return nil }
                var modelled = Track(id: id, sla: sla, location: track.location)
                modelled.timers = track.timers
                return modelled
            }
            var router = Router(name: routerName, asn: asn, routerID: routerID, interfaces: interfaces, staticRoutes: statics, ipSLAs: slas, tracks: tracks,
                                bgp: nil, policies: PolicySet(), dialect: device.dialect, location: fileLocation)
            router.timers = device.bgp?.timers ?? RouterTimerSettings()
            router.timers.spfDelay = runsIGP?.spfDelay
            router.timers.frrDatacenterProfile = device.dialect == .frr && device.frrProfile == "datacenter"
            if let ldp = Self.ldpPlacement(device, warn: { warn($0, $1) }) {
                router.mpls = ldp.config
                let sync = Dictionary(device.interfaces.compactMap { interface in interface.ldpIGPSync.map { (interface.name, $0) } },
                                      uniquingKeysWith: { first, _ in first })
                for i in router.interfaces.indices {
                    router.interfaces[i].ldp = ldp.interfaces.contains(router.interfaces[i].name)
                    router.interfaces[i].ldpIGPSync = sync[router.interfaces[i].name]
                }
            }
            routers.append(router)
            deviceOfRouter.append(device)
            sourceOfRouter.append(d)
            for instance in Self.vrfInstances(of: device, host: routers.count - 1, hostRouter: router, diagnostics: &diagnostics) {
                routers.append(instance)
                // Tunnels and LDP are the PE's: the instance has no device facts of its own.
                deviceOfRouter.append(DeviceConfig(file: device.file, dialect: device.dialect))
                sourceOfRouter.append(d)
            }
        }
        Self.resolveTrafficEngineering(&routers, devices: deviceOfRouter, warn: { warn($0, $1) },
                                       dangling: { diagnostics.append(Diagnostic(.warning, "CFG006", $0, at: $1,
                                                                                 hint: "name an address of a router in the network (its loopback or an interface)")) })
        let links = Self.links(between: routers, warn: { warn($0, $1) })
        let speaksBGP = routers.indices.map { r in
            let device = ordered[sourceOfRouter[r]]
            return routers[r].vrf.map { device.vrfBGP[$0.name] != nil } ?? (device.bgp != nil)
        }
        let peers = Self.interfacePeers(routers, links: links, speaksBGP: speaksBGP)
        for r in routers.indices {
            let device = ordered[sourceOfRouter[r]]
            if let vrf = routers[r].vrf {
                routers[r].policies = routers[vrf.host].policies   // its host router's, set just before (hosts come first)
                guard let own = device.vrfBGP[vrf.name] else { continue }
                let facts = Self.vrfInstanceFacts(own, asn: routers[r].asn, device: device)
                for timer in RouterTimerSettings.bgpInstanceTimers { routers[r].timers[keyPath: timer] = facts.timers[keyPath: timer] }
                (routers[r].bgp, routers[r].policies) = Self.bgpConfig(facts, sessions: device.sessions(inVRF: vrf.name), device: device,
                                                                       asnOfAddress: asnOfAddress, interfacePeers: peers[r], diagnostics: &diagnostics)
            } else if let facts = device.bgp {
                (routers[r].bgp, routers[r].policies) = Self.bgpConfig(facts, sessions: device.sessions, device: device, asnOfAddress: asnOfAddress,
                                                                       interfacePeers: peers[r], diagnostics: &diagnostics)
            }
        }
        var network = Network(name: name, sourceFile: name, autonomousSystems: ases, routers: routers, links: links)
        network.connectingVPNs()
        let problems = network.validate(sessionSourcesMayDangle: true)
        diagnostics += problems
        // In file and line order, as a reader goes through the configs (the build finds them
        // router by router, then link by link, then session by session); ties as found.
        let inReadingOrder = diagnostics.enumerated().sorted { a, b in
            let la = a.element.location, lb = b.element.location
            if la != lb, let la, let lb { return la < lb }
            if (la == nil) != (lb == nil) { return la != nil }
            return a.offset < b.offset
        }.map(\.element)
        return (inReadingOrder.contains { $0.severity == .error } ? nil : network, inReadingOrder)
    }

    /// The BGP of a router or of one of its VRFs (`facts`, `sessions`): networks, aggregates,
    /// redistribution and neighbors with their policies; what the model cannot take is warned.
    static func bgpConfig(_ facts: BGPConfigFacts, sessions: [NeighborConfig], device: DeviceConfig, asnOfAddress: [IPAddress: ASN],
                          interfacePeers: [String: InterfacePeer], diagnostics: inout [Diagnostic]) -> (BGPConfig, PolicySet) {
        func warn(_ message: String, _ at: SourceLocation, hint: String? = nil) { diagnostics.append(Diagnostic(.warning, "CFG001", message, at: at, hint: hint)) }
        var translator = PolicyTranslator(device: device)
        var config = BGPConfig(bestPath: Self.bestPathSettings(facts, device: device), location: facts.location)
        config.networkImportCheck = Self.networkImportCheck(facts, device: device)
        let requiresEBGPPolicy = facts.ebgpRequiresPolicy ?? device.defaults.ebgpRequiresPolicy
        config.maximumPaths = facts.maximumPaths ?? 1
        config.maximumPathsIBGP = facts.maximumPathsIBGP ?? 1
        config.nextHopResolveViaDefault = device.nhtResolveViaDefault ?? device.defaults.nextHopResolveViaDefault
        config.networks = facts.networks.map { BGPNetworkStatement(prefix: $0.prefix, location: $0.location) }
        config.aggregates = facts.aggregates.map { BGPAggregate(prefix: $0.prefix, summaryOnly: $0.summaryOnly, location: $0.location) }
        for item in facts.redistributes {
            let source: RedistributionSource? = item.source == "static" ? .static : item.source == "connected" ? .connected
                : ["ospf", "isis"].contains(item.source) ? .igp : nil
            guard let source else { warn("redistribute \(item.source) is not modelled", item.location); continue }
            var redistribution = BGPRedistribution(source: source, routeMap: translator.routeMap(item.routeMap, usedAt: item.location), location: item.location)
            redistribution.families = [item.family]
            config.redistributions.append(redistribution)
        }
        var junos = device.dialect == .junos ? JunosPolicyTranslator(device: device, sessions: device.sessions) : nil
        if junos != nil { config.redistributions += junos?.redistributions() ?? [] }
        for statement in facts.networks where statement.routeMap != nil {
            warn("network \(statement.prefix) route-map \(statement.routeMap ?? ""): the route-map on a network statement is not modelled; announced without it", statement.location)
        }
        for neighbor in sessions {
            if neighbor.shutdown {
                // Administratively down: no session, as on the router (the peer's end reports it missing).
                diagnostics.append(Diagnostic(.note, "CFG001", "neighbor \(neighbor.key) is shut down (`neighbor ... shutdown`): no session is simulated",
                                              at: neighbor.statements["shutdown"] ?? neighbor.location))
                continue
            }
            let onLink = neighbor.onInterface ? interfacePeers[neighbor.key] : nil
            guard let address = neighbor.address ?? onLink?.address else {
                warn(neighbor.onInterface
                     ? "neighbor \(neighbor.key) interface (BGP unnumbered): \(neighbor.key) is on no inferred link (a subnet it shares with exactly one other router's interface in the given configs), so its peer is unknown (link-local only links are not inferred); not modelled"
                     : "neighbor \(neighbor.key) is not an address; not modelled", neighbor.location)
                continue
            }
            let remote: ASN?
            switch neighbor.remoteAS {
            case "internal": remote = facts.asn
            case "external": remote = (onLink?.asn ?? asnOfAddress[address]).flatMap { $0 == facts.asn ? nil : $0 }
            default: remote = neighbor.remoteAS.flatMap { ASN($0) }
            }
            guard let remoteAS = remote else {
                warn("neighbor \(neighbor.key) has no usable remote-as\(neighbor.remoteAS == "external" ? " (external, and no given config owns that address in another AS)" : ""); not modelled", neighbor.location)
                continue
            }
            let session: SessionPolicies
            if var translator = junos {
                session = translator.sessionPolicies(for: neighbor)
                junos = translator
            } else {
                session = translator.sessionPolicies(for: neighbor, requiresPolicy: remoteAS != facts.asn && requiresEBGPPolicy)
            }
            // `update-source` may name an address (Junos `local-address`, FRR): source from the interface that has it.
            let source = neighbor.updateSource.flatMap { text in
                IPAddress(text).flatMap { address in device.interfaces.first { $0.addresses.contains { $0.address == address } }?.name } ?? text
            }
            if let source, !device.interfaces.contains(where: { $0.name == source }) {
                // The router accepts it; the session cannot come up. Not a reason to refuse the network.
                warn("neighbor \(address): update-source \(source) is no interface or address of \(device.hostname ?? device.file); the session stays down",
                     neighbor.statements["update-source"] ?? neighbor.location)
            }
            var modelled = BGPNeighbor(address: address, remoteAS: remoteAS, updateSource: source, ebgpMultihop: neighbor.ebgpMultihop,
                                       ttlSecurityHops: neighbor.ttlSecurityHops, disableConnectedCheck: neighbor.disableConnectedCheck,
                                       nextHopSelf: neighbor.nextHopSelf, routeReflectorClient: neighbor.routeReflectorClient,
                                       weight: neighbor.weight ?? 0, importPolicy: session.importPolicy,
                                       exportPolicy: session.exportPolicy, conditionalAdvertisement: session.conditional, location: neighbor.location)
            modelled.allowASIn = neighbor.allowASIn
            modelled.asOverride = neighbor.asOverride
            modelled.defaultOriginate = neighbor.defaultOriginate
            modelled.localAS = neighbor.localAS
            modelled.localASNoPrepend = neighbor.localASNoPrepend
            modelled.localASReplaceAS = neighbor.localASReplaceAS
            modelled.vpnv4 = neighbor.vpnv4
            modelled.unicastFamilies = Self.unicastFamilies(neighbor, address: address, facts: facts, dialect: device.dialect)
            if neighbor.vpnv4 { modelled.vpnv4ReflectorClient = neighbor.vpnv4ReflectorClient }
            // VPN-IPv6 rides the VPN-IPv4 sessions in the model (docs/ipv6.md): one without the
            // other, or reflected differently, is said.
            modelled.vpnv6 = neighbor.vpnv6 && neighbor.vpnv4
            modelled.timers = neighbor.timers
            if neighbor.vpnv6 && !neighbor.vpnv4 {
                warn("neighbor \(neighbor.key) carries VPN-IPv6 without VPN-IPv4: not modelled (routesim exchanges IPv6 VRF routes over the sessions that carry VPN-IPv4 too)",
                     neighbor.location)
            } else if neighbor.vpnv6 && device.dialect == .junos && !device.junosMPLS.ipv6Tunneling {
                // Juniper, `ipv6-tunneling`: LSPs reach inet6.3, which resolves inet6-vpn next hops, only with it.
                warn("neighbor \(neighbor.key) carries inet6-vpn, but protocols mpls has no ipv6-tunneling: Junos then cannot resolve IPv6 VPN next hops over LSPs; routesim resolves them (not modelled)",
                     neighbor.location)
            } else if neighbor.vpnv6 && neighbor.vpnv6ReflectorClient != neighbor.vpnv4ReflectorClient {
                warn("neighbor \(neighbor.key) is a route-reflector client in one VPN family only: modelled as in VPN-IPv4 for both", neighbor.location)
            }
            if let map = neighbor.defaultOriginateRouteMap {
                warn("neighbor \(neighbor.key) default-originate route-map \(map): the condition is not modelled; the default is sent unconditionally",
                     neighbor.statements["default-originate"] ?? neighbor.location)
            }
            config.neighbors.append(modelled)
        }
        diagnostics += junos?.diagnostics ?? translator.diagnostics
        return (config, junos?.policies ?? translator.policies)
    }

    /// An interface's modelled addresses: its first IPv4 address (else its first IPv6 one) and,
    /// on a dual-stack interface, its first IPv6 address; further addresses are warned.
    static func modelledAddresses(_ interface: InterfaceConfig, warn: (String, SourceLocation) -> Void) -> (InterfaceAddress, InterfaceAddress?)? {
        let all = interface.addresses.map { InterfaceAddress(address: $0.address, prefix: $0.prefix) }
        let v4 = all.filter(\.address.isIPv4), v6 = all.filter { !$0.address.isIPv4 }
        for (list, family) in [(v4, "IPv4"), (v6, "IPv6")] where list.count > 1 {
            warn("interface \(interface.name) has \(list.count) \(family) addresses; only the first is modelled", interface.location)
        }
        guard let first = v4.first ?? v6.first else { return nil }
        return (first, v4.isEmpty ? nil : v6.first)
    }

    /// The unicast families a neighbor carries (nil: its address's family only, the model's
    /// default). IPv6 unicast only where activated (IOS, EOS, FRR); IPv4 unicast where
    /// activated, else by default unless `no bgp default ipv4-unicast` — on IOS and FRR for
    /// IPv6 neighbors too (their IPv4 routes then need an IPv4 next hop), on EOS for IPv4
    /// neighbors only. Junos: the families of the group or neighbor; none said, the family of
    /// the neighbor's address (an IPv6 neighbor carries IPv6 unicast: routesim's reading, which
    /// netlab's Junos VRF templates rely on; docs/ipv6.md).
    public static func unicastFamilies(_ neighbor: NeighborConfig, address: IPAddress, facts: BGPConfigFacts, dialect: VendorDialect) -> Set<AddressFamily>? {
        if dialect == .junos && neighbor.ipv4Unicast == nil && !neighbor.ipv6Unicast { return nil }
        var families: Set<AddressFamily> = []
        let defaultIPv4 = facts.defaultIPv4Unicast && (dialect != .eos || address.isIPv4)
        if neighbor.ipv4Unicast ?? defaultIPv4 { families.insert(.ipv4) }
        if neighbor.ipv6Unicast { families.insert(.ipv6) }
        return families == [address.family] ? nil : families
    }

    /// The decision-process knobs one BGP instance's config states, else the dialect's defaults.
    static func bestPathSettings(_ facts: BGPConfigFacts, device: DeviceConfig) -> BestPathSettings {
        var settings = facts.bestPath
        settings.deterministicMED = settings.deterministicMED ?? device.defaults.deterministicMED
        return settings
    }

    /// `bgp network import-check` as one BGP instance's config says (the router's by default),
    /// else the dialect's default (nil: the model's default, on).
    public static func networkImportCheck(_ device: DeviceConfig) -> Bool? { networkImportCheck(device.bgp, device: device) }
    static func networkImportCheck(_ facts: BGPConfigFacts?, device: DeviceConfig) -> Bool? {
        facts?.networkImportCheck ?? device.defaults.networkImportCheck
    }

    /// A VRF's BGP instance as it runs: its own block's facts, speaking with its router's AS,
    /// and the router's process settings where the VRF states none — on IOS and EOS, which
    /// configure a VRF's BGP inside the router's one process. FRR runs one instance per `router
    /// bgp N vrf V`, a VRF's starting from the dialect's defaults like any new instance (bgpd:
    /// `bgp_create` sets them; the commands change the instance in context, and bgp_route.c
    /// reads `peer->bgp->ebgp_requires_policy`); a Junos routing instance has its own
    /// `protocols bgp`.
    static func vrfInstanceFacts(_ own: BGPConfigFacts, asn: ASN, device: DeviceConfig) -> BGPConfigFacts {
        var facts = own
        facts.asn = asn
        guard device.dialect == .ios || device.dialect == .eos, let router = device.bgp else { return facts }
        facts.ebgpRequiresPolicy = own.ebgpRequiresPolicy ?? router.ebgpRequiresPolicy
        facts.networkImportCheck = own.networkImportCheck ?? router.networkImportCheck
        facts.bestPath = own.bestPath.inheriting(router.bestPath)
        for timer in RouterTimerSettings.bgpInstanceTimers { facts.timers[keyPath: timer] = own.timers[keyPath: timer] ?? router.timers[keyPath: timer] }
        return facts
    }
}

/// Where a router runs its IGP, as configured: the interfaces a `network` statement covers or
/// that enable it themselves (`ip ospf area`, `ip router isis`, `isis enable`, Junos
/// `protocols ospf area A interface I`), passive as `passive-interface` says (loopbacks always
/// passive). A process that names no interface at all runs on every interface (warned: such
/// files are usually fragments).
struct IGPPlacement {
    let igp: IGPFacts
    let saysWhere: Bool

    init(igp: IGPFacts, interfaces: [InterfaceConfig]) {
        self.igp = igp
        saysWhere = igp.protocolName == "isis" ? interfaces.contains { $0.isisEnabled }
            : !igp.networks.isEmpty || interfaces.contains { $0.ospfArea != nil }
    }

    func participation(of interface: InterfaceConfig, address: IPAddress, loopback: Bool) -> IGPParticipation {
        if saysWhere {
            let enabled = igp.protocolName == "isis" ? interface.isisEnabled
                : interface.ospfArea != nil || igp.networks.contains { $0.covers.contains(address) }
            guard enabled else { return .off }
        }
        return loopback || interface.igpPassive || igp.isPassive(interface.name) ? .passive : .active
    }
}
