import Foundation
import Pipeline
import Testing

/// Standby secondaries and SRLG diversity. A to D three ways: via B (cost 10 a link), via C
/// (20), via E (30); B-D and C-D run in one duct (failure set `duct`). LSP t (400M) has a strict
/// primary via B and a loose secondary. Expected before running, from Juniper's "Configuring Hot Standby of Secondary
/// Paths" (secondary paths are set up only when needed unless `standby` keeps one signalled)
/// and RFC 3209 (a signalled path reserves its bandwidth; the shared-explicit style lets two
/// paths of one LSP share the reservation on common links): a standby secondary is signalled
/// next to the primary and holds bandwidth on the links the primary does not cross; without
/// diversity CSPF gives it the primary's own path (nothing asks it to avoid it); srlg-diverse
/// avoids the primary's links and the links sharing a failure set with them, so via E. When
/// B-D fails, the srlg-diverse secondary is that same path via E (it survived), where a plain
/// secondary is re-computed via C, in the duct.
struct RSVPStandbyTests {
    static func states(secondary: String, bulk: String = "", failing links: [String] = []) throws -> [String: LSPState] {
        let yaml = """
        name: standby
        ases: { 65000: { igp: ospf } }
        routers:
          A:
            asn: 65000
            lsps:
              t: { to: D, bandwidth: 400M, setup-priority: 3, hold-priority: 3, primary: { hops: [B, D], strict: true }, secondary: \(secondary) }
        \(bulk)
          B: { asn: 65000 }
          C: { asn: 65000 }
          D: { asn: 65000 }
          E: { asn: 65000 }
        links:
          - { endpoints: [A, B], rsvp-bandwidth: 1G }
          - { endpoints: [B, D], rsvp-bandwidth: 1G }
          - { endpoints: [A, C], rsvp-bandwidth: 1G, cost: 20 }
          - { endpoints: [C, D], rsvp-bandwidth: 1G, cost: 20 }
          - { endpoints: [A, E], rsvp-bandwidth: 1G, cost: 30 }
          - { endpoints: [E, D], rsvp-bandwidth: 1G, cost: 30 }
        failure-sets:
          duct: { links: [B-D, C-D] }
        """
        let load = TopologyLoader.load(yaml: yaml, file: "standby.yml")
        let network = try #require(load.network, "\(load.diagnostics.map(\.description))")
        let (spec, unknown) = FailureSpec.resolve(links: links, routers: [], in: network)
        #expect(unknown.isEmpty)
        let states = Engine.run(network, failures: spec).lspStates()
        return Dictionary(uniqueKeysWithValues: states.map { ($0.name, $0) })
    }

    @Test func standbyIsSignalledNextToThePrimaryAndDiversityMovesIt() throws {
        let plain = try #require(try Self.states(secondary: "{ standby: true }")["t"])
        #expect(plain.routers == ["A", "B", "D"] && plain.path == "primary")
        #expect(plain.standby?.up == true && plain.standby?.routers == ["A", "B", "D"] && plain.standby?.links == ["A-B", "B-D"])
        let diverse = try #require(try Self.states(secondary: "{ standby: true, srlg-diverse: true }")["t"])
        #expect(diverse.standby?.routers == ["A", "E", "D"])
        let none = try #require(try Self.states(secondary: "{ srlg-diverse: true }")["t"])
        #expect(none.standby == nil, "a secondary without standby is not signalled while the primary is up")
    }

    @Test func afterThePrimaryFailsTheDiverseSecondaryIsTheOneSignalledBefore() throws {
        let diverse = try #require(try Self.states(secondary: "{ standby: true, srlg-diverse: true }", failing: ["B-D"])["t"])
        #expect(diverse.up && diverse.path == "secondary" && diverse.routers == ["A", "E", "D"])
        let plain = try #require(try Self.states(secondary: "{ standby: true }", failing: ["B-D"])["t"])
        #expect(plain.up && plain.path == "secondary" && plain.routers == ["A", "C", "D"])
        let duct = try #require(try Self.states(secondary: "{ standby: true }", failing: ["duct"])["t"])
        #expect(duct.routers == ["A", "E", "D"])
    }

    @Test func aStandbyHoldsBandwidthALaterLSPNeeds() throws {
        // bulk (700M, placed after t: worse setup priority) must cross E.
        let bulk = "      bulk: { to: D, bandwidth: 700M, primary: { hops: [E, D], strict: true } }"
        let starved = try Self.states(secondary: "{ standby: true, srlg-diverse: true }", bulk: bulk)
        #expect(starved["t"]?.standby?.routers == ["A", "E", "D"])
        #expect(starved["bulk"]?.up == false && starved["bulk"]?.reason?.contains("700M free") == true, "\(String(describing: starved["bulk"]))")
        let free = try Self.states(secondary: "{ srlg-diverse: true }", bulk: bulk)
        #expect(free["bulk"]?.up == true && free["bulk"]?.routers == ["A", "E", "D"])
        // Where the standby shares the primary's links it takes nothing more (shared explicit).
        let shared = try Self.states(secondary: "{ standby: true }", bulk: bulk)
        #expect(shared["bulk"]?.up == true)
    }

    @Test func noDiversePathLeavesTheStandbyDownWithItsReason() throws {
        let yaml = try Self.states(secondary: "{ standby: true, srlg-diverse: true }", failing: ["A-E"])
        let t = try #require(yaml["t"])
        #expect(t.up && t.path == "primary")
        #expect(t.standby?.up == false && t.standby?.reason?.contains("avoiding the primary's links and shared-risk groups") == true, "\(String(describing: t.standby))")
    }
}
