/// A hash map from a 64-bit key to a value with open addressing and linear probing. RIB
/// lookups are the innermost operation of the control plane (every next-hop resolution
/// probes a prefix per length present) and of failure sweeps; Swift's Dictionary hashes with
/// seeded SipHash, which cost more than the rest of a lookup. A prefix (or a router and an
/// address) packs into one word, and a multiplicative hash of that word spreads well enough
/// for linear probing at 3/4 load.
/// Iteration order depends only on the contents and insertion order (no per-process seed).
struct WordMap<Value>: Sequence {
    /// Key + 1 per slot; 0 marks an empty slot (so UInt64.max is not a valid key).
    private var keys: [UInt64] = []
    private var values: [Value?] = []
    private var shift: UInt64 = 64
    private(set) var count = 0

    init() {}

    init(minimumCapacity: Int) {
        if minimumCapacity > 0 { resize(to: Self.capacity(for: minimumCapacity)) }
    }

    @inline(__always) private static func pack(_ key: UInt64) -> UInt64 { key &+ 1 }
    @inline(__always) private static func unpack(_ key: UInt64) -> UInt64 { key &- 1 }

    private static func capacity(for count: Int) -> Int {
        var capacity = 8
        while capacity * 3 < count * 4 + 4 { capacity *= 2 }
        return capacity
    }

    @inline(__always) private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always) private func slot(of key: UInt64) -> Int? {
        guard !keys.isEmpty else { return nil }
        let mask = keys.count - 1
        var i = home(key)
        while true {
            let k = keys[i]
            if k == key { return i }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    subscript(key: UInt64) -> Value? {
        get {
            guard let i = slot(of: Self.pack(key)) else { return nil }
            return values[i]
        }
        set {
            if let newValue { insert(key, newValue) } else { remove(key) }
        }
    }

    /// Calls `body` with the value for `key` (no copy of the storage).
    @inline(__always)
    func withValue<T>(_ key: UInt64, _ body: (Value) -> T) -> T? {
        guard let i = slot(of: Self.pack(key)), let value = values[i] else { return nil }
        return body(value)
    }

    func contains(_ key: UInt64) -> Bool { slot(of: Self.pack(key)) != nil }

    /// Room for `count` keys without growing.
    mutating func reserveCapacity(_ count: Int) {
        let capacity = Self.capacity(for: count)
        if capacity > keys.count { resize(to: capacity) }
    }

    private mutating func insert(_ key: UInt64, _ value: Value) {
        if (count + 1) * 4 > keys.count * 3 { resize(to: Self.capacity(for: count + 1)) }
        let key = Self.pack(key)
        let mask = keys.count - 1
        var i = home(key)
        while true {
            let k = keys[i]
            if k == key { values[i] = value; return }
            if k == 0 {
                keys[i] = key
                values[i] = value
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    /// Backward-shift deletion: no tombstones, so probes stay short after many removals.
    private mutating func remove(_ key: UInt64) {
        guard var hole = slot(of: Self.pack(key)) else { return }
        let mask = keys.count - 1
        var j = hole
        while true {
            j = (j + 1) & mask
            let k = keys[j]
            if k == 0 { break }
            let h = home(k)
            // Move j into the hole unless its home lies cyclically in (hole, j].
            let stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j)
            if !stays {
                keys[hole] = k
                values[hole] = values[j]
                hole = j
            }
        }
        keys[hole] = 0
        values[hole] = nil
        count -= 1
    }

    private mutating func resize(to capacity: Int) {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Value?](repeating: nil, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        count = 0
        for (i, key) in oldKeys.enumerated() where key != 0 {
            if let value = oldValues[i] { insert(Self.unpack(key), value) }
        }
    }

    struct Iterator: IteratorProtocol {
        let map: WordMap
        var index = 0
        mutating func next() -> (key: UInt64, value: Value)? {
            while index < map.keys.count {
                defer { index += 1 }
                if map.keys[index] != 0, let value = map.values[index] { return (WordMap.unpack(map.keys[index]), value) }
            }
            return nil
        }
    }

    func makeIterator() -> Iterator { Iterator(map: self) }
    var underestimatedCount: Int { count }
}

extension WordMap: Sendable where Value: Sendable {}

/// WordMap keyed by prefix: an IPv4 prefix packs network and length into one word; IPv6
/// prefixes (which do not fit) live in a Dictionary beside it.
struct PrefixMap<Value>: Sequence {
    private var map: WordMap<Value>
    private var ipv6: [Prefix: Value] = [:]

    init() { map = WordMap() }
    init(minimumCapacity: Int) { map = WordMap(minimumCapacity: minimumCapacity) }

    @inline(__always) private static func pack(_ prefix: Prefix) -> UInt64 { UInt64(prefix.network.ipv4Value) << 8 | UInt64(prefix.length) }
    @inline(__always) fileprivate static func unpack(_ key: UInt64) -> Prefix {
        Prefix(network: IPAddress(UInt32(truncatingIfNeeded: key >> 8)), length: UInt8(truncatingIfNeeded: key))
    }

    var count: Int { map.count + ipv6.count }

    subscript(prefix: Prefix) -> Value? {
        get { prefix.isIPv4 ? map[Self.pack(prefix)] : ipv6[prefix] }
        set {
            if prefix.isIPv4 { map[Self.pack(prefix)] = newValue } else { ipv6[prefix] = newValue }
        }
    }

    @inline(__always)
    func withValue<T>(_ prefix: Prefix, _ body: (Value) -> T) -> T? {
        guard prefix.isIPv4 else { return ipv6[prefix].map(body) }
        return map.withValue(Self.pack(prefix), body)
    }

    func contains(_ prefix: Prefix) -> Bool { prefix.isIPv4 ? map.contains(Self.pack(prefix)) : ipv6[prefix] != nil }
    mutating func reserveCapacity(_ count: Int) { map.reserveCapacity(count) }

    /// IPv4 entries in the map's order, then IPv6 entries in prefix order (no per-process seed).
    struct Iterator: IteratorProtocol {
        var base: WordMap<Value>.Iterator
        var rest: IndexingIterator<[(key: Prefix, value: Value)]>
        mutating func next() -> (key: Prefix, value: Value)? {
            if let element = base.next() { return (PrefixMap.unpack(element.key), element.value) }
            return rest.next()
        }
    }

    func makeIterator() -> Iterator {
        Iterator(base: map.makeIterator(), rest: (ipv6.isEmpty ? [] : ipv6.sorted { $0.key < $1.key }).makeIterator())
    }
    var underestimatedCount: Int { count }
}

extension PrefixMap: Sendable where Value: Sendable {}

/// A map keyed by a scope (a router, an address realm) and an address: IPv4 keys pack into one
/// word of a WordMap (the hot case), IPv6 keys live in a Dictionary beside it.
struct ScopedAddressMap<Value> {
    private struct WideKey: Hashable { var scope: Int; var address: IPAddress }
    private var map: WordMap<Value>
    private var ipv6: [WideKey: Value] = [:]

    init() { map = WordMap() }
    init(minimumCapacity: Int) { map = WordMap(minimumCapacity: minimumCapacity) }

    @inline(__always) private static func pack(_ scope: Int, _ address: IPAddress) -> UInt64 {
        UInt64(truncatingIfNeeded: scope) << 32 | UInt64(address.ipv4Value)
    }

    subscript(scope: Int, address: IPAddress) -> Value? {
        @inline(__always) get {
            address.isIPv4 ? map[Self.pack(scope, address)] : ipv6[WideKey(scope: scope, address: address)]
        }
        set {
            if address.isIPv4 { map[Self.pack(scope, address)] = newValue } else { ipv6[WideKey(scope: scope, address: address)] = newValue }
        }
    }
}

extension ScopedAddressMap: Sendable where Value: Sendable {}
