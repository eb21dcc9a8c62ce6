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

    let network: Network
    let liveness: Liveness

    struct Output {
        var routes: [RIBTable]
        var reuse: Reuse
        /// Per router, with `reuse`: the prefixes whose route differs from the baseline's
        /// (nil when the router was recomputed from scratch, so anything may differ).
        var changed: [Set<Prefix>?]
    }

    /// Routes per router (only routers in an AS that runs an IGP get any), and the reuse data
    /// for later runs. With `reuse`, unaffected routers take the baseline's routes.
    /// `record`: keep what later runs need to reuse this one (only the run without failures).
    func run(installedStatics: [[Prefix]], reuse: Reuse? = nil, record: Bool = false) -> Output {
        var result = [RIBTable](repeating: RIBTable(), count: network.routers.count)
        var changed = [Set<Prefix>?](repeating: reuse == nil ? nil : [], count: network.routers.count)
        var distances = [[UInt64]](repeating: [], count: record ? network.routers.count : 0)
        var allFirstHops = [[[NextHop]]](repeating: [], count: record ? network.routers.count : 0)
        var allAdvertisers: [ASN: PrefixAdvertisers] = [:]
        var members: [ASN: [Int]] = [:]
        for (index, router) in network.routers.enumerated() where network.igp(of: router) != nil && router.vrf == nil && liveness.routerUp[index] {
            members[router.asn, default: []].append(index)
        }
        let adjacency = buildAdjacency()
        // With `reuse` (IGPComputation+Reuse): installed statics matter only through what they
        // advertise (redistribution), and the per-AS patch recomputes every prefix whose
        // advertisers differ from the baseline's.
        let failedLinks = Set(network.links.indices.filter { !liveness.linkUp[$0] })
        var incoming: Incoming?
        let failedEdges = reuse.map { Self.failedEdges($0.adjacency, failedLinks: failedLinks) } ?? []
        var texts = reuse?.texts ?? OriginTexts(repeating: ("", ""), count: network.routers.count)
        for asn in members.keys.sorted() {
            guard let config = network.autonomousSystems[asn]?.igp, let routers = members[asn] else { continue }
            let grouped: PrefixAdvertisers
            var patch: Patch?
            if let reuse, let kept = reuse.unchangedAdvertisers(asn, routers: routers, installedStatics: installedStatics, liveness: liveness) {
                (grouped, patch) = kept
            } else {
                let advertised = routers.map { self.advertisements(of: $0, config: config, statics: installedStatics[$0]) }
                grouped = PrefixAdvertisers(routers: routers, advertised: advertised)
                patch = reuse?.patch(asn, grouped: grouped, routers: network.routers.count)
            }
            if record { allAdvertisers[asn] = grouped }
            if reuse?.texts == nil { fillOriginTexts(config, routers: routers, into: &texts) }
            for source in routers {
                if let reuse, let patch, let patched = patchedRoutes(at: source, config: config, grouped: grouped, texts: texts, baseline: reuse, patch: patch,
                                                                     adjacency: adjacency, failedEdges: failedEdges, incoming: &incoming) {
                    (result[source], changed[source]) = patched
                    continue
                }
                let (distance, firstHops) = shortestPaths(from: source, adjacency: adjacency)
                result[source] = routes(at: source, config: config, distance: distance, firstHops: firstHops, grouped: grouped, texts: texts)
                changed[source] = nil
                if record {
                    distances[source] = distance
                    allFirstHops[source] = firstHops
                }
            }
        }
        var kept = Reuse(routes: record ? result : [], distances: distances, firstHops: allFirstHops, adjacency: record ? adjacency : [],
                         advertisers: allAdvertisers)
        if record {
            kept.installedStatics = installedStatics
            kept.interfaceUp = liveness.interfaceUp
            for (asn, grouped) in allAdvertisers {
                kept.unchangedPatches[asn] = Patch(grouped: grouped, baseline: grouped, withdrawn: [], routers: network.routers.count)
            }
            kept.texts = texts
        }
        return Output(routes: result, reuse: kept, changed: changed)
    }

    func buildAdjacency() -> [[Adjacency]] {
        var adjacency = [[Adjacency]](repeating: [], count: network.routers.count)
        for (index, link) in network.links.enumerated() where liveness.linkUp[index] {
            let ra = network.routers[link.a.router], rb = network.routers[link.b.router]
            guard ra.asn == rb.asn else { continue }
            let ia = ra.interfaces[link.a.interface], ib = rb.interfaces[link.b.interface]
            guard ia.igp == .active && ib.igp == .active else { continue }
            let igp = network.autonomousSystems[ra.asn]?.igp?.protocolKind ?? .ospf
            let costA = ra.advertisedCost(interface: link.a.interface, neighbor: rb, neighborInterface: link.b.interface, igp: igp)
            let costB = rb.advertisedCost(interface: link.b.interface, neighbor: ra, neighborInterface: link.a.interface, igp: igp)
            adjacency[link.a.router].append(Adjacency(neighbor: link.b.router, cost: costA, nextHop: NextHop(interface: link.a.interface, gateway: ib.address), link: index))
            adjacency[link.b.router].append(Adjacency(neighbor: link.a.router, cost: costB, nextHop: NextHop(interface: link.b.interface, gateway: ia.address), link: index))
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
                if let subnet = interface.ipv6?.prefix {
                    list.append(Advertisement(prefix: subnet, cost: interface.cost, external: false))
                    internalPrefixes.insert(subnet)
                }
            }
        }
        if config.redistributeConnected {
            for (i, interface) in router.interfaces.enumerated() where liveness.interfaceUp[index][i] {
                for subnet in [interface.prefix, interface.ipv6?.prefix].compactMap({ $0 }) where !internalPrefixes.contains(subnet) {
                    list.append(Advertisement(prefix: subnet, cost: config.externalMetric, external: true))
                }
            }
        }
        if config.redistributeStatic {
            for prefix in statics where !internalPrefixes.contains(prefix) {
                list.append(Advertisement(prefix: prefix, cost: config.externalMetric, external: true))
            }
        }
        return list
    }

    /// Dijkstra over array-indexed routers. First hops are tracked as bit sets over the source's
    /// adjacencies (no allocation while relaxing: a sweep runs ~100k of these) and turned into
    /// sorted next-hop lists at the end, one shared list per distinct set.
    func shortestPaths(from source: Int, adjacency: [[Adjacency]]) -> ([UInt64], [[NextHop]]) {
        let sourceEdges = adjacency[source]
        let count = adjacency.count
        guard sourceEdges.count <= 64, count <= PackedMinHeap.maximumNode else { return shortestPathsWithLists(from: source, adjacency: adjacency) }
        var distance = [UInt64](repeating: .max, count: count)
        var masks = [UInt64](repeating: 0, count: count)
        var settled = [Bool](repeating: false, count: count)
        distance[source] = 0
        var heap = PackedMinHeap(capacity: count)
        heap.insert(distance: 0, node: source)
        while let current = heap.popMin() {
            guard !settled[current.node] else { continue }
            settled[current.node] = true
            let fromSource = current.node == source
            for (position, edge) in adjacency[current.node].enumerated() {
                let candidate = current.distance + UInt64(edge.cost)
                // Distances beyond 2^44 do not pack (never with real costs): start over with lists.
                guard candidate <= PackedMinHeap.maximumDistance else { return shortestPathsWithLists(from: source, adjacency: adjacency) }
                let hops = fromSource ? UInt64(1) << UInt64(position) : masks[current.node]
                let known = distance[edge.neighbor]
                if candidate < known {
                    distance[edge.neighbor] = candidate
                    masks[edge.neighbor] = hops
                    heap.insert(distance: candidate, node: edge.neighbor)
                } else if candidate == known && !settled[edge.neighbor] {
                    masks[edge.neighbor] |= hops
                }
            }
        }
        // Few distinct sets per source (at most one per combination of its adjacencies in use):
        // a linear search beats hashing here.
        var lists: [(mask: UInt64, hops: [NextHop])] = []
        let firstHops = masks.map { mask -> [NextHop] in
            guard mask != 0 else { return [] }
            if let known = lists.first(where: { $0.mask == mask }) { return known.hops }
            var hops: [NextHop] = []
            var rest = mask
            while rest != 0 {
                let position = rest.trailingZeroBitCount
                rest &= rest - 1
                hops.append(sourceEdges[position].nextHop)
            }
            let list = Array(Set(hops)).sorted()
            lists.append((mask, list))
            return list
        }
        return (distance, firstHops)
    }

    /// The same with first-hop lists, for a source with more than 64 adjacencies.
    func shortestPathsWithLists(from source: Int, adjacency: [[Adjacency]]) -> ([UInt64], [[NextHop]]) {
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

    func originText(_ config: IGPConfig, external: Bool, names: String) -> String {
        "\(config.protocolKind.rawValue) \(external ? (config.protocolKind == .ospf ? "external type 2" : "external") : "internal"), advertised by \(names)"
    }

    /// Route descriptions per advertising router, made once per AS and shared by every route.
    typealias OriginTexts = [(internal: String, external: String)]

    /// Fills the texts of `routers` (one AS) in `texts`, indexed by router.
    func fillOriginTexts(_ config: IGPConfig, routers: [Int], into texts: inout OriginTexts) {
        for r in routers {
            let name = network.routers[r].name
            texts[r] = (originText(config, external: false, names: name), originText(config, external: true, names: name))
        }
    }

    /// The advertisements of one AS grouped by prefix, built once per AS for all its SPFs.
    struct PrefixAdvertisers: Sendable {
        var prefixes: [Prefix] = []
        var advertisers: [[(origin: Int, cost: UInt32, external: Bool)]] = []
        /// The routers whose advertisements these are.
        var routers: [Int]

        init(routers: [Int], advertised: [[Advertisement]]) {
            self.routers = routers
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
                grouped: PrefixAdvertisers, texts: OriginTexts) -> RIBTable {
        let protocolKind: RouteProtocol = config.protocolKind == .ospf ? .ospf : .isis
        let router = network.routers[source]
        let distanceValue = protocolKind == .ospf ? router.distances.ospf : router.distances.isis
        var routes = RIBTable(capacity: grouped.prefixes.count)
        for (id, prefix) in grouped.prefixes.enumerated() {
            if let entry = entry(for: id, at: source, config: config, protocolKind: protocolKind, distanceValue: distanceValue,
                                 distance: distance, firstHops: firstHops, grouped: grouped, texts: texts) {
                routes[prefix] = entry
            }
        }
        return routes
    }

    /// The best route to one advertised prefix from `source` (nil when no advertiser is reachable).
    /// Allocation-free for the usual single best advertiser (this runs for every prefix of
    /// every router of every scenario of a sweep).
    func entry(for id: Int, at source: Int, config: IGPConfig, protocolKind: RouteProtocol, distanceValue: UInt8,
               distance: [UInt64], firstHops: [[NextHop]], grouped: PrefixAdvertisers, texts: OriginTexts) -> RIBEntry? {
        let ospf = config.protocolKind == .ospf
        var found = false
        var bestKey = (0, UInt64(0), UInt64(0))
        var bestOrigin = -1
        var tied: [Int] = []      // further advertisers at the same cost (rare)
        for (origin, cost, external) in grouped.advertisers[id] where origin != source {
            let toOrigin = distance[origin]
            guard toOrigin != .max else { continue }
            let key = external && ospf ? (1, UInt64(cost), toOrigin) : (external ? 1 : 0, toOrigin + UInt64(cost), UInt64(0))
            if !found || key < bestKey {
                found = true
                bestKey = key
                bestOrigin = origin
                tied.removeAll()
            } else if key == bestKey {
                tied.append(origin)
            }
        }
        guard found else { return nil }
        let external = bestKey.0 == 1
        var hops = firstHops[bestOrigin]
        let prefix = grouped.prefixes[id]
        if !prefix.isIPv4 {
            hops = ipv6Hops(hops, at: source)
            guard !hops.isEmpty else { return nil }
        }
        let origin: String
        if tied.isEmpty {
            origin = external ? texts[bestOrigin].external : texts[bestOrigin].internal
        } else {
            for other in tied { hops = merge(hops, firstHops[other]) }
            origin = originText(config, external: external, names: ([bestOrigin] + tied).sorted().map { network.routers[$0].name }.joined(separator: ", "))
        }
        return RIBEntry(prefix: prefix, protocolKind: protocolKind, distance: distanceValue, metric: UInt32(clamping: bestKey.1),
                        forwarding: .forward(hops), origin: origin, location: nil)
    }

    /// An IPv6 prefix's next hops: the neighbour's IPv6 address on each link (routers show its
    /// link-local address; routesim names the global one). One SPF serves both families (IS-IS
    /// single topology; OSPFv3 taken as congruent with OSPFv2): a link without IPv6 on both
    /// ends carries no IPv6, so a path over it is dropped (docs/ipv6.md).
    func ipv6Hops(_ hops: [NextHop], at router: Int) -> [NextHop] {
        hops.compactMap { hop in
            let here = InterfaceRef(router: router, interface: hop.interface)
            guard network.routers[router].interfaces[hop.interface].ipv6 != nil,
                  let link = liveness.linkOfInterface[here] else { return nil }
            let there = network.links[link].a == here ? network.links[link].b : network.links[link].a
            return network.routers[there.router].interfaces[there.interface].ipv6.map { NextHop(interface: hop.interface, gateway: $0.address) }
        }.sorted()
    }
}
