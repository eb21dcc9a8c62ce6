import Foundation
import Pipeline
import Testing

/// FRR BGP unnumbered (`neighbor IF interface ...`; docs/ipv6.md): the neighbor is the router at
/// the other end of IF's link, which routesim finds by the subnet the two interfaces share
/// (FRR itself peers over IPv6 link-local addresses and sends IPv4 routes with IPv6 next hops,
/// RFC 8950; forwarding is the same: out IF to that router).
@Suite struct ConfigUnnumberedBGPTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/corpus").standardized

    static func router(_ name: String, link: String, neighbor: String, announces: String? = nil, address: Bool = true) -> String {
        """
        frr version 10.1
        hostname \(name)
        interface lo
         ip address 10.0.0.\(name.dropFirst())/32
        interface \(link)
        \(address ? " ip address 192.168.0.\(name.dropFirst())/24" : " description no address")
        router bgp 6500\(name.dropFirst())
         no bgp ebgp-requires-policy
         neighbor fabric peer-group
         neighbor fabric remote-as external
         \(neighbor)
         address-family ipv4 uni
          network 10.0.0.\(name.dropFirst())/32
         exit-address-family
        """
    }

    /// Expected from FRR's documentation of `neighbor PEER interface` (the session forms with
    /// the router on the link): r1 and r2 exchange their loopbacks; the remote-as may come from
    /// a peer group; `uni` abbreviates `unicast` as vtysh allows.
    @Test func interfaceNeighborsPeerWithTheRouterOnTheLink() throws {
        let devices = [Linter.parse(text: Self.router("r1", link: "eth0", neighbor: "neighbor eth0 interface remote-as external"), file: "r1.conf", dialect: .frr),
                       Linter.parse(text: Self.router("r2", link: "eth9", neighbor: "neighbor eth9 interface v6only peer-group fabric"), file: "r2.conf", dialect: .frr)]
        for device in devices {
            #expect(device.lines.unrecognized.isEmpty && device.lines.unsupported.isEmpty,
                    "\(device.lines.unrecognized) \(device.lines.unsupported.map(\.reason))")
        }
        let (network, diagnostics) = ConfigNetworkBuilder.build(devices, name: "unnumbered")
        let built = try #require(network, "\(diagnostics.map(\.message))")
        #expect(!diagnostics.contains { $0.message.contains("not modelled") }, "\(diagnostics.map(\.message))")
        let plane = Engine.run(built)
        #expect(plane.sessions.count == 2 && plane.sessions.allSatisfy(\.established), "\(plane.sessions.map { $0.reason ?? "up" })")
        let loopback = try #require(IPAddress("10.0.0.2"))
        let trace = Tracer(plane: plane).trace(from: "r1", to: loopback)
        #expect(trace.uniformDisposition == .delivered(node: "r2"))
    }

    /// An interface with no address of its own (a link-local-only link): no link can be inferred,
    /// so the neighbor is said at its line and left out.
    @Test func anInterfaceWithoutAnAddressIsSaid() throws {
        let devices = [Linter.parse(text: Self.router("r1", link: "eth0", neighbor: "neighbor eth0 interface remote-as external", address: false),
                                    file: "r1.conf", dialect: .frr),
                       Linter.parse(text: Self.router("r2", link: "eth9", neighbor: "neighbor eth9 interface remote-as external", address: false),
                                    file: "r2.conf", dialect: .frr)]
        let (network, diagnostics) = ConfigNetworkBuilder.build(devices, name: "unnumbered")
        #expect(network?.routers.allSatisfy { $0.bgp?.neighbors.isEmpty ?? true } == true)
        let said = diagnostics.filter { $0.message.contains("BGP unnumbered") && $0.message.contains("its peer is unknown") }
        #expect(said.map { $0.location?.line } == [11, 11], "\(diagnostics.map(\.message))")
    }

    /// FRR's `bgp_unnumbered` topotest (corpus): r2 announces 172.16.255.254/32 with `no bgp
    /// network import-check` over `neighbor r2-eth0 interface remote-as external`; the
    /// topotest expects r1 to hold it from r2 (test_bgp_unnumbered.py).
    @Test func frrTopotestBGPUnnumbered() throws {
        let folder = Self.corpus.appendingPathComponent("frr/frr-topotests/bgp_unnumbered")
        guard FileManager.default.fileExists(atPath: folder.path) else {
            print("SKIPPED frrTopotestBGPUnnumbered: ../shared/corpus is not beside this checkout (it is in CI)")
            return
        }
        let (network, _) = try RouteSim.loadConfigs([folder.path]).get()
        let plane = Engine.run(network)
        let r1 = try #require(network.routerIndex["r1"])
        let prefix = try #require(Prefix("172.16.255.254/32"))
        let route = try #require(plane.bgpTables[r1][prefix])
        #expect(route.attributes.asPath.description == "65002" && route.isEBGP)
    }
}
