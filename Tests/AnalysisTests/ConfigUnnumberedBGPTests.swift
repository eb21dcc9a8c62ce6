import Foundation
import Pipeline
import TestSupport
import Testing

/// FRR BGP unnumbered (`neighbor IF interface ...`; docs/ipv6.md): the neighbor is the router at
/// the other end of IF's link, which routesim finds by the subnet the two interfaces share
/// (FRR itself peers over IPv6 link-local addresses and sends IPv4 routes with IPv6 next hops,
/// RFC 8950; forwarding is the same: out IF to that router).
@Suite struct ConfigUnnumberedBGPTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/corpus").standardized

    /// An FRR topotest's configs from the corpus, built; nil (said) without ../shared.
    static func topotest(_ name: String, test: String) throws -> (Network, [Diagnostic])? {
        let folder = corpus.appendingPathComponent("frr/frr-topotests/\(name)")
        guard FileManager.default.fileExists(atPath: folder.path) else {
            print("SKIPPED \(test): ../shared/corpus is not beside this checkout (it is in CI)")
            return nil
        }
        return try RouteSim.loadConfigs([folder.path]).get()
    }

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

    /// The peer is the router at the other end of the interface's *link*, as the links are
    /// inferred: two interfaces of one router on one subnet (a copy-paste slip, refused as an
    /// overlap) are no link, so the neighbor has no peer and says so (before, it took the
    /// router's own other interface as its peer, silently).
    @Test func twoInterfacesOfOneRouterAreNoPeers() throws {
        let r1 = Self.router("r1", link: "eth0", neighbor: "neighbor eth0 interface remote-as external")
            .replacingOccurrences(of: "interface eth0\n ip address 192.168.0.1/24", with: "interface eth0\n ip address 192.168.0.1/24\ninterface eth1\n ip address 192.168.0.9/24")
        #expect(r1.contains("interface eth1"))
        let (network, diagnostics) = ConfigNetworkBuilder.build([Linter.parse(text: r1, file: "r1.conf", dialect: .frr)], name: "unnumbered")
        #expect(network == nil && diagnostics.contains { $0.severity == .error && $0.message.contains("overlaps") })
        let said = diagnostics.filter { $0.message.contains("BGP unnumbered") && $0.message.contains("its peer is unknown") }
        #expect(said.map { $0.location?.line } == [13], "\(diagnostics.map(\.message))")
    }

    /// netlab's frr-l3vpn fixture (NetlabL3VPNTests) copied to a scratch folder, each config
    /// through `edit(name, text)`.
    static func frrL3VPN(_ purpose: String, edit: (String, String) -> String) throws -> URL {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/netlab/frr-l3vpn")
        let folder = try makeScratchFolder(purpose)
        for name in ["ce1", "ce2", "p", "pe1", "pe2"] {
            let text = try String(contentsOf: fixture.appendingPathComponent("\(name).cfg"), encoding: .utf8)
            try edit(name, text).write(to: folder.appendingPathComponent("\(name).cfg"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// Unnumbered eBGP between a CE and its PE's VRF (netlab's frr-l3vpn with both ends of
    /// ce1-pe1 written as `neighbor IF interface`). FRR's docs allow `neighbor IF interface` in a
    /// VRF's `router bgp ASN vrf NAME`; expected as for the numbered fixture
    /// (NetlabL3VPNTests): every session up, ce1 reaches ce2's loopback through both VRFs.
    @Test func unnumberedSessionsInAVRF() throws {
        let folder = try Self.frrL3VPN("unnumbered-vrf") { name, text in
            guard name == "pe1" || name == "ce1" else { return text }
            let (address, interface, remote) = name == "pe1" ? ("10.1.0.9", "eth2", "65101") : ("10.1.0.10", "eth1", "65000")
            let edited = text.replacingOccurrences(of: "neighbor \(address) remote-as \(remote)", with: "neighbor \(interface) interface remote-as \(remote)")
                .replacingOccurrences(of: "neighbor \(address) ", with: "neighbor \(interface) ")
            #expect(!edited.contains("neighbor \(address)") && edited.contains("neighbor \(interface) interface remote-as"), "\(name)")
            return edited
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let (network, diagnostics) = try RouteSim.loadConfigs([folder.path]).get()
        #expect(!diagnostics.contains { $0.message.contains("BGP unnumbered") }, "\(diagnostics.map(\.message))")
        let plane = Engine.run(network)
        let pe1red = try #require(network.routerIndex["pe1/red"])
        let ce1 = try #require(network.routerIndex["ce1"])
        // One session end each way between ce1 and pe1/red.
        let ceSessions = plane.sessions.filter { !$0.isVPNAdjacency && [$0.router, $0.peerRouter].contains(pe1red) && [$0.router, $0.peerRouter].contains(ce1) }
        #expect(ceSessions.count == 2 && plane.sessions.allSatisfy(\.established), "\(plane.sessions.map { $0.reason ?? "up" })")
        let ce2 = try #require(IPAddress("10.0.0.5"))
        let trace = Tracer(plane: plane).trace(from: "ce1", to: ce2)
        #expect(trace.uniformDisposition == .delivered(node: "ce2"))
        #expect(trace.paths.first?.nodes == ["ce1", "pe1/red", "pe1", "p", "pe2", "pe2/red", "ce2"])
    }

    /// FRR's `bgp ebgp-requires-policy` belongs to each `router bgp` instance: a VRF's starts
    /// from the default (on since 7.4) whatever the router's own instance says (bgpd:
    /// `bgp_create` sets it, the command sets the instance in context, bgp_route.c reads
    /// `peer->bgp->ebgp_requires_policy`). netlab writes `no bgp ebgp-requires-policy` in both
    /// of pe1's instances, under `frr defaults datacenter` (which turns the default off). With
    /// the traditional profile and without the VRF's line, pe1/red takes no route from ce1 and
    /// sends none to it (said at the neighbor), so ce1 has no route to ce2. Before, routesim
    /// read the router's instance for its VRFs too and delivered.
    @Test func frrVRFInstancesHaveTheirOwnEBGPPolicyRule() throws {
        let folder = try Self.frrL3VPN("vrf-ebgp-policy") { name, text in
            guard name == "pe1" else { return text }
            let edited = text.replacingOccurrences(of: "router bgp 65000 vrf red\n no bgp ebgp-requires-policy\n", with: "router bgp 65000 vrf red\n")
                .replacingOccurrences(of: "frr defaults datacenter", with: "frr defaults traditional")
            #expect(edited.components(separatedBy: "no bgp ebgp-requires-policy").count == 2 && edited.contains("traditional"))
            return edited
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let (network, diagnostics) = try RouteSim.loadConfigs([folder.path]).get()
        let said = diagnostics.filter { $0.code == "CFG002" }
        #expect(said.count == 2 && said.allSatisfy { $0.message.contains("neighbor 10.1.0.9") && $0.location?.file.hasSuffix("pe1.cfg") == true },
                "\(diagnostics.map(\.message))")
        let ce2 = try #require(IPAddress("10.0.0.5"))
        #expect(Tracer(plane: Engine.run(network)).trace(from: "ce1", to: ce2).uniformDisposition == .noRoute(router: "ce1"))
    }

    /// FRR's `bgp_vrf_lite_ipv6_rtadv` topotest (corpus): r1 and r2 peer unnumbered inside
    /// their VRFs (`router bgp 101 vrf r1-cust1`, `neighbor r1-eth0 interface peer-group r2g`,
    /// `remote-as external`) over an IPv6-only link, and each VRF learns the other's loopback
    /// (IPv4 over an IPv6 next hop, RFC 8950: what the topotest checks). Before, VRF neighbors
    /// on interfaces were not modelled.
    @Test func frrTopotestUnnumberedInVRFs() throws {
        guard let (network, diagnostics) = try Self.topotest("bgp_vrf_lite_ipv6_rtadv", test: "frrTopotestUnnumberedInVRFs") else { return }
        #expect(!diagnostics.contains { $0.severity != .note }, "\(diagnostics.map(\.message))")
        let plane = Engine.run(network)
        #expect(plane.sessions.count == 2 && plane.sessions.allSatisfy(\.established))
        for (router, loopback, path) in [("r1/r1-cust1", "10.254.254.2/32", "102"), ("r2/r2-cust1", "10.254.254.1/32", "101")] {
            let index = try #require(network.routerIndex[router])
            let prefix = try #require(Prefix(loopback))
            let route = try #require(plane.bgpTables[index][prefix], "\(router)")
            #expect(route.attributes.asPath.description == path && route.isEBGP && !route.attributes.nextHop.isIPv4, "\(router)")
        }
    }

    /// FRR's `bgp_unnumbered` topotest (corpus): r2 announces 172.16.255.254/32 with `no bgp
    /// network import-check` over `neighbor r2-eth0 interface remote-as external`; the
    /// topotest expects r1 to hold it from r2 (test_bgp_unnumbered.py).
    @Test func frrTopotestBGPUnnumbered() throws {
        guard let (network, _) = try Self.topotest("bgp_unnumbered", test: "frrTopotestBGPUnnumbered") else { return }
        let plane = Engine.run(network)
        let r1 = try #require(network.routerIndex["r1"])
        let prefix = try #require(Prefix("172.16.255.254/32"))
        let route = try #require(plane.bgpTables[r1][prefix])
        #expect(route.attributes.asPath.description == "65002" && route.isEBGP)
    }
}
