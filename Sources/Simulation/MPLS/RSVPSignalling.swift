import HeapModule

/// RSVP-TE LSPs as signalled in one data plane (RFC 3209; docs/mpls.md): each LSP's path by
/// CSPF over the links that run RSVP, up and with the bandwidth left, in priority order.
/// A link of an LSP's path and the way it is crossed (0: a to b, 1: b to a).
struct LinkStep: Sendable, Equatable {
    var link: Int
    var direction: Int
}

public struct LSPState: Sendable, Codable, Equatable {
    public var head: String
    public var name: String
    public var tail: String
    public var up: Bool
    /// `primary` or `secondary` (the one in use).
    public var path: String?
    /// The routers it crosses, head to tail.
    public var routers: [String] { route.routers }
    public var links: [String] { route.links }
    /// Why it is down, or why it is not on its primary.
    public var reason: String?
    /// A standby secondary signalled alongside the primary (nil: none configured, or the LSP is
    /// not on its primary).
    public var standby: StandbyPath?
    /// Link protection (RFC 4090 facility backup), when the LSP asks for it: per link of its
    /// path, the bypass its upstream router signals around it.
    public var protection: [ProtectedLink]?
    /// The path, shared between copies: a sweep copies every state of every scenario, and one
    /// reference is cheaper to copy than five arrays.
    var route = LSPRoute.none
    var headIndex = 0
    var tailIndex: Int?
    var routesTraffic = true
    /// Internal: the next hop at each router of the path, the links it takes (and which way).
    var hops: [NextHop] { route.hops }
    var linkSteps: [LinkStep] { route.linkSteps }
    public var routerIndices: [Int] { route.routerIndices }

    init(head: String, name: String, tail: String, up: Bool) {
        (self.head, self.name, self.tail, self.up) = (head, name, tail, up)
    }

    private enum CodingKeys: String, CodingKey { case head, name, tail, up, path, routers, links, reason, standby, protection }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        head = try container.decode(String.self, forKey: .head)
        name = try container.decode(String.self, forKey: .name)
        tail = try container.decode(String.self, forKey: .tail)
        up = try container.decode(Bool.self, forKey: .up)
        path = try container.decodeIfPresent(String.self, forKey: .path)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        standby = try container.decodeIfPresent(StandbyPath.self, forKey: .standby)
        protection = try container.decodeIfPresent([ProtectedLink].self, forKey: .protection)
        route = LSPRoute(routers: try container.decode([String].self, forKey: .routers), links: try container.decode([String].self, forKey: .links),
                         hops: [], linkSteps: [], routerIndices: [])
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(head, forKey: .head)
        try container.encode(name, forKey: .name)
        try container.encode(tail, forKey: .tail)
        try container.encode(up, forKey: .up)
        try container.encodeIfPresent(path, forKey: .path)
        try container.encode(routers, forKey: .routers)
        try container.encode(links, forKey: .links)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(standby, forKey: .standby)
        try container.encodeIfPresent(protection, forKey: .protection)
    }
}

/// An LSP's path as signalled: immutable, shared by every copy of its state.
final class LSPRoute: Sendable, Equatable {
    let routers: [String]
    let links: [String]
    let hops: [NextHop]
    let linkSteps: [LinkStep]
    let routerIndices: [Int]
    static let none = LSPRoute(routers: [], links: [], hops: [], linkSteps: [], routerIndices: [])

    init(routers: [String], links: [String], hops: [NextHop], linkSteps: [LinkStep], routerIndices: [Int]) {
        (self.routers, self.links, self.hops, self.linkSteps, self.routerIndices) = (routers, links, hops, linkSteps, routerIndices)
    }

    static func == (a: LSPRoute, b: LSPRoute) -> Bool {
        a === b || a.routerIndices == b.routerIndices && a.linkSteps == b.linkSteps && a.hops == b.hops && a.routers == b.routers && a.links == b.links
    }
}

/// One link of a protected LSP's path and the bypass around it: from the point of local repair
/// (the router before the link) to the merge point (the router after it), avoiding the link.
public struct ProtectedLink: Sendable, Codable, Equatable {
    public var link: String
    public var pointOfLocalRepair: String
    /// The bypass (its routers point of local repair to merge point, links, next hops); empty
    /// when there is none.
    var route = LSPRoute.none
    public var bypass: [String] { route.routers }
    public var bypassLinks: [String] { route.links }
    /// Why the link is not protected.
    public var reason: String?

    init(link: String, pointOfLocalRepair: String) {
        (self.link, self.pointOfLocalRepair) = (link, pointOfLocalRepair)
    }

    private enum CodingKeys: String, CodingKey { case link, pointOfLocalRepair, bypass, bypassLinks, reason }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        link = try container.decode(String.self, forKey: .link)
        pointOfLocalRepair = try container.decode(String.self, forKey: .pointOfLocalRepair)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        route = LSPRoute(routers: try container.decode([String].self, forKey: .bypass), links: try container.decode([String].self, forKey: .bypassLinks),
                         hops: [], linkSteps: [], routerIndices: [])
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(link, forKey: .link)
        try container.encode(pointOfLocalRepair, forKey: .pointOfLocalRepair)
        try container.encode(bypass, forKey: .bypass)
        try container.encode(bypassLinks, forKey: .bypassLinks)
        try container.encodeIfPresent(reason, forKey: .reason)
    }
}

/// A standby secondary path: signalled in advance, reserving bandwidth on the links the primary
/// does not cross (shared-explicit style, RFC 3209 section 1.3: the primary's reservation is
/// shared where they overlap).
public struct StandbyPath: Sendable, Codable, Equatable {
    public var up: Bool
    public var routers: [String]
    public var links: [String]
    /// Why it could not be signalled.
    public var reason: String?
}

/// CSPF and bandwidth admission for every LSP of the network. LSPs are placed in setup-priority
/// order (0 first), then by head-end and name, so a better priority gets bandwidth first (what
/// preemption converges to; hold priorities are not compared). Within an LSP the primary is
/// tried, then the secondary. Ties between equal-metric paths break on router names, so the
/// result does not depend on the order of the topology.
struct RSVPSignalling {
    let plane: DataPlane
    /// Bits/s left per link direction, at link * 2 + direction (0: a to b, 1: b to a).
    private var available: [UInt64]
    private(set) var states: [LSPState] = []
    /// With a baseline: the head-ends of the LSPs whose state differs from the baseline's.
    private(set) var changedHeads: Set<Int> = []
    /// The network's RSVP links and bandwidths, whatever fails (built once per sweep).
    let topology: RSVPTopology
    /// Per link: RSVP at both ends and, in this plane, up with both routers and interfaces.
    private var carriesRSVP: [Bool]
    /// LSPs in placement order, as (head, index among its LSPs).
    let order: [(Int, Int)]
    /// Each router's place in name order: the tie-break, without comparing strings.
    let nameRank: [Int]
    /// The affinities of the LSP being signalled (RFC 3209 section 4.7.4).
    private var includeAny: Set<String> = []
    private var includeAll: Set<String> = []
    private var exclude: Set<String> = []
    /// Links (as link * 2 + direction, or link * 2 for both ways via `avoidLinks`) the path being
    /// computed must not take, and link directions it already holds bandwidth on (a standby
    /// sharing the primary's reservation).
    private var avoidLinks: Set<Int> = []
    private var sharedSteps: Set<Int> = []
    /// Dijkstra's arrays, allocated once per signalling run and reset where a search touched them.
    private let scratch: Scratch

    private final class Scratch {
        var distance: [UInt64]
        var via: [Step?]
        var done: [Bool]
        var touched: [Int] = []
        init(routers: Int) {
            distance = [UInt64](repeating: .max, count: routers)
            via = [Step?](repeating: nil, count: routers)
            done = [Bool](repeating: false, count: routers)
        }
        func reset() {
            for r in touched { distance[r] = .max; via[r] = nil; done[r] = false }
            touched.removeAll(keepingCapacity: true)
        }
    }

    /// `baseline`: the no-failure run's signalling, in the same order, to reuse each LSP whose
    /// result cannot have changed (`reusable`).
    init(plane: DataPlane, baseline: LSPBaseline? = nil) {
        self.plane = plane
        let network = plane.network
        // The RSVP links and their bandwidths depend on the network only: a sweep builds them once.
        let topology = baseline?.topology ?? RSVPTopology(network)
        self.topology = topology
        available = topology.reservable
        let up = plane.liveness
        carriesRSVP = topology.rsvpLink.indices.map { index in
            let link = network.links[index]
            return topology.rsvpLink[index] && up.linkUp[index] && up.routerUp[link.a.router] && up.routerUp[link.b.router]
                && up.interfaceUp[link.a.router][link.a.interface] && up.interfaceUp[link.b.router][link.b.interface]
        }
        // The order and the name ranks depend on the network only: a sweep computes them once.
        let (rank, order) = baseline.map { ($0.nameRank, $0.order) } ?? Self.placementOrder(network)
        nameRank = rank
        self.order = order
        scratch = Scratch(routers: network.routers.count)
        // Fields are read in place: a sweep runs this for every LSP of every scenario, and copying
        // an `LSP` or `LSPState` (several arrays each) dominated it.
        for (position, (head, which)) in order.enumerated() {
            let bandwidth = network.routers[head].lsps[which].bandwidth
            if let baseline, position < baseline.states.count, let kept = reusable(baseline, position: position, bandwidth: bandwidth) {
                for step in kept { available[step.link * 2 + step.direction] -= bandwidth }
                states.append(baseline.states[position])
                continue
            }
            let state = signal(network.routers[head].lsps[which], from: head)
            if let baseline, position >= baseline.states.count || state != baseline.states[position] { changedHeads.insert(head) }
            states.append(state)
        }
        protectLinks()
    }

    /// Bypasses for the LSPs that ask for link protection: one per link and direction, shared
    /// by every LSP crossing it (facility backup), signalled with no bandwidth and no affinity
    /// (the defaults of Junos' dynamic bypasses and IOS' auto-tunnel backup).
    private mutating func protectLinks() {
        let network = plane.network
        var bypasses: [Int: ProtectedLink] = [:]
        for (position, (head, which)) in order.enumerated() where network.routers[head].lsps[which].linkProtection && states[position].up {
            var protection: [ProtectedLink] = []
            for (step, from) in zip(states[position].linkSteps, states[position].routerIndices) {
                let key = step.link * 2 + step.direction
                if let known = bypasses[key] { protection.append(known); continue }
                let link = network.links[step.link]
                let (here, there) = step.direction == 0 ? (link.a, link.b) : (link.b, link.a)
                var protected = ProtectedLink(link: link.name, pointOfLocalRepair: network.routers[from].name)
                if !network.routers[here.router].interfaces[here.interface].linkProtection {
                    protected.reason = "\(protected.pointOfLocalRepair) signals no bypass on \(network.routers[here.router].interfaces[here.interface].name) (no link protection there)"
                } else {
                    avoidLinks = [step.link * 2]
                    let path = shortestPath(from: here.router, to: there.router, bandwidth: 0, excluding: [])
                    avoidLinks = []
                    if let path {
                        protected.route = route(path, from: here.router)
                    } else {
                        protected.reason = "no path from \(protected.pointOfLocalRepair) to \(network.routers[there.router].name) avoiding \(link.name) over links with RSVP"
                    }
                }
                bypasses[key] = protected
                protection.append(protected)
            }
            states[position].protection = protection
        }
    }

    /// The baseline's path of LSP `position`, when this run must signal it the same way: it was
    /// up on its primary, which was also the best path with no bandwidth taken (so bandwidth that
    /// other LSPs free cannot offer it a better one), none of its links or routers failed, and
    /// every link still has its bandwidth free at this point of the order. Removing links and
    /// taking bandwidth elsewhere only removes candidates, never the winner.
    private func reusable(_ baseline: LSPBaseline, position: Int, bandwidth: UInt64) -> [LinkStep]? {
        // A link that can carry RSVP here has both routers and interfaces up.
        guard baseline.states[position].up, baseline.unconstrained[position], baseline.states[position].path == "primary",
              baseline.states[position].standby == nil, baseline.states[position].protection == nil,
              baseline.states[position].linkSteps.allSatisfy({ carriesRSVP[$0.link] && available[$0.link * 2 + $0.direction] >= bandwidth }) else { return nil }
        return baseline.states[position].linkSteps
    }

    /// Routers' ranks in name order, and the LSPs in placement order (setup priority, then
    /// head-end and LSP name) as (head, index among its LSPs).
    static func placementOrder(_ network: Network) -> ([Int], [(Int, Int)]) {
        var rank = [Int](repeating: 0, count: network.routers.count)
        for (position, r) in network.routers.indices.sorted(by: { network.routers[$0].name < network.routers[$1].name }).enumerated() { rank[r] = position }
        var order: [(Int, Int)] = []
        for (r, router) in network.routers.enumerated() { for i in router.lsps.indices { order.append((r, i)) } }
        order.sort { a, b in
            let x = network.routers[a.0].lsps[a.1], y = network.routers[b.0].lsps[b.1]
            return (x.setupPriority, rank[a.0], x.name) < (y.setupPriority, rank[b.0], y.name)
        }
        return (rank, order)
    }

    /// For each LSP of a no-failure run, whether its primary path is also CSPF's choice with no
    /// bandwidth constraint (see `reusable`).
    func unconstrainedChoices() -> [Bool] {
        var free = self
        free.available = available.map { _ in UInt64.max }
        return zip(order, states).map { entry, state in
            let lsp = plane.network.routers[entry.0].lsps[entry.1]
            guard state.up, state.path == "primary", let tail = plane.network.routerIndex[lsp.tail] else { return false }
            let primary = lsp.primary ?? LSPPath(hops: [], strict: false, location: lsp.location)
            (free.includeAny, free.includeAll, free.exclude) = (lsp.includeAny, lsp.includeAll, lsp.exclude)
            guard case .success(let steps) = free.route(from: entry.0, to: tail, along: primary, bandwidth: 0) else { return false }
            return steps.map { LinkStep(link: $0.link, direction: $0.direction) } == state.linkSteps
        }
    }

    private mutating func signal(_ lsp: LSP, from head: Int) -> LSPState {
        let network = plane.network
        (includeAny, includeAll, exclude) = (lsp.includeAny, lsp.includeAll, lsp.exclude)
        defer { (includeAny, includeAll, exclude) = ([], [], []) }
        var state = LSPState(head: network.routers[head].name, name: lsp.name, tail: lsp.tail, up: false)
        state.headIndex = head
        state.tailIndex = network.routerIndex[lsp.tail]
        state.routesTraffic = lsp.routesTraffic
        guard plane.liveness.routerUp[head] else { state.reason = "head-end \(state.head) is down"; return state }
        guard let tail = network.routerIndex[lsp.tail], plane.liveness.routerUp[tail] else { state.reason = "tail-end \(lsp.tail) is down"; return state }
        var primaryFailure: String?
        let primary = lsp.primary ?? LSPPath(hops: [], strict: false, location: lsp.location)
        switch route(from: head, to: tail, along: primary, bandwidth: lsp.bandwidth) {
        case .success(let steps):
            var up = admit(steps, lsp: lsp, into: state, path: "primary", reason: nil)
            if let secondary = lsp.secondary, secondary.standby {
                up.standby = signalStandby(secondary, lsp: lsp, from: head, to: tail, primary: up.linkSteps)
            }
            return up
        case .failure(let why):
            primaryFailure = "primary: \(why)"
        }
        guard let secondary = lsp.secondary else { state.reason = primaryFailure; return state }
        if secondary.srlgDiverse, let intact = intactPrimary(lsp, from: head, to: tail) {
            // Diverse from the primary's path on the intact network (what a standby was signalled
            // against before the failure; where it survived, it now carries the traffic), else
            // any path: the secondary is the working path now.
            avoidLinks = sharedRisks(of: intact)
            defer { avoidLinks = [] }
            if case .success(let steps) = route(from: head, to: tail, along: secondary, bandwidth: lsp.bandwidth) {
                return admit(steps, lsp: lsp, into: state, path: "secondary", reason: primaryFailure)
            }
        }
        switch route(from: head, to: tail, along: secondary, bandwidth: lsp.bandwidth) {
        case .success(let steps):
            return admit(steps, lsp: lsp, into: state, path: "secondary", reason: primaryFailure)
        case .failure(let why):
            state.reason = [primaryFailure, "secondary: \(why)"].compactMap { $0 }.joined(separator: "; ")
            return state
        }
    }

    /// The standby secondary next to the primary `primary`: srlg-diverse ones avoid the primary's
    /// links and every link sharing a failure set with them; bandwidth is taken only where the
    /// primary does not already hold it.
    private mutating func signalStandby(_ secondary: LSPPath, lsp: LSP, from head: Int, to tail: Int, primary: [LinkStep]) -> StandbyPath {
        if secondary.srlgDiverse { avoidLinks = sharedRisks(of: primary) }
        sharedSteps = Set(primary.map { $0.link * 2 + $0.direction })
        defer { (avoidLinks, sharedSteps) = ([], []) }
        switch route(from: head, to: tail, along: secondary, bandwidth: lsp.bandwidth) {
        case .success(let steps):
            for step in steps where !sharedSteps.contains(step.link * 2 + step.direction) { available[step.link * 2 + step.direction] -= lsp.bandwidth }
            let standby = route(steps, from: head)
            return StandbyPath(up: true, routers: standby.routers, links: standby.links, reason: nil)
        case .failure(let why):
            let diverse = secondary.srlgDiverse ? " avoiding the primary's links and shared-risk groups" : ""
            return StandbyPath(up: false, routers: [], links: [], reason: "standby secondary not signalled\(diverse): \(why)")
        }
    }

    /// Link indices (as link * 2) sharing risk with `path`: its own links and every link of a
    /// failure set that holds one of them (a set's routers stand for all their links).
    private func sharedRisks(of path: [LinkStep]) -> Set<Int> {
        let network = plane.network
        var links = Set(path.map(\.link))
        for set in network.failureSets {
            var members = Set(set.links.compactMap { Link.lookup($0, in: network.linkIndex) })
            for name in set.routers {
                guard let r = network.routerIndex[name] else { continue }
                for (index, link) in network.links.enumerated() where link.a.router == r || link.b.router == r { members.insert(index) }
            }
            if !members.isDisjoint(with: links) { links.formUnion(members) }
        }
        return Set(links.map { $0 * 2 })
    }

    /// The primary's path on the intact network (every link up, no bandwidth taken): what a
    /// standby secondary was made diverse from before the failure.
    private func intactPrimary(_ lsp: LSP, from head: Int, to tail: Int) -> [LinkStep]? {
        var intact = self
        intact.carriesRSVP = topology.rsvpLink
        intact.available = available.map { _ in UInt64.max }
        let primary = lsp.primary ?? LSPPath(hops: [], strict: false, location: lsp.location)
        guard case .success(let steps) = intact.route(from: head, to: tail, along: primary, bandwidth: 0) else { return nil }
        return steps.map { LinkStep(link: $0.link, direction: $0.direction) }
    }

    private mutating func admit(_ steps: [Step], lsp: LSP, into state: LSPState, path: String, reason: String?) -> LSPState {
        var state = state
        for step in steps { available[step.link * 2 + step.direction] -= lsp.bandwidth }
        state.up = true
        state.path = path
        state.reason = reason
        state.route = route(steps, from: state.headIndex)
        return state
    }

    /// A computed path as the route states keep: routers from `start`, links, next hops.
    private func route(_ steps: [Step], from start: Int) -> LSPRoute {
        let network = plane.network
        let indices = [start] + steps.map(\.to)
        return LSPRoute(routers: indices.map { network.routers[$0].name }, links: steps.map { network.links[$0.link].name },
                        hops: steps.map(\.hop), linkSteps: steps.map { LinkStep(link: $0.link, direction: $0.direction) }, routerIndices: indices)
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
                    return .failure("strict hop \(network.routers[waypoint].name) is not reachable from \(network.routers[current].name) over a link with RSVP and \(Self.text(bandwidth)) free\(affinityText)")
                }
                steps.append(step)
            } else {
                guard let segment = shortestPath(from: current, to: waypoint, bandwidth: bandwidth, excluding: used.subtracting([current])) else {
                    return .failure("no path from \(network.routers[current].name) to \(network.routers[waypoint].name) over links with RSVP and \(Self.text(bandwidth)) free\(affinityText)")
                }
                steps += segment
            }
            for step in steps { used.insert(step.to) }
            current = waypoint
        }
        return .success(steps)
    }

    /// The link's colours allow the LSP: one of its include-any groups, all of its include-all
    /// ones, none of its excluded ones.
    private func affinityAllows(_ link: Int, direction: Int) -> Bool {
        guard !includeAny.isEmpty || !includeAll.isEmpty || !exclude.isEmpty else { return true }
        let end = direction == 0 ? plane.network.links[link].a : plane.network.links[link].b
        let groups = plane.network.routers[end.router].interfaces[end.interface].adminGroups
        return (includeAny.isEmpty || !groups.isDisjoint(with: includeAny)) && includeAll.isSubset(of: groups) && groups.isDisjoint(with: exclude)
    }

    /// Links from `r` that can carry the LSP: up, RSVP at both ends, enough bandwidth this way.
    private func eligibleSteps(from r: Int, bandwidth: UInt64) -> [Step] {
        topology.incident[r].compactMap { entry in step(from: r, over: entry, bandwidth: bandwidth) }
    }

    /// The step from `r` over one of its RSVP links, when the LSP may take it (bandwidth left
    /// this way, affinities).
    private func step(from r: Int, over entry: (link: Int, direction: Int), bandwidth: UInt64) -> Step? {
        let needed = sharedSteps.contains(entry.link * 2 + entry.direction) ? 0 : bandwidth
        guard carriesRSVP[entry.link], available[entry.link * 2 + entry.direction] >= needed, affinityAllows(entry.link, direction: entry.direction),
              !avoidLinks.contains(entry.link * 2) else { return nil }
        let network = plane.network
        let link = network.links[entry.link]
        let (here, there) = entry.direction == 0 ? (link.a, link.b) : (link.b, link.a)
        let gateway = network.routers[there.router].interfaces[there.interface].address
        return Step(from: r, to: there.router, link: entry.link, direction: entry.direction, hop: NextHop(interface: here.interface, gateway: gateway))
    }

    private func metric(_ step: Step) -> UInt64 {
        let link = plane.network.links[step.link]
        let end = step.direction == 0 ? link.a : link.b
        let interface = plane.network.routers[end.router].interfaces[end.interface]
        return UInt64(interface.teMetric ?? interface.cost)
    }

    private func cheapestLink(from r: Int, to next: Int, bandwidth: UInt64) -> Step? {
        let links = plane.network.links
        return eligibleSteps(from: r, bandwidth: bandwidth).filter { $0.to == next }
            .min { (metric($0), links[$0.link].name) < (metric($1), links[$1.link].name) }
    }

    /// Dijkstra on TE metric; equal distances prefer the router, then the predecessor and link,
    /// with the smaller name.
    private func shortestPath(from source: Int, to target: Int, bandwidth: UInt64, excluding: Set<Int>) -> [Step]? {
        let network = plane.network
        let s = scratch
        defer { s.reset() }
        var queue = Heap<QueueEntry>()
        s.distance[source] = 0
        s.touched.append(source)
        queue.insert(QueueEntry(distance: 0, rank: nameRank[source], router: source))
        while let entry = queue.popMin() {
            let u = entry.router
            guard !s.done[u], entry.distance == s.distance[u] else { continue }
            if u == target { break }
            s.done[u] = true
            for entry in topology.incident[u] {
                guard let step = step(from: u, over: entry, bandwidth: bandwidth), !excluding.contains(step.to), !s.done[step.to] else { continue }
                let next = step.to
                let candidate = s.distance[u] + metric(step)
                let better = candidate < s.distance[next] || candidate == s.distance[next] && s.via[next].map { old in
                    (nameRank[u], network.links[step.link].name) < (nameRank[old.from], network.links[old.link].name)
                } ?? false
                if better {
                    if s.distance[next] == .max { s.touched.append(next) }
                    s.distance[next] = candidate
                    s.via[next] = step
                    queue.insert(QueueEntry(distance: candidate, rank: nameRank[next], router: next))
                }
            }
        }
        guard s.distance[target] != .max else { return nil }
        var steps: [Step] = []
        var r = target
        while r != source, let step = s.via[r] { steps.append(step); r = step.from }
        return steps.reversed()
    }

    struct QueueEntry: Comparable {
        var distance: UInt64
        var rank: Int
        var router: Int
        static func < (a: QueueEntry, b: QueueEntry) -> Bool { (a.distance, a.rank) < (b.distance, b.rank) }
    }

    /// The affinity constraint in a reason, when there is one.
    private var affinityText: String {
        var parts: [String] = []
        // Cisco's bit groups (`bitN`) in bit order, at most eight named.
        func list(_ groups: Set<String>) -> String {
            let sorted = groups.sorted { a, b in
                let (x, y) = (Int(a.dropFirst(3)), Int(b.dropFirst(3)))
                if a.hasPrefix("bit"), b.hasPrefix("bit"), let x, let y { return x < y }
                return a < b
            }
            return sorted.prefix(8).joined(separator: ", ") + (sorted.count > 8 ? " and \(sorted.count - 8) more" : "")
        }
        if !includeAny.isEmpty { parts.append("including any of \(list(includeAny))") }
        if !includeAll.isEmpty { parts.append("including all of \(list(includeAll))") }
        if !exclude.isEmpty { parts.append("excluding \(list(exclude))") }
        return parts.isEmpty ? "" : " " + parts.joined(separator: " and ")
    }

    static func text(_ bits: UInt64) -> String {
        if bits == 0 { return "any bandwidth" }
        for (scale, suffix) in [(UInt64(1_000_000_000_000), "T"), (1_000_000_000, "G"), (1_000_000, "M"), (1_000, "k")] where bits % scale == 0 {
            return "\(bits / scale)\(suffix)"
        }
        return "\(bits) bit/s"
    }
}

/// The network's RSVP links, whatever fails: per router its links with RSVP at both ends (and
/// the direction it crosses them), per link whether it has RSVP at both ends, and the
/// reservable bandwidth per link direction (link * 2 + direction).
final class RSVPTopology: Sendable {
    let incident: [[(link: Int, direction: Int)]]
    let rsvpLink: [Bool]
    let reservable: [UInt64]

    init(_ network: Network) {
        var incident = [[(link: Int, direction: Int)]](repeating: [], count: network.routers.count)
        var rsvpLink = [Bool](repeating: false, count: network.links.count)
        var reservable = [UInt64](repeating: 0, count: network.links.count * 2)
        for (index, link) in network.links.enumerated() {
            let a = network.routers[link.a.router].interfaces[link.a.interface].rsvpBandwidth
            let b = network.routers[link.b.router].interfaces[link.b.interface].rsvpBandwidth
            reservable[index * 2] = a ?? 0
            reservable[index * 2 + 1] = b ?? 0
            guard a != nil, b != nil else { continue }
            incident[link.a.router].append((index, 0))
            incident[link.b.router].append((index, 1))
            rsvpLink[index] = true
        }
        self.incident = incident
        self.rsvpLink = rsvpLink
        self.reservable = reservable
    }
}

/// What a sweep keeps of the no-failure run's signalling to reuse in each scenario.
public struct LSPBaseline: Sendable {
    let topology: RSVPTopology
    /// The links and routers the LSPs cross, when every LSP is up on one path with no standby
    /// or bypass: a failure that touches none of them leaves every state as it is (fewer
    /// candidates, the same winners). Nil otherwise.
    let crossed: (links: Set<Int>, routers: Set<Int>)?
    let states: [LSPState]
    let byHead: [Int: [Int]]
    let unconstrained: [Bool]
    let nameRank: [Int]
    let order: [(Int, Int)]
}

extension DataPlane {
    /// The no-failure signalling, for `signalLSPs(reusing:)` in each scenario of a sweep.
    public func lspBaseline() -> LSPBaseline? {
        guard switchesLabels, hasLSPs else { return nil }
        let signalling = RSVPSignalling(plane: self)
        _ = cachedLSPStates { signalling.states }   // the plane's own states: signalled once
        let states = signalling.states
        let crossed = states.allSatisfy { $0.up && $0.standby == nil && $0.protection == nil }
            ? (Set(states.flatMap { $0.linkSteps.map(\.link) }), Set(states.flatMap(\.routerIndices))) : nil
        return LSPBaseline(topology: signalling.topology, crossed: crossed, states: states, byHead: lspIndicesByHead(),
                           unconstrained: signalling.unconstrainedChoices(), nameRank: signalling.nameRank, order: signalling.order)
    }

    /// Signals this scenario's LSPs reusing the baseline's where nothing they depend on changed:
    /// all of them when the failures touch no LSP, else LSP by LSP (the same states as
    /// signalling from scratch: LabelSweepEquivalenceTests). Once per plane.
    public func signalLSPs(reusing baseline: LSPBaseline) {
        guard switchesLabels, hasLSPs, !lspCache.hasStates else { return }
        if let crossed = baseline.crossed, failures.links.isDisjoint(with: crossed.links), failures.routers.isDisjoint(with: crossed.routers) {
            lspCache.seed(signalled: baseline.states, changedHeads: [], byHead: baseline.byHead)
            return
        }
        let signalling = RSVPSignalling(plane: self, baseline: baseline)
        lspCache.seed(signalled: signalling.states, changedHeads: signalling.changedHeads, byHead: baseline.byHead)
    }

    /// Per head-end router, the positions of its LSPs in `lspStates()`, by LSP name (the order
    /// the tracer tries them in). The same in every plane of a network: a sweep's scenarios take
    /// the baseline's.
    public func lspIndicesByHead() -> [Int: [Int]] {
        lspCache.byHead { Self.indicesByHead(lspStates()) }
    }

    static func indicesByHead(_ states: [LSPState]) -> [Int: [Int]] {
        var byHead: [Int: [Int]] = [:]
        for (index, state) in states.enumerated() { byHead[state.headIndex, default: []].append(index) }
        return byHead.mapValues { indices in indices.sorted { states[$0].name < states[$1].name } }
    }

    /// The network's RSVP-TE LSPs as signalled in this plane (empty without LSPs).
    public func lspStates() -> [LSPState] {
        guard hasLSPs else { return [] }
        return cachedLSPStates { RSVPSignalling(plane: self).states }
    }
}
