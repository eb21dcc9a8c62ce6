import Testing
@testable import Simulation

/// One row per decision step: two paths that differ from that step on, and the expected winner.
@Suite struct DecisionProcessTests {
    static func path(_ configure: (inout BGPRoute) -> Void = { _ in }) -> BGPRoute {
        var route = BGPRoute(attributes: BGPAttributes(asPath: ASPath([65002]), nextHop: IPv4Address(0x0A00_0001)),
                             source: .learned(neighbor: 0, peer: 1, peerAddress: IPv4Address(0x0A00_0001), ebgp: true),
                             originatorID: nil, clusterList: [], igpCost: 10, decidedBy: .onlyPath, peerRouterID: IPv4Address(0x0101_0101))
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
            worse: path { $0.source = .learned(neighbor: 1, peer: 2, peerAddress: IPv4Address(0x0A00_0002), ebgp: false) }),
        Row(step: .igpCost, better: path { $0.igpCost = 5; $0.peerRouterID = IPv4Address(0x0909_0909) }, worse: path { $0.igpCost = 6 }),
        Row(step: .routerID, better: path { $0.peerRouterID = IPv4Address(0x0101_0100); $0.clusterList = [IPv4Address(1), IPv4Address(2)] }, worse: path()),
        Row(step: .clusterListLength, better: path { $0.originatorID = IPv4Address(7); $0.peerAddress(IPv4Address(0x0A00_0009)) },
            worse: path { $0.originatorID = IPv4Address(7); $0.clusterList = [IPv4Address(1)] }),
        Row(step: .neighborAddress, better: path(), worse: path { $0.peerAddress(IPv4Address(0x0A00_0002)) }),
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
                                                           "med", "ebgp-over-ibgp", "igp-cost", "router-id", "cluster-list-length", "neighbor-address"])
    }
}

extension BGPRoute {
    mutating func peerAddress(_ address: IPv4Address) {
        if case .learned(let peering, let peer, _, let ebgp) = source { source = .learned(neighbor: peering, peer: peer, peerAddress: address, ebgp: ebgp) }
    }
}
