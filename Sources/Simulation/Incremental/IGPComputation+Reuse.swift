/// The IGP's side of the incremental layer: what the no-failure run records (`Reuse`) and how
/// a failure run takes each AS's advertisements and each router's routes from it.
extension IGPComputation {
    /// What a run with failures can take from the run without them: each router's SPF result,
    /// updated only below the failed edges of its shortest-path DAG (IGPComputation+IncrementalSPF),
    /// and its routes, rebuilt only toward advertisers whose distance or first hops changed and
    /// toward prefixes whose advertisers changed (usually the few behind the link).
    struct Reuse: Sendable {
        var routes: [RIBTable]
        /// Per router: its SPF result (empty for routers without an IGP).
        var distances: [[UInt64]]
        var firstHops: [[[NextHop]]]
        /// The IGP adjacencies without failures (for incremental SPF).
        var adjacency: [[Adjacency]] = []
        /// Per AS: who advertised what.
        var advertisers: [ASN: PrefixAdvertisers]
        /// The interface states it ran with: advertisements read them (`unchangedAdvertisers`).
        var interfaceUp: [[Bool]] = []
        /// Per router, how its IGP routes describe their origin (the same in every run).
        var texts: OriginTexts?
        /// The installed static prefixes per router the baseline advertised from, and per AS the
        /// patch of a run whose advertisements are the baseline's (nothing altered or withdrawn).
        var installedStatics: [[Prefix]] = []
        var unchangedPatches: [ASN: Patch] = [:]
    }

    /// What differs in one AS's advertisements from the baseline's, worked out once for all its routers.
    struct Patch {
        /// Prefixes (ids in `grouped`) whose advertisers are not the baseline's.
        var altered: [Int] = []
        /// Per advertising router (indexed by router), the ids of the prefixes it advertises.
        var idsByOrigin: [[Int]]
        var withdrawn: Set<Prefix>

        init(grouped: PrefixAdvertisers, baseline: PrefixAdvertisers, withdrawn: Set<Prefix>, routers: Int) {
            self.withdrawn = withdrawn
            idsByOrigin = Array(repeating: [], count: routers)
            let sameLayout = grouped.prefixes == baseline.prefixes
            var oldIndex: [Prefix: Int] = [:]
            if !sameLayout { for (id, prefix) in baseline.prefixes.enumerated() { oldIndex[prefix] = id } }
            for (id, prefix) in grouped.prefixes.enumerated() {
                let advertisers = grouped.advertisers[id]
                for advertiser in advertisers { idsByOrigin[advertiser.origin].append(id) }
                guard let old = sameLayout ? id : oldIndex[prefix] else { altered.append(id); continue }
                let before = baseline.advertisers[old]
                let same = before.count == advertisers.count
                    && zip(before, advertisers).allSatisfy { $0.origin == $1.origin && $0.cost == $1.cost && $0.external == $1.external }
                if !same { altered.append(id) }
            }
        }
    }

    /// The baseline's routes with only what changed rebuilt: prefixes no longer advertised go,
    /// and a prefix is recomputed when its advertisers differ from the baseline's or one of
    /// them is now at another distance or behind other first hops. Also returns the prefixes
    /// whose route actually changed.
    /// `affected`: the nodes whose distance or first hops may differ (nil: none).
    func patchedRoutes(at source: Int, config: IGPConfig, distance: [UInt64], firstHops: [[NextHop]], affected: [Bool]?, grouped: PrefixAdvertisers,
                       texts: OriginTexts, baseline: Reuse, patch: Patch) -> (RIBTable, Set<Prefix>) {
        let oldDistance = baseline.distances[source], oldHops = baseline.firstHops[source]
        var ids = patch.altered
        if let affected {
            for r in distance.indices where affected[r] && (distance[r] != oldDistance[r] || firstHops[r] != oldHops[r]) {
                ids += patch.idsByOrigin[r]
            }
        }
        var table = RIBTable(overlaying: baseline.routes[source])
        var changed: Set<Prefix> = []
        for prefix in patch.withdrawn where table.removeValue(forKey: prefix) != nil { changed.insert(prefix) }
        guard !ids.isEmpty else { return (table, changed) }
        let protocolKind: RouteProtocol = config.protocolKind == .ospf ? .ospf : .isis
        let distances = network.routers[source].distances
        let distanceValue = protocolKind == .ospf ? distances.ospf : distances.isis
        // A prefix with several advertisers can be listed more than once: visit each id once.
        var seen = [Bool](repeating: false, count: grouped.prefixes.count)
        table.reserveChanges(min(ids.count, grouped.prefixes.count))
        for id in ids where !seen[id] {
            seen[id] = true
            let prefix = grouped.prefixes[id]
            let entry = entry(for: id, at: source, config: config, protocolKind: protocolKind, distanceValue: distanceValue,
                              distance: distance, firstHops: firstHops, grouped: grouped, texts: texts)
            if table[prefix] != entry {
                table[prefix] = entry
                changed.insert(prefix)
            }
        }
        return (table, changed)
    }

    /// Router `source`'s routes from its recorded SPF result: only nodes below a failed edge of
    /// its shortest-path DAG can have moved (a down router's links are down); with none, the
    /// SPF result is the baseline's and only advertiser changes need new routes. nil when the
    /// router has no recorded result (it computes from scratch).
    func patchedRoutes(at source: Int, config: IGPConfig, grouped: PrefixAdvertisers, texts: OriginTexts, baseline: Reuse, patch: Patch,
                       adjacency: [[Adjacency]], failedEdges: [(from: Int, edge: Adjacency)], incoming: inout Incoming?) -> (RIBTable, Set<Prefix>)? {
        guard source < baseline.distances.count, !baseline.distances[source].isEmpty else { return nil }
        var now = (baseline.distances[source], baseline.firstHops[source])
        let affected = Self.affectedNodes(distance: now.0, failedEdges: failedEdges, baselineAdjacency: baseline.adjacency)
        if let affected {
            if incoming == nil { incoming = Self.incoming(adjacency) }
            now = incrementalShortestPaths(from: source, before: now, affected: affected, adjacency: adjacency, incoming: incoming ?? [])
        }
        return patchedRoutes(at: source, config: config, distance: now.0, firstHops: now.1, affected: affected, grouped: grouped, texts: texts,
                             baseline: baseline, patch: patch)
    }
}

extension IGPComputation.Reuse {
    /// The baseline's grouping of an AS's advertisements, if nothing its routers advertise can
    /// differ: the same routers run the IGP, and each has its interfaces and installed statics
    /// as in the baseline (advertisements read only those).
    func unchangedAdvertisers(_ asn: ASN, routers: [Int], installedStatics: [[Prefix]], liveness: Liveness) -> (IGPComputation.PrefixAdvertisers, IGPComputation.Patch)? {
        guard let before = advertisers[asn], let unchanged = unchangedPatches[asn], before.routers == routers,
              installedStatics.count == self.installedStatics.count, interfaceUp.count == liveness.interfaceUp.count,
              routers.allSatisfy({ liveness.interfaceUp[$0] == interfaceUp[$0] && installedStatics[$0] == self.installedStatics[$0] }) else { return nil }
        return (before, unchanged)
    }

    /// What differs between an AS's advertisements now and the baseline's (nil: the AS ran no IGP then).
    func patch(_ asn: ASN, grouped: IGPComputation.PrefixAdvertisers, routers: Int) -> IGPComputation.Patch? {
        advertisers[asn].map { before in
            IGPComputation.Patch(grouped: grouped, baseline: before, withdrawn: Set(before.prefixes).subtracting(grouped.prefixes), routers: routers)
        }
    }
}
