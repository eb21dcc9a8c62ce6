import NetworkModel

/// LDP from a config, by the dialect's rules (docs/mpls.md): which interfaces run LDP and the
/// transport address. IOS: interfaces with `mpls ip` (LDP is IOS' default label protocol); the
/// transport address is the LDP router ID, `mpls ldp router-id IF` or else the highest loopback
/// address. EOS: the `mpls ldp` block, unless shut down, with global `mpls ip`; every interface,
/// or with `interface disabled default` those with `mpls ldp interface`. FRR: the interfaces
/// under `mpls ldp` / `address-family ipv4`. Junos: an interface in `protocols ldp`, in
/// `protocols mpls` and with `family mpls`; all three are needed to switch labels there.
extension ConfigNetworkBuilder {
    struct LDPPlacement {
        var config: MPLSConfig
        var interfaces: Set<String>
    }

    static func ldpPlacement(_ device: DeviceConfig, warn: (String, SourceLocation) -> Void) -> LDPPlacement? {
        let facts = device.ldp
        var names: Set<String> = []
        switch device.dialect {
        case .ios:
            names = Set(device.interfaces.filter(\.mplsIP).map(\.name))
            guard facts != nil || !names.isEmpty else { return nil }
        case .eos:
            guard let facts else { return nil }
            if facts.shutdown { warn("mpls ldp is shut down (no `no shutdown`): EOS runs no LDP", facts.location); return nil }
            if !device.mplsRouting { warn("mpls ldp without global `mpls ip`: MPLS routing is off, EOS switches no labels", facts.location); return nil }
            names = Set(device.interfaces.filter { !facts.interfacesOptIn || $0.ldpInterface }.map(\.name))
        case .frr:
            guard let facts else { return nil }
            names = Set(facts.interfaces.keys)
        case .junos:
            guard let facts else { return nil }
            let mpls = device.junosMPLS
            let candidates = facts.allInterfaces ? device.interfaces.map(\.name) : Array(facts.interfaces.keys)
            for name in candidates.sorted() {
                let inMPLS = mpls.mplsAll || mpls.mplsInterfaces.contains(name)
                let family = mpls.familyMPLS.contains(name)
                if inMPLS && family { names.insert(name); continue }
                guard !facts.allInterfaces else { continue }   // `all` names every interface, management ones too
                let missing = [inMPLS ? nil : "is not in `protocols mpls`", family ? nil : "has no `family mpls`"].compactMap { $0 }.joined(separator: " and ")
                warn("LDP on \(name), but \(name) \(missing): Junos switches no labels there", facts.interfaces[name] ?? facts.location)
            }
        }
        let location = facts?.location ?? device.interfaces.first(where: \.mplsIP)?.location ?? SourceLocation(file: device.file, line: 1, column: 1)
        var transport = facts?.transportAddress
        if let interface = facts?.transportInterface {
            transport = device.interfaces.first { $0.name.lowercased() == interface.lowercased() }?.addresses.first?.address
            if transport == nil { warn("LDP transport interface \(interface) has no address here: the router ID is used", location) }
        } else if transport == nil, device.dialect == .ios {
            transport = device.interfaces.filter { $0.isLoopback && $0.vrf == nil }.compactMap { $0.addresses.first?.address }.max()
        }
        var config = MPLSConfig(ldp: true, location: location)
        config.transportAddress = transport
        config.igpSync = device.ldpIGPSync
        config.explicitNull = facts?.explicitNull ?? false
        config.allocation = facts?.allocation
        config.targetedNeighbors = facts?.targetedNeighbors ?? []
        // Junos answers targeted hellos from anyone unless `strict-targeted-hellos` (Juniper's
        // statement reference); IOS and FRR only with `discovery targeted-hello accept`.
        config.acceptsTargetedHellos = facts?.acceptsTargetedHellos ?? (device.dialect == .junos)
        return LDPPlacement(config: config, interfaces: names)
    }
}

extension DeviceConfig {
    /// The interfaces that form IGP adjacencies (active, with an address, global table), as the
    /// network builder places the IGP.
    public var igpAdjacencyInterfaces: [InterfaceConfig] {
        guard let igp = igps.first(where: { $0.protocolName == "ospf" || $0.protocolName == "isis" }) else { return [] }
        let placement = IGPPlacement(igp: igp, interfaces: interfaces)
        return interfaces.filter { interface in
            guard let first = interface.addresses.first, interface.vrf == nil, !interface.shutdown else { return false }
            let loopback = interface.isLoopback || first.prefix.length == 32
            return placement.participation(of: interface, address: first.address, loopback: loopback) == .active
        }
    }

    /// LDP as this router runs it (nil: no LDP), with the names of the interfaces it runs on.
    public var ldpInterfaceNames: Set<String>? {
        ConfigNetworkBuilder.ldpPlacement(self, warn: { _, _ in }).map(\.interfaces)
    }

    /// LDP-IGP synchronisation on `interface`, as configured (interface setting, else the router's).
    public func ldpIGPSync(on interface: InterfaceConfig) -> Bool { interface.ldpIGPSync ?? ldpIGPSync }
}

/// RSVP-TE from configs (docs/mpls.md): reservable bandwidth per interface and LSPs per head-end,
/// with tunnel destinations and explicit-path addresses resolved to the routers that own them.
extension ConfigNetworkBuilder {
    /// IOS `ip rsvp bandwidth` without a value reserves 75% of the interface's bandwidth, which
    /// routesim does not know (no speeds in the model): treated as unlimited, and said.
    static let unknownBandwidth: UInt64 = 1_000_000_000_000_000

    /// `dangling`: a reference no router of the network answers (a tunnel destination or an
    /// explicit-path address nobody owns, an undefined explicit path): CFG006, which lint
    /// reports as MPLS-EXPLICIT-PATH-UNKNOWN.
    static func resolveTrafficEngineering(_ routers: inout [Router], devices: [DeviceConfig], warn: (String, SourceLocation) -> Void,
                                          dangling: (String, SourceLocation) -> Void) {
        var owner: [IPAddress: String] = [:]
        for router in routers {
            owner[router.routerID] = owner[router.routerID] ?? router.name
            for interface in router.interfaces { owner[interface.address] = owner[interface.address] ?? router.name }
        }
        // Cisco's default affinity can only exclude a link that has attribute flags.
        let anyAttributeFlags = devices.contains { $0.interfaces.contains { $0.teAttributeFlags != nil } }
        for (r, device) in devices.enumerated() {
            interfaceTrafficEngineering(&routers[r], device: device, warn: warn)
            let tunnels = device.dialect == .junos ? device.junosLSPs.keys.sorted().compactMap { device.junosLSPs[$0] }
                : device.interfaces.compactMap(\.tunnel).sorted { $0.name < $1.name }
            for tunnel in tunnels {
                guard let lsp = lsp(from: tunnel, of: device, head: routers[r].name, owner: owner, anyAttributeFlags: anyAttributeFlags,
                                    warn: warn, dangling: dangling) else { continue }
                routers[r].lsps.append(lsp)
            }
        }
    }

    /// Each interface's reservable bandwidth, administrative groups (IOS bits as `bitN`, Junos
    /// names) and whether the router signals bypasses around its link (point of local repair).
    /// The IOS lookup tables are built only when the config has such statements: most have none.
    private static func interfaceTrafficEngineering(_ router: inout Router, device: DeviceConfig, warn: (String, SourceLocation) -> Void) {
        let junos = device.dialect == .junos
        let configs = junos || !device.interfaces.contains { $0.rsvpBandwidthKbps != nil || $0.teAttributeFlags != nil || $0.teBackupPath != nil }
            ? [:] : Dictionary(device.interfaces.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for i in router.interfaces.indices {
            let name = router.interfaces[i].name
            if junos {
                if let stated = device.junosRSVPInterfaces[name] ?? device.junosRSVPInterfaces["all"] { router.interfaces[i].rsvpBandwidth = stated ?? unknownBandwidth }
                if let entry = device.junosInterfaceGroups[name] {
                    for group in entry.names where device.junosAdminGroups[group] == nil {
                        warn("admin-group \(group) is not defined under `protocols mpls admin-groups` (Junos rejects the commit): used by name anyway", entry.location)
                    }
                    router.interfaces[i].adminGroups = Set(entry.names)
                }
                router.interfaces[i].linkProtection = device.junosLinkProtection.contains(name) || device.junosLinkProtection.contains("all")
                continue
            }
            router.interfaces[i].linkProtection = device.teAutoTunnelBackup
            guard let config = configs[name] else { continue }
            if let stated = config.rsvpBandwidthKbps {
                if !config.teTunnels {
                    warn("interface \(name) reserves RSVP bandwidth but has no `mpls traffic-eng tunnels`: no TE LSP crosses it", config.location)
                } else if let kbps = stated {
                    router.interfaces[i].rsvpBandwidth = kbps * 1000
                } else {
                    router.interfaces[i].rsvpBandwidth = unknownBandwidth
                    warn("interface \(name): `ip rsvp bandwidth` without a value reserves 75% of the interface's bandwidth, which routesim does not know: treated as unlimited", config.location)
                }
            }
            if let flags = config.teAttributeFlags { router.interfaces[i].adminGroups = CiscoStyleParser.affinityGroups(flags) }
            if let backup = config.teBackupPath {
                router.interfaces[i].linkProtection = true
                warn("interface \(name): backup tunnel \(backup.tunnel)'s own path is not used: routesim computes the bypass by CSPF around the link (docs/mpls.md)", backup.location)
            }
        }
    }

    /// The LSP a tunnel describes, with its destination and explicit-path addresses resolved to
    /// the routers that own them; nil (and said) when it cannot be modelled.
    private static func lsp(from tunnel: TETunnelFacts, of device: DeviceConfig, head: String, owner: [IPAddress: String], anyAttributeFlags: Bool,
                            warn: (String, SourceLocation) -> Void, dangling: (String, SourceLocation) -> Void) -> LSP? {
        guard tunnel.isTE else { warn("tunnel \(tunnel.name) is not an MPLS TE tunnel (`tunnel mode mpls traffic-eng`): not modelled", tunnel.location); return nil }
        guard let destination = tunnel.destination, let tail = owner[destination], tail != head else {
            let message = "LSP \(tunnel.name): its destination \(tunnel.destination.map { "\($0)" } ?? "(none)") is no other router's address here: not modelled"
            tunnel.destination == nil ? warn(message, tunnel.location) : dangling(message, tunnel.location)
            return nil
        }
        var lsp = LSP(name: tunnel.name, tail: tail, bandwidth: tunnel.bandwidth, setupPriority: tunnel.setupPriority,
                      holdPriority: tunnel.holdPriority, location: tunnel.location)
        lsp.routesTraffic = tunnel.routesTraffic
        lsp.linkProtection = tunnel.linkProtection
        (lsp.includeAny, lsp.includeAll, lsp.exclude) = (tunnel.includeAny, tunnel.includeAll, tunnel.exclude)
        if device.dialect != .junos && (tunnel.affinity != nil || anyAttributeFlags) {
            // Cisco: a link qualifies when (attribute-flags AND mask) == (affinity AND mask),
            // default affinity 0x0 mask 0x0000FFFF: without an affinity statement a tunnel avoids
            // links with any of the low 16 attribute bits set.
            let (bits, mask) = tunnel.affinity ?? (0, 0xFFFF)
            lsp.includeAll = CiscoStyleParser.affinityGroups(bits & mask)
            lsp.exclude = CiscoStyleParser.affinityGroups(mask & ~bits)
        }
        let options = tunnel.pathOptions.sorted { $0.number < $1.number }
        let paths = options.compactMap { option -> LSPPath? in
            guard let name = option.explicit else { return LSPPath(hops: [], strict: false, location: option.location) }
            guard let hops = device.explicitPaths[name] else {
                dangling("LSP \(tunnel.name): explicit path \(name) is not defined: that path option is left out", option.location)
                return nil
            }
            var names: [String] = []
            for hop in hops {
                guard let router = owner[hop.address] else {
                    dangling("LSP \(tunnel.name): explicit path \(name) names \(hop.address), which no router here owns: that path option is left out", hop.location)
                    return nil
                }
                if names.last != router { names.append(router) }
            }
            // One strictness per path in the model: strict unless some hop is loose.
            return LSPPath(hops: names, strict: !hops.contains { $0.loose }, location: option.location)
        }
        lsp.primary = paths.first
        lsp.secondary = paths.count > 1 ? paths[1] : nil
        lsp.secondary?.standby = tunnel.secondaryStandby
        if paths.count > 2, let third = options.dropFirst(2).first {
            warn("LSP \(tunnel.name): path options after the second are not modelled", third.location)
        }
        if options.isEmpty && device.dialect != .junos {
            warn("LSP \(tunnel.name) has no path-option: IOS does not signal it", tunnel.location)
            return nil
        }
        if !tunnel.routesTraffic {
            warn("LSP \(tunnel.name) carries no traffic in the model: no `autoroute announce` (static routes or policy into the tunnel are not modelled)", tunnel.location)
        }
        return lsp
    }
}
