/// Every router's BGP best paths for one run, stored prefix by prefix: the sorted prefixes and,
/// per prefix, its best path at each router that has one (sorted by router). A failure
/// scenario takes most prefixes' results from the baseline unchanged; stored this way they
/// share the baseline's storage instead of being copied into a table per router (a
/// 1,000-router network with 1,000 prefixes has a million best paths per scenario).
struct BGPResults: Sendable {
    private(set) var prefixes: [Prefix] = []
    private(set) var best: [[(router: Int, route: BGPRoute)]] = []
    /// Per prefix: new IGP costs of some routers' best paths (see BGPPropagation.Result).
    private(set) var costPatches: [[(router: Int, cost: UInt32)]] = []
    /// Bit n set: some router has a best path for a prefix of length n.
    private(set) var lengthMask: UInt64 = 0
    /// Per router (empty: all up). Results reused from the baseline still list the routers
    /// that are down in this run; they are hidden here instead of copying every list.
    var routerUp: [Bool] = []

    /// Appends the result of a prefix greater than every prefix already present.
    mutating func append(_ prefix: Prefix, _ routes: [(router: Int, route: BGPRoute)], costPatches patches: [(router: Int, cost: UInt32)] = []) {
        guard !routes.isEmpty else { return }
        prefixes.append(prefix)
        best.append(routes)
        costPatches.append(patches)
        lengthMask |= 1 << UInt64(prefix.length)
    }

    mutating func reserveCapacity(_ capacity: Int) {
        prefixes.reserveCapacity(capacity)
        best.reserveCapacity(capacity)
        costPatches.reserveCapacity(capacity)
    }

    func index(of prefix: Prefix) -> Int? {
        var low = 0, high = prefixes.count
        while low < high {
            let middle = (low + high) / 2
            if prefixes[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        return low < prefixes.count && prefixes[low] == prefix ? low : nil
    }

    /// The best path of `router` for the prefix at `index`.
    func route(at index: Int, router: Int) -> BGPRoute? {
        if !routerUp.isEmpty && !routerUp[router] { return nil }
        let routes = best[index]
        var low = 0, high = routes.count
        while low < high {
            let middle = (low + high) / 2
            if routes[middle].router < router { low = middle + 1 } else { high = middle }
        }
        guard low < routes.count && routes[low].router == router else { return nil }
        var route = routes[low].route
        let patches = costPatches[index]
        if !patches.isEmpty, !route.isLocal {
            var low = 0, high = patches.count
            while low < high {
                let middle = (low + high) / 2
                if patches[middle].router < router { low = middle + 1 } else { high = middle }
            }
            if low < patches.count && patches[low].router == router { route.igpCost = patches[low].cost }
        }
        return route
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

    /// The number of best paths (walks the table).
    public var count: Int {
        var total = 0
        for index in results.prefixes.indices where results.route(at: index, router: router) != nil { total += 1 }
        return total
    }

    public var isEmpty: Bool { !results.prefixes.indices.contains { results.route(at: $0, router: router) != nil } }

    /// The prefixes, in ascending order.
    public var keys: [Prefix] { map(\.key) }

    public struct Iterator: IteratorProtocol {
        let router: Int
        let results: BGPResults
        var index = 0

        public mutating func next() -> (key: Prefix, value: BGPRoute)? {
            while index < results.prefixes.count {
                defer { index += 1 }
                if let route = results.route(at: index, router: router) { return (results.prefixes[index], route) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(router: router, results: results) }
}
