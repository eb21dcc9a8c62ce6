/// What the decision process reads from a path. Both the public `BGPRoute` and the compact
/// interned paths used during propagation provide it, so there is one decision process.
protocol DecisionInputs {
    var weight: UInt32 { get }
    var localPreference: UInt32 { get }
    var isLocal: Bool { get }
    var asPathLength: Int { get }
    var origin: BGPOrigin { get }
    var neighborAS: ASN? { get }
    var med: UInt32 { get }
    var isEBGP: Bool { get }
    var igpCost: UInt32 { get }
    /// Originator-id for reflected paths, else the sending peer's router-id.
    var tieBreakRouterID: IPv4Address { get }
    var clusterListLength: Int { get }
    /// The sending peer's address (0 for local paths).
    var tieBreakAddress: IPv4Address { get }
}

extension BGPRoute: DecisionInputs {
    var localPreference: UInt32 { path.localPreference }
    var asPathLength: Int { path.asPath.length }
    var origin: BGPOrigin { path.origin }
    var neighborAS: ASN? { path.asPath.neighborAS }
    var med: UInt32 { path.med }
    var tieBreakRouterID: IPv4Address { originatorID ?? peerRouterID }
    var clusterListLength: Int { clusterList.count }
    var tieBreakAddress: IPv4Address { peerAddress ?? IPv4Address(0) }
}

/// The BGP decision process in Cisco / FRR order (docs/bgp-decision-process.md).
enum DecisionProcess {
    /// Whether `a` beats `b`, and the step that decided it.
    static func compare(_ a: some DecisionInputs, _ b: some DecisionInputs, localAS: ASN) -> (aWins: Bool, step: BestPathStep) {
        if a.weight != b.weight { return (a.weight > b.weight, .weight) }
        if a.localPreference != b.localPreference { return (a.localPreference > b.localPreference, .localPreference) }
        if a.isLocal != b.isLocal { return (a.isLocal, .locallyOriginated) }
        if a.asPathLength != b.asPathLength { return (a.asPathLength < b.asPathLength, .asPathLength) }
        if a.origin != b.origin { return (a.origin < b.origin, .origin) }
        // MED only between paths from the same neighbouring AS (no always-compare-med).
        if (a.neighborAS ?? localAS) == (b.neighborAS ?? localAS) && a.med != b.med { return (a.med < b.med, .med) }
        if a.isEBGP != b.isEBGP { return (a.isEBGP, .ebgpOverIBGP) }
        if a.igpCost != b.igpCost { return (a.igpCost < b.igpCost, .igpCost) }
        if a.tieBreakRouterID != b.tieBreakRouterID { return (a.tieBreakRouterID < b.tieBreakRouterID, .routerID) }
        if a.clusterListLength != b.clusterListLength { return (a.clusterListLength < b.clusterListLength, .clusterListLength) }
        return (a.tieBreakAddress <= b.tieBreakAddress, .neighborAddress)
    }

    /// The index of the best candidate (candidates in a fixed order, for determinism) and the
    /// step that decided it: the latest step needed to beat any other candidate.
    static func bestIndex<C: DecisionInputs>(_ candidates: [C], localAS: ASN) -> (index: Int, step: BestPathStep)? {
        guard !candidates.isEmpty else { return nil }
        var winner = 0
        for index in candidates.indices.dropFirst() where !compare(candidates[winner], candidates[index], localAS: localAS).aWins {
            winner = index
        }
        var step = BestPathStep.onlyPath
        for index in candidates.indices where index != winner {
            let decided = compare(candidates[winner], candidates[index], localAS: localAS).step
            if step == .onlyPath || decided.rank > step.rank { step = decided }
        }
        return (winner, step)
    }

    static func best(_ candidates: [BGPRoute], localAS: ASN) -> BGPRoute? {
        guard let (index, step) = bestIndex(candidates, localAS: localAS) else { return nil }
        var winner = candidates[index]
        winner.decidedBy = step
        return winner
    }
}
