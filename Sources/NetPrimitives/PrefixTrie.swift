/// A binary prefix trie for longest-prefix match, one root per address family (node 0 for
/// IPv4, node 1 for IPv6, so an IPv6 default never matches an IPv4 address). Nodes live in one
/// array so that lookups touch no reference counts and a trie of N prefixes costs at most
/// 32*N (IPv4) or 128*N (IPv6) small nodes.
/// Methods are inlinable so that clients get code specialized for their value type.
public struct PrefixTrie<Value: Sendable>: Sendable {
    @usableFromInline struct Node: Sendable {
        @usableFromInline var children: (Int32, Int32) = (-1, -1)
        @usableFromInline var valueIndex: Int32 = -1
        @inlinable init() {}
    }

    @usableFromInline var nodes: [Node] = [Node(), Node()]
    @usableFromInline var values: [Value] = []
    @usableFromInline var prefixes: [Prefix] = []

    @inlinable public init() {}

    @inlinable public var count: Int { values.count }

    /// Inserts or replaces the value stored for exactly `prefix`.
    @inlinable public mutating func insert(_ prefix: Prefix, _ value: Value) {
        var index = prefix.isIPv4 ? 0 : 1
        for depth in 0..<Int(prefix.length) {
            let bit = prefix.network.bit(depth)
            var next = bit == 0 ? nodes[index].children.0 : nodes[index].children.1
            if next < 0 {
                next = Int32(nodes.count)
                nodes.append(Node())
                if bit == 0 { nodes[index].children.0 = next } else { nodes[index].children.1 = next }
            }
            index = Int(next)
        }
        if nodes[index].valueIndex >= 0 {
            values[Int(nodes[index].valueIndex)] = value
        } else {
            nodes[index].valueIndex = Int32(values.count)
            values.append(value)
            prefixes.append(prefix)
        }
    }

    /// The most specific entry containing `address`.
    @inlinable public func longestMatch(_ address: IPAddress) -> (prefix: Prefix, value: Value)? {
        var index = address.isIPv4 ? 0 : 1
        var best: Int32 = nodes[index].valueIndex
        for depth in 0..<Int(address.family.maxLength) {
            let bit = address.bit(depth)
            let next = bit == 0 ? nodes[index].children.0 : nodes[index].children.1
            if next < 0 { break }
            index = Int(next)
            if nodes[index].valueIndex >= 0 { best = nodes[index].valueIndex }
        }
        guard best >= 0 else { return nil }
        return (prefixes[Int(best)], values[Int(best)])
    }

    /// The entry stored for exactly `prefix`.
    @inlinable public func exactMatch(_ prefix: Prefix) -> Value? {
        var index = prefix.isIPv4 ? 0 : 1
        for depth in 0..<Int(prefix.length) {
            let bit = prefix.network.bit(depth)
            let next = bit == 0 ? nodes[index].children.0 : nodes[index].children.1
            if next < 0 { return nil }
            index = Int(next)
        }
        let valueIndex = nodes[index].valueIndex
        return valueIndex >= 0 ? values[Int(valueIndex)] : nil
    }

    /// True when some stored prefix is strictly more specific than `prefix` and inside it.
    @inlinable public func hasMoreSpecific(than prefix: Prefix) -> Bool {
        var index = prefix.isIPv4 ? 0 : 1
        for depth in 0..<Int(prefix.length) {
            let bit = prefix.network.bit(depth)
            let next = bit == 0 ? nodes[index].children.0 : nodes[index].children.1
            if next < 0 { return false }
            index = Int(next)
        }
        var stack = [nodes[index].children.0, nodes[index].children.1].filter { $0 >= 0 }
        while let next = stack.popLast() {
            let node = nodes[Int(next)]
            if node.valueIndex >= 0 { return true }
            if node.children.0 >= 0 { stack.append(node.children.0) }
            if node.children.1 >= 0 { stack.append(node.children.1) }
        }
        return false
    }

    /// All entries, sorted by prefix.
    @inlinable public var entries: [(prefix: Prefix, value: Value)] {
        zip(prefixes, values).map { ($0, $1) }.sorted { $0.prefix < $1.prefix }
    }
}
