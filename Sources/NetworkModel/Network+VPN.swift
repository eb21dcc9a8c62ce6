extension Network {
    /// The VRF instances of router `r`, in router order.
    public func vrfInstances(of r: Int) -> [Int] {
        routers.indices.filter { routers[$0].vrf?.host == r }
    }

    /// Router `r` itself, or the PE whose VRF instance it is.
    public func physicalRouter(of r: Int) -> Int { routers[r].vrf?.host ?? r }

    /// Adds to every VRF instance one BGP statement per other instance it exchanges VPN routes
    /// with (an export route target of one is an import target of the other, both PEs in one AS
    /// and carrying VPN-IPv4 routes, or the same PE), replacing any added before. The statement's address is the other PE's loopback, the VPN next hop; the
    /// session is up when the two PEs exchange VPN-IPv4 routes (directly or through route
    /// reflectors) and decided by the simulation (docs/vrf.md).
    public mutating func connectingVPNs() {
        // Only PEs that carry VPN-IPv4 routes exchange them (a VRF-lite router has VRFs and no
        // VPN), and only within one AS (inter-AS VPN options are not modelled).
        let instances = routers.indices.filter { routers[$0].vrf != nil }
        let carriesVPN = routers.map { $0.bgp?.neighbors.contains { $0.vpnv4 } ?? false }
        let carriesVPNv6 = routers.map { $0.bgp?.neighbors.contains { $0.vpnv4 && $0.vpnv6 } ?? false }
        for a in instances { routers[a].bgp?.neighbors.removeAll { $0.vpn != nil } }
        for a in instances {
            guard let vrf = routers[a].vrf else { continue }
            for b in instances where b != a {
                guard let other = routers[b].vrf, routers[a].asn == routers[b].asn,
                      vrf.host == other.host || (carriesVPN[vrf.host] && carriesVPN[other.host]) else { continue }
                let sends = vrf.exportTargets.filter(other.importTargets.contains).sorted()
                let receives = other.exportTargets.filter(vrf.importTargets.contains)
                guard !sends.isEmpty || !receives.isEmpty else { continue }
                let remotePE = routers[other.host]
                var statement = BGPNeighbor(address: remotePE.vpnNextHop, remoteAS: routers[a].asn,
                                            peerName: routers[b].name, nextHopSelf: true, location: vrf.location)
                statement.importPolicy = vrf.importPolicy
                statement.exportPolicy = vrf.exportPolicy
                statement.vpn = VPNAdjacency(peer: b, sends: !sends.isEmpty, matchingTargets: sends)
                // IPv6 VRF routes too when both PEs carry VPN-IPv6 (or it is one PE).
                if vrf.host == other.host || (carriesVPNv6[vrf.host] && carriesVPNv6[other.host]) { statement.unicastFamilies = [.ipv4, .ipv6] }
                if routers[a].bgp == nil { routers[a].bgp = BGPConfig(location: vrf.location) }
                routers[a].bgp?.neighbors.append(statement)
            }
        }
    }
}
