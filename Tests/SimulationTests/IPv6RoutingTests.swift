import Foundation
import Testing
@testable import Pipeline
import NetPrimitives

/// MP-BGP and dual-stack rules, expected values written from the RFCs before running:
/// RFC 4760 (a family is exchanged only when both ends negotiate it; the next hop of a family's
/// routes is an address of that family), RFC 4271 9.1.2 (a route whose next hop does not
/// resolve is not used), RFC 6164 (/127 links).
struct IPv6RoutingTests {
    func load(_ yaml: String, warnings: [String] = []) throws -> Network {
        let load = TopologyLoader.load(yaml: yaml, file: "ipv6.yml")
        #expect(load.diagnostics.map(\.code) == warnings, "\(load.diagnostics.map(\.description))")
        return try #require(load.network, "\(load.diagnostics.map(\.description))")
    }

    static let twoRouters = """
        addressing: { p2p-ipv6: 2001:db8:ffff::/64 }
        routers:
          R1:
            asn: 65001
            loopbacks: { lo0: [10.0.0.1/32, 2001:db8:1::1/128] }
            static-routes: [{ prefix: 2001:db8:a::/48, discard: true }, { prefix: 198.51.100.0/24, discard: true }]
            bgp:
              networks: [2001:db8:a::/48, 198.51.100.0/24]
              neighbors: [{ peer: R2, families: FAMILIES1 }]
          R2:
            asn: 65002
            loopbacks: { lo0: [10.0.0.2/32, 2001:db8:2::1/128] }
            bgp:
              neighbors: [{ peer: R1, families: FAMILIES2 }]
        links: [R1-R2]
        """

    func twoRouters(_ one: String, _ two: String) throws -> (Network, DataPlane) {
        let network = try load(Self.twoRouters.replacingOccurrences(of: "FAMILIES1", with: one).replacingOccurrences(of: "FAMILIES2", with: two))
        return (network, Engine.run(network))
    }

    @Test func aFamilyIsExchangedOnlyWhenBothEndsCarryIt() throws {
        let v6 = try #require(Prefix("2001:db8:a::/48")), v4 = try #require(Prefix("198.51.100.0/24"))
        let (network, both) = try twoRouters("[ipv4, ipv6]", "[ipv4, ipv6]")
        let r2 = try #require(network.routerIndex["R2"])
        let route = try #require(both.bgpTables[r2][v6])
        // Over the IPv4 session, the IPv6 next hop is R1's IPv6 address on the link (RFC 4760 3).
        #expect(route.attributes.nextHop.description == "2001:db8:ffff::" && both.bgpTables[r2][v4] != nil)
        let (_, oneSided) = try twoRouters("[ipv4, ipv6]", "[ipv4]")
        #expect(oneSided.bgpTables[r2][v6] == nil && oneSided.bgpTables[r2][v4] != nil)
        let (_, v6Only) = try twoRouters("[ipv6]", "[ipv6]")
        #expect(v6Only.bgpTables[r2][v6] != nil && v6Only.bgpTables[r2][v4] == nil)
        // The default: a session carries its own address's family only.
        let defaults = Engine.run(try load(Self.twoRouters.replacingOccurrences(of: ", families: FAMILIES1", with: "")
            .replacingOccurrences(of: ", families: FAMILIES2", with: "")))
        #expect(defaults.bgpTables[r2][v6] == nil && defaults.bgpTables[r2][v4] != nil)
    }

    /// No IPv6 address on the session's interface: the next hop is IPv4-compatible
    /// (`::10.254.0.0`), which resolves nowhere (IOS sends IPv4-mapped next hops that need a
    /// route-map); the path is received and invalid, and IPv6 traffic has no route.
    @Test func anIPv6RouteWithoutAnIPv6NextHopIsNotUsed() throws {
        let yaml = Self.twoRouters.replacingOccurrences(of: "addressing: { p2p-ipv6: 2001:db8:ffff::/64 }\n", with: "")
            .replacingOccurrences(of: "FAMILIES1", with: "[ipv4, ipv6]").replacingOccurrences(of: "FAMILIES2", with: "[ipv4, ipv6]")
        let network = try load(yaml)
        let plane = Engine.run(network)
        let r2 = try #require(network.routerIndex["R2"])
        let aggregate = try #require(Prefix("2001:db8:a::/48"))
        #expect(plane.bgpTables[r2][aggregate] == nil)
        let inside = try #require(IPAddress("2001:db8:a::1"))
        let trace = Tracer(plane: plane).trace(from: "R2", to: inside)
        #expect(trace.paths.map(\.disposition.kind) == ["no-route"])
    }

    /// One SPF serves both families: a path over a link without IPv6 loses its IPv6 next hop,
    /// so IPv6 takes the other path (or has none) while IPv4 keeps the cheaper one.
    @Test func ipv6AvoidsALinkWithoutIPv6() throws {
        let network = try load("""
            ases: { 65001: { igp: ospf } }
            routers:
              A: { asn: 65001, loopbacks: { lo0: [10.0.0.1/32, 2001:db8::1/128] } }
              B: { asn: 65001, loopbacks: { lo0: [10.0.0.2/32, 2001:db8::2/128] } }
              C: { asn: 65001, loopbacks: { lo0: [10.0.0.3/32, 2001:db8::3/128] } }
            links:
              - { endpoints: [A, B], cost: 10 }
              - { endpoints: [A, C], cost: 10, ipv6-subnet: 2001:db8:f::/127 }
              - { endpoints: [C, B], cost: 10, ipv6-subnet: 2001:db8:f::2/127 }
            """, warnings: ["MODEL014"])
        let plane = Engine.run(network)
        let a = try #require(network.routerIndex["A"])
        let loopbackB = try #require(Prefix("10.0.0.2/32"))
        let v4 = try #require(plane.nonBGPRoutes[a][loopbackB])
        #expect(v4.forwarding.text(at: network.routers[a]).hasPrefix("via 10.254.0.1"))
        // The IGP's one shortest path to B is the IPv4-only link: IPv6 has no route to B's loopback
        // (documented: non-congruent topologies are not modelled; the loader warns, MODEL014).
        let v6B = try #require(Prefix("2001:db8::2/128")), v6C = try #require(Prefix("2001:db8::3/128"))
        #expect(plane.nonBGPRoutes[a][v6B] == nil)
        #expect(plane.nonBGPRoutes[a][v6C] != nil)
    }
}

/// 6VPE (RFC 4659): IPv6 VRF routes over an IPv4 MPLS core. Expected from RFC 4659 3.2.1 (the
/// next hop of a VPN-IPv6 route is the PE's IPv4 address in IPv4-mapped form, resolved over the
/// IPv4 LSPs), RFC 4364 (route targets keep customers apart), written before running.
struct SixVPETests {
    static let path = DocsTests.root.appendingPathComponent("Tests/SimulationTests/Fixtures/l3vpn-6vpe.yml").path

    @Test func ipv6CrossesTheIPv4CoreUnderTheVPNLabel() throws {
        let load = TopologyLoader.load(path: Self.path)
        let network = try #require(load.network, "\(load.diagnostics.map(\.description))")
        let plane = Engine.run(network)
        let a2 = try #require(IPAddress("2001:db8:a2::10"))
        let trace = Tracer(plane: plane).trace(from: "a1", to: a2)
        #expect(trace.uniformDisposition == .delivered(node: "a2"))
        #expect(trace.paths.first?.nodes == ["a1", "CE-A1", "PE1/red", "PE1", "P1", "PE2", "PE2/red", "CE-A2", "a2"])
        let lan = try #require(Prefix("2001:db8:a2::/64"))
        let red = try #require(network.routerIndex["PE1/red"]), blue = try #require(network.routerIndex["PE1/blue"])
        #expect(plane.bgpTables[red][lan]?.attributes.nextHop == IPAddress("10.0.0.2"), "the remote PE's IPv4 loopback")
        #expect(plane.bgpTables[blue][lan] == nil, "customer B imports no customer A route")
    }

    /// Without VPN-IPv6 on one PE's session, IPv6 VRF routes are not exchanged; IPv4 still is.
    @Test func withoutVPNv6OnOnePEOnlyIPv4Crosses() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "    loopbacks: { lo0: 10.0.0.2/32 }\n    mpls: { ldp: true }\n    bgp:\n      neighbors:\n        - { peer: RR, vpnv4: true, vpnv6: true }",
                                               with: "    loopbacks: { lo0: 10.0.0.2/32 }\n    mpls: { ldp: true }\n    bgp:\n      neighbors:\n        - { peer: RR, vpnv4: true }")
        #expect(edited != text)
        let network = try #require(TopologyLoader.load(yaml: edited, file: "6vpe.yml").network)
        let plane = Engine.run(network)
        let red = try #require(network.routerIndex["PE1/red"])
        #expect(plane.bgpTables[red][try #require(Prefix("2001:db8:a2::/64"))] == nil)
        #expect(plane.bgpTables[red][try #require(Prefix("10.1.2.0/24"))] != nil)
    }
}
