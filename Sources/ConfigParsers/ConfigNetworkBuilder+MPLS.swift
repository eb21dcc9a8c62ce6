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
