/// A router's connected, static and IGP routes keyed by prefix, with longest-prefix match by
/// probing only the prefix lengths present. Building it is free (the dictionary exists
/// anyway), which matters because the control plane resolves BGP next hops and session
/// transport at every router; the data plane's FIB uses a real trie (DataPlane.lookup).
public struct RIBTable: Sendable {
    public let routes: [Prefix: RIBEntry]
    /// Prefix lengths present, longest first.
    public let lengths: [UInt8]

    public init(_ routes: [Prefix: RIBEntry]) {
        self.routes = routes
        var present = [Bool](repeating: false, count: 33)
        for prefix in routes.keys { present[Int(prefix.length)] = true }
        lengths = (0...32).reversed().filter { present[$0] }.map(UInt8.init)
    }

    public func longestMatch(_ address: IPv4Address) -> (prefix: Prefix, value: RIBEntry)? {
        for length in lengths {
            let prefix = Prefix(network: address, length: length)
            if let entry = routes[prefix] { return (prefix, entry) }
        }
        return nil
    }

    /// Just the forwarding of the longest match (no copy of the rest of the entry).
    public func forwarding(_ address: IPv4Address) -> Forwarding? {
        for length in lengths {
            if let index = routes.index(forKey: Prefix(network: address, length: length)) { return routes[index].value.forwarding }
        }
        return nil
    }

    /// Next-hop resolution without copying the entry: the metric, or nil when nothing usable
    /// (no route, or only a discard route) covers the address.
    public func resolve(_ address: IPv4Address) -> UInt32? {
        for length in lengths {
            let prefix = Prefix(network: address, length: length)
            if let index = routes.index(forKey: prefix) {
                let entry = routes[index].value
                return entry.isDiscard ? nil : entry.metric
            }
        }
        return nil
    }
}
