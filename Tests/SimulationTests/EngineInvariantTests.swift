import Foundation
import NetPrimitives
import Pipeline
import Testing

@Suite struct EngineInvariantTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var examples: [String] {
        let folder = root.appendingPathComponent("topologies")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            .map { folder.appendingPathComponent("\($0)/topology.yml").path }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    @Test(arguments: examples) func reportsAreDeterministic(_ path: String) throws {
        let network = try #require(TopologyLoader.load(path: path).network)
        var single = SimulationOptions()
        single.threads = 1
        let a = JSONOutput.encode(ReportBuilder(plane: Engine.run(network)).simulation(includeRIB: true))
        let b = JSONOutput.encode(ReportBuilder(plane: Engine.run(network, options: single)).simulation(includeRIB: true))
        #expect(a == b)
    }

    @Test(arguments: examples) func routeCountsMatchTheMainRIB(_ path: String) throws {
        let network = try #require(TopologyLoader.load(path: path).network)
        for failures in [FailureSpec.none, FailureSpec(links: [0])] {
            let plane = Engine.run(network, failures: failures)
            for r in network.routers.indices {
                var counted: [RouteProtocol: Int] = [:]
                for entry in plane.mainRIB(router: r) { counted[entry.protocolKind, default: 0] += 1 }
                #expect(plane.routeCounts(router: r) == counted, "\(network.routers[r].name) in \(path)")
            }
        }
    }

    @Test func generatedNetworkConvergesWithEveryPrefixEverywhere() throws {
        let yaml = TopologyGenerator.yaml(.init(routers: 60, ases: 6, prefixes: 40, seed: 3))
        let network = try #require(TopologyLoader.load(yaml: yaml, file: "gen.yml").network)
        let plane = Engine.run(network)
        #expect(plane.statistics.converged)
        #expect(plane.sessions.allSatisfy { $0.established })
        // Every router has a best path for every prefix (the AS graph is connected).
        #expect(plane.bgpTables.allSatisfy { $0.count == 40 })
    }
}

extension EngineInvariantTests {
    /// The FIB keeps only which table wins; its answers must equal a trie over the full main RIB.
    @Test(arguments: examples) func forwardingLookupsMatchTheMainRIB(_ path: String) throws {
        let network = try #require(TopologyLoader.load(path: path).network)
        for failures in [FailureSpec.none, FailureSpec(links: [0])] {
            let plane = Engine.run(network, failures: failures)
            for r in network.routers.indices {
                var trie = PrefixTrie<RIBEntry>()
                let rib = plane.mainRIB(router: r)
                for entry in rib { trie.insert(entry.prefix, entry) }
                for entry in rib {
                    for address in [entry.prefix.network, entry.prefix.lastAddress] {
                        #expect(plane.lookup(router: r, address: address) == trie.longestMatch(address)?.value, "\(network.routers[r].name) \(address)")
                        #expect(plane.lookupWithoutFIB(router: r, address: address) == trie.longestMatch(address)?.value, "\(network.routers[r].name) \(address) without FIB")
                    }
                }
            }
        }
    }
}

extension EngineInvariantTests {
    static var generatedNetworks: [(String, Network)] {
        [("gen-24", TopologyGenerator.Spec(routers: 24, ases: 1, prefixes: 12, chordsPerRouter: 0.7, seed: 5, hosts: 3)),
         ("gen-30", TopologyGenerator.Spec(routers: 30, ases: 3, prefixes: 15, seed: 9, hosts: 3))].compactMap { name, spec in
            TopologyLoader.load(yaml: TopologyGenerator.yaml(spec), file: name).network.map { (name, $0) }
        }
    }

    /// Reusing the baseline's IGP and BGP results must give exactly what a full recomputation
    /// gives (RIBs, BGP tables with deciding step, IGP cost and peer, sessions, flows), for every
    /// single link and router failure, and every pair on the small examples.
    @Test func reusingTheBaselineChangesNoAnswer() throws {
        var networks: [(String, Network)] = Self.generatedNetworks
        for path in Self.examples + [Self.trackRedistributed, Self.transportChain, Self.transportSquare] { if let network = TopologyLoader.load(path: path).network { networks.append((path, network)) } }
        #expect(networks.count >= 21)
        var reusedSomewhere = 0, reusedChecks = 0, repropagated = 0
        for (name, network) in networks {
            let baseline = Engine.baseline(network)
            let pairs = network.routers.count <= 12
            let scenarios = ScenarioEnumeration(maximumFailures: pairs ? 2 : 1, includeSets: false).scenarios(for: network).scenarios
            for scenario in scenarios {
                let full = Engine.run(network, failures: scenario.spec)
                // Route age (oldest-path) is history a run from scratch cannot have: off here.
                let reused = Engine.run(network, failures: scenario.spec, options: Self.ageless, baseline: baseline)
                reusedSomewhere += reused.statistics.bgpReusedPrefixes
                reusedChecks += reused.statistics.reusedSessionChecks
                repropagated += reused.statistics.bgpRepropagatedPrefixes
                let a = JSONOutput.encode(ReportBuilder(plane: full).simulation(includeRIB: true, includeBGP: true))
                let b = JSONOutput.encode(ReportBuilder(plane: reused).simulation(includeRIB: true, includeBGP: true))
                #expect(a == b, "\(name): \(scenario.name)")
                // The report leaves out IGP costs and peering indices of BGP paths: compare the tables themselves.
                for r in network.routers.indices {
                    let x = full.bgpTables[r].map { "\($0.0) \($0.1.igpCost) \($0.1.source) \($0.1.decidedBy)" }
                    let y = reused.bgpTables[r].map { "\($0.0) \($0.1.igpCost) \($0.1.source) \($0.1.decidedBy)" }
                    #expect(x == y, "\(name): \(scenario.name): BGP table of \(network.routers[r].name)")
                    #expect(full.bgpTables[r].map(\.1) == reused.bgpTables[r].map(\.1))
                }
            }
        }
        #expect(reusedSomewhere > 1000, "the reuse path was hardly exercised: \(reusedSomewhere) prefix results reused")
        #expect(reusedChecks > 1000, "session checks were hardly reused: \(reusedChecks)")
        #expect(repropagated > 100, "re-propagation from the baseline was hardly exercised: \(repropagated) prefixes")
    }

    static var ageless: SimulationOptions { var options = SimulationOptions(); options.routeAge = false; return options }

    /// A no-failure run that keeps what failure runs reuse.
    static func recordedBaseline(_ network: Network) -> Baseline { Engine.baseline(network) }

    static var transportSquare: String {
        root.appendingPathComponent("Tests/SimulationTests/Fixtures/ibgp-transport-square.yml").path
    }

    static var transportChain: String {
        root.appendingPathComponent("Tests/SimulationTests/Fixtures/ibgp-transport-chain.yml").path
    }

    /// A session's checks come from the baseline only while nothing between its ends changed:
    /// failing A-B leaves R1's and R2's interfaces up but cuts their iBGP transport.
    @Test func sessionTransportCutBetweenTheEndsIsNoticed() throws {
        let network = try #require(TopologyLoader.load(path: Self.transportChain).network)
        let baseline = Self.recordedBaseline(network)
        #expect(baseline.plane.sessions.allSatisfy { $0.established })
        let (spec, unknown) = FailureSpec.resolve(links: ["A-B"], routers: [], in: network)
        #expect(unknown.isEmpty)
        let plane = Engine.run(network, failures: spec, baseline: baseline)
        let r1 = try #require(network.routerIndex["R1"]), r2 = try #require(network.routerIndex["R2"]), a = try #require(network.routerIndex["A"])
        let cut = plane.sessions.filter { ($0.router == r1 && $0.peerRouter == r2) || ($0.router == r2 && $0.peerRouter == r1) }
        #expect(cut.count == 2 && cut.allSatisfy { !$0.established })
        #expect(cut.contains { $0.reason?.contains("no path") == true })
        // R1-A's transport did not change: still up.
        #expect(plane.sessions.filter { ($0.router == r1 && $0.peerRouter == a) || ($0.router == a && $0.peerRouter == r1) }.allSatisfy { $0.established })
        #expect(plane.bgpTables[r2][Prefix(network: IPAddress(0x0A00_0001), length: 32)] == nil)
    }

    /// A session's checks are reused while the routes along the walks it made (there and
    /// back) stay as they were, even when routes toward its addresses change elsewhere; and
    /// made again as soon as a walk breaks.
    @Test func sessionChecksFollowTheWalksTheyMade() throws {
        let network = try #require(TopologyLoader.load(path: Self.transportSquare).network)
        let baseline = Self.recordedBaseline(network)
        #expect(baseline.plane.sessions.count == 2 && baseline.plane.sessions.allSatisfy { $0.established })
        let b = try #require(network.routerIndex["B"]), loopback = try #require(Prefix("10.0.0.4/32"))
        let (offWalk, unknown1) = FailureSpec.resolve(links: ["B-R2"], routers: [], in: network)
        #expect(unknown1.isEmpty)
        let kept = Engine.run(network, failures: offWalk, baseline: baseline)
        // B's route to R2's loopback changed, so a check by "any route toward the address changed" would redo both.
        #expect(kept.nonBGPRoutes[b][loopback]?.forwarding != baseline.plane.nonBGPRoutes[b][loopback]?.forwarding)
        #expect(kept.statistics.reusedSessionChecks == 2)
        #expect(kept.sessions.allSatisfy { $0.established })
        let (onWalk, unknown2) = FailureSpec.resolve(links: ["A-R2"], routers: [], in: network)
        #expect(unknown2.isEmpty)
        let moved = Engine.run(network, failures: onWalk, baseline: baseline)
        #expect(moved.statistics.reusedSessionChecks == 0)
        #expect(moved.sessions.allSatisfy { $0.established })
        // Without B-R2 as well, no path is left: the session is down in both.
        let (both, _) = FailureSpec.resolve(links: ["A-R2", "B-R2"], routers: [], in: network)
        let down = Engine.run(network, failures: both, baseline: baseline)
        #expect(down.sessions.allSatisfy { !$0.established })
        #expect(down.sessions.map(\.reason) == Engine.run(network, failures: both).sessions.map(\.reason))
    }

    /// A failure that leaves every condition as it was settles in one round: the conditions
    /// start where the baseline ended, so the recorded BGP results are reused at once.
    @Test func conditionsStartWhereTheBaselineEnded() throws {
        let path = Self.root.appendingPathComponent("topologies/null0-peering-conditional/topology.yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        let baseline = Self.recordedBaseline(network)
        let (spec, unknown) = FailureSpec.resolve(links: ["R3-R4-b"], routers: [], in: network)
        #expect(unknown.isEmpty)
        let reused = Engine.run(network, failures: spec, baseline: baseline)
        #expect(reused.statistics.bgpRounds == 1)
        #expect(reused.statistics.bgpReusedPrefixes > 0)
        #expect(Engine.run(network, failures: spec).statistics.bgpRounds == 2)
    }

    static var twoStableStates: String {
        root.appendingPathComponent("Tests/SimulationTests/Fixtures/bgp-two-stable-states.yml").path
    }

    /// The documented exception to "reuse equals recomputation": a prefix with two stable
    /// states. After O-X fails, routers that keep their state stay where they were (Y via X, X
    /// now direct through M), as re-propagation from the baseline does; a propagation from
    /// scratch hears from Y first and lands in the other state (Y direct, X via Y).
    @Test func twoStableStatesKeepTheStateRoutersWereIn() throws {
        let network = try #require(TopologyLoader.load(path: Self.twoStableStates).network)
        let baseline = Self.recordedBaseline(network)
        let x = try #require(network.routerIndex["X"]), y = try #require(network.routerIndex["Y"])
        let m = try #require(network.routerIndex["M"]), o = try #require(network.routerIndex["O"])
        let prefix = try #require(Prefix("100.64.0.0/24"))
        func peer(_ plane: DataPlane, _ router: Int) -> Int? {
            guard case .learned(_, let peer, _, _)? = plane.bgpTables[router][prefix]?.source else { return nil }
            return peer
        }
        #expect(peer(baseline.plane, y) == x && peer(baseline.plane, x) == o)
        let (spec, unknown) = FailureSpec.resolve(links: ["O-X"], routers: [], in: network)
        #expect(unknown.isEmpty)
        let kept = Engine.run(network, failures: spec, baseline: baseline)
        #expect(kept.statistics.bgpRepropagatedPrefixes >= 1)
        #expect(peer(kept, y) == x && peer(kept, x) == m)
        let scratch = Engine.run(network, failures: spec)
        #expect(peer(scratch, y) == o && peer(scratch, x) == y)
    }

    static var trackRedistributed: String {
        root.appendingPathComponent("Tests/SimulationTests/Fixtures/track-redistributed.yml").path
    }

    /// A failure that changes no router's shortest paths can still change what the IGP carries:
    /// here B-X is an eBGP link (outside every SPF), its failure takes B's probe down, and B stops
    /// redistributing its tracked static. C's route must move from B to D with reuse too.
    @Test func reuseRecomputesPrefixesWhoseAdvertisersChanged() throws {
        let network = try #require(TopologyLoader.load(path: Self.trackRedistributed).network)
        let baseline = Self.recordedBaseline(network)
        let c = try #require(network.routers.firstIndex { $0.name == "C" })
        let prefix = try #require(Prefix("10.99.0.0/24"))
        #expect(baseline.plane.nonBGPRoutes[c][prefix]?.origin == "ospf external type 2, advertised by B")
        let (failed, unknown) = FailureSpec.resolve(links: ["B-X"], routers: [], in: network)
        #expect(unknown.isEmpty)
        let reused = Engine.run(network, failures: failed, baseline: baseline)
        #expect(reused.nonBGPRoutes[c][prefix]?.origin == "ospf external type 2, advertised by D")
        #expect(reused.trackStates[network.routers.firstIndex { $0.name == "B" } ?? 0][1] == false)
    }
}
