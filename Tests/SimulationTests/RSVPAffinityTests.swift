import Foundation
import Pipeline
import Testing

/// RSVP-TE affinities (RFC 3209 section 4.7.4: include-any, exclude-any over a link's
/// administrative groups). Two paths from A to D: via B (cost 10, red) and via C (cost 20, blue).
/// Expected before running: with no affinity CSPF takes B; excluding red, or including only
/// blue, takes C; including only green finds no path and says why.
struct RSVPAffinityTests {
    static func lsp(_ affinity: String) throws -> LSPState {
        let yaml = """
        name: affinity
        ases: { 65000: { igp: ospf } }
        routers:
          A: { asn: 65000, lsps: { t: { to: D\(affinity) } } }
          B: { asn: 65000 }
          C: { asn: 65000 }
          D: { asn: 65000 }
        links:
          - { endpoints: [A, B], rsvp-bandwidth: 1G, admin-groups: [red] }
          - { endpoints: [B, D], rsvp-bandwidth: 1G, admin-groups: [red] }
          - { endpoints: [A, C], rsvp-bandwidth: 1G, cost: 20, admin-groups: [blue] }
          - { endpoints: [C, D], rsvp-bandwidth: 1G, cost: 20, admin-groups: [blue] }
        """
        let load = TopologyLoader.load(yaml: yaml, file: "affinity.yml")
        let network = try #require(load.network, "\(load.diagnostics.map(\.description))")
        return try #require(Engine.run(network).lspStates().first)
    }

    @Test func affinitiesSteerCSPF() throws {
        #expect(try Self.lsp("").routers == ["A", "B", "D"])
        #expect(try Self.lsp(", exclude: [red]").routers == ["A", "C", "D"])
        #expect(try Self.lsp(", include-any: [blue]").routers == ["A", "C", "D"])
        let none = try Self.lsp(", include-any: [green]")
        #expect(!none.up && none.reason?.contains("including any of green") == true)
    }
}
