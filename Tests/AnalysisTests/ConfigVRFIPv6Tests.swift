import Foundation
import Pipeline
import Testing

/// IPv6 in VRFs from configs (issue 16; docs/ipv6.md, 6VPE): the VRF's IPv6 family reaches the
/// VRF's instance, never the global table, and VPN-IPv6 activation reaches the PE's session.
/// The FRR text follows the syntax of FRR's `bgp_l3vpn_hidden` topotest (pe1), with both VPN
/// families on the one IPv4 session as 6VPE has them, the CE interface in the VRF by config
/// (`interface IF vrf V`, as FRR shows it) and the CE's AS by number.
@Suite struct ConfigVRFIPv6Tests {
    static let frr = """
    frr version 10.1
    hostname pe1
    interface lo
     ip address 192.168.0.1/32
    interface eth-rr1
     ip address 10.0.1.1/24
    interface eth-ce1 vrf RED
     ip address 172.16.1.1/24
     ipv6 address 3fff:1::1/64
    vrf RED
     ipv6 route 2001:db8:99::/48 blackhole
    exit-vrf
    router bgp 65000
     no bgp default ipv4-unicast
     neighbor 192.168.0.101 remote-as 65000
     neighbor 192.168.0.101 update-source 192.168.0.1
     address-family ipv4 vpn
      neighbor 192.168.0.101 activate
      neighbor 192.168.0.101 soft-reconfiguration inbound
     exit-address-family
     address-family ipv6 vpn
      neighbor 192.168.0.101 activate
     exit-address-family
    exit
    router bgp 65000 vrf RED
     neighbor 172.16.1.254 remote-as 65101
     neighbor 3fff:1::ff remote-as 65101
     address-family ipv4 unicast
      label vpn export 100
      rd vpn export 65000:100
      rt vpn both 65000:100
      export vpn
      import vpn
      no neighbor 3fff:1::ff activate
     exit-address-family
     address-family ipv6 unicast
      rt vpn both 65000:100
      redistribute connected
      neighbor 3fff:1::ff activate
     exit-address-family
    exit
    """

    @Test func frrVRFCarriesIPv6AndThePESessionCarriesVPNv6() throws {
        let device = Linter.parse(text: Self.frr, file: "pe1.conf", dialect: .frr)
        #expect(device.lines.unrecognized.isEmpty, "\(device.lines.unrecognized)")
        #expect(device.lines.unsupported.isEmpty, "\(device.lines.unsupported.map { "\($0.line) \($0.text): \($0.reason)" })")
        let (network, diagnostics) = ConfigNetworkBuilder.build([device], name: "pe1")
        let built = try #require(network, "\(diagnostics.map(\.message))")
        let pe = try #require(built.routers.first { $0.name == "pe1" })
        let session = try #require(pe.bgp?.neighbors.first)
        #expect(session.vpnv4 && session.vpnv6)
        // The VRF's IPv6 redistribution is the instance's: the global table redistributes nothing.
        #expect(pe.bgp?.redistributions.isEmpty == true)
        let red = try #require(built.routers.first { $0.name == "pe1/RED" })
        #expect(red.interfaces.first?.ipv6?.address.description == "3fff:1::1")
        #expect(red.staticRoutes.map(\.prefix.description) == ["2001:db8:99::/48"])
        #expect(red.bgp?.redistributions.map { "\($0.source) \($0.families?.map(\.displayName).sorted() ?? [])" } == ["connected [\"IPv6\"]"])
        let ce6 = try #require(red.bgp?.neighbors.first { $0.address.description == "3fff:1::ff" })
        #expect(ce6.carries(.ipv6) && !ce6.carries(.ipv4))
        #expect(red.vrf?.importTargets.map(\.description) == ["65000:100"])
    }

    /// IOS: route targets said in the VRF's IPv6 family that differ from its IPv4 ones are said
    /// (one set per VRF in the model); a VRF with IPv6 targets only takes those.
    @Test func iosIPv6RouteTargetsAreReadPerFamily() throws {
        func pe(_ ipv4Targets: String, _ ipv6Target: String) -> String {
            """
            hostname pe1
            vrf definition red
             rd 65000:1
             address-family ipv4
            \(ipv4Targets) exit-address-family
             address-family ipv6
              route-target both \(ipv6Target)
             exit-address-family
            interface Gi2
             vrf forwarding red
             ipv6 address 2001:db8:1::1/64
            router bgp 65000
            """
        }
        let differing = Linter.parse(text: pe("  route-target both 65000:1\n", "65000:2"), file: "a.cfg", dialect: .ios)
        #expect(differing.lines.unsupported.isEmpty && differing.lines.unrecognized.isEmpty)
        let (network, diagnostics) = ConfigNetworkBuilder.build([differing], name: "a")
        #expect(diagnostics.contains { $0.message.contains("IPv6 route targets differ") && $0.location?.line == 8 }, "\(diagnostics.map(\.message))")
        #expect(network?.routers.first { $0.name == "pe1/red" }?.vrf?.importTargets.map(\.description) == ["65000:1"])
        let ipv6Only = Linter.parse(text: pe("", "65000:2"), file: "b.cfg", dialect: .ios)
        let (only, onlyDiagnostics) = ConfigNetworkBuilder.build([ipv6Only], name: "b")
        let instance = only?.routers.first { $0.name == "pe1/red" }
        #expect(instance?.vrf?.exportTargets.map(\.description) == ["65000:2"])
        #expect(instance?.interfaces.first?.address.description == "2001:db8:1::1")
        #expect(!onlyDiagnostics.contains { $0.message.contains("route targets") })
    }
}
