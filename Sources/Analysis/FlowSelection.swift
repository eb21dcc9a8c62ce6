/// The flows a failure analysis checks: the declared ones, or by default every ordered pair of
/// hosts (and of dual-stack hosts once more over IPv6), and when there are fewer than two hosts,
/// every router toward the first address of every prefix originated in BGP.
public enum FlowSelection {
    public static func flows(for network: Network, baseline: DataPlane) -> [Flow] {
        if !network.flows.isEmpty { return network.flows }
        var flows: [Flow] = []
        let generated = SourceLocation.generated("default flows")
        if network.hosts.count >= 2 {
            for a in network.hosts {
                for b in network.hosts where b.name != a.name {
                    flows.append(Flow(name: "\(a.name)->\(b.name)", source: a.name, destination: b.address, destinationName: b.name, location: generated))
                    if b.address.isIPv4, let v6 = b.ipv6, a.ipv6 != nil {
                        flows.append(Flow(name: "\(a.name)->\(b.name) (ipv6)", source: a.name, destination: v6, destinationName: b.name, location: generated))
                    }
                }
            }
            return flows
        }
        var prefixes: Set<Prefix> = []
        for table in baseline.bgpTables { for (prefix, route) in table where route.isLocal { prefixes.insert(prefix) } }
        for prefix in prefixes.sorted() {
            let address = prefix.network.advanced(by: prefix.length >= prefix.family.maxLength - 1 ? 0 : 1)
            for router in network.routers {
                flows.append(Flow(name: "\(router.name)->\(prefix)", source: router.name, destination: address, destinationName: nil, location: generated))
            }
        }
        return flows
    }
}
