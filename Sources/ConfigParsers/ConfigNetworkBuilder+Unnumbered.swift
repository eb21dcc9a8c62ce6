import NetPrimitives

/// FRR's BGP unnumbered (`neighbor IF interface`, docs/ipv6.md): FRR peers over IF's IPv6
/// link-local address with whichever router is at the other end of the link and sends IPv4
/// routes with IPv6 next hops (RFC 8950). routesim has no link-local next hops: the neighbor
/// stands for the other end's address on the link, which forwards the same way (out IF to
/// that router).
extension ConfigNetworkBuilder {
    /// Per config file and interface name (`key(file:interface:)`): the address of the one other
    /// interface on its subnet, IPv4 where both ends have it, else global IPv6. Interfaces in
    /// VRFs, loopbacks and subnets shared by three or more interfaces have none.
    static func interfacePeers(_ devices: [DeviceConfig]) -> [String: IPAddress] {
        var onSubnet: [Prefix: [(key: String, address: IPAddress)]] = [:]
        for device in devices {
            for interface in device.interfaces where interface.vrf == nil && !interface.isLoopback {
                for (address, prefix) in interface.addresses where !address.isLinkLocal && prefix.length < prefix.family.maxLength {
                    onSubnet[prefix, default: []].append((key(file: device.file, interface: interface.name), address))
                }
            }
        }
        var peers: [String: IPAddress] = [:]
        // IPv4 first, so that a dual-stack link names the IPv4 address; sorted for determinism.
        for prefix in onSubnet.keys.sorted(by: { ($0.isIPv4 ? 0 : 1, $0) < ($1.isIPv4 ? 0 : 1, $1) }) {
            guard let ends = onSubnet[prefix], ends.count == 2, ends[0].key != ends[1].key else { continue }
            if peers[ends[0].key] == nil { peers[ends[0].key] = ends[1].address }
            if peers[ends[1].key] == nil { peers[ends[1].key] = ends[0].address }
        }
        return peers
    }

    static func key(file: String, interface: String) -> String { file + "\u{0}" + interface }
}
