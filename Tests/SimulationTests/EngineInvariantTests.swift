import Foundation
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
