/// Per-prefix BGP propagation to a fixed point. Prefixes are independent once aggregate and
/// conditional-advertisement states are fixed (the engine iterates those outside), so each
/// prefix runs its own worklist and prefixes can run in parallel.
struct BGPPropagation: Sendable {
    let network: Network
    let peerings: [[Peering]]
    /// Per router, its non-BGP routes: read through `resolve` (which records the read) or
    /// `resolution` (for answers about recorded reads), never directly.
    private var resolvers: [RIBTable]
    let evaluators: [PolicyEvaluator]
    let clusterIDs: [IPAddress]
    let ebgpPeerings: [[Int]]
    let hasClients: [Bool]
    /// Global index of each router's first peering; peering p of router r is slot slotOffsets[r] + p.
    let slotOffsets: [Int]
    /// Everything the hot path needs about one session end, flat and free of strings.
    struct SlotInfo: Sendable, Equatable {
        var peer: Int
        var peerPeering: Int
        /// The receiving slot at the peer (its slot for this session), or -1.
        var peerSlot: Int
        var ebgp: Bool
        var nextHopSelf: Bool
        var routeReflectorClient: Bool
        var hasExportPolicy: Bool
        var hasImportPolicy: Bool
        var conditional: Bool
        var weight: UInt32
        var localAddress: IPAddress
        var peerAddress: IPAddress
        /// Times this router's AS may appear in a path received here (`allowas-in`; 0: none).
        var allowASIn: Int
        /// Paths sent here have the peer's AS replaced by ours (`as-override`).
        var asOverride: Bool
        /// A default route originated here goes out on this session (`default-originate`).
        var defaultOriginate: Bool
        /// `local-as` on this session, and its options.
        var localAS: ASN?
        var localASNoPrepend: Bool
        var localASReplaceAS: Bool
        /// A VPN adjacency (docs/vrf.md): the PE whose global table resolves next hops received
        /// here (-1: not one; this router resolves them), and whether this end's VRF exports a
        /// route target the other imports.
        var vpnResolver: Int32 = -1
        var vpnSends = true
        /// The unicast families both ends carry (RFC 4760 capability negotiation).
        var carriesIPv4 = true
        var carriesIPv6 = false
        /// This end's address in the other family on the session's interface (the next hop of
        /// routes of that family it sends: FRR sets the interface's global IPv6 address when it
        /// sends IPv6 routes over an IPv4 session); nil when the interface has none.
        var otherFamilyAddress: IPAddress? = nil

        @inline(__always) func carries(_ family: AddressFamily) -> Bool { family == .ipv4 ? carriesIPv4 : carriesIPv6 }

        /// The next hop this end gives a route of `family` it originates or sets itself on. With
        /// no address of that family, an IPv4-compatible one (`::a.b.c.d`), which resolves
        /// nowhere: IOS sends IPv4-mapped next hops that need a route-map to be usable.
        @inline(__always) func selfNextHop(for family: AddressFamily) -> IPAddress {
            // 6VPE (RFC 4659 3.2.1): an IPv6 VPN route's next hop is the PE's IPv4 address (in
            // IPv4-mapped form, which is how routesim stores IPv4), resolved over the IPv4 core.
            if localAddress.family == family || vpnResolver >= 0 { return localAddress }
            if let otherFamilyAddress { return otherFamilyAddress }
            return family == .ipv6 ? IPAddress(high: 0, low: UInt64(localAddress.ipv4Value)) : localAddress
        }
    }
    let slots: [SlotInfo]
    /// Per router, its neighbor statements (a peering's is `[r][peering.neighborIndex]`).
    let neighborStatements: [[BGPNeighbor]]

    /// The neighbor statement behind router r's peering p.
    func neighbor(_ r: Int, _ p: Int) -> BGPNeighbor { neighborStatements[r][peerings[r][p].neighborIndex] }
    let asns: [ASN]
    let routerIDs: [IPAddress]
    /// Per router: the decision-process knobs in effect (its dialect's defaults, what it configures).
    let bestPathOptions: [BestPathOptions]
    /// Per router: whether a default route may resolve a BGP next hop.
    let resolvesViaDefault: [Bool]
    /// Per router: active summary-only aggregates (their more-specifics are not exported).
    var suppressing: [[Prefix]]
    /// Per router, per peering with conditional advertisement: whether the condition currently allows it.
    var conditionAllows: [[Int: Bool]]
    /// Record which next hops each prefix resolved where (for BGPReuse; the no-failure run of a sweep).
    var recordConsulted = false

    /// What a slot takes from its neighbor statement, made once per network (`AddressOwners`):
    /// copying each statement per scenario (strings, optionals) showed in sweeps of networks
    /// with many sessions (a VPN has one per pair of VRFs).
    struct SlotTemplate: Sendable {
        var nextHopSelf: Bool
        var routeReflectorClient: Bool
        var hasExportPolicy: Bool
        var hasImportPolicy: Bool
        var conditional: Bool
        var weight: UInt32
        var peerAddress: IPAddress
        var allowASIn: Int
        var asOverride: Bool
        var defaultOriginate: Bool
        var localAS: ASN?
        var localASNoPrepend: Bool
        var localASReplaceAS: Bool
        var vpnResolver: Int32
        var vpnSends: Bool
        var carriesIPv4: Bool
        var carriesIPv6: Bool

        init(_ neighbor: BGPNeighbor, router r: Int, network: Network) {
            nextHopSelf = neighbor.nextHopSelf
            routeReflectorClient = neighbor.routeReflectorClient
            hasExportPolicy = neighbor.exportPolicy != nil
            hasImportPolicy = neighbor.importPolicy != nil
            conditional = neighbor.conditionalAdvertisement != nil
            weight = neighbor.weight
            peerAddress = neighbor.address
            allowASIn = neighbor.allowASIn ?? 0
            asOverride = neighbor.asOverride
            defaultOriginate = neighbor.defaultOriginate
            localAS = neighbor.localAS
            localASNoPrepend = neighbor.localASNoPrepend
            localASReplaceAS = neighbor.localASReplaceAS
            vpnResolver = neighbor.vpn == nil ? -1 : Int32(network.physicalRouter(of: r))
            vpnSends = neighbor.vpn?.sends ?? true
            carriesIPv4 = neighbor.carries(.ipv4)
            carriesIPv6 = neighbor.carries(.ipv6)
        }

        static func all(_ network: Network) -> [[SlotTemplate]] {
            network.routers.enumerated().map { r, router in (router.bgp?.neighbors ?? []).map { SlotTemplate($0, router: r, network: network) } }
        }
    }

    /// By router and address of a dual-stack interface: the interface's address in the other
    /// family (a slot's `otherFamilyAddress`). Depends only on the network: made once per
    /// network (`AddressOwners`), empty for IPv4-only networks.
    static func otherFamilyAddresses(_ network: Network) -> ScopedAddressMap<IPAddress> {
        var map = ScopedAddressMap<IPAddress>()
        for (r, router) in network.routers.enumerated() {
            for interface in router.interfaces {
                guard let ipv6 = interface.ipv6 else { continue }
                map[r, interface.address] = ipv6.address
                map[r, ipv6.address] = interface.address
            }
        }
        return map
    }

    init(network: Network, peerings: [[Peering]], resolvers: [RIBTable], templates: [[SlotTemplate]]? = nil,
         otherFamily: ScopedAddressMap<IPAddress>? = nil) {
        self.network = network
        self.peerings = peerings
        self.resolvers = resolvers
        evaluators = network.routers.map { PolicyEvaluator(policies: $0.policies, localAS: $0.asn) }
        clusterIDs = network.routers.map { $0.bgp?.clusterID ?? $0.routerID }
        ebgpPeerings = peerings.map { list in list.indices.filter { list[$0].ebgp } }
        let statements = network.routers.map { $0.bgp?.neighbors ?? [] }
        neighborStatements = statements
        let templates = templates ?? SlotTemplate.all(network)
        hasClients = peerings.enumerated().map { r, list in list.contains { templates[r][$0.neighborIndex].routeReflectorClient } }
        var offsets = [0]
        for list in peerings { offsets.append((offsets.last ?? 0) + list.count) }
        slotOffsets = offsets
        var flat: [SlotInfo] = []
        flat.reserveCapacity(offsets.last ?? 0)
        let otherFamily = otherFamily ?? Self.otherFamilyAddresses(network)
        for (r, list) in peerings.enumerated() {
            for peering in list {
                let t = templates[r][peering.neighborIndex]
                let back = peering.peerPeering >= 0 ? templates[peering.peer][peerings[peering.peer][peering.peerPeering].neighborIndex] : t
                let peerSlot = peering.peerPeering >= 0 ? offsets[peering.peer] + peering.peerPeering : -1
                flat.append(SlotInfo(peer: peering.peer, peerPeering: peering.peerPeering, peerSlot: peerSlot, ebgp: peering.ebgp,
                                     nextHopSelf: t.nextHopSelf, routeReflectorClient: t.routeReflectorClient,
                                     hasExportPolicy: t.hasExportPolicy, hasImportPolicy: t.hasImportPolicy,
                                     conditional: t.conditional, weight: t.weight,
                                     localAddress: peering.localAddress, peerAddress: t.peerAddress,
                                     allowASIn: t.allowASIn, asOverride: t.asOverride && peering.ebgp,
                                     defaultOriginate: t.defaultOriginate,
                                     localAS: peering.ebgp ? t.localAS : nil, localASNoPrepend: t.localASNoPrepend,
                                     localASReplaceAS: t.localASReplaceAS, vpnResolver: t.vpnResolver, vpnSends: t.vpnSends,
                                     carriesIPv4: t.carriesIPv4 && back.carriesIPv4, carriesIPv6: t.carriesIPv6 && back.carriesIPv6,
                                     otherFamilyAddress: otherFamily[r, peering.localAddress]))
            }
        }
        slots = flat
        asns = network.routers.map(\.asn)
        routerIDs = network.routers.map(\.routerID)
        bestPathOptions = network.routers.map(\.bestPathOptions)
        resolvesViaDefault = network.routers.map(\.resolvesNextHopViaDefault)
        suppressing = Array(repeating: [], count: network.routers.count)
        conditionAllows = Array(repeating: [:], count: network.routers.count)
    }

    /// This propagation, not yet run, over other resolvers: a scenario whose sessions are the
    /// run's takes everything else (slots, evaluators), which depends on the peerings alone.
    func resolving(with resolvers: [RIBTable]) -> BGPPropagation {
        var copy = self
        copy.resolvers = resolvers
        return copy
    }

    struct Result: Sendable {
        /// Every router's best path, by router; after re-propagation, the recorded list (shared,
        /// not copied) that `routePatches` overrides.
        var best: [(router: Int, route: BGPRoute)]
        /// Re-propagation: the routers decided again whose best path changed, by router, with
        /// the new one (nil: none). Copying the recorded list instead cost O(routers) per prefix.
        var routePatches: [(router: Int, route: BGPRoute?)] = []
        var inaccessible: [(router: Int, nextHop: IPAddress)]
        /// Routers whose best path was still changing when the event bound was hit.
        var oscillating: [Int]
        var events: Int
        /// With `recordConsulted`: every next-hop resolution the propagation made, and every
        /// slot (global index) at which an advertisement arrived.
        var consulted: [Consulted] = []
        var received: [Int] = []
        /// From reuse: routers whose best path keeps its decision but has a new IGP cost, by router.
        var igpCostPatches: [(router: Int, cost: UInt32)] = []

        /// The best paths with `routePatches` applied, by router.
        var patchedBest: [(router: Int, route: BGPRoute)] {
            guard !routePatches.isEmpty else { return best }
            var merged: [(router: Int, route: BGPRoute)] = []
            merged.reserveCapacity(best.count + routePatches.count)
            var k = 0
            for entry in best {
                while k < routePatches.count && routePatches[k].router < entry.router {
                    if let route = routePatches[k].route { merged.append((routePatches[k].router, route)) }
                    k += 1
                }
                if k < routePatches.count && routePatches[k].router == entry.router {
                    if let route = routePatches[k].route { merged.append((entry.router, route)) }
                    k += 1
                } else {
                    merged.append(entry)
                }
            }
            for patch in routePatches[k...] { if let route = patch.route { merged.append((patch.router, route)) } }
            return merged
        }
    }

    /// One next-hop resolution a propagation depended on.
    struct Consulted: Sendable {
        /// The router that decided with this resolution (whose best path it costs).
        var router: Int
        /// The router whose non-BGP routes resolve it: `router`, or for a VRF's path from
        /// another VRF, the PE (docs/vrf.md).
        var resolver: Int
        var nextHop: IPAddress
        var metric: UInt32?
        /// No decision at this router depended on IGP cost: it resolved only this next hop for
        /// the prefix (every path it compared had the same cost), or no decision it made during
        /// the propagation reached the IGP-cost step between paths with different next hops.
        /// Then only resolvability, not the cost, could change what it decided.
        var costIrrelevant: Bool
        /// The router's final best path has this next hop (its recorded IGP cost is this one).
        var leadsToBest: Bool
    }

    /// The plain-data fields of an interned set that the decision process reads.
    struct DecisionKey {
        var localPreference: UInt32
        var asPathLength: Int
        var origin: BGPOrigin
        var neighborAS: ASN?
        var med: UInt32?
        var originatorID: IPAddress?
        var clusterListLength: Int
        /// Read by the IGP-cost bookkeeping without touching the attribute arrays.
        var nextHop: IPAddress
    }

    /// A path during propagation: an interned attribute id plus per-router fields; no references.
    struct WorkPath: Equatable {
        var attributes: Int32
        var weight: UInt32
        var igpCost: UInt32
        var peerRouterID: IPAddress
        var peerAddress: IPAddress
        var peering: Int32          // -1 for local paths
        var peer: Int32
        var ebgp: Bool
        var localOrigin: LocalOrigin?
    }

    struct Candidate: DecisionInputs {
        var path: WorkPath
        var key: DecisionKey
        var weight: UInt32 { path.weight }
        var localPreference: UInt32 { key.localPreference }
        var isLocal: Bool { path.localOrigin != nil }
        var asPathLength: Int { key.asPathLength }
        var origin: BGPOrigin { key.origin }
        var neighborAS: ASN? { key.neighborAS }
        var med: UInt32? { key.med }
        var isEBGP: Bool { path.ebgp }
        var igpCost: UInt32 { path.igpCost }
        var tieBreakRouterID: IPAddress { key.originatorID ?? path.peerRouterID }
        var clusterListLength: Int { key.clusterListLength }
        var tieBreakAddress: IPAddress { path.peerAddress }
        var heldBefore = false
    }

    /// Per-worker buffers indexed by router and by peering slot, reused across prefixes so a
    /// prefix costs only what it touches (no per-prefix dictionaries).
    struct Scratch {
        var best: [WorkPath?]
        var bestStep: [BestPathStep]
        var adjIn: [WorkPath?]
        var adjOut: [WorkPath?]
        var invalid: [IPAddress?]
        /// The routers waiting to decide, in order, each at most once (`queued`).
        var queued: [Bool]
        private var queue: [Int] = []
        private var head = 0
        var changes: [Int]
        var touchedRouters: [Int] = []
        var touchedSlots: [Int] = []
        var routerTouched: [Bool]
        /// Per router: some decision during this propagation compared next hops by IGP cost.
        var igpDecided: [Bool]
        var slotTouched: [Bool]
        /// Per router, the slots holding a received path, in slot order (candidates without a scan).
        var filled: [[Int]]
        var attributes: [PathAttributes] = []
        var keys: [DecisionKey] = []
        var attributeIDs: [PathAttributes: Int32] = [:]
        /// The shared form of each interned set, made when a final best path first needs it.
        var shared: [SharedPathAttributes?] = []
        /// What the propagation read, when recording (`recordConsulted`): the router and next
        /// hop of every next-hop resolution, and every slot that received the prefix. The
        /// incremental layer decides reuse from these read sets (BGPReuse), not from a list.
        var consulted: [ConsultedKey] = []
        var received: [Int] = []
        /// Recorded attribute objects already interned (a prefix's paths share a few).
        var sharedIDs: [(object: ObjectIdentifier, id: Int32)] = []

        /// Per router, the last few next-hop resolutions (`resolve`): prefixes share next hops,
        /// so most imports resolve one already resolved (IPv4 next hops: the cache holds their
        /// 32 bits). Valid for one propagation's RIBs (a scratch never outlives its
        /// propagation); never cleared by `reset`.
        var resolvedHops: [UInt32]
        var resolvedMetrics: [UInt32?]
        var resolvedNext: [UInt8]
        static let resolvedWays = 4

        init(routers: Int, slots: Int) {
            // Ways start empty (next hop 0.0.0.0, which `resolve` never caches).
            resolvedHops = Array(repeating: 0, count: routers * Self.resolvedWays)
            resolvedMetrics = Array(repeating: nil, count: routers * Self.resolvedWays)
            resolvedNext = Array(repeating: 0, count: routers)
            best = Array(repeating: nil, count: routers)
            bestStep = Array(repeating: .onlyPath, count: routers)
            queued = Array(repeating: false, count: routers)
            changes = Array(repeating: 0, count: routers)
            routerTouched = Array(repeating: false, count: routers)
            igpDecided = Array(repeating: false, count: routers)
            adjIn = Array(repeating: nil, count: slots)
            adjOut = Array(repeating: nil, count: slots)
            invalid = Array(repeating: nil, count: slots)
            slotTouched = Array(repeating: false, count: slots)
            filled = Array(repeating: [], count: routers)
        }

        /// The id of a recorded path's attributes; a route made later from the same id shares the object.
        mutating func internShared(_ shared: SharedPathAttributes) -> Int32 {
            let object = ObjectIdentifier(shared)
            for known in sharedIDs where known.object == object { return known.id }
            let id = intern(shared.value)
            if self.shared[Int(id)] == nil { self.shared[Int(id)] = shared }
            if sharedIDs.count < 32 { sharedIDs.append((object, id)) }
            return id
        }

        mutating func intern(_ set: PathAttributes) -> Int32 {
            if let id = attributeIDs[set] { return id }
            let id = Int32(attributes.count)
            attributes.append(set)
            shared.append(nil)
            keys.append(DecisionKey(localPreference: set.localPreference, asPathLength: set.asPath.length, origin: set.origin,
                                    neighborAS: set.asPath.neighborAS, med: set.med, originatorID: set.originatorID,
                                    clusterListLength: set.clusterList.count, nextHop: set.nextHop))
            attributeIDs[set] = id
            return id
        }

        /// Queues `r` to decide (again) unless it already waits.
        mutating func enqueue(_ r: Int) {
            guard !queued[r] else { return }
            queued[r] = true
            touchRouter(r)
            queue.append(r)
        }

        /// The next router to decide, first queued first.
        mutating func dequeue() -> Int? {
            guard head < queue.count else { return nil }
            let r = queue[head]
            head += 1
            queued[r] = false
            if head > 4096 { queue.removeFirst(head); head = 0 }
            return r
        }

        mutating func touchRouter(_ r: Int) { if !routerTouched[r] { routerTouched[r] = true; touchedRouters.append(r) } }
        mutating func touchSlot(_ s: Int) { if !slotTouched[s] { slotTouched[s] = true; touchedSlots.append(s) } }

        mutating func setReceived(_ path: WorkPath?, slot: Int, router: Int) {
            let had = adjIn[slot] != nil
            adjIn[slot] = path
            if path != nil && !had {
                let position = filled[router].firstIndex { $0 > slot } ?? filled[router].count
                filled[router].insert(slot, at: position)
            } else if path == nil && had {
                filled[router].removeAll { $0 == slot }
            }
        }

        /// Empties the next-hop resolution cache (for another propagation's RIBs).
        mutating func forgetResolutions() {
            for k in resolvedHops.indices { resolvedHops[k] = 0 }
            for k in resolvedMetrics.indices { resolvedMetrics[k] = nil }
            for k in resolvedNext.indices { resolvedNext[k] = 0 }
        }

        mutating func reset() {
            for r in touchedRouters {
                best[r] = nil; queued[r] = false; changes[r] = 0; routerTouched[r] = false; igpDecided[r] = false
                filled[r].removeAll(keepingCapacity: true)
            }
            sharedIDs.removeAll(keepingCapacity: true)
            queue.removeAll(keepingCapacity: true)
            head = 0
            for s in touchedSlots { adjIn[s] = nil; adjOut[s] = nil; invalid[s] = nil; slotTouched[s] = false }
            touchedRouters.removeAll(keepingCapacity: true)
            touchedSlots.removeAll(keepingCapacity: true)
            consulted.removeAll(keepingCapacity: true)
            received.removeAll(keepingCapacity: true)
            attributes.removeAll(keepingCapacity: true)
            shared.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
            attributeIDs.removeAll(keepingCapacity: true)
        }
    }

    /// Each originating router's own path for the prefix.
    func localPaths(_ origins: [Int: BGPRoute], scratch: inout Scratch) -> [Int: WorkPath] {
        var local: [Int: WorkPath] = [:]
        for (r, route) in origins {
            var set = route.path
            set.originatorID = nil
            set.clusterList = []
            let id = scratch.intern(set)
            var origin: LocalOrigin = .network
            if case .local(let kind) = route.source { origin = kind }
            local[r] = WorkPath(attributes: id, weight: route.weight, igpCost: 0, peerRouterID: routerIDs[r], peerAddress: IPAddress(0),
                                peering: -1, peer: Int32(r), ebgp: false, localOrigin: origin)
        }
        return local
    }

    /// Decisions per prefix before a propagation counts as oscillating (SIM001).
    var eventBound: Int { 64 * max(network.routers.count, 16) }

    func makeScratch() -> Scratch { Scratch(routers: network.routers.count, slots: slotOffsets.last ?? 0) }

    /// The default route a router originates toward one neighbor (`default-originate`): sent
    /// on that session whatever the router's own best path, without the session's export policy.
    func originatedDefault(from r: Int, slot: Int, scratch: inout Scratch) -> WorkPath {
        var attributes = BGPAttributes(origin: .igp, nextHop: slots[slot].localAddress)
        if slots[slot].ebgp { attributes.asPath = ASPath([asns[r]]) }
        let id = scratch.intern(PathAttributes(attributes))
        return WorkPath(attributes: id, weight: 0, igpCost: 0, peerRouterID: routerIDs[r], peerAddress: IPAddress(0),
                        peering: -1, peer: Int32(r), ebgp: false, localOrigin: nil)
    }

    /// Whether `slot` carries an originated default instead of its router's best path.
    @inline(__always)
    func sendsOriginatedDefault(_ prefix: Prefix, slot: Int) -> Bool { prefix.length == 0 && slots[slot].defaultOriginate }

    func propagate(_ prefix: Prefix, origins: [Int: BGPRoute], scratch: inout Scratch) -> Result {
        defer { scratch.reset() }
        let local = localPaths(origins, scratch: &scratch)
        for r in origins.keys.sorted() { scratch.enqueue(r) }
        if prefix.length == 0 {
            for r in network.routers.indices {
                for slot in slotOffsets[r]..<slotOffsets[r + 1] where slots[slot].defaultOriginate && slots[slot].peerSlot >= 0 {
                    send(originatedDefault(from: r, slot: slot, scratch: &scratch), prefix: prefix, from: r, slot: slot, scratch: &scratch)
                }
            }
        }
        var events = 0
        let limit = eventBound
        var oscillating: [Int] = []
        var candidates: [Candidate] = []
        var eliminated: [BestPathStep] = [], order: [Int] = []
        var exportMemo = ExportMemo()
        while let r = scratch.dequeue() {
            events += 1
            if events > limit {
                oscillating = scratch.touchedRouters.filter { scratch.changes[$0] > 8 }.sorted()
                break
            }
            candidates.removeAll(keepingCapacity: true)
            if let path = local[r] { candidates.append(Candidate(path: path, key: scratch.keys[Int(path.attributes)])) }
            for slot in scratch.filled[r] {
                if let path = scratch.adjIn[slot] { candidates.append(Candidate(path: path, key: scratch.keys[Int(path.attributes)])) }
            }
            let decision = DecisionProcess.decide(candidates, localAS: asns[r], options: bestPathOptions[r], eliminatedAt: &eliminated, order: &order)
            let newBest = decision.map { candidates[$0.index].path }
            if let decision {
                scratch.bestStep[r] = decision.step
                if !scratch.igpDecided[r] && costDecided(candidates, winner: decision.index, eliminatedAt: eliminated, router: r, scratch: scratch) {
                    scratch.igpDecided[r] = true
                }
            }
            if newBest == scratch.best[r] { continue }
            scratch.changes[r] += 1
            scratch.best[r] = newBest
            // An iBGP-learned path goes only to eBGP peers (split horizon) unless this router reflects;
            // peerings that hold an earlier advertisement are revisited to withdraw or replace it.
            let onlyEBGP = newBest.map { $0.localOrigin == nil && !$0.ebgp && !hasClients[r] } ?? false
            let base = slotOffsets[r]
            for slot in base..<slotOffsets[r + 1] {
                if onlyEBGP && !slots[slot].ebgp && scratch.adjOut[slot] == nil { continue }
                if sendsOriginatedDefault(prefix, slot: slot) { continue }
                let out = newBest.flatMap { export($0, prefix: prefix, from: r, over: slot - base, slot: slot, scratch: &scratch, memo: &exportMemo) }
                if out == scratch.adjOut[slot] { continue }
                send(out, prefix: prefix, from: r, slot: slot, scratch: &scratch)
            }
        }
        var best: [(router: Int, route: BGPRoute)] = []
        var inaccessible: [(router: Int, nextHop: IPAddress)] = []
        for r in scratch.touchedRouters.sorted() {
            if let path = scratch.best[r] {
                best.append((r, route(from: path, at: r, step: scratch.bestStep[r], scratch: &scratch)))
            } else {
                let hops = (slotOffsets[r]..<slotOffsets[r + 1]).compactMap { scratch.invalid[$0] }
                if let hop = hops.min() { inaccessible.append((r, hop)) }
            }
        }
        var result = Result(best: best, inaccessible: inaccessible, oscillating: oscillating, events: events)
        if recordConsulted {
            result.consulted = consultedList(scratch)
            result.received = Array(Set(scratch.received)).sorted()
        }
        return result
    }

    /// Router r's advertisement `out` (nil: a withdrawal) on its session `slot`: the peer
    /// imports it, and decides again when what it holds from r changed.
    func send(_ out: WorkPath?, prefix: Prefix, from r: Int, slot: Int, scratch: inout Scratch) {
        scratch.adjOut[slot] = out
        scratch.touchSlot(slot)
        let q = slots[slot].peer, inSlot = slots[slot].peerSlot
        guard inSlot >= 0 else { return }
        var imported: WorkPath?
        var unresolved: IPAddress?
        if let out {
            if recordConsulted { scratch.received.append(inSlot) }
            (imported, unresolved) = importPath(out, prefix: prefix, at: q, over: slots[slot].peerPeering, slot: inSlot, from: r, scratch: &scratch)
        }
        scratch.touchSlot(inSlot)
        scratch.touchRouter(q)
        scratch.invalid[inSlot] = unresolved
        if imported == scratch.adjIn[inSlot] { return }
        scratch.setReceived(imported, slot: inSlot, router: q)
        scratch.enqueue(q)
    }

    /// What router q holds from the neighbor of its peering p: what the neighbor sends (its
    /// originated default, or `peerBest` through its export step; `withheld` says why not),
    /// then q's import of it (`imported`, or an `unresolved` next hop, or why `rejected`).
    struct Arrival {
        var sent: WorkPath?
        var withheld: Withheld?
        var imported: WorkPath?
        var unresolved: IPAddress?
        var rejected: Rejected?
    }

    /// The receiving side of one session, for callers that ask router by router (re-propagation,
    /// explanations, multipath) rather than sender by sender.
    func arrival(_ prefix: Prefix, at q: Int, over p: Int, peerBest: WorkPath?, scratch: inout Scratch, memo: inout ExportMemo) -> Arrival {
        let slot = slotOffsets[q] + p, info = slots[slot], r = info.peer
        var result = Arrival()
        guard info.peerSlot >= 0 else { return result }
        if sendsOriginatedDefault(prefix, slot: info.peerSlot) {
            result.sent = originatedDefault(from: r, slot: info.peerSlot, scratch: &scratch)
        } else if let peerBest {
            result.sent = export(peerBest, prefix: prefix, from: r, over: info.peerPeering, slot: info.peerSlot, scratch: &scratch, memo: &memo,
                                 withheld: &result.withheld)
        }
        guard let sent = result.sent else { return result }
        (result.imported, result.unresolved) = importPath(sent, prefix: prefix, at: q, over: p, slot: slot, from: r, scratch: &scratch, rejected: &result.rejected)
        return result
    }

    /// Whether IGP costs took part in this decision: a path lost at the IGP-cost step or later
    /// to a path with another next hop (the same next hop always has the same cost). With
    /// pairwise comparison the path that beat it need not be the winner, so there any such
    /// loss among paths with different next hops counts.
    func costDecided(_ candidates: [Candidate], winner: Int, eliminatedAt: [BestPathStep], router r: Int, scratch: Scratch) -> Bool {
        guard eliminatedAt.contains(where: { $0.rank >= BestPathStep.igpCost.rank }) else { return false }
        let winnerHop = candidates[winner].key.nextHop
        let grouped = bestPathOptions[r].deterministicMED
        if !grouped && !candidates.contains(where: { $0.key.nextHop != winnerHop }) { return false }
        for (index, other) in candidates.enumerated() where index != winner && eliminatedAt[index].rank >= BestPathStep.igpCost.rank {
            if !grouped || other.key.nextHop != winnerHop { return true }
        }
        return false
    }

    /// Router q's IGP cost to `nextHop` (nil: unresolvable), the one way propagation reads the
    /// non-BGP RIB: the read is recorded (`Scratch.consulted`), and reuse follows from it.
    /// `overVPN`: the path came from another VRF, so the PE of VRF instance q resolves it.
    func resolve(_ nextHop: IPAddress, at q: Int, overVPN: Bool = false, scratch: inout Scratch) -> UInt32? {
        if recordConsulted { scratch.consulted.append(Self.consultedKey(router: q, nextHop: nextHop, overVPN: overVPN)) }
        let resolver = overVPN ? network.physicalRouter(of: q) : q
        // 0.0.0.0 marks an empty way, so it is never cached.
        let bits = nextHop.ipv4Value
        guard bits != 0, nextHop.isIPv4 else { return resolution(of: nextHop, at: resolver) }
        let base = resolver * Scratch.resolvedWays
        for way in base..<base + Scratch.resolvedWays where scratch.resolvedHops[way] == bits { return scratch.resolvedMetrics[way] }
        let metric = resolution(of: nextHop, at: resolver)
        let way = base + Int(scratch.resolvedNext[resolver])
        scratch.resolvedHops[way] = bits
        scratch.resolvedMetrics[way] = metric
        scratch.resolvedNext[resolver] = UInt8((Int(scratch.resolvedNext[resolver]) + 1) % Scratch.resolvedWays)
        return metric
    }

    /// One next-hop resolution a propagation read: by router q, of `nextHop`, over the VPN
    /// (resolved by q's PE) or not. Ordered by router, then next hop.
    struct ConsultedKey: Hashable, Comparable {
        var router: Int32
        var overVPN: Bool
        var nextHop: IPAddress
        static func < (a: ConsultedKey, b: ConsultedKey) -> Bool {
            a.router != b.router ? a.router < b.router : a.nextHop != b.nextHop ? a.nextHop < b.nextHop : !a.overVPN && b.overVPN
        }
    }

    static func consultedKey(router: Int, nextHop: IPAddress, overVPN: Bool) -> ConsultedKey {
        ConsultedKey(router: Int32(router), overVPN: overVPN, nextHop: nextHop)
    }

    /// The same answer without recording: for reads already recorded, and for comparing them
    /// with a scenario's RIB (BGPReuse.resolutionsNow).
    func resolution(of nextHop: IPAddress, at q: Int) -> UInt32? {
        resolvers[q].resolve(nextHop, viaDefault: resolvesViaDefault[q])
    }

    func consultedList(_ scratch: Scratch) -> [Consulted] {
        // Sorted by router, then next hop: a router's resolutions sit together.
        let keys = Array(Set(scratch.consulted)).sorted()
        var list: [Consulted] = []
        list.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() {
            let router = Int(key.router), hop = key.nextHop
            let resolver = key.overVPN ? network.physicalRouter(of: router) : router
            let sameBefore = index > 0 && keys[index - 1].router == key.router
            let sameAfter = index + 1 < keys.count && keys[index + 1].router == key.router
            let bestHop = scratch.best[router].flatMap { $0.localOrigin == nil ? scratch.attributes[Int($0.attributes)].nextHop : nil }
            list.append(Consulted(router: router, resolver: resolver, nextHop: hop, metric: resolution(of: hop, at: resolver),
                                  costIrrelevant: (!sameBefore && !sameAfter) || !scratch.igpDecided[router], leadsToBest: bestHop == hop))
        }
        return list
    }

    /// The public form of a final best path; routers holding the same attributes share them.
    func route(from path: WorkPath, at router: Int, step: BestPathStep, scratch: inout Scratch) -> BGPRoute {
        let index = Int(path.attributes)
        let shared: SharedPathAttributes
        if let existing = scratch.shared[index] {
            shared = existing
        } else {
            shared = SharedPathAttributes(scratch.attributes[index])
            scratch.shared[index] = shared
        }
        let source: BGPRouteSource = path.localOrigin.map { .local($0) }
            ?? .learned(neighbor: peerings[router][Int(path.peering)].neighborIndex, peer: Int(path.peer), peerAddress: path.peerAddress, ebgp: path.ebgp)
        return BGPRoute(shared: shared, weight: path.weight, source: source, igpCost: path.igpCost, decidedBy: step, peerRouterID: path.peerRouterID)
    }

    /// Consecutive exports of one path from one router mostly produce the same attribute set
    /// (every iBGP peer gets the same loopback next hop): remember the last one.
    struct ExportMemo {
        var input: Int32 = -1
        var router = -1
        var ebgp = false
        var reflect = false
        var local = false
        var nextHop = IPAddress(0)
        var output: Int32 = -1
    }

    func export(_ path: WorkPath, prefix: Prefix, from r: Int, over p: Int, slot: Int, scratch: inout Scratch, memo: inout ExportMemo) -> WorkPath? {
        var withheld: Withheld?
        return export(path, prefix: prefix, from: r, over: p, slot: slot, scratch: &scratch, memo: &memo, withheld: &withheld)
    }

    /// Why a best path is not sent on a session (adjacency explanations).
    enum Withheld: String, Sendable {
        case learnedFromPeer = "it was learned from this neighbor"
        case splitHorizon = "iBGP split horizon (learned over iBGP, and neither session is to a route-reflector client)"
        case suppressed = "a summary-only aggregate suppresses it"
        case condition = "its conditional advertisement withholds it"
        case exportPolicy = "the export policy denies it"
        case noAdvertise = "it carries the well-known community NO_ADVERTISE"
        case noExport = "it carries the well-known community NO_EXPORT (or NO_EXPORT_SUBCONFED) and the session is eBGP"
        case routeTarget = "the VRF exports no route target the other VRF imports"
        case family = "the session does not carry the prefix's address family (both ends must activate it)"
    }

    /// Why a path received on a session is not a candidate.
    enum Rejected: String, Sendable {
        case ownAS = "its AS path carries this router's AS"
        case localAS = "its AS path carries the session's local-as"
        case reflectionLoop = "its originator or cluster list is this router's (reflection loop)"
        case importPolicy = "the import policy denies it"
    }

    func export(_ path: WorkPath, prefix: Prefix, from r: Int, over p: Int, slot: Int, scratch: inout Scratch, memo: inout ExportMemo,
                withheld: inout Withheld?) -> WorkPath? {
        let info = slots[slot]
        if path.peering == Int32(p) { withheld = .learnedFromPeer; return nil }
        if !info.carries(prefix.family) { withheld = .family; return nil }
        if !info.vpnSends { withheld = .routeTarget; return nil }
        let learnedIBGP = path.localOrigin == nil && !path.ebgp
        if !info.ebgp && learnedIBGP {
            // iBGP split horizon; a route reflector sends client routes to everyone, others to clients only.
            if !(slots[slotOffsets[r] + Int(path.peering)].routeReflectorClient || info.routeReflectorClient) { withheld = .splitHorizon; return nil }
        }
        if !suppressing[r].isEmpty {
            for aggregate in suppressing[r] where aggregate != prefix && aggregate.contains(prefix) { withheld = .suppressed; return nil }
        }
        // RFC 1997, checked on the path as held, before the export policy (FRR bgpd/bgp_route.c,
        // subgroup_announce_check: bgp_community_filter on the stored attributes, the outbound
        // route-map later): a policy that sets NO_EXPORT marks what the peer may not pass on.
        let held = scratch.attributes[Int(path.attributes)].communities
        if !held.isEmpty {
            if held.contains(.noAdvertise) { withheld = .noAdvertise; return nil }
            if info.ebgp && (held.contains(.noExport) || held.contains(.noExportSubconfed)) { withheld = .noExport; return nil }
        }
        let needsPolicy = info.conditional || info.hasExportPolicy
        let reflect = !info.ebgp && learnedIBGP
        let nextHop: IPAddress
        if info.ebgp || path.localOrigin != nil || (path.ebgp && info.nextHopSelf) {
            nextHop = info.selfNextHop(for: prefix.family)
        } else {
            nextHop = scratch.attributes[Int(path.attributes)].nextHop
        }
        if !needsPolicy && !info.asOverride && info.localAS == nil && memo.input == path.attributes && memo.router == r && memo.ebgp == info.ebgp && memo.reflect == reflect && memo.local == (path.localOrigin != nil) && memo.nextHop == nextHop {
            return outgoing(path, attributes: memo.output, from: r)
        }
        var set = scratch.attributes[Int(path.attributes)]
        set.nextHop = nextHop
        if needsPolicy {
            var attributes = set.policyView(weight: 0)
            if info.ebgp && path.localOrigin == nil { attributes.med = nil }
            let source = path.localOrigin?.routeSource ?? .learned(ebgp: path.ebgp)
            if info.conditional, let conditional = neighbor(r, p).conditionalAdvertisement,
               evaluators[r].permits(conditional.advertiseMap, prefix: prefix, attributes: attributes, source: source),
               conditionAllows[r][p] != true { withheld = .condition; return nil }
            if info.hasExportPolicy, let policy = neighbor(r, p).exportPolicy {
                switch evaluators[r].apply(policy, prefix: prefix, attributes: attributes, peerAddress: info.localAddress, source: source) {
                case .denied: withheld = .exportPolicy; return nil
                case .permitted(let changed, _): attributes = changed
                }
            }
            set.adopt(attributes)
        } else if info.ebgp && path.localOrigin == nil {
            set.med = nil
        }
        if info.ebgp {
            if info.asOverride { set.asPath = set.asPath.replacing(asns[info.peer], with: asns[r]) }
            // local-as: the presented AS goes first, before the real one unless replace-as.
            if let local = info.localAS {
                if !info.localASReplaceAS { set.asPath = set.asPath.prepending(asns[r]) }
                set.asPath = set.asPath.prepending(local)
            } else {
                set.asPath = set.asPath.prepending(asns[r])
            }
            set.localPreference = 100
            set.originatorID = nil
            set.clusterList = []
        } else if reflect {
            set.originatorID = set.originatorID ?? path.peerRouterID
            set.clusterList = [clusterIDs[r]] + set.clusterList
        } else {
            set.originatorID = nil
            set.clusterList = []
        }
        let id = scratch.intern(set)
        if !needsPolicy && !info.asOverride && info.localAS == nil { memo = ExportMemo(input: path.attributes, router: r, ebgp: info.ebgp, reflect: reflect, local: path.localOrigin != nil, nextHop: nextHop, output: id) }
        return outgoing(path, attributes: id, from: r)
    }

    private func outgoing(_ path: WorkPath, attributes: Int32, from r: Int) -> WorkPath {
        WorkPath(attributes: attributes, weight: 0, igpCost: 0, peerRouterID: routerIDs[r], peerAddress: IPAddress(0),
                 peering: -1, peer: Int32(r), ebgp: false, localOrigin: nil)
    }

    /// The receiver's view: loop checks, weight, import policy and next-hop resolution.
    func importPath(_ sent: WorkPath, prefix: Prefix, at q: Int, over pp: Int, slot: Int, from r: Int, scratch: inout Scratch) -> (WorkPath?, IPAddress?) {
        var rejected: Rejected?
        return importPath(sent, prefix: prefix, at: q, over: pp, slot: slot, from: r, scratch: &scratch, rejected: &rejected)
    }

    func importPath(_ sent: WorkPath, prefix: Prefix, at q: Int, over pp: Int, slot: Int, from r: Int, scratch: inout Scratch,
                    rejected: inout Rejected?) -> (WorkPath?, IPAddress?) {
        let info = slots[slot]
        var attributeID = sent.attributes
        if info.ebgp {
            let received = scratch.attributes[Int(attributeID)].asPath
            if received.occurrences(of: asns[q]) > info.allowASIn { rejected = .ownAS; return (nil, nil) }
            if let local = info.localAS {
                // The presented AS counts for loop detection too; received paths carry it unless no-prepend.
                if received.contains(local) { rejected = .localAS; return (nil, nil) }
                if !info.localASNoPrepend {
                    var set = scratch.attributes[Int(attributeID)]
                    set.asPath = set.asPath.prepending(local)
                    attributeID = scratch.intern(set)
                }
            }
        } else {
            let set = scratch.attributes[Int(attributeID)]
            if set.originatorID == routerIDs[q] || set.clusterList.contains(clusterIDs[q]) { rejected = .reflectionLoop; return (nil, nil) }
        }
        var weight = info.weight
        if info.hasImportPolicy, let policy = neighbor(q, pp).importPolicy {
            var set = scratch.attributes[Int(attributeID)]
            switch evaluators[q].apply(policy, prefix: prefix, attributes: set.policyView(weight: weight), peerAddress: info.peerAddress,
                                       source: .learned(ebgp: info.ebgp)) {
            case .denied: rejected = .importPolicy; return (nil, nil)
            case .permitted(let changed, _):
                set.adopt(changed)
                weight = changed.weight
                attributeID = scratch.intern(set)
            }
        }
        let nextHop = scratch.attributes[Int(attributeID)].nextHop
        // A VPN route's next hop is the remote PE: the PE's global table resolves it.
        guard let metric = resolve(nextHop, at: q, overVPN: info.vpnResolver >= 0, scratch: &scratch) else { return (nil, nextHop) }
        return (WorkPath(attributes: attributeID, weight: weight, igpCost: metric, peerRouterID: sent.peerRouterID, peerAddress: info.peerAddress,
                         peering: Int32(pp), peer: Int32(r), ebgp: info.ebgp, localOrigin: nil), nil)
    }
}
