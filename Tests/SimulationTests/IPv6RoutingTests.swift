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
