/// What the decision process reads from a path. Both the public `BGPRoute` and the compact
/// interned paths used during propagation provide it, so there is one decision process.
protocol DecisionInputs {
    var weight: UInt32 { get }
    var localPreference: UInt32 { get }
    var isLocal: Bool { get }
    var asPathLength: Int { get }
    var origin: BGPOrigin { get }
    var neighborAS: ASN? { get }
    /// nil when the path carries no MED.
    var med: UInt32? { get }
    var isEBGP: Bool { get }
    var igpCost: UInt32 { get }
    /// Originator-id for reflected paths, else the sending peer's router-id.
    var tieBreakRouterID: IPAddress { get }
    var clusterListLength: Int { get }
    /// The sending peer's address (0 for local paths).
    var tieBreakAddress: IPAddress { get }
    /// Held since before the failure being simulated (the oldest-path step); false when age
    /// is unknown (a simulation from scratch).
    var heldBefore: Bool { get }
}

extension BGPRoute: DecisionInputs {
    var localPreference: UInt32 { path.localPreference }
    var asPathLength: Int { path.asPath.length }
    var origin: BGPOrigin { path.origin }
    var neighborAS: ASN? { path.asPath.neighborAS }
    var med: UInt32? { path.med }
    var tieBreakRouterID: IPAddress { originatorID ?? peerRouterID }
    var clusterListLength: Int { clusterList.count }
    var tieBreakAddress: IPAddress { peerAddress ?? IPAddress(0) }
    var heldBefore: Bool { false }
}

/// The BGP decision process in Cisco / FRR order (docs/bgp-decision-process.md), in the two
/// forms vendors implement:
/// - *grouped* (`deterministic-med`, Junos' default, RFC 4271 §9.1.2.2): every step removes
///   the paths that lose it from the whole candidate set, MED within each neighbouring AS;
///   the result does not depend on the order of the candidates;
/// - *pairwise* (Cisco IOS and FRR default): paths are compared two at a time in arrival order,
///   and MED only when the two come from the same AS, so the winner can depend on the order.
///   A simulation has no arrival times: routesim walks the paths in a fixed order of their
///   own (local path first, then by neighbour address), never the order of the configuration.
///
/// In both, `decidedBy` is the step at which the winner beat the last rival it had: the step
/// that removed the last other path (grouped), or the latest step of a comparison the winner
/// won (pairwise). Never a comparison the winner lost.
enum DecisionProcess {
    /// The MED a path is compared with: its own, else 0 or the worst value (`missing-as-worst`).
    static func effectiveMED(_ path: some DecisionInputs, _ options: BestPathOptions) -> UInt32 {
        path.med ?? (options.missingMEDAsWorst ? UInt32.max : 0)
    }

    /// The steps before MED (weight .. origin): whether `a` beats `b`, and at which step.
    /// nil when they tie on all of them.
    static func compareBeforeMED(_ a: some DecisionInputs, _ b: some DecisionInputs) -> (aWins: Bool, step: BestPathStep)? {
        if a.weight != b.weight { return (a.weight > b.weight, .weight) }
        if a.localPreference != b.localPreference { return (a.localPreference > b.localPreference, .localPreference) }
        if a.isLocal != b.isLocal { return (a.isLocal, .locallyOriginated) }
        if a.asPathLength != b.asPathLength { return (a.asPathLength < b.asPathLength, .asPathLength) }
        if a.origin != b.origin { return (a.origin < b.origin, .origin) }
        return nil
    }

    /// The steps after MED (eBGP over iBGP .. neighbour address), a total order (at most one
    /// candidate is held from before, so the oldest-path step keeps it one).
    static func compareAfterMED(_ a: some DecisionInputs, _ b: some DecisionInputs, _ options: BestPathOptions) -> (aWins: Bool, step: BestPathStep) {
        if a.isEBGP != b.isEBGP { return (a.isEBGP, .ebgpOverIBGP) }
        if a.igpCost != b.igpCost { return (a.igpCost < b.igpCost, .igpCost) }
        if a.isEBGP && !options.compareRouterID && a.heldBefore != b.heldBefore { return (a.heldBefore, .oldestPath) }
        if a.tieBreakRouterID != b.tieBreakRouterID { return (a.tieBreakRouterID < b.tieBreakRouterID, .routerID) }
        if a.clusterListLength != b.clusterListLength { return (a.clusterListLength < b.clusterListLength, .clusterListLength) }
        return (a.tieBreakAddress <= b.tieBreakAddress, .neighborAddress)
    }

    /// Whether MED is compared between two paths: same neighbouring AS (local paths count as
    /// the router's own AS), or `always-compare-med`.
    static func medComparable(_ a: some DecisionInputs, _ b: some DecisionInputs, localAS: ASN, _ options: BestPathOptions) -> Bool {
        options.alwaysCompareMED || (a.neighborAS ?? localAS) == (b.neighborAS ?? localAS)
    }

    /// One pairwise comparison, as Cisco IOS makes it between two paths.
    static func compare(_ a: some DecisionInputs, _ b: some DecisionInputs, localAS: ASN,
                        options: BestPathOptions = .defaults(for: .ios)) -> (aWins: Bool, step: BestPathStep) {
        if let decided = compareBeforeMED(a, b) { return decided }
        if medComparable(a, b, localAS: localAS, options) {
            let ma = effectiveMED(a, options), mb = effectiveMED(b, options)
            if ma != mb { return (ma < mb, .med) }
        }
        return compareAfterMED(a, b, options)
    }

    struct Decision {
        var index: Int
        var step: BestPathStep
    }

    /// The best candidate and the step that decided it. `eliminatedAt[i]` receives the step at
    /// which candidate i lost (the winner's entry is `.onlyPath`): reuse asks whether any path
    /// lost at a step that reads IGP costs.
    static func decide<C: DecisionInputs>(_ candidates: [C], localAS: ASN, options: BestPathOptions,
                                          eliminatedAt: inout [BestPathStep], order: inout [Int]) -> Decision? {
        eliminatedAt.removeAll(keepingCapacity: true)
        guard !candidates.isEmpty else { return nil }
        eliminatedAt.append(contentsOf: repeatElement(.onlyPath, count: candidates.count))
        if candidates.count == 1 { return Decision(index: 0, step: .onlyPath) }
        return options.deterministicMED
            ? grouped(candidates, localAS: localAS, options: options, eliminatedAt: &eliminatedAt)
            : pairwise(candidates, localAS: localAS, options: options, eliminatedAt: &eliminatedAt, order: &order)
    }

    static func bestIndex<C: DecisionInputs>(_ candidates: [C], localAS: ASN, options: BestPathOptions) -> Decision? {
        var eliminated: [BestPathStep] = [], order: [Int] = []
        return decide(candidates, localAS: localAS, options: options, eliminatedAt: &eliminated, order: &order)
    }

    /// RFC 4271 §9.1.2.2 as a sequence of filters over all candidates. The steps before and
    /// after MED are lexicographic orders, so a path leaves at the first of those steps where
    /// it differs from the best; MED removes, per neighbouring AS (or overall with
    /// `always-compare-med`), the paths above that group's lowest MED.
    private static func grouped<C: DecisionInputs>(_ c: [C], localAS: ASN, options: BestPathOptions,
                                                   eliminatedAt: inout [BestPathStep]) -> Decision {
        // `eliminatedAt[i] == .onlyPath` marks a path still in (no step is called only-path).
        var leader = 0
        for i in c.indices.dropFirst() where compareBeforeMED(c[i], c[leader])?.aWins == true { leader = i }
        for i in c.indices where i != leader {
            if let lost = compareBeforeMED(c[leader], c[i]) { eliminatedAt[i] = lost.step }
        }
        // MED: out if some path that survived the earlier steps, in the same group, has less.
        func group(_ path: C) -> ASN? { options.alwaysCompareMED ? nil : (path.neighborAS ?? localAS) }
        for i in c.indices where eliminatedAt[i] == .onlyPath {
            let med = effectiveMED(c[i], options), g = group(c[i])
            for j in c.indices where j != i && (eliminatedAt[j] == .onlyPath || eliminatedAt[j] == .med)
                && group(c[j]) == g && effectiveMED(c[j], options) < med {
                eliminatedAt[i] = .med
                break
            }
        }
        var winner = -1
        for i in c.indices where eliminatedAt[i] == .onlyPath {
            if winner < 0 || compareAfterMED(c[i], c[winner], options).aWins { winner = i }
        }
        for i in c.indices where i != winner && eliminatedAt[i] == .onlyPath { eliminatedAt[i] = compareAfterMED(c[winner], c[i], options).step }
        return Decision(index: winner, step: lastElimination(eliminatedAt, winner: winner))
    }

    /// Cisco's walk: the current best against the next path, in routesim's fixed order
    /// (local path first, then lowest neighbour address; router-id breaks a tie).
    private static func pairwise<C: DecisionInputs>(_ c: [C], localAS: ASN, options: BestPathOptions,
                                                    eliminatedAt: inout [BestPathStep], order: inout [Int]) -> Decision {
        func before(_ i: Int, _ j: Int) -> Bool {
            if c[i].isLocal != c[j].isLocal { return c[i].isLocal }
            if c[i].tieBreakAddress != c[j].tieBreakAddress { return c[i].tieBreakAddress < c[j].tieBreakAddress }
            if c[i].tieBreakRouterID != c[j].tieBreakRouterID { return c[i].tieBreakRouterID < c[j].tieBreakRouterID }
            return i < j
        }
        // Insertion sort into the caller's buffer: few candidates, mostly in order already,
        // and no allocation per decision.
        order.removeAll(keepingCapacity: true)
        for i in c.indices {
            var k = order.count
            order.append(i)
            while k > 0 && before(i, order[k - 1]) { order[k] = order[k - 1]; k -= 1 }
            order[k] = i
        }
        var winner = order[0]
        var step = BestPathStep.onlyPath
        for k in c.indices.dropFirst() {
            let i = order[k]
            let result = compare(c[winner], c[i], localAS: localAS, options: options)
            if result.aWins {
                eliminatedAt[i] = result.step
                if result.step.rank > step.rank { step = result.step }
            } else {
                eliminatedAt[winner] = result.step
                winner = i
                step = result.step
            }
        }
        eliminatedAt[winner] = .onlyPath
        return Decision(index: winner, step: step)
    }

    private static func lastElimination(_ eliminatedAt: [BestPathStep], winner: Int) -> BestPathStep {
        var step = BestPathStep.onlyPath
        for (i, lost) in eliminatedAt.enumerated() where i != winner && lost.rank > step.rank { step = lost }
        return step
    }

    static func best(_ candidates: [BGPRoute], localAS: ASN, options: BestPathOptions = .defaults(for: .ios)) -> BGPRoute? {
        guard let decision = bestIndex(candidates, localAS: localAS, options: options) else { return nil }
        var winner = candidates[decision.index]
        winner.decidedBy = decision.step
        return winner
    }
}
