import Foundation
import Pipeline
import Testing

/// Where a VPN flow ends when something is missing (docs/vrf.md). Expected before running:
/// - no LDP in the core: PE1 sends the packet with the VPN label alone; P1 has no binding for
///   that label and discards it (RFC 3031 section 3.18): off-label-path at P1, naming PE2;
/// - PE2's VRF imports a route target PE1's does not export (RFC 4364 section 4.3.4): PE2/red
///   has no route to site 1, so CE2 gets none: no-route at CE2, and the VPN adjacency withholds
///   with the reason;
/// - the PE-CE link at PE2 down: its session goes, PE1/red no longer learns site 2: no-route
///   at CE1.
struct VPNTraceTests {
    static func network(ldp: Bool = true, pe2Imports: String = "65000:1") throws -> Network {
        let text = """
        ases: { 65000: { igp: ospf } }
        routers:
          PE1:
            asn: 65000
            loopbacks: { lo0: 10.0.0.1/32 }
            mpls: { ldp: \(ldp) }
            bgp: { neighbors: [{ peer: PE2, vpnv4: true }] }
            vrfs: { red: { rd: "65000:1", route-targets: "65000:1", bgp: { neighbors: [CE1] } } }
          P1: { asn: 65000, loopbacks: { lo0: 10.0.0.11/32 }, mpls: { ldp: \(ldp) } }
          PE2:
            asn: 65000
            loopbacks: { lo0: 10.0.0.2/32 }
            mpls: { ldp: \(ldp) }
            bgp: { neighbors: [{ peer: PE1, vpnv4: true }] }
            vrfs: { red: { rd: "65000:2", route-targets: { import: ["\(pe2Imports)"], export: ["65000:1"] }, bgp: { neighbors: [CE2] } } }
          CE1: { asn: 65101, interfaces: { lan1: { address: 192.168.1.1/24 } }, bgp: { networks: [192.168.1.0/24], neighbors: [PE1/red] } }
          CE2:
            asn: 65102
            interfaces: { lan1: { address: 192.168.2.1/24 } }
            bgp: { networks: [192.168.2.0/24], neighbors: [PE2/red] }
        links: [PE1-P1, P1-PE2, CE1-PE1/red, CE2-PE2/red]
        hosts:
          site1: { router: CE1, address: 192.168.1.10/24 }
          site2: { router: CE2, address: 192.168.2.10/24 }
        """
        let loaded = TopologyLoader.load(yaml: text, file: "vpn.yml")
        return try #require(loaded.network, "\(loaded.diagnostics.map(\.description))")
    }

    static func trace(_ network: Network, from: String, to host: String) throws -> Trace {
        let plane = Engine.run(network)
        let address = try #require(network.hosts.first { $0.name == host }?.address)
        return Tracer(plane: plane).trace(from: from, to: address)
    }

    @Test func withLDPTheFlowIsDelivered() throws {
        let trace = try Self.trace(Self.network(), from: "site1", to: "site2")
        #expect(trace.uniformDisposition == .delivered(node: "site2"))
    }

    @Test func withoutATransportLabelTheVPNLabelDiesAtTheNextRouter() throws {
        let trace = try Self.trace(Self.network(ldp: false), from: "site1", to: "site2")
        let path = try #require(trace.paths.first)
        #expect(path.disposition.kind == "off-label-path" && path.disposition.node == "P1", "\(path.disposition.summary)")
        #expect(path.nodes == ["site1", "CE1", "PE1/red", "PE1", "P1"])
        #expect(path.disposition.summary.contains("PE2"), "\(path.disposition.summary)")
    }

    @Test func aRouteTargetNotImportedLeavesTheVRFWithoutTheRoute() throws {
        let network = try Self.network(pe2Imports: "65000:99")
        let trace = try Self.trace(network, from: "site2", to: "site1")
        #expect(trace.uniformDisposition == .noRoute(router: "CE2"))
        // PE1/red still learns site 2: its import target matches PE2/red's export.
        let back = try Self.trace(network, from: "site1", to: "site2")
        #expect(back.uniformDisposition == .delivered(node: "site2"))
    }

    @Test func aPECELinkDownTakesTheRouteAway() throws {
        let network = try Self.network()
        let link = try #require(network.linkIndex(named: "CE2-PE2/red"))
        let plane = Engine.runAfterFailure(network, failures: FailureSpec(links: [link])).plane
        let down = plane.sessions.filter { !$0.established }.map { network.routers[$0.router].name }
        #expect(Set(down) == ["CE2", "PE2/red"], "\(down)")
        let address = try #require(network.hosts.first { $0.name == "site2" }?.address)
        #expect(Tracer(plane: plane).trace(from: "site1", to: address).uniformDisposition == .noRoute(router: "CE1"))
    }
}
