import Foundation
import Pipeline
import Testing

/// Issue 13 #3: IGP domains are what the configuration connects, not the BGP AS. A BGP-free
/// core router (P) runs only OSPF between two PEs that peer over iBGP between loopbacks.
/// Expected from how the routers behave (OSPF forms adjacencies on the shared subnets whatever
/// BGP does): P carries the PEs' loopbacks, the iBGP session comes up, and PE1 reaches PE2's
/// loopback through P. Before, P formed an AS 0 of its own and split the IGP: the session was
/// down for lack of a route.
@Suite struct ConfigIGPDomainTests {
    static func pe(_ n: Int, link: String, peer: String) -> String {
        """
        hostname pe\(n)
        interface Loopback0
         ip address 10.0.0.\(n) 255.255.255.255
        interface Gi1
         ip address \(link) 255.255.255.252
        router ospf 1
         network 10.0.0.0 0.255.255.255 area 0
        router bgp 65001
         neighbor \(peer) remote-as 65001
         neighbor \(peer) update-source Loopback0
        """
    }
    static let p = """
    hostname p
    interface Loopback0
     ip address 10.0.0.9 255.255.255.255
    interface Gi1
     ip address 10.1.0.2 255.255.255.252
    interface Gi2
     ip address 10.1.0.6 255.255.255.252
    router ospf 1
     network 10.0.0.0 0.255.255.255 area 0
    """

    @Test func aBGPFreeCoreRouterJoinsItsIGPDomain() throws {
        let devices = [Linter.parse(text: Self.pe(1, link: "10.1.0.1", peer: "10.0.0.2"), file: "pe1.cfg", dialect: .ios),
                       Linter.parse(text: Self.p, file: "p.cfg", dialect: .ios),
                       Linter.parse(text: Self.pe(2, link: "10.1.0.5", peer: "10.0.0.1"), file: "pe2.cfg", dialect: .ios)]
        let (network, diagnostics) = ConfigNetworkBuilder.build(devices, name: "core")
        let built = try #require(network, "\(diagnostics.map(\.message))")
        #expect(built.routers.map(\.asn) == [65001, 65001, 65001])
        let plane = Engine.run(built)
        #expect(plane.sessions.count == 2 && plane.sessions.allSatisfy(\.established), "\(plane.sessions.map { $0.reason ?? "" })")
        let loopback = try #require(IPAddress("10.0.0.2"))
        let trace = Tracer(plane: plane).trace(from: "pe1", to: loopback)
        #expect(trace.uniformDisposition == .delivered(node: "pe2"))
        #expect(trace.paths.first?.nodes == ["pe1", "p", "pe2"])
    }

    /// A router between two ASes' IGPs (or with no BGP router in reach) stays in AS 0.
    @Test func aRouterBetweenTwoDomainsIsNotGuessed() throws {
        let other = Self.pe(2, link: "10.1.0.5", peer: "10.0.0.1").replacingOccurrences(of: "router bgp 65001\n neighbor 10.0.0.1 remote-as 65001",
                                                                                       with: "router bgp 65002\n neighbor 10.0.0.1 remote-as 65001")
        let devices = [Linter.parse(text: Self.pe(1, link: "10.1.0.1", peer: "10.0.0.2"), file: "pe1.cfg", dialect: .ios),
                       Linter.parse(text: Self.p, file: "p.cfg", dialect: .ios),
                       Linter.parse(text: other, file: "pe2.cfg", dialect: .ios)]
        let (network, _) = ConfigNetworkBuilder.build(devices, name: "core")
        #expect(network?.routers.first { $0.name == "p" }?.asn == 0)
    }
}
