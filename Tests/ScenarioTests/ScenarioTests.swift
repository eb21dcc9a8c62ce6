import Foundation
import Pipeline
import Testing
import Yams

/// Runs every `topologies/*/expected.yml` against its topology: flows, best paths, sessions.
@Suite struct ScenarioTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var examples: [String] {
        let directory = root.appendingPathComponent("topologies")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: directory.appendingPathComponent("\($0)/expected.yml").path) }.sorted()
    }

    @Test func examplesExist() {
        #expect(Self.examples.contains("null0-peering"))
        #expect(Self.examples.count >= 6)
    }

    @Test(arguments: examples) func example(_ name: String) throws {
        let folder = Self.root.appendingPathComponent("topologies/\(name)")
        let load = TopologyLoader.load(path: folder.appendingPathComponent("topology.yml").path)
        let network = try #require(load.network, "\(load.diagnostics.map(\.description))")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path), "README.md missing")
        let text = try String(contentsOf: folder.appendingPathComponent("expected.yml"), encoding: .utf8)
        let expected = try #require(try Yams.load(yaml: text) as? [String: Any])
        // Loading is clean, unless the example is about what a warning says (`warnings: [CODE, ...]`).
        #expect(load.diagnostics.map(\.code).sorted() == (expected["warnings"] as? [String] ?? []).sorted(), "\(load.diagnostics.map(\.description))")
        let scenarios = try #require(expected["scenarios"] as? [[String: Any]])
        #expect(!scenarios.isEmpty)
        for scenario in scenarios {
            let label = scenario["name"] as? String ?? "?"
            let spec = FailureSpec.resolve(links: scenario["fail"] as? [String] ?? [], routers: scenario["fail-routers"] as? [String] ?? [], in: network)
            #expect(spec.1.isEmpty, "\(label): \(spec.1)")
            // As the CLI and the sweep: the state reached from the steady state after the failure;
            // `instant: fast-reroute`: the instant after it (the steady state's forwarding, with
            // only the points of local repair reacting), as `trace --fast-reroute`.
            let fastReroute = scenario["instant"] as? String == "fast-reroute"
            let plane = fastReroute ? Engine.run(network) : Engine.runAfterFailure(network, failures: spec.0).plane
            #expect(plane.statistics.converged, "\(label): did not converge")
            let tracer = Tracer(plane: plane, fastRerouteAfter: fastReroute ? spec.0 : nil)
            for flow in scenario["flows"] as? [[String: Any]] ?? [] {
                let from = try #require(flow["from"] as? String)
                let toText = try #require(flow["to"] as? String)
                let family = (flow["family"] as? String).flatMap(AddressFamily.init(rawValue:))
                let (address, _) = try RouteSim.destination(toText, in: network, family: family).get()
                let trace = tracer.trace(from: from, to: address)
                let what = "\(label): \(from) -> \(toText)\(family.map { " (\($0.rawValue))" } ?? "")"
                #expect(!trace.paths.isEmpty, "\(what): no path")
                if let branches = flow["branches"] as? Int { #expect(trace.paths.count == branches, "\(what): \(trace.paths.count) branches") }
                for path in trace.paths {
                    if let disposition = flow["disposition"] as? String {
                        #expect(path.disposition.kind == disposition, "\(what): \(path.disposition.summary) via \(path.nodes)")
                    }
                    if let at = flow["at"] as? String { #expect(path.disposition.node == at, "\(what): ended at \(path.disposition.node)") }
                    if let nodes = flow["path"] as? [String] { #expect(path.nodes == nodes, "\(what): path \(path.nodes)") }
                    if let labels = flow["labels"] as? [String] {
                        // "push PE1": what each router did to the label stack, in path order.
                        let done = path.hops.compactMap { hop in hop.labelOperation.map { "\($0.name) \(hop.node)" } }
                        #expect(done == labels, "\(what): label operations \(done)")
                    }
                }
            }
            for best in scenario["best"] as? [[String: Any]] ?? [] {
                let routerName = try #require(best["router"] as? String)
                let router = try #require(network.routerIndex[routerName])
                let prefixText = try #require(best["prefix"] as? String)
                let prefix = try #require(Prefix(prefixText))
                let what = "\(label): best path of \(routerName) for \(prefix)"
                if best["absent"] as? Bool == true {
                    #expect(plane.bgpTables[router][prefix] == nil, "\(what) should be absent")
                    continue
                }
                let route = try #require(plane.bgpTables[router][prefix], "\(what) missing")
                if let from = best["from"] as? String {
                    if case .learned(_, let peer, _, _) = route.source { #expect(network.routers[peer].name == from, "\(what): from \(network.routers[peer].name)") } else { Issue.record("\(what): local, expected from \(from)") }
                }
                if best["local"] as? Bool == true { #expect(route.isLocal, "\(what) should be local") }
                if let step = best["decided-by"] as? String { #expect(route.decidedBy.rawValue == step, "\(what): decided by \(route.decidedBy.rawValue)") }
                if let path = best["as-path"] as? String { #expect(route.attributes.asPath.description == path, "\(what): path \(route.attributes.asPath)") }
                if let hop = best["next-hop"] as? String { #expect(route.attributes.nextHop.description == hop, "\(what): next hop \(route.attributes.nextHop)") }
                if let originator = best["originator"] as? String {
                    let name = route.originatorID.flatMap { id in network.routers.first { $0.routerID == id }?.name }
                    #expect(name == originator, "\(what): originator \(name ?? "none")")
                }
                if let length = best["cluster-list-length"] as? Int { #expect(route.clusterList.count == length, "\(what): cluster list \(route.clusterList)") }
                if let pref = best["local-preference"] as? Int { #expect(Int(route.attributes.localPreference) == pref, "\(what): local-pref \(route.attributes.localPreference)") }
            }
            let down = Set(plane.sessions.filter { !$0.established }.map { "\(network.routers[$0.router].name)->\($0.peerRouter.map { network.routers[$0].name } ?? $0.peerAddress.description)" })
            if let expectedLSPs = scenario["lsps"] as? [String: Any] {
                // "HEAD/NAME": "down", or the path it takes as router names.
                let states = Dictionary(uniqueKeysWithValues: plane.lspStates().map { ("\($0.head)/\($0.name)", $0) })
                for (key, want) in expectedLSPs {
                    let state = try #require(states[key], "\(label): no LSP \(key)")
                    if let text = want as? String, text == "down" { #expect(!state.up, "\(label): \(key) is up on \(state.routers)") }
                    if let path = want as? [String] { #expect(state.up && state.routers == path, "\(label): \(key) \(state.up ? "on \(state.routers)" : "down: \(state.reason ?? "")")") }
                }
            }
            if let expectedDown = scenario["ldp-down"] as? [String] {
                let ldpDown = plane.ldpSessions().filter { !$0.up }.map(\.link)
                #expect(Set(ldpDown) == Set(expectedDown), "\(label): LDP sessions down \(ldpDown.sorted())")
            }
            if let expectedDown = scenario["sessions-down"] as? [String] {
                #expect(down == Set(expectedDown), "\(label): sessions down \(down.sorted())")
            }
        }
    }
}
