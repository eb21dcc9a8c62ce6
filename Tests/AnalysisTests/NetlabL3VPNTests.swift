import Foundation
import Pipeline
import Testing

/// MPLS L3VPN configs that netlab renders for each dialect (Fixtures/netlab/*-l3vpn: pe1-p-pe2
/// with OSPF and LDP, VRF red on both PEs with VPN-IPv4 iBGP between their loopbacks, one CE
/// per PE over eBGP in the VRF). Expected before running, from RFC 4364: each VRF imports the
/// other's routes by route target; pe1 pushes pe2/red's VPN label under the LDP label for
/// pe2's loopback, p pops the transport label (PHP, RFC 3032), pe2 pops the VPN label and
/// forwards in VRF red to ce2. With p down, the PEs' VPN-IPv4 session and every VPN route go:
/// ce1 has no route to ce2's loopback.
@Suite struct NetlabL3VPNTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/netlab")

    @Test(arguments: [("ios-l3vpn", ConfigDialect.ios), ("eos-l3vpn", .eos), ("frr-l3vpn", .frr), ("junos-l3vpn", .junos)])
    func theVPNCarriesTheCustomerAcrossTheCore(_ name: String, _ dialect: ConfigDialect) throws {
        let folder = Self.fixtures.appendingPathComponent(name).path
        let (files, _, _) = Linter.collect([folder])
        for file in Linter.parseAll(files) {
            #expect(file.device?.dialect == dialect && file.device?.lines.unrecognized.isEmpty == true, "\(file.path)")
            // Nothing of the VRFs or the VPN is left unsupported.
            let vpnLines = (file.device?.lines.unsupported ?? []).filter { line in
                let reason = line.reason.lowercased()
                return ["vrf", "vpn", "instance", "route-target"].contains { reason.contains($0) }
            }
            #expect(vpnLines.isEmpty, "\(file.path): \(vpnLines.map { "\($0.line) \($0.text): \($0.reason)" })")
        }
        let (network, _) = try RouteSim.loadConfigs([folder]).get()
        let pe1red = try #require(network.router(named: "pe1/red"))
        let pe2red = try #require(network.router(named: "pe2/red"))
        #expect(pe1red.vrf?.exportTargets == pe2red.vrf?.importTargets && pe1red.vrf?.exportTargets.isEmpty == false)
        let plane = Engine.run(network)
        let down = plane.sessions.filter { !$0.established }.map { $0.reason ?? "" }
        #expect(down.isEmpty, "\(down)")
        let ce2 = try #require(IPAddress("10.0.0.5"))
        let trace = Tracer(plane: plane).trace(from: "ce1", to: ce2)
        #expect(trace.uniformDisposition == .delivered(node: "ce2"))
        let path = try #require(trace.paths.first)
        #expect(path.nodes == ["ce1", "pe1/red", "pe1", "p", "pe2", "pe2/red", "ce2"], "\(path.nodes)")
        let labels = path.hops.compactMap { hop in hop.labelOperation.map { "\($0.name) \(hop.node)" } }
        #expect(labels == ["push pe1", "pop p"])
        // The core router fails: no VPN-IPv4 session, no VPN route, no route at ce1.
        let p = try #require(network.routerIndex["p"])
        let failed = Engine.runAfterFailure(network, failures: FailureSpec(routers: [p])).plane
        #expect(Tracer(plane: failed).trace(from: "ce1", to: ce2).uniformDisposition == .noRoute(router: "ce1"))
    }

    /// The same network dual-stack (Fixtures/netlab/*-l3vpn-dual-stack). Expected before
    /// running, from RFC 4659 (6VPE): each PE sends its VRF's IPv6 routes as VPN-IPv6 over the
    /// IPv4 session with its IPv4 loopback as next hop, so IPv6 crosses the core on the same
    /// IPv4 LDP LSP and VPN label as IPv4; with p down both families are gone; and a PE that
    /// does not activate VPN-IPv6 takes the IPv6 VRF routes away while IPv4 still crosses.
    @Test(arguments: [("ios-l3vpn-dual-stack", ConfigDialect.ios), ("eos-l3vpn-dual-stack", .eos), ("junos-l3vpn-dual-stack", .junos)])
    func sixVPECarriesTheCustomersIPv6OverTheIPv4Core(_ name: String, _ dialect: ConfigDialect) throws {
        let folder = Self.fixtures.appendingPathComponent(name).path
        let (files, _, _) = Linter.collect([folder])
        for file in Linter.parseAll(files) {
            #expect(file.device?.dialect == dialect && file.device?.lines.unrecognized.isEmpty == true, "\(file.path)")
            // Only OSPFv3's own settings and LSA pacing (not timed, docs/timeline.md) are left unsupported.
            let unsupported = (file.device?.lines.unsupported ?? []).filter { !$0.reason.contains("OSPFv3") && !$0.reason.contains("IGP timer is not modelled") }
            #expect(unsupported.isEmpty, "\(file.path): \(unsupported.map { "\($0.line) \($0.text): \($0.reason)" })")
        }
        let (network, diagnostics) = try RouteSim.loadConfigs([folder]).get()
        #expect(!diagnostics.contains { $0.message.contains("VPN") || $0.message.contains("VRF") }, "\(diagnostics.map(\.message))")
        let plane = Engine.run(network)
        let down = plane.sessions.filter { !$0.established }.map { $0.reason ?? "" }
        #expect(down.isEmpty, "\(down)")
        let ce2v4 = try #require(IPAddress("10.0.0.5")), ce2v6 = try #require(IPAddress("2001:db8:0:5::1"))
        for destination in [ce2v4, ce2v6] {
            let trace = Tracer(plane: plane).trace(from: "ce1", to: destination)
            #expect(trace.uniformDisposition == .delivered(node: "ce2"), "\(destination)")
            let path = try #require(trace.paths.first)
            #expect(path.nodes == ["ce1", "pe1/red", "pe1", "p", "pe2", "pe2/red", "ce2"], "\(destination): \(path.nodes)")
            #expect(path.hops.compactMap { hop in hop.labelOperation.map { "\($0.name) \(hop.node)" } } == ["push pe1", "pop p"])
        }
        let p = try #require(network.routerIndex["p"])
        let failed = Engine.runAfterFailure(network, failures: FailureSpec(routers: [p])).plane
        #expect(Tracer(plane: failed).trace(from: "ce1", to: ce2v6).uniformDisposition == .noRoute(router: "ce1"))
    }

    /// IOS pe2 without `address-family vpnv6`: VPN-IPv6 is not negotiated, so pe1/red never
    /// learns ce2's IPv6 routes (RFC 4760: a family is exchanged only when both ends carry it).
    @Test func withoutVPNv6OnOnePEOnlyIPv4Crosses() throws {
        let source = Self.fixtures.appendingPathComponent("ios-l3vpn-dual-stack")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-no-vpnv6-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["ce1", "ce2", "p", "pe1", "pe2"] {
            var text = try String(contentsOf: source.appendingPathComponent("\(name).cfg"), encoding: .utf8)
            if name == "pe2" {
                let block = try #require(text.range(of: " address-family vpnv6\n!\n  neighbor 10.0.0.1 activate\n"))
                text.removeSubrange(block)
            }
            try text.write(to: folder.appendingPathComponent("\(name).cfg"), atomically: true, encoding: .utf8)
        }
        let (network, _) = try RouteSim.loadConfigs([folder.path]).get()
        let plane = Engine.run(network)
        #expect(Tracer(plane: plane).trace(from: "ce1", to: try #require(IPAddress("10.0.0.5"))).uniformDisposition == .delivered(node: "ce2"))
        #expect(Tracer(plane: plane).trace(from: "ce1", to: try #require(IPAddress("2001:db8:0:5::1"))).uniformDisposition == .noRoute(router: "ce1"))
    }
}
