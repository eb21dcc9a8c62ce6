import Foundation
import Pipeline
import Testing

/// RFC 1997 well-known communities, honoured when a session exports: NO_EXPORT and
/// NO_EXPORT_SUBCONFED are not sent over eBGP, NO_ADVERTISE to no peer. Checked on the path as
/// the router holds it, before its export policy (FRR bgpd/bgp_route.c subgroup_announce_check
/// calls bgp_community_filter on the stored attributes; the outbound route-map comes later), so
/// r1 setting it on the way out to r2 stops r2 from passing the route on. Expected outcomes
/// written from RFC 1997 §"Well-known Communities" before running routesim.
@Suite struct WellKnownCommunityTests {
    static func configs(_ community: String) -> [String] {
        [
            """
            hostname r1
            interface Loopback0
             ip address 192.0.2.1 255.255.255.255
            interface Gi1
             ip address 10.1.0.1 255.255.255.252
            router bgp 65001
             neighbor 10.1.0.2 remote-as 65002
             neighbor 10.1.0.2 route-map MARK out
             network 192.0.2.1 mask 255.255.255.255
            route-map MARK permit 10
             set community \(community)
            """,
            """
            hostname r2
            interface Gi1
             ip address 10.1.0.2 255.255.255.252
            interface Gi2
             ip address 10.2.0.1 255.255.255.252
            interface Gi3
             ip address 10.3.0.1 255.255.255.252
            router bgp 65002
             neighbor 10.1.0.1 remote-as 65001
             neighbor 10.2.0.2 remote-as 65003
             neighbor 10.3.0.2 remote-as 65002
             neighbor 10.3.0.2 next-hop-self
            """,
            """
            hostname r3
            interface Gi1
             ip address 10.2.0.2 255.255.255.252
            router bgp 65003
             neighbor 10.2.0.1 remote-as 65002
            """,
            """
            hostname r4
            interface Gi1
             ip address 10.3.0.2 255.255.255.252
            router bgp 65002
             neighbor 10.3.0.1 remote-as 65002
            """,
        ]
    }

    /// Which of r2 (eBGP from r1), r3 (eBGP from r2) and r4 (iBGP from r2) hold r1's loopback.
    func holders(_ community: String) throws -> [String] {
        let devices = Self.configs(community).enumerated().map { Linter.parse(text: $1, file: "r\($0 + 1).cfg", dialect: .ios) }
        let (network, diagnostics) = ConfigNetworkBuilder.build(devices, name: "communities")
        let plane = Engine.run(try #require(network, "\(diagnostics.map(\.message))"))
        let prefix = try #require(Prefix("192.0.2.1/32"))
        return ["r2", "r3", "r4"].filter { name in
            guard let r = plane.network.routerIndex[name] else { return false }
            return plane.bgpTables[r][prefix] != nil
        }
    }

    @Test func noExportStopsAtTheASBorder() throws {
        #expect(try holders("no-export") == ["r2", "r4"])
        #expect(try holders("no-export-subconfed") == ["r2", "r4"])
    }

    @Test func noAdvertiseGoesNoFurther() throws {
        #expect(try holders("no-advertise") == ["r2"])
    }

    @Test func otherCommunitiesPass() throws {
        #expect(try holders("65001:7") == ["r2", "r3", "r4"])
    }
}
