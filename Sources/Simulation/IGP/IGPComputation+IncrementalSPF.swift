/// Shortest paths after links (and routers) fail, from the run without failures. Removing
/// links only lengthens paths, so a node none of whose shortest paths used a failed link keeps
/// its distance and first hops exactly. The others (every node below a failed DAG edge) are
/// recomputed with Dijkstra restricted to them, seeded from their unaffected neighbours: a
/// shortest path's predecessors all have smaller distances (costs are at least 1), so seeding
/// plus relaxing among the affected nodes finds every equal-cost first hop. Tested against the
/// full SPF on every single failure of the examples and generated networks (ShortestPathTests).
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

    /// `before`: the source's distances and first hops without failures, over `baselineAdjacency`;
    /// `adjacency` and `incoming`: the up edges now. Returns the new distances and first hops.
    func incrementalShortestPaths(from source: Int, before: (distance: [UInt64], firstHops: [[NextHop]]), baselineAdjacency: [[Adjacency]],
                                  adjacency: [[Adjacency]], incoming: Incoming, failedLinks: Set<Int>, routerUp: [Bool]) -> ([UInt64], [[NextHop]]) {
        let count = adjacency.count
        let d0 = before.distance
        // Affected: nodes below a failed edge of the baseline DAG, and everything below them.
        var affected = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        for (u, edges) in baselineAdjacency.enumerated() where d0[u] != .max {
            for edge in edges where failedLinks.contains(edge.link) && d0[edge.neighbor] != .max && d0[u] + UInt64(edge.cost) == d0[edge.neighbor] {
                if !affected[edge.neighbor] { affected[edge.neighbor] = true; stack.append(edge.neighbor) }
            }
        }
        for node in routerUp.indices where !routerUp[node] && !affected[node] && d0[node] != .max { affected[node] = true; stack.append(node) }
        while let u = stack.popLast() {
            for edge in baselineAdjacency[u] where !affected[edge.neighbor] && d0[edge.neighbor] != .max && d0[u] + UInt64(edge.cost) == d0[edge.neighbor] {
                affected[edge.neighbor] = true
                stack.append(edge.neighbor)
            }
        }
        var distance = d0
        var firstHops = before.firstHops
        var heap = PackedMinHeap(capacity: 16)
        // Seed each affected node from its unaffected neighbours.
        for node in 0..<count where affected[node] {
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
        var settled = [Bool](repeating: false, count: count)
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
