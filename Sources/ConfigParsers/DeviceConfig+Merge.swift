import Foundation

/// FRR can keep one router's configuration in one file per daemon (`zebra.conf`, `bgpd.conf`,
/// `staticd.conf`, `ospfd.conf`, ... in one directory); the router is their union. Elements keep
/// the file and line they came from.
extension DeviceConfig {
    public static let frrDaemonFiles: Set<String> = [
        "zebra.conf", "bgpd.conf", "ospfd.conf", "ospf6d.conf", "isisd.conf", "staticd.conf", "ldpd.conf", "ripd.conf", "ripngd.conf",
        "pbrd.conf", "nhrpd.conf", "babeld.conf", "eigrpd.conf", "pimd.conf", "pim6d.conf", "bfdd.conf", "sharpd.conf", "vrrpd.conf",
        "pathd.conf", "fabricd.conf", "mgmtd.conf",
    ]

    /// A file that holds one FRR router's configuration (or part of it) and is named after its
    /// role, not the router: the router is its folder (`r1/bgpd.conf`, `r1/etc/frr/frr.conf`).
    public static func isFRRRouterFile(_ name: String) -> Bool {
        frrDaemonFiles.contains(name) || name == "frr.conf" || name == "vtysh.conf"
    }

    /// Devices from FRR daemon files in the same directory merged into one per directory; other
    /// devices unchanged. Order: as given (a merged router takes its first file's place).
    public static func mergingSplitDaemonFiles(_ devices: [DeviceConfig]) -> [DeviceConfig] {
        var result: [DeviceConfig] = []
        var slot: [String: Int] = [:]
        for device in devices {
            let name = (device.file as NSString).lastPathComponent
            guard frrDaemonFiles.contains(name) else { result.append(device); continue }
            let directory = ConfigNetworks.directory(of: device.file)
            if let index = slot[directory] { result[index].absorb(device) } else { slot[directory] = result.count; result.append(device) }
        }
        return result
    }

    mutating func absorb(_ other: DeviceConfig) {
        hostname = hostname ?? other.hostname
        frrVersion = frrVersion ?? other.frrVersion
        frrProfile = frrProfile ?? other.frrProfile
        nhtResolveViaDefault = nhtResolveViaDefault ?? other.nhtResolveViaDefault
        var position = Dictionary(interfaces.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        for interface in other.interfaces {
            if let i = position[interface.name] {
                for address in interface.addresses where !interfaces[i].addresses.contains(where: { $0.address == address.address }) { interfaces[i].addresses.append(address) }
                interfaces[i].ospfCost = interfaces[i].ospfCost ?? interface.ospfCost
                interfaces[i].isisMetric = interfaces[i].isisMetric ?? interface.isisMetric
                interfaces[i].shutdown = interfaces[i].shutdown || interface.shutdown
            } else {
                position[interface.name] = interfaces.count
                interfaces.append(interface)
            }
        }
        staticRoutes += other.staticRoutes
        slas += other.slas
        tracks += other.tracks
        if bgp == nil { bgp = other.bgp }
        igps += other.igps
        for (name, entries) in other.routeMaps { routeMaps[name, default: []] += entries }
        prefixLists.merge(other.prefixLists) { first, _ in first }
        ipv6PrefixLists.formUnion(other.ipv6PrefixLists)
        communityLists.merge(other.communityLists) { first, _ in first }
        asPathLists.merge(other.asPathLists) { first, _ in first }
        for (name, entries) in other.prefixListEntries { prefixListEntries[name, default: []] += entries }
        for (name, entries) in other.communityListEntries { communityListEntries[name, default: []] += entries }
        for (name, entries) in other.asPathListEntries { asPathListEntries[name, default: []] += entries }
        // FRR's ldpd.conf merged into frr.conf: its LDP block.
        if ldp == nil { ldp = other.ldp } else if let theirs = other.ldp { ldp?.interfaces.merge(theirs.interfaces) { mine, _ in mine } }
        mplsRouting = mplsRouting || other.mplsRouting
        suppressions += other.suppressions
        lines.modelled += other.lines.modelled
        lines.ignored += other.lines.ignored
        lines.unsupported += other.lines.unsupported
        absorbed.append((other.file, other.lines))
        lines.unrecognized += other.lines.unrecognized
    }
}
