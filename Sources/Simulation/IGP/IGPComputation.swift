import HeapModule

/// Link-state IGP per AS: one SPF per router over up, IGP-active links inside the AS, equal-cost
/// next hops kept. One area/level; OSPF externals are type 2 (compared by external metric, then
/// by the cost to the advertising router); IS-IS externals add their metric to the path cost.
struct IGPComputation {
    struct Advertisement {
        var prefix: Prefix
        var cost: UInt32
        var external: Bool
    }

    struct Adjacency {
        var neighbor: Int
        var cost: UInt32
        var nextHop: NextHop
        var link: Int
    }

    /// What a run with failures can take from the run without them: a router whose
    /// shortest-path DAG uses none of the failed links keeps its distances and next hops, so
    /// its routes are the baseline's minus the prefixes that are no longer advertised. A
    /// router whose DAG does use one reruns its SPF but rebuilds only the routes toward
    /// advertisers whose distance or first hops changed (usually the few behind the link).
    struct Reuse: Sendable {
        var routes: [[Prefix: RIBEntry]]
        /// Per router: the links on its shortest-path DAG (every equal-cost path).
        var dagLinks: [Set<Int>]
        var installedStatics: [[Prefix]]
        /// Per router: its SPF result (empty for routers without an IGP).
        var distances: [[UInt64]]
        var firstHops: [[[NextHop]]]
        /// Per AS: who advertised what.
        var advertisers: [ASN: PrefixAdvertisers]
    }

    let network: Network
    let liveness: Liveness

    /// Routes per router (only routers in an AS that runs an IGP get any), and the reuse data
    /// for later runs. With `reuse`, unaffected routers take the baseline's routes.
    /// `record`: keep what later runs need to reuse this one (only the run without failures).
    func run(installedStatics: [[Prefix]], reuse: Reuse? = nil, record: Bool = false) -> (routes: [[Prefix: RIBEntry]], reuse: Reuse) {
        var result = [[Prefix: RIBEntry]](repeating: [:], count: network.routers.count)
        var dags = [Set<Int>](repeating: [], count: network.routers.count)
        var distances = [[UInt64]](repeating: [], count: record ? network.routers.count : 0)
        var allFirstHops = [[[NextHop]]](repeating: [], count: record ? network.routers.count : 0)
        var allAdvertisers: [ASN: PrefixAdvertisers] = [:]
        var members: [ASN: [Int]] = [:]
        var someDown: Set<ASN> = []
        for (index, router) in network.routers.enumerated() where network.igp(of: router) != nil {
            if liveness.routerUp[index] { members[router.asn, default: []].append(index) } else { someDown.insert(router.asn) }
        }
        let adjacency = buildAdjacency()
        let reusable = reuse.flatMap { $0.installedStatics == installedStatics ? $0 : nil }
        for asn in members.keys.sorted() {
            guard let config = network.autonomousSystems[asn]?.igp, let routers = members[asn] else { continue }
            let advertised = routers.map { self.advertisements(of: $0, config: config, statics: installedStatics[$0]) }
            let grouped = PrefixAdvertisers(routers: routers, advertised: advertised)
            if record { allAdvertisers[asn] = grouped }
            var texts: OriginTexts = Array(repeating: ("", ""), count: network.routers.count)
            for r in routers {
                let name = network.routers[r].name
                texts[r] = (originText(config, external: false, names: name), originText(config, external: true, names: name))
            }
            // Reuse needs every router of the AS up; then only down links can have changed anything.
            var failedLinks: Set<Int> = []
            var withdrawn: Set<Prefix> = []
            let canReuse = reusable != nil && !someDown.contains(asn)
            if canReuse {
                var stillAdvertised: Set<Prefix> = []
                for r in routers {
                    for (i, interface) in network.routers[r].interfaces.enumerated() {
                        if liveness.interfaceUp[r][i] { stillAdvertised.insert(interface.prefix) } else { withdrawn.insert(interface.prefix) }
                        if let link = liveness.linkOfInterface[InterfaceRef(router: r, interface: i)], !liveness.linkUp[link] { failedLinks.insert(link) }
                    }
                }
                withdrawn.subtract(stillAdvertised)
            }
            for source in routers {
                if canReuse, let reusable, reusable.dagLinks[source].isDisjoint(with: failedLinks) {
                    var table = reusable.routes[source]
                    for prefix in withdrawn { table[prefix] = nil }
                    result[source] = table
                    dags[source] = reusable.dagLinks[source]
                    continue
                }
                let (distance, firstHops) = shortestPaths(from: source, adjacency: adjacency)
                if canReuse, let reusable, let before = reusable.advertisers[asn], !reusable.distances[source].isEmpty {
                    result[source] = patchedRoutes(at: source, config: config, distance: distance, firstHops: firstHops, grouped: grouped, texts: texts,
                                                   baseline: reusable, baselineAdvertisers: before, withdrawn: withdrawn)
                } else {
                    result[source] = routes(at: source, config: config, distance: distance, firstHops: firstHops, grouped: grouped, texts: texts)
                }
                if record {
                    dags[source] = dagLinks(distance: distance, adjacency: adjacency)
                    distances[source] = distance
                    allFirstHops[source] = firstHops
                }
            }
        }
        return (result, Reuse(routes: record ? result : [], dagLinks: dags, installedStatics: installedStatics, distances: distances, firstHops: allFirstHops,
                              advertisers: allAdvertisers))
    }

    /// The baseline's routes with only what changed rebuilt: prefixes no longer advertised go,
    /// and a prefix is recomputed when its advertisers differ from the baseline's or one of
    /// them is now at another distance or behind other first hops.
    func patchedRoutes(at source: Int, config: IGPConfig, distance: [UInt64], firstHops: [[NextHop]], grouped: PrefixAdvertisers, texts: OriginTexts,
                       baseline: Reuse, baselineAdvertisers: PrefixAdvertisers, withdrawn: Set<Prefix>) -> [Prefix: RIBEntry] {
        let oldDistance = baseline.distances[source], oldHops = baseline.firstHops[source]
        var moved = [Bool](repeating: false, count: distance.count)
        for r in distance.indices where distance[r] != oldDistance[r] || firstHops[r] != oldHops[r] { moved[r] = true }
        var table = baseline.routes[source]
        for prefix in withdrawn { table[prefix] = nil }
        let protocolKind: RouteProtocol = config.protocolKind == .ospf ? .ospf : .isis
        let router = network.routers[source]
        let distanceValue = protocolKind == .ospf ? router.distances.ospf : router.distances.isis
        let sameLayout = grouped.prefixes == baselineAdvertisers.prefixes
        var oldIndex: [Prefix: Int] = [:]
        if !sameLayout { for (id, prefix) in baselineAdvertisers.prefixes.enumerated() { oldIndex[prefix] = id } }
        for (id, prefix) in grouped.prefixes.enumerated() {
            let advertisers = grouped.advertisers[id]
            let unchanged: Bool
            if let old = sameLayout ? id : oldIndex[prefix] {
                let before = baselineAdvertisers.advertisers[old]
                unchanged = before.count == advertisers.count
                    && zip(before, advertisers).allSatisfy { $0.origin == $1.origin && $0.cost == $1.cost && $0.external == $1.external }
                    && !advertisers.contains { moved[$0.origin] }
            } else {
                unchanged = false
            }
            if unchanged { continue }
            table[prefix] = entry(for: id, at: source, config: config, protocolKind: protocolKind, distanceValue: distanceValue,
                                  distance: distance, firstHops: firstHops, grouped: grouped, texts: texts)
        }
        return table
    }

    /// Links that lie on some shortest path from the source (both directions of a link count).
    func dagLinks(distance: [UInt64], adjacency: [[Adjacency]]) -> Set<Int> {
        var links: Set<Int> = []
        for (u, edges) in adjacency.enumerated() where distance[u] != .max {
            for edge in edges where distance[edge.neighbor] != .max && distance[u] + UInt64(edge.cost) == distance[edge.neighbor] {
                links.insert(edge.link)
            }
        }
        return links
    }

    func buildAdjacency() -> [[Adjacency]] {
        var adjacency = [[Adjacency]](repeating: [], count: network.routers.count)
        for (index, link) in network.links.enumerated() where liveness.linkUp[index] {
            let ra = network.routers[link.a.router], rb = network.routers[link.b.router]
            guard ra.asn == rb.asn else { continue }
            let ia = ra.interfaces[link.a.interface], ib = rb.interfaces[link.b.interface]
            guard ia.igp == .active && ib.igp == .active else { continue }
            adjacency[link.a.router].append(Adjacency(neighbor: link.b.router, cost: ia.cost, nextHop: NextHop(interface: link.a.interface, gateway: ib.address), link: index))
            adjacency[link.b.router].append(Adjacency(neighbor: link.a.router, cost: ib.cost, nextHop: NextHop(interface: link.b.interface, gateway: ia.address), link: index))
        }
        return adjacency
    }

    func advertisements(of index: Int, config: IGPConfig, statics: [Prefix]) -> [Advertisement] {
        let router = network.routers[index]
        var list: [Advertisement] = []
        var internalPrefixes: Set<Prefix> = []
        for (i, interface) in router.interfaces.enumerated() where liveness.interfaceUp[index][i] {
            if interface.igp != .off {
                list.append(Advertisement(prefix: interface.prefix, cost: interface.cost, external: false))
                internalPrefixes.insert(interface.prefix)
            }
        }
        if config.redistributeConnected {
            for (i, interface) in router.interfaces.enumerated() where liveness.interfaceUp[index][i] && !internalPrefixes.contains(interface.prefix) {
                list.append(Advertisement(prefix: interface.prefix, cost: config.externalMetric, external: true))
            }
        }
        if config.redistributeStatic {
            for prefix in statics where !internalPrefixes.contains(prefix) {
                list.append(Advertisement(prefix: prefix, cost: config.externalMetric, external: true))
            }
        }
        return list
    }

    /// Dijkstra over array-indexed routers; first hops are small sorted arrays (ECMP sets).
    func shortestPaths(from source: Int, adjacency: [[Adjacency]]) -> ([UInt64], [[NextHop]]) {
        let count = adjacency.count
        var distance = [UInt64](repeating: .max, count: count)
        var firstHops = [[NextHop]](repeating: [], count: count)
        var settled = [Bool](repeating: false, count: count)
        distance[source] = 0
        var heap = Heap<Pair>()
        heap.insert(Pair(distance: 0, node: source))
        while let current = heap.popMin() {
            guard !settled[current.node] else { continue }
            settled[current.node] = true
            for edge in adjacency[current.node] {
                let candidate = current.distance + UInt64(edge.cost)
                let hops = current.node == source ? [edge.nextHop] : firstHops[current.node]
                let known = distance[edge.neighbor]
                if candidate < known {
                    distance[edge.neighbor] = candidate
                    firstHops[edge.neighbor] = hops
                    heap.insert(Pair(distance: candidate, node: edge.neighbor))
                } else if candidate == known && !settled[edge.neighbor] {
                    firstHops[edge.neighbor] = merge(firstHops[edge.neighbor], hops)
                }
            }
        }
        return (distance, firstHops)
    }

    /// Union of two sorted next-hop lists.
    func merge(_ a: [NextHop], _ b: [NextHop]) -> [NextHop] {
        if a == b { return a }
        return Array(Set(a).union(b)).sorted()
    }

    struct Pair: Comparable {
        var distance: UInt64
        var node: Int
        static func < (a: Pair, b: Pair) -> Bool { (a.distance, a.node) < (b.distance, b.node) }
    }

    struct Candidate {
        var external: Bool
        var primary: UInt64      // total cost (internal, IS-IS external) or external metric (OSPF E2)
        var secondary: UInt64    // cost to the advertising router (OSPF E2 tie-break)
        var hops: [NextHop]
        var advertisers: [Int]
    }

    func originText(_ config: IGPConfig, external: Bool, names: String) -> String {
        "\(config.protocolKind.rawValue) \(external ? (config.protocolKind == .ospf ? "external type 2" : "external") : "internal"), advertised by \(names)"
    }

    /// Route descriptions per advertising router, made once per AS and shared by every route.
    typealias OriginTexts = [(internal: String, external: String)]

    /// The advertisements of one AS grouped by prefix, built once per AS for all its SPFs.
    struct PrefixAdvertisers: Sendable {
        var prefixes: [Prefix] = []
        var advertisers: [[(origin: Int, cost: UInt32, external: Bool)]] = []

        init(routers: [Int], advertised: [[Advertisement]]) {
            var index: [Prefix: Int] = [:]
            for (position, origin) in routers.enumerated() {
                for ad in advertised[position] {
                    if let id = index[ad.prefix] {
                        advertisers[id].append((origin, ad.cost, ad.external))
                    } else {
                        index[ad.prefix] = prefixes.count
                        prefixes.append(ad.prefix)
                        advertisers.append([(origin, ad.cost, ad.external)])
                    }
                }
            }
        }
    }

    func routes(at source: Int, config: IGPConfig, distance: [UInt64], firstHops: [[NextHop]],
                grouped: PrefixAdvertisers, texts: OriginTexts) -> [Prefix: RIBEntry] {
        let protocolKind: RouteProtocol = config.protocolKind == .ospf ? .ospf : .isis
        let router = network.routers[source]
        let distanceValue = protocolKind == .ospf ? router.distances.ospf : router.distances.isis
        var routes: [Prefix: RIBEntry] = [:]
        routes.reserveCapacity(grouped.prefixes.count)
        for (id, prefix) in grouped.prefixes.enumerated() {
            if let entry = entry(for: id, at: source, config: config, protocolKind: protocolKind, distanceValue: distanceValue,
                                 distance: distance, firstHops: firstHops, grouped: grouped, texts: texts) {
                routes[prefix] = entry
            }
        }
        return routes
    }

    /// The best route to one advertised prefix from `source` (nil when no advertiser is reachable).
    func entry(for id: Int, at source: Int, config: IGPConfig, protocolKind: RouteProtocol, distanceValue: UInt8,
               distance: [UInt64], firstHops: [[NextHop]], grouped: PrefixAdvertisers, texts: OriginTexts) -> RIBEntry? {
        let ospf = config.protocolKind == .ospf
        var best: Candidate?
        for (origin, cost, external) in grouped.advertisers[id] where origin != source {
            let toOrigin = distance[origin]
            guard toOrigin != .max else { continue }
            let candidate = external && ospf
                ? Candidate(external: true, primary: UInt64(cost), secondary: toOrigin, hops: firstHops[origin], advertisers: [origin])
                : Candidate(external: external, primary: toOrigin + UInt64(cost), secondary: 0, hops: firstHops[origin], advertisers: [origin])
            guard let current = best else { best = candidate; continue }
            let lhs = (candidate.external ? 1 : 0, candidate.primary, candidate.secondary)
            let rhs = (current.external ? 1 : 0, current.primary, current.secondary)
            if lhs < rhs {
                best = candidate
            } else if lhs == rhs {
                best?.hops = merge(current.hops, candidate.hops)
                best?.advertisers.append(origin)
            }
        }
        guard let candidate = best else { return nil }
        let origin: String
        if candidate.advertisers.count == 1 {
            origin = candidate.external ? texts[candidate.advertisers[0]].external : texts[candidate.advertisers[0]].internal
        } else {
            origin = originText(config, external: candidate.external, names: candidate.advertisers.sorted().map { network.routers[$0].name }.joined(separator: ", "))
        }
        return RIBEntry(prefix: grouped.prefixes[id], protocolKind: protocolKind, distance: distanceValue, metric: UInt32(clamping: candidate.primary),
                        forwarding: .forward(candidate.hops), origin: origin, location: nil)
    }
}
