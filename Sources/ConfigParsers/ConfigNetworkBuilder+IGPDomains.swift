import NetPrimitives

/// IGP domains are what the configuration connects, not what BGP says: a router without BGP
/// (a P router of a BGP-free core, a plain OSPF router) belongs to the AS whose routers its IGP
/// adjacencies reach. The model keeps one IGP per AS, so such a router joins that AS instead of
/// forming an AS 0 of its own that would split the IGP.
enum IGPDomains {
    /// For each BGP-less device whose IGP adjacencies (active interfaces of the same protocol
    /// sharing a subnet) reach BGP routers of exactly one AS: that AS, by file.
    static func adoptedASNs(_ devices: [DeviceConfig]) -> [String: ASN] {
        var parent = Array(devices.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        // Subnet (and protocol) -> the first device active on it; later ones join its set.
        var firstOnSubnet: [String: Int] = [:]
        for (index, device) in devices.enumerated() {
            guard let igp = device.igps.first(where: { $0.protocolName == "ospf" || $0.protocolName == "isis" }) else { continue }
            let placement = IGPPlacement(igp: igp, interfaces: device.interfaces)
            for interface in device.interfaces where interface.vrf == nil && !interface.shutdown {
                guard let first = interface.addresses.first, first.prefix.length < 32,
                      placement.participation(of: interface, address: first.address, loopback: interface.isLoopback) == .active else { continue }
                let key = "\(igp.protocolName) \(first.prefix)"
                if let other = firstOnSubnet[key] { parent[root(index)] = root(other) } else { firstOnSubnet[key] = index }
            }
        }
        var asnsOfDomain: [Int: Set<ASN>] = [:]
        for (index, device) in devices.enumerated() {
            if let asn = device.bgp?.asn { asnsOfDomain[root(index), default: []].insert(asn) }
        }
        var adopted: [String: ASN] = [:]
        for (index, device) in devices.enumerated() where device.bgp == nil {
            if let asns = asnsOfDomain[root(index)], asns.count == 1, let asn = asns.first { adopted[device.file] = asn }
        }
        return adopted
    }
}
