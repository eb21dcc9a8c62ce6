/// The no-failure run's session checks, each with what it read, so that a failure run takes a
/// check whose reads did not change instead of walking the FIBs again (a full iBGP mesh has a
/// check per router pair).
struct SessionChecks: Sendable {
    /// After the local checks, before pairing (`build().checked` of that run).
    var statuses: [BGPSessionStatus]
    /// Per status, the walks its transport check made, when it made them (nil: not recorded).
    var witnesses: [SessionWitness?]
    /// The addresses the walks went toward, sorted; a witness names them by position.
    var addresses: [IPAddress] = []

    /// A witness walks there toward its status's peer address and back toward its local address.
    init(statuses: [BGPSessionStatus], witnesses: [SessionWitness?]) {
        self.statuses = statuses
        var toward = Set<IPAddress>()
        for (status, witness) in zip(statuses, witnesses) where witness != nil {
            toward.insert(status.peerAddress)
            if let local = status.localAddress { toward.insert(local) }
        }
        addresses = toward.sorted()
        let position = Dictionary(uniqueKeysWithValues: addresses.enumerated().map { ($0.element, Int32($0.offset)) })
        self.witnesses = zip(statuses, witnesses).map { status, witness in
            witness.map { found in
                var w = found
                w.there.address = position[status.peerAddress] ?? -1
                w.back.address = status.localAddress.flatMap { position[$0] } ?? -1
                return w
            }
        }
    }
}

/// The routers of one forwarding walk each way that reached the other end: while each of
/// them is up and none of their routes covering the address may differ, the walk is the same,
/// so the check's answer is too.
struct SessionWitness: Sendable {
    struct Walk: Sendable {
        var routers: [Int32]
        /// The destination's position in `SessionChecks.addresses` (set when recorded).
        var address: Int32 = -1
    }
    var there: Walk
    var back: Walk
    /// The interfaces whose state the local checks read: the peer's interface holding the peer
    /// address, this end's interfaces on a subnet holding it, its update-source.
    var interfaces: [InterfaceRef]
}

extension BGPSessionBuilder {
    /// A scenario's view of the recorded checks. A neighbor statement's local checks read the two
    /// routers' interface states and the non-BGP routes covering the peer and source addresses
    /// at the routers a walk visits; when both routers are up with their interfaces as before
    /// and none of those routes may differ, the checks give the baseline's answer.
    /// Tested: EngineInvariantTests (every single failure of every example and generated network).
    struct Previous {
        var checks: SessionChecks
        var interfaceUp: [[Bool]]
        /// Every prefix whose non-BGP route may differ at any router (for checks without witnesses).
        var changed: ChangedRoutes
        /// Per recorded walk destination (`SessionChecks.addresses`), a bit per router whose
        /// route toward it may differ: `words` words per destination.
        var changedToward: [UInt64]
        var words: Int
        /// Per router: up, with its interfaces as in the baseline.
        var unchanged: [Bool]

        /// nil when a scenario cannot take the recorded checks: nothing recorded, some router's
        /// changes unknown (`changedRoutes` has nil), or a down router reachable other than over
        /// links. A down router's own routes are not in its change set, but every up router that
        /// forwarded to it over a link has a changed route (the link is down); a subnet shared
        /// without a link could still lead to it unchanged.
        init?(checks: SessionChecks, interfaceUp: [[Bool]], changedRoutes: [Set<Prefix>?], liveness: Liveness, network: Network) {
            guard !checks.statuses.isEmpty else { return nil }
            let downOnlyLinked = liveness.routerUp.indices.allSatisfy { r in
                liveness.routerUp[r] || network.routers[r].interfaces.indices.allSatisfy { i in
                    network.routers[r].interfaces[i].kind == .loopback || liveness.linkOfInterface[InterfaceRef(router: r, interface: i)] != nil
                }
            }
            guard downOnlyLinked else { return nil }
            var union: Set<Prefix> = []
            let addresses = checks.addresses
            words = (network.routers.count + 63) / 64
            changedToward = Array(repeating: 0, count: addresses.count * words)
            for (r, set) in changedRoutes.enumerated() {
                guard let set else { return nil }
                union.formUnion(set)
                // The destinations inside each changed prefix: a range of the sorted addresses.
                for prefix in set {
                    let first = prefix.network, last = prefix.lastAddress
                    var k = addresses.lowerBound { $0 < first }
                    while k < addresses.count, addresses[k] <= last {
                        changedToward[k * words + r / 64] |= 1 << UInt64(r % 64)
                        k += 1
                    }
                }
            }
            self.checks = checks
            self.interfaceUp = interfaceUp
            changed = ChangedRoutes(union)
            unchanged = liveness.routerUp.indices.map { r in
                liveness.routerUp[r] && r < interfaceUp.count && liveness.interfaceUp[r] == interfaceUp[r]
            }
        }

        /// Whether every router of a recorded walk is up and keeps its route toward its destination.
        func holds(_ walk: SessionWitness.Walk, routerUp: [Bool]) -> Bool {
            guard walk.address >= 0 else { return false }
            let base = Int(walk.address) * words
            return walk.routers.allSatisfy { v in
                routerUp[Int(v)] && changedToward[base + Int(v) / 64] & (1 << UInt64(Int(v) % 64)) == 0
            }
        }
    }

    /// The baseline's local-check result for status `index` when nothing it read can differ.
    func reusable(_ previous: Previous, router r: Int, index: Int) -> BGPSessionStatus? {
        guard index < previous.checks.statuses.count else { return nil }
        let status = previous.checks.statuses[index]
        guard status.router == r, let peer = status.peerRouter else { return nil }
        if index < previous.checks.witnesses.count, let reads = previous.checks.witnesses[index] {
            // The check read these interfaces, and the routes toward either address only along these walks.
            guard liveness.routerUp[r], liveness.routerUp[peer],
                  reads.interfaces.allSatisfy({ liveness.interfaceUp[$0.router][$0.interface] == previous.interfaceUp[$0.router][$0.interface] }),
                  previous.holds(reads.there, routerUp: liveness.routerUp), previous.holds(reads.back, routerUp: liveness.routerUp) else { return nil }
            return status
        }
        guard previous.unchanged[r], previous.unchanged[peer] else { return nil }
        guard !previous.changed.covers(status.peerAddress) else { return nil }
        if let local = status.localAddress, previous.changed.covers(local) { return nil }
        return status
    }

    /// What an established check read: its walks both ways, when both were plain reachability
    /// walks (a TTL-limited check reads every equal-cost branch's length: no witness).
    func witness(of status: BGPSessionStatus, neighbor: BGPNeighbor) -> SessionWitness? {
        guard status.reason == nil, Self.ttl(neighbor, ebgp: status.ebgp) == 255, neighbor.ttlSecurityHops == nil,
              let peer = status.peerRouter, let local = status.localAddress,
              let there = reachedPath(from: status.router, to: status.peerAddress, owner: peer),
              let back = reachedPath(from: peer, to: local, owner: status.router) else { return nil }
        guard case .router(let owner)? = owners[status.peerAddress, from: status.router] else { return nil }
        var interfaces = [owner]
        let router = network.routers[status.router]
        for i in router.interfaces.indices where router.interfaces[i].kind != .loopback && router.interfaces[i].hasSubnet(containing: status.peerAddress) {
            interfaces.append(InterfaceRef(router: status.router, interface: i))
        }
        if let source = neighbor.updateSource {
            guard let i = router.interfaceIndex(named: source) else { return nil }
            interfaces.append(InterfaceRef(router: status.router, interface: i))
        }
        return SessionWitness(there: .init(routers: there), back: .init(routers: back), interfaces: interfaces)
    }
}
