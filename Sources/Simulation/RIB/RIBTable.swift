/// A router's connected, static and IGP routes keyed by prefix, with longest-prefix match by
/// probing only the prefix lengths present (the data plane's FIB uses a real trie,
/// DataPlane.lookup; the control plane resolves next hops and session transport here).
///
/// In a failure scenario the table is an overlay: the baseline's dictionary, shared and never
/// copied, plus the entries that differ (a removal is an override to nil). A single failure
/// changes about 2% of a 200-router network's routes, and copying then freeing every router's
/// whole table per scenario was the largest cost of a sweep.
public struct RIBTable: Sendable, Sequence {
    private var base: PrefixMap<RIBEntry>
    private var overrides = PrefixMap<RIBEntry?>()
    private let overlays: Bool
    private var overlayCount = 0
    /// Bit n set: a prefix of length n may be present (after removals, a superset; harmless).
    private(set) var lengthMask = PrefixLengthMask()

    public init(_ routes: [Prefix: RIBEntry] = [:]) {
        base = PrefixMap(minimumCapacity: routes.count)
        overlays = false
        for (prefix, entry) in routes { base[prefix] = entry; lengthMask.insert(prefix) }
    }

    /// An empty table with room for `capacity` routes.
    init(capacity: Int) {
        base = PrefixMap(minimumCapacity: capacity)
        overlays = false
    }

    /// A table that starts equal to `baseline` and records only what is changed afterwards.
    public init(overlaying baseline: RIBTable) {
        if baseline.overlays {
            base = PrefixMap(minimumCapacity: baseline.count)
            for (prefix, entry) in baseline { base[prefix] = entry }
        } else {
            base = baseline.base
        }
        overlays = true
        overlayCount = base.count
        lengthMask = baseline.lengthMask
    }

    public var count: Int { overlays ? overlayCount : base.count }
    public var isEmpty: Bool { count == 0 }

    /// Calls `body` with the route for exactly `prefix` without copying the table's storage.
    @inline(__always)
    private func withRoute<T>(_ prefix: Prefix, _ body: (RIBEntry) -> T) -> T? {
        if overlays, overrides.count > 0, let override = overrides.withValue(prefix, { $0 }) {
            guard let entry = override else { return nil }
            return body(entry)
        }
        return base.withValue(prefix, body)
    }

    public subscript(prefix: Prefix) -> RIBEntry? {
        get { withRoute(prefix) { $0 } }
        set {
            guard overlays else {
                base[prefix] = newValue
                if newValue != nil { lengthMask.insert(prefix) }
                return
            }
            let existed = withRoute(prefix) { _ in true } ?? false
            overlayCount += (newValue != nil ? 1 : 0) - (existed ? 1 : 0)
            if newValue == nil && !base.contains(prefix) {
                overrides[prefix] = nil
            } else {
                overrides[prefix] = .some(newValue)
            }
            if newValue != nil { lengthMask.insert(prefix) }
        }
    }

    /// Room for `count` changed routes in an overlay without growing (patching many at once).
    mutating func reserveChanges(_ count: Int) {
        if overlays { overrides.reserveCapacity(overrides.count + count) }
    }

    @discardableResult
    public mutating func removeValue(forKey prefix: Prefix) -> RIBEntry? {
        let old = self[prefix]
        if old != nil { self[prefix] = nil }
        return old
    }

    /// Every route, in no particular order.
    public struct Iterator: IteratorProtocol {
        private var baseIterator: PrefixMap<RIBEntry>.Iterator
        private var overrideIterator: PrefixMap<RIBEntry?>.Iterator
        private let overrides: PrefixMap<RIBEntry?>
        private var inBase = true

        init(base: PrefixMap<RIBEntry>, overrides: PrefixMap<RIBEntry?>) {
            baseIterator = base.makeIterator()
            overrideIterator = overrides.makeIterator()
            self.overrides = overrides
        }

        public mutating func next() -> (key: Prefix, value: RIBEntry)? {
            if inBase {
                while let element = baseIterator.next() {
                    if overrides.count == 0 || !overrides.contains(element.key) { return element }
                }
                inBase = false
            }
            while let (prefix, entry) = overrideIterator.next() {
                if let entry { return (prefix, entry) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(base: base, overrides: overrides) }
    public var underestimatedCount: Int { count }


    /// Calls `body` for each length present, longest first, until it returns a value.
    @inline(__always)
    private func firstMatch<T>(_ address: IPAddress, _ body: (Prefix, RIBEntry) -> T) -> T? {
        for length in lengthMask.lengths(for: address) {
            let prefix = Prefix(network: address, length: length)
            if let found = withRoute(prefix, { body(prefix, $0) }) { return found }
        }
        return nil
    }

    public func longestMatch(_ address: IPAddress) -> (prefix: Prefix, value: RIBEntry)? {
        firstMatch(address) { ($0, $1) }
    }

    /// Just the forwarding of the longest match.
    public func forwarding(_ address: IPAddress) -> Forwarding? {
        firstMatch(address) { $1.forwarding }
    }

    /// Next-hop resolution as routers do it (docs/bgp-decision-process.md): the longest
    /// matching route, whatever it is, including a discard route (traffic is then dropped
    /// there); a default route only where the dialect allows it (`viaDefault`).
    public func resolution(of address: IPAddress, viaDefault: Bool) -> (prefix: Prefix, entry: RIBEntry)? {
        guard let match = longestMatch(address), viaDefault || match.prefix.length > 0 else { return nil }
        return (match.prefix, match.value)
    }

    /// The IGP cost of a next hop's resolution (nil: unresolvable). The same rule as
    /// `resolution(of:viaDefault:)`, without materializing the entry (the propagation hot path).
    public func resolve(_ address: IPAddress, viaDefault: Bool) -> UInt32? {
        firstMatch(address) { prefix, entry in viaDefault || prefix.length > 0 ? entry.metric : nil } ?? nil
    }
}
