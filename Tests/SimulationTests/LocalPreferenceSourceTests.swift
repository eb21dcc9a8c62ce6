import Foundation
import Testing
@testable import Pipeline
import NetPrimitives

/// Where each best path's local preference was set (issue 11, item 10). Expected values from
/// RFC 4271 §5.1.5 (LOCAL_PREF travels to internal peers unchanged, is not sent to external
/// peers, so a receiving eBGP speaker starts from its default) and Cisco IOS's default of 100,
/// written before the run; the fixture's comment says which session sets what.
struct LocalPreferenceSourceTests {
    @Test func eachBestPathNamesWhereItsLocalPreferenceWasSet() throws {
        let path = DocsTests.root.appendingPathComponent("Tests/SimulationTests/Fixtures/bgp-local-preference-source.yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        let plane = Engine.run(network)
        var sources = try #require(plane.localPreferenceSources())
        func source(_ router: String, _ prefix: String) throws -> String? {
            sources.source(router: try #require(network.routerIndex[router]), prefix: try #require(Prefix(prefix)))
        }
        let tableOf = { (router: String, prefix: String) throws -> UInt32? in
            plane.bgpTables[try #require(network.routerIndex[router])][try #require(Prefix(prefix))]?.attributes.localPreference
        }
        #expect(try tableOf("R1", "100.64.0.0/24") == 300 && tableOf("R2", "100.64.0.0/24") == 300 && tableOf("R3", "100.64.0.0/24") == 50)
        #expect(try source("R1", "100.64.0.0/24") == "import policy SET300 at R1 from E")
        // Carried over iBGP unchanged: the source is still R1's import policy.
        #expect(try source("R2", "100.64.0.0/24") == "import policy SET300 at R1 from E")
        #expect(try source("R3", "100.64.0.0/24") == "export policy LOWER at R1 toward R3")
        #expect(try source("E", "100.64.0.0/24") == "default at its origin E")
        #expect(try source("R1", "100.65.0.0/24") == "default at its origin R3")
        #expect(try source("E", "100.65.0.0/24") == "eBGP default at E from R1")
        #expect(try source("R2", "100.65.0.0/24") == nil)
        // The reports carry it: JSON field and the text after the value.
        let report = ReportBuilder(plane: plane).simulation(includeRIB: false, includeBGP: true)
        let r3 = try #require(report.routers.first { $0.name == "R3" }?.bgp.first { $0.prefix == "100.64.0.0/24" })
        #expect(r3.localPreferenceSource == "export policy LOWER at R1 toward R3")
        #expect(TextReport.attributes(r3).hasPrefix("local-pref 50 (export policy LOWER at R1 toward R3), "))
    }
}
