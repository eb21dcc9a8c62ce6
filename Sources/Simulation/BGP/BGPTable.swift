import Synchronization

/// Every router's BGP best paths for one run, stored prefix by prefix: the sorted prefixes and,
/// per prefix, its best path at each router that has one (sorted by router). A failure
/// scenario takes most prefixes' results from the baseline unchanged; stored this way they
/// share the baseline's storage instead of being copied into a table per router (a
/// 1,000-router network with 1,000 prefixes has a million best paths per scenario).
struct BGPResults: Sendable {
    /// Where each router's best paths are, built on the first walk of a router's table
    /// (reports); lookups by prefix (forwarding, sweeps) never need it.
    private let byRouter = RouterPositions()

    private(set) var prefixes: [Prefix] = []
    private(set) var best: [[(router: Int, route: BGPRoute)]] = []
    /// Per prefix: new IGP costs of some routers' best paths, and new best paths (nil: none)
    /// of routers decided again, each by router (see BGPPropagation.Result). A patched router's
    /// entry in `best` is not its path.
    private(set) var costPatches: [[(router: Int, cost: UInt32)]] = []
    private(set) var routePatches: [[(router: Int, route: BGPRoute?)]] = []
    /// Bit n set: some router has a best path for a prefix of length n.
    private(set) var lengthMask = PrefixLengthMask()
    /// Per router (empty: all up). Results reused from the baseline still list the routers
    /// that are down in this run; they are hidden here instead of copying every list.
    var routerUp: [Bool] = []

    /// Appends the result of a prefix greater than every prefix already present.
    mutating func append(_ prefix: Prefix, _ routes: [(router: Int, route: BGPRoute)], costPatches patches: [(router: Int, cost: UInt32)] = [],
                         routePatches replaced: [(router: Int, route: BGPRoute?)] = []) {
        guard !routes.isEmpty || replaced.contains(where: { $0.route != nil }) else { return }
        prefixes.append(prefix)
        best.append(routes)
        costPatches.append(patches)
        routePatches.append(replaced)
        lengthMask.insert(prefix)
    }

    mutating func reserveCapacity(_ capacity: Int) {
        prefixes.reserveCapacity(capacity)
        best.reserveCapacity(capacity)
        costPatches.reserveCapacity(capacity)
        routePatches.reserveCapacity(capacity)
    }

    func index(of prefix: Prefix) -> Int? {
        let low = prefixes.lowerBound { $0 < prefix }
        return low < prefixes.count && prefixes[low] == prefix ? low : nil
    }

    /// (prefix index, position) of every best path `router` holds, in prefix order: a position
    /// in the prefix's list, or -(k + 1) for its k-th route patch.
    func positions(of router: Int) -> [(prefix: Int32, position: Int32)] {
        if !routerUp.isEmpty && !routerUp[router] { return [] }
        return byRouter.positions(of: router) {
            var all: [[(prefix: Int32, position: Int32)]] = []
            func add(_ r: Int, _ entry: (prefix: Int32, position: Int32)) {
                if r >= all.count { all += Array(repeating: [], count: r - all.count + 1) }
                all[r].append(entry)
            }
            for (i, routes) in best.enumerated() {
                // Both lists are by router: walk them together, a patch standing for the entry it replaces.
                let replaced = routePatches[i]
                var k = 0
                for (j, entry) in routes.enumerated() {
                    while k < replaced.count && replaced[k].router < entry.router {
                        if replaced[k].route != nil { add(replaced[k].router, (Int32(i), Int32(-(k + 1)))) }
                        k += 1
                    }
                    if k < replaced.count && replaced[k].router == entry.router {
                        if replaced[k].route != nil { add(entry.router, (Int32(i), Int32(-(k + 1)))) }
                        k += 1
                    } else {
                        add(entry.router, (Int32(i), Int32(j)))
                    }
                }
                for (offset, patch) in replaced[k...].enumerated() where patch.route != nil { add(patch.router, (Int32(i), Int32(-(k + offset + 1)))) }
            }
            return all
        }
    }

    /// The route at a position `positions(of:)` returned, with its IGP cost patch applied.
    /// (`positions` gives a negative position only for a patch that holds a route.)
    func route(at index: Int, position: Int, router: Int) -> BGPRoute {
        if position < 0, let route = routePatches[index][-(position + 1)].route { return route }
        var route = best[index][position].route
        patch(&route, at: index, router: router)
        return route
    }

    private func patch(_ route: inout BGPRoute, at index: Int, router: Int) {
        let patches = costPatches[index]
        guard !patches.isEmpty, !route.isLocal else { return }
        let low = patches.lowerBound { $0.router < router }
        if low < patches.count && patches[low].router == router { route.igpCost = patches[low].cost }
    }

    /// The best path of `router` for the prefix at `index`.
    func route(at index: Int, router: Int) -> BGPRoute? {
        if !routerUp.isEmpty && !routerUp[router] { return nil }
        let replaced = routePatches[index]
        if !replaced.isEmpty {
            let k = replaced.lowerBound { $0.router < router }
            if k < replaced.count && replaced[k].router == router { return replaced[k].route }
        }
        let routes = best[index]
        let position = routes.lowerBound { $0.router < router }
        guard position < routes.count && routes[position].router == router else { return nil }
        return route(at: index, position: position, router: router)
    }
}

/// One router's BGP best paths (its Loc-RIB), in prefix order: a view of the run's results.
public struct BGPTable: Sendable, Sequence {
    let router: Int
    let results: BGPResults

    init(router: Int, results: BGPResults) {
        self.router = router
        self.results = results
    }

    public subscript(prefix: Prefix) -> BGPRoute? {
        guard let index = results.index(of: prefix) else { return nil }
        return results.route(at: index, router: router)
    }

    public var count: Int { results.positions(of: router).count }

    public var isEmpty: Bool { count == 0 }

    /// The prefixes, in ascending order.
    public var keys: [Prefix] { map(\.key) }

    public struct Iterator: IteratorProtocol {
        let router: Int
        let results: BGPResults
        let positions: [(prefix: Int32, position: Int32)]
        var cursor = 0

        public mutating func next() -> (key: Prefix, value: BGPRoute)? {
            guard cursor < positions.count else { return nil }
            defer { cursor += 1 }
            let (index, position) = (Int(positions[cursor].prefix), Int(positions[cursor].position))
            return (results.prefixes[index], results.route(at: index, position: position, router: router))
        }
    }

    public func makeIterator() -> Iterator { Iterator(router: router, results: results, positions: results.positions(of: router)) }
}

/// The per-router positions of a run's BGP results, built once on first use from any thread.
final class RouterPositions: Sendable {
    private let built = Mutex<[[(prefix: Int32, position: Int32)]]?>(nil)

    func positions(of router: Int, build: () -> [[(prefix: Int32, position: Int32)]]) -> [(prefix: Int32, position: Int32)] {
        let all = built.withLock { known in
            if let known { return known }
            let made = build()
            known = made
            return made
        }
        return router < all.count ? all[router] : []
    }
}
