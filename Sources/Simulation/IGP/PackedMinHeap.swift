/// A binary min-heap of (distance, node) packed into one word: distance in the high bits, node
/// in the low `nodeBits`. Ordering the packed words orders by distance, then node, exactly like
/// comparing the pairs. Dijkstra runs ~100k times in a failure sweep; comparing single words
/// in a plain array is about twice as fast as a generic heap of pairs.
struct PackedMinHeap {
    static let nodeBits: UInt64 = 20
    /// Largest node index and distance that pack without loss.
    static let maximumNode = (1 << Int(nodeBits)) - 1
    static let maximumDistance = UInt64.max >> nodeBits

    private var items: [UInt64] = []

    init(capacity: Int) { items.reserveCapacity(capacity) }

    var isEmpty: Bool { items.isEmpty }

    mutating func insert(distance: UInt64, node: Int) {
        var i = items.count
        items.append(distance << Self.nodeBits | UInt64(node))
        let value = items[i]
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[parent] > value else { break }
            items[i] = items[parent]
            i = parent
        }
        items[i] = value
    }

    mutating func popMin() -> (distance: UInt64, node: Int)? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            var i = 0
            let count = items.count
            while true {
                let left = 2 * i + 1
                guard left < count else { break }
                let right = left + 1
                let child = right < count && items[right] < items[left] ? right : left
                guard items[child] < last else { break }
                items[i] = items[child]
                i = child
            }
            items[i] = last
        }
        return (first >> Self.nodeBits, Int(first & ((1 << Self.nodeBits) - 1)))
    }
}
