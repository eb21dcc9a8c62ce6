/// What may differ between a failure run built on a baseline and the baseline itself, as the
/// stages found out (TraceFootprint: a trace that read none of it comes out the same).
struct ScenarioDelta: Sendable {
    /// Per router, the non-BGP prefixes that may differ (nil: unknown, anything may).
    var nonBGP: [ChangedRoutes?]
    /// Prefixes whose BGP results may differ at some router.
    var bgp: ChangedRoutes
    /// The baseline's interface states.
    var interfaceUp: [[Bool]]
}

extension StageRecord {
    /// The scenario's delta once BGP ran; nil when some change is not followed (aggregates add
    /// discard routes that the change sets do not track) or BGP ran from scratch.
    func delta(after bgp: BGPRun) -> ScenarioDelta? {
        guard let nonBGP = bgp.changedRoutes, let prefixes = bgp.changedPrefixes, !interfaceUp.isEmpty, !bgp.hasAggregates else { return nil }
        return ScenarioDelta(nonBGP: nonBGP, bgp: ChangedRoutes(prefixes), interfaceUp: interfaceUp)
    }
}

extension DataPlane {
    /// In a failure run built on a baseline: the prefixes whose routes at `router` may differ
    /// from the baseline's (a superset of those that do); nil when not known.
    public func prefixesThatMayDiffer(router: Int) -> Set<Prefix>? {
        guard let delta, router < delta.nonBGP.count, let covering = delta.nonBGP[router],
              (network.routers[router].bgp?.maximumPaths ?? 1) <= 1, (network.routers[router].bgp?.maximumPathsIBGP ?? 1) <= 1 else { return nil }
        var prefixes = covering.prefixes.union(delta.bgp.prefixes)
        // A BGP route forwards where its next hop resolves: it moves with that route.
        if !covering.isEmpty {
            for (prefix, route) in bgpTables[router] where !route.isLocal && covering.covers(route.attributes.nextHop) { prefixes.insert(prefix) }
        }
        return prefixes
    }
}
