/// One router's BGP best paths, sorted by prefix. The engine appends prefixes in sorted order,
/// so building costs no hashing; lookups are binary searches.
public struct BGPTable: Sendable, Sequence {
    public private(set) var prefixes: [Prefix] = []
    public private(set) var routes: [BGPRoute] = []

    public init() {}

    public var count: Int { prefixes.count }
    public var isEmpty: Bool { prefixes.isEmpty }
    /// The prefixes, in ascending order.
    public var keys: [Prefix] { prefixes }

    /// Appends a prefix greater than every prefix already present.
    mutating func append(_ prefix: Prefix, _ route: BGPRoute) {
        prefixes.append(prefix)
        routes.append(route)
    }

    mutating func reserveCapacity(_ capacity: Int) {
        prefixes.reserveCapacity(capacity)
        routes.reserveCapacity(capacity)
    }

    public subscript(prefix: Prefix) -> BGPRoute? {
        var low = 0, high = prefixes.count
        while low < high {
            let middle = (low + high) / 2
            if prefixes[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        return low < prefixes.count && prefixes[low] == prefix ? routes[low] : nil
    }

    public func makeIterator() -> some IteratorProtocol<(key: Prefix, value: BGPRoute)> {
        zip(prefixes, routes).lazy.map { (key: $0.0, value: $0.1) }.makeIterator()
    }
}
