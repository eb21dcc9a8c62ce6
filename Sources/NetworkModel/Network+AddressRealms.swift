extension Network {
    /// Per router, the address space its interfaces live in: 0 for the global one, else one
    /// per group of routers joined by links to a VRF instance (a customer site with its PE's
    /// VRF). Addresses need be unique only within a realm: two customers may both number
    /// 10.1.1.0/24 (RFC 4364 section 1). Hosts live in their router's realm.
    public func addressRealms() -> [Int] {
        var parent = Array(routers.indices)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for link in links where routers.indices.contains(link.a.router) && routers.indices.contains(link.b.router) {
            let (a, b) = (root(link.a.router), root(link.b.router))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var realmOfRoot: [Int: Int] = [:]
        for r in routers.indices where routers[r].vrf != nil { realmOfRoot[root(r)] = root(r) + 1 }
        return routers.indices.map { realmOfRoot[root($0)] ?? 0 }
    }
}
