import HeapModule

/// RSVP-TE LSPs as signalled in one data plane (RFC 3209; docs/mpls.md): each LSP's path by
/// CSPF over the links that run RSVP, up and with the bandwidth left, in priority order.
public struct LSPState: Sendable, Codable, Equatable {
    public var head: String
    public var name: String
    public var tail: String
    public var up: Bool
    /// `primary` or `secondary` (the one in use).
    public var path: String?
    /// The routers it crosses, head to tail.
    public var routers: [String]
    public var links: [String]
    /// Why it is down, or why it is not on its primary.
    public var reason: String?
    /// Internal: the next hop at each router of the path.
    var hops: [NextHop] = []
    public internal(set) var routerIndices: [Int] = []

    private enum CodingKeys: String, CodingKey { case head, name, tail, up, path, routers, links, reason }
}

/// CSPF and bandwidth admission for every LSP of the network. LSPs are placed in setup-priority
/// order (0 first), then by head-end and name, so a better priority gets bandwidth first (what
/// preemption converges to; hold priorities are not compared). Within an LSP the primary is
/// tried, then the secondary. Ties between equal-metric paths break on router names, so the
/// result does not depend on the order of the topology.
struct RSVPSignalling {
    let plane: DataPlane
    /// Bits/s left per link direction: [link][0] a->b, [1] b->a.
    private var available: [[UInt64]]
    private(set) var states: [LSPState] = []
    /// Per router, its links that can carry RSVP (up, RSVP at both ends), with the direction.
    private let incident: [[(link: Int, direction: Int)]]
    /// Each router's place in name order: the tie-break, without comparing strings.
    private let nameRank: [Int]

    init(plane: DataPlane) {
        self.plane = plane
        let network = plane.network
        available = network.links.map { link in
            [network.routers[link.a.router].interfaces[link.a.interface].rsvpBandwidth ?? 0,
             network.routers[link.b.router].interfaces[link.b.interface].rsvpBandwidth ?? 0]
        }
        var incident = [[(link: Int, direction: Int)]](repeating: [], count: network.routers.count)
        for (index, link) in network.links.enumerated() where plane.liveness.linkUp[index] {
            guard plane.liveness.routerUp[link.a.router], plane.liveness.routerUp[link.b.router],
                  plane.liveness.interfaceUp[link.a.router][link.a.interface], plane.liveness.interfaceUp[link.b.router][link.b.interface],
                  network.routers[link.a.router].interfaces[link.a.interface].rsvpBandwidth != nil,
                  network.routers[link.b.router].interfaces[link.b.interface].rsvpBandwidth != nil else { continue }
            incident[link.a.router].append((index, 0))
            incident[link.b.router].append((index, 1))
        }
        self.incident = incident
        var rank = [Int](repeating: 0, count: network.routers.count)
        for (position, r) in network.routers.indices.sorted(by: { network.routers[$0].name < network.routers[$1].name }).enumerated() { rank[r] = position }
        nameRank = rank
        var order: [(head: Int, lsp: LSP)] = []
        for (r, router) in network.routers.enumerated() { for lsp in router.lsps { order.append((r, lsp)) } }
        order.sort { a, b in
            (a.lsp.setupPriority, network.routers[a.head].name, a.lsp.name) < (b.lsp.setupPriority, network.routers[b.head].name, b.lsp.name)
        }
        for (head, lsp) in order { states.append(signal(lsp, from: head)) }
    }

    private mutating func signal(_ lsp: LSP, from head: Int) -> LSPState {
        let network = plane.network
        var state = LSPState(head: network.routers[head].name, name: lsp.name, tail: lsp.tail, up: false, routers: [], links: [])
        guard plane.liveness.routerUp[head] else { state.reason = "head-end \(state.head) is down"; return state }
        guard let tail = network.routerIndex[lsp.tail], plane.liveness.routerUp[tail] else { state.reason = "tail-end \(lsp.tail) is down"; return state }
        var primaryFailure: String?
        let primary = lsp.primary ?? LSPPath(hops: [], strict: false, location: lsp.location)
        switch route(from: head, to: tail, along: primary, bandwidth: lsp.bandwidth) {
        case .success(let steps):
            return admit(steps, lsp: lsp, into: state, path: "primary", reason: nil)
        case .failure(let why):
            primaryFailure = "primary: \(why)"
        }
        guard let secondary = lsp.secondary else { state.reason = primaryFailure; return state }
        switch route(from: head, to: tail, along: secondary, bandwidth: lsp.bandwidth) {
        case .success(let steps):
            return admit(steps, lsp: lsp, into: state, path: "secondary", reason: primaryFailure)
        case .failure(let why):
            state.reason = [primaryFailure, "secondary: \(why)"].compactMap { $0 }.joined(separator: "; ")
            return state
        }
    }

    private mutating func admit(_ steps: [Step], lsp: LSP, into state: LSPState, path: String, reason: String?) -> LSPState {
        var state = state
        let network = plane.network
        for step in steps { available[step.link][step.direction] -= lsp.bandwidth }
        state.up = true
        state.path = path
        state.reason = reason
        state.routerIndices = [steps.first.map { $0.from } ?? 0] + steps.map(\.to)
        state.routers = state.routerIndices.map { network.routers[$0].name }
        state.links = steps.map { network.links[$0.link].name }
        state.hops = steps.map(\.hop)
        return state
    }

    struct Step {
        var from: Int
        var to: Int
        var link: Int
        var direction: Int
        var hop: NextHop
    }

    enum Routed { case success([Step]), failure(String) }

    /// The path through `path`'s hops (each the next router when strict, else reached by CSPF)
    /// and on to the tail, never crossing a router twice.
    private func route(from head: Int, to tail: Int, along path: LSPPath, bandwidth: UInt64) -> Routed {
        let network = plane.network
        var waypoints: [Int] = []
        for name in path.hops {
            guard let r = network.routerIndex[name] else { return .failure("hop \(name) is not a router") }
            if r != head { waypoints.append(r) }
        }
        if waypoints.last != tail { waypoints.append(tail) }
        var steps: [Step] = []
        var current = head
        var used: Set<Int> = [head]
        for waypoint in waypoints {
            if path.strict {
                guard let step = cheapestLink(from: current, to: waypoint, bandwidth: bandwidth) else {
                    return .failure("strict hop \(network.routers[waypoint].name) is not reachable from \(network.routers[current].name) over a link with RSVP and \(Self.text(bandwidth)) free")
                }
                steps.append(step)
            } else {
                guard let segment = shortestPath(from: current, to: waypoint, bandwidth: bandwidth, excluding: used.subtracting([current])) else {
                    return .failure("no path from \(network.routers[current].name) to \(network.routers[waypoint].name) over links with RSVP and \(Self.text(bandwidth)) free")
                }
                steps += segment
            }
            for step in steps { used.insert(step.to) }
            current = waypoint
        }
        return .success(steps)
    }

    /// Links from `r` that can carry the LSP: up, RSVP at both ends, enough bandwidth this way.
    private func eligibleSteps(from r: Int, bandwidth: UInt64) -> [Step] {
        let network = plane.network
        return incident[r].compactMap { entry in
            guard available[entry.link][entry.direction] >= bandwidth else { return nil }
            let link = network.links[entry.link]
            let (here, there) = entry.direction == 0 ? (link.a, link.b) : (link.b, link.a)
            let gateway = network.routers[there.router].interfaces[there.interface].address
            return Step(from: r, to: there.router, link: entry.link, direction: entry.direction, hop: NextHop(interface: here.interface, gateway: gateway))
        }
    }

    private func metric(_ step: Step) -> UInt64 {
        let link = plane.network.links[step.link]
        let end = step.direction == 0 ? link.a : link.b
        let interface = plane.network.routers[end.router].interfaces[end.interface]
        return UInt64(interface.teMetric ?? interface.cost)
    }

    private func cheapestLink(from r: Int, to next: Int, bandwidth: UInt64) -> Step? {
        let names = plane.network.links.map(\.name)
        return eligibleSteps(from: r, bandwidth: bandwidth).filter { $0.to == next }
            .min { (metric($0), names[$0.link]) < (metric($1), names[$1.link]) }
    }

    /// Dijkstra on TE metric; equal distances prefer the router, then the predecessor and link,
    /// with the smaller name.
    private func shortestPath(from source: Int, to target: Int, bandwidth: UInt64, excluding: Set<Int>) -> [Step]? {
        let network = plane.network
        var distance = [UInt64](repeating: .max, count: network.routers.count)
        var via = [Step?](repeating: nil, count: network.routers.count)
        var done = [Bool](repeating: false, count: network.routers.count)
        var queue = Heap<QueueEntry>()
        distance[source] = 0
        queue.insert(QueueEntry(distance: 0, rank: nameRank[source], router: source))
        while let entry = queue.popMin() {
            let u = entry.router
            guard !done[u], entry.distance == distance[u] else { continue }
            if u == target { break }
            done[u] = true
            for step in eligibleSteps(from: u, bandwidth: bandwidth) where !excluding.contains(step.to) && !done[step.to] {
                let candidate = distance[u] + metric(step)
                let current = via[step.to]
                let better = candidate < distance[step.to] || candidate == distance[step.to] && current.map { old in
                    (nameRank[u], network.links[step.link].name) < (nameRank[old.from], network.links[old.link].name)
                } ?? false
                if better {
                    distance[step.to] = candidate
                    via[step.to] = step
                    queue.insert(QueueEntry(distance: candidate, rank: nameRank[step.to], router: step.to))
                }
            }
        }
        guard distance[target] != .max else { return nil }
        var steps: [Step] = []
        var r = target
        while r != source, let step = via[r] { steps.append(step); r = step.from }
        return steps.reversed()
    }

    struct QueueEntry: Comparable {
        var distance: UInt64
        var rank: Int
        var router: Int
        static func < (a: QueueEntry, b: QueueEntry) -> Bool { (a.distance, a.rank) < (b.distance, b.rank) }
    }

    static func text(_ bits: UInt64) -> String {
        if bits == 0 { return "any bandwidth" }
        for (scale, suffix) in [(UInt64(1_000_000_000_000), "T"), (1_000_000_000, "G"), (1_000_000, "M"), (1_000, "k")] where bits % scale == 0 {
            return "\(bits / scale)\(suffix)"
        }
        return "\(bits) bit/s"
    }
}

extension DataPlane {
    /// The network's RSVP-TE LSPs as signalled in this plane (empty without LSPs).
    public func lspStates() -> [LSPState] {
        guard switchesLabels, network.routers.contains(where: { !$0.lsps.isEmpty }) else { return [] }
        return cachedLSPStates { RSVPSignalling(plane: self).states }
    }
}
