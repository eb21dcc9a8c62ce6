/// How a failure run takes each stage's result from the baseline's record: one function per
/// stage, each returning nil where the stage must compute from scratch.
extension StageRecord {
    /// Router r's connected routes, when its interfaces are as in the baseline.
    func connected(_ r: Int, liveness: Liveness) -> [Prefix: RIBEntry]? {
        r < connected.count && liveness.interfaceUp[r] == interfaceUp[r] ? connected[r] : nil
    }

    /// Per router, the prefixes whose non-BGP route may differ from the baseline's: the IGP's
    /// own change set, plus statics installed differently, plus interfaces that changed state
    /// (nil when the IGP was recomputed from scratch: anything may differ).
    func changedRoutes(igp: [Set<Prefix>?], installed: [[StaticResolution.Installed]], liveness: Liveness, network: Network) -> [Set<Prefix>?] {
        network.routers.indices.map { r in
            guard r < staticEntries.count, r < interfaceUp.count else { return nil }
            let igpPart: Set<Prefix>?
            if network.igp(of: network.routers[r]) == nil { igpPart = [] } else { igpPart = igp[r] }
            guard var changed = igpPart else { return nil }
            let now = installed[r].map(\.entry), before = staticEntries[r]
            if now != before {
                // Per prefix in order: with several statics for one prefix, the first of the lowest distance wins.
                var old: [Prefix: [RIBEntry]] = [:]
                for entry in before { old[entry.prefix, default: []].append(entry) }
                var new: [Prefix: [RIBEntry]] = [:]
                for entry in now { new[entry.prefix, default: []].append(entry) }
                for prefix in Set(old.keys).union(new.keys) where old[prefix] != new[prefix] { changed.insert(prefix) }
            }
            for (i, interface) in network.routers[r].interfaces.enumerated() where liveness.interfaceUp[r][i] != interfaceUp[r][i] {
                changed.formUnion(interface.subnets)
            }
            return changed
        }
    }

    /// Router r's non-BGP table: the baseline's, with the prefixes that may differ (`changed`,
    /// nil: unknown) merged again one by one by `merge`.
    func nonBGP(_ r: Int, changed: Set<Prefix>?, merge: (Prefix) -> RIBEntry?) -> RIBTable? {
        guard r < nonBGP.count, let changed else { return nil }
        var table = RIBTable(overlaying: nonBGP[r])
        for prefix in changed {
            let entry = merge(prefix)
            if table[prefix] != entry { table[prefix] = entry }
        }
        return table
    }

    /// The recorded session checks, where a scenario can take them (BGPSessionBuilder.Previous).
    func sessionChecks(changedRoutes: [Set<Prefix>?], liveness: Liveness, network: Network) -> BGPSessionBuilder.Previous? {
        .init(checks: sessionChecks, interfaceUp: interfaceUp, changedRoutes: changedRoutes, liveness: liveness, network: network)
    }
}
