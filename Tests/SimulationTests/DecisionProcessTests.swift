import Testing
@testable import Simulation

/// One row per decision step: two paths that differ from that step on, and the expected winner.
@Suite struct DecisionProcessTests {
    static func path(_ configure: (inout BGPRoute) -> Void = { _ in }) -> BGPRoute {
        var route = BGPRoute(attributes: BGPAttributes(asPath: ASPath([65002]), nextHop: IPAddress(0x0A00_0001)),
                             source: .learned(neighbor: 0, peer: 1, peerAddress: IPAddress(0x0A00_0001), ebgp: true),
                             originatorID: nil, clusterList: [], igpCost: 10, decidedBy: .onlyPath, peerRouterID: IPAddress(0x0101_0101))
        configure(&route)
        return route
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var step: BestPathStep
        var better: BGPRoute
        var worse: BGPRoute
        var testDescription: String { step.rawValue }
    }

    static let rows: [Row] = [
        Row(step: .weight, better: path { $0.attributes.weight = 100; $0.attributes.localPreference = 50 }, worse: path()),
        Row(step: .localPreference, better: path { $0.attributes.localPreference = 200; $0.attributes.asPath = ASPath([1, 2, 3]) }, worse: path()),
        Row(step: .locallyOriginated, better: path { $0.source = .local(.network); $0.attributes.asPath = ASPath([1, 2]) }, worse: path()),
        Row(step: .asPathLength, better: path { $0.attributes.origin = .incomplete }, worse: path { $0.attributes.asPath = ASPath([65002, 64500]) }),
        Row(step: .origin, better: path { $0.attributes.med = 500 }, worse: path { $0.attributes.origin = .incomplete }),
        Row(step: .med, better: path { $0.attributes.med = 5; $0.igpCost = 99 }, worse: path { $0.attributes.med = 10 }),
        Row(step: .ebgpOverIBGP, better: path { $0.igpCost = 99 },
            worse: path { $0.source = .learned(neighbor: 1, peer: 2, peerAddress: IPAddress(0x0A00_0002), ebgp: false) }),
        Row(step: .igpCost, better: path { $0.igpCost = 5; $0.peerRouterID = IPAddress(0x0909_0909) }, worse: path { $0.igpCost = 6 }),
        Row(step: .routerID, better: path { $0.peerRouterID = IPAddress(0x0101_0100); $0.clusterList = [IPAddress(1), IPAddress(2)] }, worse: path()),
        Row(step: .clusterListLength, better: path { $0.originatorID = IPAddress(7); $0.peerAddress(IPAddress(0x0A00_0009)) },
            worse: path { $0.originatorID = IPAddress(7); $0.clusterList = [IPAddress(1)] }),
        Row(step: .neighborAddress, better: path(), worse: path { $0.peerAddress(IPAddress(0x0A00_0002)) }),
    ]

    @Test(arguments: rows) func stepDecides(_ row: Row) {
        let forward = DecisionProcess.compare(row.better, row.worse, localAS: 65001)
        #expect(forward.aWins)
        #expect(forward.step == row.step)
        let backward = DecisionProcess.compare(row.worse, row.better, localAS: 65001)
        #expect(!backward.aWins)
        #expect(backward.step == row.step)
        // Order of candidates does not change the winner or the recorded step.
        for candidates in [[row.better, row.worse], [row.worse, row.better]] {
            let best = DecisionProcess.best(candidates, localAS: 65001)
            #expect(best?.attributes == row.better.attributes)
            #expect(best?.decidedBy == row.step)
        }
    }

    @Test func medIsIgnoredBetweenDifferentNeighborASes() {
        let lowMED = Self.path { $0.attributes.med = 1; $0.attributes.asPath = ASPath([65003]); $0.igpCost = 50 }
        let highMED = Self.path { $0.attributes.med = 100 }
        let result = DecisionProcess.compare(highMED, lowMED, localAS: 65001)
        #expect(result.aWins)
        #expect(result.step == .igpCost)
    }

    @Test func singlePathIsOnlyPath() {
        #expect(DecisionProcess.best([Self.path()], localAS: 65001)?.decidedBy == .onlyPath)
        #expect(DecisionProcess.best([], localAS: 65001) == nil)
    }

    @Test func stepsAreInDecisionOrder() {
        #expect(BestPathStep.allCases.map(\.rawValue) == ["only-path", "weight", "local-preference", "locally-originated", "as-path-length", "origin",
                                                           "med", "ebgp-over-ibgp", "igp-cost", "oldest-path", "router-id", "cluster-list-length", "neighbor-address"])
    }
}

extension BGPRoute {
    mutating func peerAddress(_ address: IPAddress) {
        if case .learned(let peering, let peer, _, let ebgp) = source { source = .learned(neighbor: peering, peer: peer, peerAddress: address, ebgp: ebgp) }
    }
}

/// MED across neighbouring ASes, both vendor forms. The three paths are Huawei's
/// `deterministic-med` reference example (A1: AS 12, MED 100, IGP 13; A2: AS 12, MED 150,
/// IGP 11; B: AS 3, MED 0, IGP 12), all iBGP; expectations from RFC 4271 §9.1.2.2 (c) for the
/// grouped form and Cisco's pairwise walk for the other, worked out by hand.
@Suite struct MEDOrderTests {
    static func ibgp(_ asn: ASN, med: UInt32?, igp: UInt32, address: UInt32) -> BGPRoute {
        DecisionProcessTests.path {
            $0.attributes.asPath = ASPath([asn, 65099])
            $0.attributes.med = med
            $0.igpCost = igp
            $0.source = .learned(neighbor: Int(address), peer: Int(address), peerAddress: IPAddress(address), ebgp: false)
            $0.peerRouterID = IPAddress(address)
        }
    }
    static let ios = BestPathOptions.defaults(for: .ios)
    static let grouped = BestPathOptions.defaults(for: .junos)

    @Test func groupedRemovesTheHigherMEDWithinItsASThenComparesIGPCost() throws {
        let a1 = Self.ibgp(12, med: 100, igp: 13, address: 4), a2 = Self.ibgp(12, med: 150, igp: 11, address: 2), b = Self.ibgp(3, med: 0, igp: 12, address: 3)
        for candidates in [[a1, a2, b], [b, a2, a1], [a2, b, a1], [a1, b, a2]] {
            let best = try #require(DecisionProcess.best(candidates, localAS: 65000, options: Self.grouped))
            #expect(best.peerAddress == b.peerAddress)
            #expect(best.decidedBy == .igpCost)
        }
    }

    @Test func pairwiseFollowsNeighbourAddressOrderNotCandidateOrder() throws {
        // Address order A2 (2), B (3), A1 (4): A2 beats B on IGP cost, A1 beats A2 on MED.
        let a1 = Self.ibgp(12, med: 100, igp: 13, address: 4), a2 = Self.ibgp(12, med: 150, igp: 11, address: 2), b = Self.ibgp(3, med: 0, igp: 12, address: 3)
        for candidates in [[a1, a2, b], [b, a2, a1], [a2, b, a1], [a1, b, a2]] {
            let best = try #require(DecisionProcess.best(candidates, localAS: 65000, options: Self.ios))
            #expect(best.peerAddress == a1.peerAddress)
            #expect(best.decidedBy == .med)
        }
        // Same paths, other addresses (order A1, B, A2): B beats A1 on IGP cost, A2 beats B on IGP cost.
        let a1b = Self.ibgp(12, med: 100, igp: 13, address: 2), a2b = Self.ibgp(12, med: 150, igp: 11, address: 4)
        let best = try #require(DecisionProcess.best([a2b, b, a1b], localAS: 65000, options: Self.ios))
        #expect(best.peerAddress == a2b.peerAddress)
        #expect(best.decidedBy == .igpCost)
    }

    @Test func alwaysCompareMEDAndMissingAsWorst() throws {
        let a1 = Self.ibgp(12, med: 100, igp: 13, address: 4), a2 = Self.ibgp(12, med: 150, igp: 11, address: 2), b = Self.ibgp(3, med: nil, igp: 12, address: 3)
        var options = Self.grouped
        options.alwaysCompareMED = true
        #expect(DecisionProcess.best([a1, a2, b], localAS: 65000, options: options)?.peerAddress == b.peerAddress)
        #expect(DecisionProcess.best([a1, a2, b], localAS: 65000, options: options)?.decidedBy == .med)
        options.missingMEDAsWorst = true
        #expect(DecisionProcess.best([a1, a2, b], localAS: 65000, options: options)?.peerAddress == a1.peerAddress)
        // Within one AS: a missing MED is 0 by default, the worst with missing-as-worst.
        let none = Self.ibgp(12, med: nil, igp: 20, address: 7), some = Self.ibgp(12, med: 50, igp: 10, address: 8)
        #expect(DecisionProcess.best([some, none], localAS: 65000, options: Self.ios)?.peerAddress == none.peerAddress)
        var worst = Self.ios
        worst.missingMEDAsWorst = true
        #expect(DecisionProcess.best([some, none], localAS: 65000, options: worst)?.peerAddress == some.peerAddress)
    }

    /// Random candidate sets (fixed seed): every order of the same candidates gives the same
    /// winner and step in both forms; in the grouped form removing a path that lost at MED or
    /// before never changes the winner (RFC 4271's filters); the recorded
    /// step is one the winner won against the path it last removed.
    @Test func orderNeverMattersAndLosersNeverDecideGroupedResults() {
        var generator = SplitMix(seed: 7)
        for _ in 0..<400 {
            let count = 2 + Int(generator.next() % 5)
            var candidates: [BGPRoute] = []
            for index in 0..<count {
                let asn: ASN = [12, 12, 3, 4][Int(generator.next() % 4)]
                let med: UInt32? = generator.next() % 4 == 0 ? nil : UInt32(generator.next() % 3) * 50
                var route = Self.ibgp(asn, med: med, igp: 10 + UInt32(generator.next() % 3), address: UInt32(index + 1))
                route.attributes.localPreference = 100 + UInt32(generator.next() % 2) * (generator.next() % 4 == 0 ? 1 : 0)
                if generator.next() % 3 == 0 { route.attributes.asPath = ASPath([asn, 1, 65099]) }
                if generator.next() % 3 == 0 {
                    route.source = .learned(neighbor: index, peer: index, peerAddress: IPAddress(UInt32(index + 1)), ebgp: true)
                }
                candidates.append(route)
            }
            for options in [Self.ios, Self.grouped] {
                guard let reference = DecisionProcess.best(candidates, localAS: 65000, options: options) else { continue }
                for _ in 0..<4 {
                    let shuffled = candidates.shuffled(using: &generator)
                    let again = DecisionProcess.best(shuffled, localAS: 65000, options: options)
                    #expect(again?.peerAddress == reference.peerAddress && again?.decidedBy == reference.decidedBy)
                }
                guard options.deterministicMED else { continue }
                var eliminated: [BestPathStep] = [], order: [Int] = []
                if let decision = DecisionProcess.decide(candidates, localAS: 65000, options: options, eliminatedAt: &eliminated, order: &order) {
                    // A path that lost at MED or before takes no part in the rest. (One that lost
                    // later can: as its group's lowest MED it had removed its group's others.)
                    for loser in candidates.indices where loser != decision.index && eliminated[loser].rank <= BestPathStep.med.rank {
                        var fewer = candidates
                        fewer.remove(at: loser)
                        #expect(DecisionProcess.best(fewer, localAS: 65000, options: options)?.peerAddress == reference.peerAddress)
                    }
                    for (index, step) in eliminated.enumerated() where index != decision.index && step == decision.step && step.rank > BestPathStep.med.rank {
                        #expect(DecisionProcess.compareAfterMED(candidates[decision.index], candidates[index], options).aWins)
                    }
                }
            }
        }
    }
}

typealias SplitMix = SplitMix64
