/// Shortest paths after links (and routers) fail, from the run without failures. Removing
/// links only lengthens paths, so a node none of whose shortest paths used a failed link keeps
/// its distance and first hops exactly. The others (every node below a failed edge of the
/// source's baseline DAG) are recomputed with Dijkstra restricted to them, seeded from their
/// unaffected neighbours: a shortest path's predecessors all have smaller distances (costs
/// are at least 1), so seeding plus relaxing among the affected nodes finds every equal-cost
/// first hop. A down router's links are all down, so it is below a failed edge like the rest.
/// Tested against the full SPF on every single failure of the examples and generated networks
/// (ShortestPathTests).
extension IGPComputation {
    /// Per node: the up edges into it (from, cost of from->node, the next hop when from is a source).
    typealias Incoming = [[(from: Int, cost: UInt32, nextHop: NextHop)]]

    static func incoming(_ adjacency: [[Adjacency]]) -> Incoming {
        var result = Incoming(repeating: [], count: adjacency.count)
        for (from, edges) in adjacency.enumerated() {
            for edge in edges { result[edge.neighbor].append((from, edge.cost, edge.nextHop)) }
        }
        return result
    }

    /// The baseline's directed edges over failed links, found once per run for every source.
    static func failedEdges(_ baselineAdjacency: [[Adjacency]], failedLinks: Set<Int>) -> [(from: Int, edge: Adjacency)] {
        guard !failedLinks.isEmpty else { return [] }
        return baselineAdjacency.enumerated().flatMap { from, edges in edges.filter { failedLinks.contains($0.link) }.map { (from, $0) } }
    }

    /// The nodes whose shortest paths from the source may have changed (those below a failed
    /// edge of its baseline DAG), or nil when its DAG avoids every failed edge.
    static func affectedNodes(distance d0: [UInt64], failedEdges: [(from: Int, edge: Adjacency)], baselineAdjacency: [[Adjacency]]) -> [Bool]? {
        func onDAG(_ from: Int, _ edge: Adjacency) -> Bool {
            d0[from] != .max && d0[edge.neighbor] != .max && d0[from] + UInt64(edge.cost) == d0[edge.neighbor]
        }
        var stack = failedEdges.filter { onDAG($0.from, $0.edge) }.map(\.edge.neighbor)
        guard !stack.isEmpty else { return nil }
        var affected = [Bool](repeating: false, count: d0.count)
        for node in stack { affected[node] = true }
        while let u = stack.popLast() {
            for edge in baselineAdjacency[u] where !affected[edge.neighbor] && onDAG(u, edge) {
                affected[edge.neighbor] = true
                stack.append(edge.neighbor)
            }
        }
        return affected
    }

    /// `before`: the source's distances and first hops without failures; `affected`: from
    /// `affectedNodes`; `adjacency` and `incoming`: the up edges now.
    func incrementalShortestPaths(from source: Int, before: (distance: [UInt64], firstHops: [[NextHop]]), affected: [Bool],
                                  adjacency: [[Adjacency]], incoming: Incoming) -> ([UInt64], [[NextHop]]) {
        let d0 = before.distance
        var distance = d0
        var firstHops = before.firstHops
        var heap = PackedMinHeap(capacity: 16)
        // Seed each affected node from its unaffected neighbours.
        for node in affected.indices where affected[node] {
            distance[node] = .max
            firstHops[node] = []
            for (from, cost, nextHop) in incoming[node] where !affected[from] && d0[from] != .max {
                let candidate = d0[from] + UInt64(cost)
                let hops = from == source ? [nextHop] : before.firstHops[from]
                if candidate < distance[node] {
                    distance[node] = candidate
                    firstHops[node] = hops
                } else if candidate == distance[node] {
                    firstHops[node] = merge(firstHops[node], hops)
                }
            }
            if distance[node] != .max {
                guard distance[node] <= PackedMinHeap.maximumDistance, node <= PackedMinHeap.maximumNode else { return shortestPaths(from: source, adjacency: adjacency) }
                heap.insert(distance: distance[node], node: node)
            }
        }
        var settled = [Bool](repeating: false, count: affected.count)
        while let current = heap.popMin() {
            guard !settled[current.node], current.distance == distance[current.node] else { continue }
            settled[current.node] = true
            for edge in adjacency[current.node] where affected[edge.neighbor] && !settled[edge.neighbor] {
                let candidate = current.distance + UInt64(edge.cost)
                guard candidate <= PackedMinHeap.maximumDistance else { return shortestPaths(from: source, adjacency: adjacency) }
                if candidate < distance[edge.neighbor] {
                    distance[edge.neighbor] = candidate
                    firstHops[edge.neighbor] = firstHops[current.node]
                    heap.insert(distance: candidate, node: edge.neighbor)
                } else if candidate == distance[edge.neighbor] {
                    firstHops[edge.neighbor] = merge(firstHops[edge.neighbor], firstHops[current.node])
                }
            }
        }
        return (distance, firstHops)
    }
}
