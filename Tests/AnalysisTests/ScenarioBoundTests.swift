import Foundation
import Pipeline
import Testing

/// Issue 12 #9: the scenario count a sweep states (and bounds with --max-scenarios) before it
/// enumerates anything is never below what the enumeration then produces.
@Suite struct ScenarioBoundTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func upperBoundCoversTheEnumeration() throws {
        let folder = Self.root.appendingPathComponent("topologies")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var checked = 0
        for name in names {
            let path = folder.appendingPathComponent(name).appendingPathComponent("topology.yml").path
            guard let network = TopologyLoader.load(path: path).network else { continue }
            for k in 1...3 {
                for routers in [true, false] {
                    let enumeration = ScenarioEnumeration(maximumFailures: k, includeRouters: routers)
                    let result = enumeration.scenarios(for: network)
                    let bound = enumeration.upperBound(for: network)
                    #expect(result.scenarios.count + result.pruned <= bound, "\(name) k=\(k)")
                    // Nothing is pruned or merged without routers and sets, so the bound is exact.
                    if !routers && network.failureSets.isEmpty {
                        #expect(result.scenarios.count == bound, "\(name) k=\(k), links only")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked >= 60)
    }

    @Test func emptyNetworkHasNoScenarios() {
        #expect(ScenarioEnumeration(maximumFailures: 3).upperBound(for: Network(name: "n", sourceFile: "n.yml")) == 0)
    }
}
