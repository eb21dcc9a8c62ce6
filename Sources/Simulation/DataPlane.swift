import Synchronization

/// The converged state of one run: RIBs, BGP tables, sessions and track states, with a
/// forwarding table per router built on first use (a prefix trie over the main RIB).
public struct DataPlane: Sendable {
    public let network: Network
    public let failures: FailureSpec
    public let liveness: Liveness
    public let owners: AddressOwners
    /// Per router: connected, static and IGP routes, the winner per prefix by administrative distance.
    public let nonBGPRoutes: [RIBTable]
    /// Per router: the BGP best path per prefix (Loc-RIB).
    public let bgpTables: [BGPTable]
    /// Per router: prefixes whose only paths have an unresolvable next hop.
    public let inaccessible: [[Prefix: IPAddress]]
    /// Per router: discard routes installed for active aggregates.
    public let aggregateRoutes: [[Prefix: RIBEntry]]
    public let sessions: [BGPSessionStatus]
    /// Per router: track id -> up.
    public let trackStates: [[Int: Bool]]
    public internal(set) var diagnostics: [Diagnostic]
    public internal(set) var statistics: Statistics
    /// Some router runs LDP or heads an RSVP-TE LSP: traces switch labels (docs/mpls.md).
    public let switchesLabels: Bool
    let hasLSPs: Bool
    /// Some router runs LDP with ordered control (Junos): a binding depends on the whole way
    /// downstream, so traces are not reused across scenarios.
    let orderedLDP: Bool
    /// The BGP propagation as it ended (sessions, conditions, suppression), for `adjacency`.
    var finalPropagation: BGPPropagation?

    /// In a failure run built on a baseline: what may differ from it (TraceFootprint).
    var delta: ScenarioDelta?
    private let fibCache: FIBCache
    /// The RSVP-TE LSPs as signalled, computed on first use (traces, reports and the sweep's
    /// LSP changes all ask).
    let lspCache = LSPCache()
    /// Per link, whether its LDP session is up (`LDPForwarding`): computed on first use, so the
    /// tracers that share a plane (every scenario's fast-reroute instant reads the baseline's)
    /// compute it once.
    let ldpSessionsUp = ComputedOnce<[Bool]>()

    /// What did not settle when the control plane stopped (`Statistics.nonConvergence`).
    public struct NonConvergence: Sendable, Equatable {
        public struct OscillatingPrefix: Sendable, Equatable {
            public var prefix: Prefix
            /// Routers whose best path for it was still changing at the event bound.
            public var routers: [String]
        }
        public struct FlappingTrack: Sendable, Equatable {
            public var router: String
            public var track: Int
            /// The static routes it controls, as `prefix (file:line)`.
            public var statics: [String]
        }
        public var prefixes: [OscillatingPrefix] = []
        /// Active aggregates and conditional advertisements kept cycling (SIM002).
        public var aggregatesAndConditions = false
        public var tracks: [FlappingTrack] = []
    }

    /// A prefix whose best paths would change at these routers if they decided once more.

    public struct UnstablePrefix: Sendable, Equatable {
        public var prefix: Prefix
        public var routers: [String]
    }

    public struct Statistics: Sendable {
        public var bgpEvents: Int
        public var bgpRounds: Int
        public var trackIterations: Int
        public var converged: Bool
        /// Prefixes whose BGP result was taken from the baseline (failure sweeps), in the last round.
        public var bgpReusedPrefixes = 0
        /// Prefixes re-propagated from the baseline's best paths (failure sweeps).
        public var bgpRepropagatedPrefixes = 0
        /// Neighbor statements whose local session checks were taken from the baseline (sweeps).
        public var reusedSessionChecks = 0
        /// With `SimulationOptions.checkStability`: prefixes whose best paths are not a stable
        /// state (nil: not checked).
        public var unstablePrefixes: [UnstablePrefix]?
        /// nil when everything settled; otherwise what did not (also `converged == false`).
        public var nonConvergence: NonConvergence?
        /// Wall time per stage of the last control-plane pass (for --timings; never in reports).
        public var stageSeconds: [(String, Double)]
    }

    init(network: Network, failures: FailureSpec, liveness: Liveness, owners: AddressOwners, nonBGPRoutes: [RIBTable],
         bgpTables: [BGPTable], inaccessible: [[Prefix: IPAddress]],
         aggregateRoutes: [[Prefix: RIBEntry]], sessions: [BGPSessionStatus], trackStates: [[Int: Bool]], diagnostics: [Diagnostic],
         statistics: Statistics) {
        self.network = network
        self.failures = failures
        self.liveness = liveness
        self.owners = owners
        self.nonBGPRoutes = nonBGPRoutes
        self.bgpTables = bgpTables
        self.inaccessible = inaccessible
        self.aggregateRoutes = aggregateRoutes
        self.sessions = sessions
        self.trackStates = trackStates
        self.diagnostics = diagnostics
        self.statistics = statistics
        self.fibCache = FIBCache()
        switchesLabels = network.routers.contains { $0.mpls?.ldp == true || !$0.lsps.isEmpty }
        hasLSPs = network.routers.contains { !$0.lsps.isEmpty }
        orderedLDP = network.routers.contains { $0.mpls?.ldp == true && $0.dialect == .junos }
    }

    /// The BGP route as installed in the RIB, if BGP wins for that exact prefix.
    public func bgpRIBEntry(router: Int, prefix: Prefix) -> RIBEntry? {
        guard let route = bgpTables[router][prefix], !route.isLocal else { return nil }
        let distances = network.routers[router].distances
        let distance = route.isEBGP ? distances.ebgp : distances.ibgp
        let nextHop = route.attributes.nextHop
        let resolver = nextHopResolver(router: router, route: route)
        guard let (resolvedBy, resolving) = nonBGPRoutes[resolver].resolution(of: nextHop, viaDefault: network.routers[resolver].resolvesNextHopViaDefault)
        else { return nil }
        var peerName: String?
        if case .learned(_, let peerRouter, _, _) = route.source { peerName = network.routers[peerRouter].name }
        let kind: RouteProtocol = route.isEBGP ? .ebgp : .ibgp, metric = route.attributes.med ?? 0
        switch resolving.forwarding {
        case .attached(let interface):
            if let multipath = multipathForwarding(router: router, prefix: prefix) {
                return RIBEntry(prefix: prefix, protocolKind: kind, distance: distance, metric: metric, forwarding: .forward(multipath.hops),
                                origin: multipathText(route, peerName: peerName, paths: multipath.paths), location: nil)
            }
            return RIBEntry(prefix: prefix, protocolKind: kind, distance: distance, metric: metric,
                            forwarding: .forward([NextHop(interface: interface, gateway: nextHop)]), describedBy: .bgp(route, peerName: peerName), location: nil)
        case .forward(let hops):
            if let multipath = multipathForwarding(router: router, prefix: prefix) {
                return RIBEntry(prefix: prefix, protocolKind: kind, distance: distance, metric: metric, forwarding: .forward(multipath.hops),
                                origin: multipathText(route, peerName: peerName, paths: multipath.paths), location: nil)
            }
            return RIBEntry(prefix: prefix, protocolKind: kind, distance: distance, metric: metric, forwarding: .forward(hops),
                            describedBy: .bgp(route, peerName: peerName), location: nil)
        case .discard:
            // The next hop resolves through a discard route: the path stays valid and the
            // traffic dies here. Name the route that swallows it, with its source line.
            let path = route.attributes.asPath.description
            let text = "\(resolving.origin) \(resolvedBy), which resolves next hop \(nextHop) of the \(route.isEBGP ? "eBGP" : "iBGP") path "
                + "\(path.isEmpty ? "(empty)" : path)\(peerName.map { " from \($0)" } ?? "") for \(prefix) (chosen by \(route.decidedBy.rawValue))"
            return RIBEntry(prefix: prefix, protocolKind: kind, distance: distance, metric: metric, forwarding: .discard,
                            origin: text, location: resolving.location)
        }
    }

    /// The router whose non-BGP routes resolve a path's next hop: the PE for a VRF's path
    /// learned from another VRF (its next hop is the remote PE), else the router itself.
    func nextHopResolver(router: Int, route: BGPRoute) -> Int {
        vpnExporter(router: router, route: route) == nil ? router : network.physicalRouter(of: router)
    }

    /// For a VRF instance's path learned from another VRF instance: that instance, where the
    /// VPN label leads (docs/vrf.md).
    func vpnExporter(router: Int, route: BGPRoute) -> Int? {
        guard network.routers[router].vrf != nil, case .learned(let n, let peer, _, _) = route.source,
              network.routers[router].bgp?.neighbors[n].vpn != nil else { return nil }
        return peer
    }

    /// The VRF instance a VRF's installed route for `prefix` leads to over the VPN, if it is one.
    public func vpnExporter(router: Int, prefix: Prefix) -> Int? {
        bgpTables[router][prefix].flatMap { vpnExporter(router: router, route: $0) }
    }

    /// The one place that decides which table wins a prefix of the main RIB: lowest
    /// administrative distance; ties go to connected/static/IGP, then to an aggregate's discard
    /// route; a BGP path counts only when it was learned (not originated here) and its next hop
    /// resolves.
    /// `bgp`: the router's BGP path for the prefix when the caller already has it.
    func winner(router: Int, prefix: Prefix, bgp: BGPRoute?? = nil) -> FIBSource? {
        var best: (distance: UInt8, source: FIBSource)?
        if let entry = nonBGPRoutes[router][prefix] { best = (entry.distance, .nonBGP(entry.protocolKind)) }
        if !aggregateRoutes[router].isEmpty, let entry = aggregateRoutes[router][prefix], entry.distance < (best?.distance ?? 255) { best = (entry.distance, .aggregate) }
        if let route = bgp ?? bgpTables[router][prefix], !route.isLocal {
            let own = network.routers[router].distances
            let distance = route.isEBGP ? own.ebgp : own.ibgp
            let resolver = nextHopResolver(router: router, route: route)
            if distance < (best?.distance ?? 255),
               nonBGPRoutes[resolver].resolution(of: route.path.nextHop, viaDefault: network.routers[resolver].resolvesNextHopViaDefault) != nil {
                best = (distance, .bgp(ebgp: route.isEBGP))
            }
        }
        return best?.source
    }

    func entry(router: Int, prefix: Prefix, source: FIBSource) -> RIBEntry? {
        switch source {
        case .nonBGP: return nonBGPRoutes[router][prefix]
        case .aggregate: return aggregateRoutes[router][prefix]
        case .bgp: return bgpRIBEntry(router: router, prefix: prefix)
        }
    }

    /// Which table wins each prefix of the main RIB, without building the entries (the FIB
    /// stores only this; the entry and its description are made for the prefix a packet hits).
    func fibSources(router: Int) -> [(Prefix, FIBSource)] {
        var sources: [(Prefix, FIBSource)] = []
        sources.reserveCapacity(nonBGPRoutes[router].count + bgpTables[router].count)
        for (prefix, _) in nonBGPRoutes[router] {
            if let source = winner(router: router, prefix: prefix) { sources.append((prefix, source)) }
        }
        let aggregates = aggregateRoutes[router]
        for prefix in aggregates.keys where nonBGPRoutes[router][prefix] == nil {
            if let source = winner(router: router, prefix: prefix) { sources.append((prefix, source)) }
        }
        for (prefix, route) in bgpTables[router] where nonBGPRoutes[router][prefix] == nil && (aggregates.isEmpty || aggregates[prefix] == nil) {
            if let source = winner(router: router, prefix: prefix, bgp: route) { sources.append((prefix, source)) }
        }
        return sources
    }

    /// The main-RIB route of one prefix at a router (the winner among its tables), if any.
    public func mainRIBEntry(router: Int, prefix: Prefix) -> RIBEntry? {
        winner(router: router, prefix: prefix).flatMap { entry(router: router, prefix: prefix, source: $0) }
    }

    /// Every prefix some table of the router holds (main-RIB candidates).
    public func knownPrefixes(router: Int) -> Set<Prefix> {
        var prefixes = Set(nonBGPRoutes[router].map(\.0))
        prefixes.formUnion(aggregateRoutes[router].keys)
        prefixes.formUnion(bgpTables[router].keys)
        return prefixes
    }

    /// The main RIB of a router: every prefix with its winning route, sorted by prefix.
    public func mainRIB(router: Int) -> [RIBEntry] {
        fibSources(router: router).compactMap { entry(router: router, prefix: $0.0, source: $0.1) }.sorted { $0.prefix < $1.prefix }
    }

    /// How many main-RIB routes each protocol wins on a router, without building the entries.
    public func routeCounts(router: Int) -> [RouteProtocol: Int] {
        var counts: [RouteProtocol: Int] = [:]
        for (_, source) in fibSources(router: router) { counts[source.protocolKind, default: 0] += 1 }
        return counts
    }

    /// Longest-prefix match in the router's forwarding table.
    public func lookup(router: Int, address: IPAddress) -> RIBEntry? {
        guard let (prefix, source) = fibCache.trie(router, build: { fibSources(router: router) }).longestMatch(address) else { return nil }
        return entry(router: router, prefix: prefix, source: source)
    }

    /// The same answer as `lookup` without building a forwarding trie: probes each prefix length
    /// present in the router's tables, longest first. Failure sweeps use it because every
    /// scenario has its own data plane and a trie per router would be built for a few lookups.
    public func lookupWithoutFIB(router: Int, address: IPAddress) -> RIBEntry? {
        // Bit n: some table holds a prefix of length n.
        var present = nonBGPRoutes[router].lengthMask | bgpTables[router].results.lengthMask
        for prefix in aggregateRoutes[router].keys { present.insert(prefix) }
        for length in present.lengths(for: address) {
            let prefix = Prefix(network: address, length: length)
            if let source = winner(router: router, prefix: prefix) { return entry(router: router, prefix: prefix, source: source) }
        }
        return nil
    }

    /// The owner of `address` in router r's address realm.
    public func owner(of address: IPAddress, from r: Int) -> AddressOwner? { owners[address, from: r] }
}

/// Which table a main-RIB route comes from, and its protocol.
enum FIBSource: Sendable {
    case nonBGP(RouteProtocol), aggregate, bgp(ebgp: Bool)

    var protocolKind: RouteProtocol {
        switch self {
        case .nonBGP(let kind): kind
        case .aggregate: .bgp
        case .bgp(let ebgp): ebgp ? .ebgp : .ibgp
        }
    }
}

extension DataPlane {
    func cachedLSPStates(_ compute: () -> [LSPState]) -> [LSPState] { lspCache.states(compute) }

    /// The head-ends of the LSPs whose state differs from the baseline's, when this plane's
    /// states were signalled against it (`signalLSPs(reusing:)`); nil otherwise. A trace that
    /// visits none of them reads no changed LSP.
    var lspChangedHeads: Set<Int>? { lspCache.changedHeads }
}

/// A plane's RSVP-TE LSP states, signalled once on first use (traces, reports and the sweep's
/// LSP changes all ask), with what a sweep knows about them: which head-ends' LSPs differ from
/// the baseline's, and the tracer's by-head index (the same for every plane of a network).
final class LSPCache: Sendable {
    private struct Entry {
        var states: [LSPState]?
        var changedHeads: Set<Int>?
        var byHead: [Int: [Int]]?
    }
    private let entry = Mutex(Entry())

    /// States signalled against the baseline, in its order, and the heads whose LSPs changed.
    func seed(signalled: [LSPState], changedHeads: Set<Int>, byHead: [Int: [Int]]) {
        entry.withLock { entry in
            guard entry.states == nil else { return }
            entry = Entry(states: signalled, changedHeads: changedHeads, byHead: byHead)
        }
    }
    var changedHeads: Set<Int>? { entry.withLock { $0.changedHeads } }
    /// Signalled (or seeded) already: signalling again would give the same states.
    var hasStates: Bool { entry.withLock { $0.states != nil } }
    func states(_ compute: () -> [LSPState]) -> [LSPState] {
        if let known = entry.withLock({ $0.states }) { return known }
        let computed = compute()
        entry.withLock { if $0.states == nil { $0.states = computed } }
        return computed
    }
    func byHead(_ compute: () -> [Int: [Int]]) -> [Int: [Int]] {
        if let known = entry.withLock({ $0.byHead }) { return known }
        let computed = compute()
        entry.withLock { if $0.byHead == nil { $0.byHead = computed } }
        return computed
    }
}

/// A value computed on first use, from any thread.
final class ComputedOnce<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)
    func value(_ compute: () -> Value) -> Value {
        if let known = stored.withLock({ $0 }) { return known }
        let computed = compute()
        return stored.withLock { stored in
            if stored == nil { stored = computed }
            return stored ?? computed
        }
    }
}

/// Forwarding tries are built once per router, on first lookup, from any thread.
final class FIBCache: Sendable {
    private let tries: Mutex<[Int: PrefixTrie<FIBSource>]>
    init() { tries = Mutex([:]) }

    func trie(_ router: Int, build: () -> [(Prefix, FIBSource)]) -> PrefixTrie<FIBSource> {
        if let known = tries.withLock({ $0[router] }) { return known }
        var trie = PrefixTrie<FIBSource>()
        for (prefix, source) in build() { trie.insert(prefix, source) }
        tries.withLock { $0[router] = trie }
        return trie
    }
}

extension DataPlane.NonConvergence {
    /// One sentence per thing that did not settle, for every report.
    public var descriptions: [String] {
        var lines = prefixes.map { "BGP best paths for \($0.prefix) keep changing at \($0.routers.joined(separator: ", "))" }
        if aggregatesAndConditions { lines.append("active aggregates and conditional advertisements keep cycling") }
        for track in tracks {
            let controls = track.statics.isEmpty ? "" : "; it controls the static route\(track.statics.count == 1 ? "" : "s") \(track.statics.joined(separator: ", "))"
            lines.append("track \(track.track) of \(track.router) keeps changing state\(controls)")
        }
        return lines
    }
}

extension DataPlane {
    /// What `router` receives from and sends to each neighbor for `prefix`, and why not.
    public func adjacency(router: Int, prefix: Prefix) -> BGPAdjacency? {
        guard let propagation = finalPropagation, liveness.routerUp[router] else { return nil }
        return propagation.adjacency(prefix: prefix, router: router) { r in liveness.routerUp[r] ? bgpTables[r][prefix] : nil }
    }
}

extension DataPlane {
    /// Where best paths got their local preference; one value answers many lookups.
    public func localPreferenceSources() -> LocalPreferenceSources? {
        finalPropagation.map { LocalPreferenceSources($0, plane: self) }
    }
}

extension DataPlane {
    /// The BGP next hops installed together for a prefix at a router with `maximum-paths`.
    public func multipathNextHops(router: Int, prefix: Prefix) -> [IPAddress] {
        guard let propagation = finalPropagation, liveness.routerUp[router] else { return [] }
        return propagation.multipathNextHops(prefix: prefix, router: router) { r in liveness.routerUp[r] ? bgpTables[r][prefix] : nil }
    }

    func multipathText(_ route: BGPRoute, peerName: String?, paths: Int) -> String {
        RIBEntry.OriginText.bgp(route, peerName: peerName).text + "; with \(paths - 1) more installed path\(paths == 2 ? "" : "s") (maximum-paths)"
    }

    /// With several installed paths: the union of where each next hop resolves, and how many
    /// paths (nil: one path).
    func multipathForwarding(router: Int, prefix: Prefix) -> (hops: [NextHop], paths: Int)? {
        // Most routers install one path: decide that without touching anything else.
        guard (network.routers[router].bgp?.maximumPaths ?? 1) > 1 || (network.routers[router].bgp?.maximumPathsIBGP ?? 1) > 1 else { return nil }
        let nextHops = multipathNextHops(router: router, prefix: prefix)
        guard nextHops.count > 1 else { return nil }
        let viaDefault = network.routers[router].resolvesNextHopViaDefault
        var hops: [NextHop] = []
        for nextHop in nextHops {
            switch nonBGPRoutes[router].resolution(of: nextHop, viaDefault: viaDefault)?.entry.forwarding {
            case .attached(let interface)?: hops.append(NextHop(interface: interface, gateway: nextHop))
            case .forward(let list)?: hops += list
            case .discard?, nil: continue
            }
        }
        let unique = Array(Set(hops)).sorted()
        return unique.isEmpty ? nil : (unique, nextHops.count)
    }
}

extension DataPlane {
    /// Per router and neighbor statement, whether its conditional advertisement (advertise-map
    /// with exist-map / non-exist-map) lets the conditional routes out in this state.
    public func conditionalAdvertisementStates() -> [Int: [Int: Bool]] {
        guard let propagation = finalPropagation else { return [:] }
        var states: [Int: [Int: Bool]] = [:]
        for (r, byPeering) in propagation.conditionAllows.enumerated() {
            for (p, allows) in byPeering where propagation.peerings[r].indices.contains(p) {
                states[r, default: [:]][propagation.peerings[r][p].neighborIndex] = allows
            }
        }
        return states
    }
}
