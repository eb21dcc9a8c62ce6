/// Compares two valid paths for one prefix. Returns whether `a` beats `b` and the deciding step.
enum DecisionProcess {
    static func compare(_ a: BGPRoute, _ b: BGPRoute, localAS: ASN) -> (aWins: Bool, step: BestPathStep) {
        let x = a.attributes, y = b.attributes
        if x.weight != y.weight { return (x.weight > y.weight, .weight) }
        if x.localPreference != y.localPreference { return (x.localPreference > y.localPreference, .localPreference) }
        if a.isLocal != b.isLocal { return (a.isLocal, .locallyOriginated) }
        if x.asPath.length != y.asPath.length { return (x.asPath.length < y.asPath.length, .asPathLength) }
        if x.origin != y.origin { return (x.origin < y.origin, .origin) }
        // MED only between paths from the same neighbouring AS (no always-compare-med).
        if (x.asPath.neighborAS ?? localAS) == (y.asPath.neighborAS ?? localAS) && x.med != y.med { return (x.med < y.med, .med) }
        if a.isEBGP != b.isEBGP { return (a.isEBGP, .ebgpOverIBGP) }
        if a.igpCost != b.igpCost { return (a.igpCost < b.igpCost, .igpCost) }
        let idA = a.originatorID ?? a.peerRouterID, idB = b.originatorID ?? b.peerRouterID
        if idA != idB { return (idA < idB, .routerID) }
        if a.clusterList.count != b.clusterList.count { return (a.clusterList.count < b.clusterList.count, .clusterListLength) }
        let addressA = a.peerAddress ?? IPv4Address(0), addressB = b.peerAddress ?? IPv4Address(0)
        return (addressA <= addressB, .neighborAddress)
    }

    /// The best of `candidates` (sorted by the caller for determinism), with the step that decided it:
    /// the latest step needed to beat any other candidate.
    static func best(_ candidates: [BGPRoute], localAS: ASN) -> BGPRoute? {
        guard var winner = candidates.first else { return nil }
        for candidate in candidates.dropFirst() where !compare(winner, candidate, localAS: localAS).aWins {
            winner = candidate
        }
        var step = BestPathStep.onlyPath
        for candidate in candidates where candidate != winner {
            let decided = compare(winner, candidate, localAS: localAS).step
            if step == .onlyPath || decided.rank > step.rank { step = decided }
        }
        winner.decidedBy = step
        return winner
    }
}
