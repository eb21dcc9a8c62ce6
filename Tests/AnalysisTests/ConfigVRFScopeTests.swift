import Foundation
import Pipeline
import Testing

/// Issue 13 #5 and issue 16: VRF configuration is never merged into the global table (its
/// interfaces may reuse global addresses, its BGP neighbors may repeat global ones): each VRF is
/// a routing instance `ROUTER/VRF` (docs/vrf.md), and BGP lines of other address families are
/// not read as IPv4 unicast. Anycast loopbacks (one /32 on two routers) are legal and delivered
/// by each.
@Suite struct ConfigVRFScopeTests {
    static let cases: [(ConfigDialect, String)] = [
        (.ios, """
        hostname pe1
        vrf definition CUST
         rd 65001:1
         address-family ipv4
         exit-address-family
        interface Loopback0
         ip address 10.0.0.1 255.255.255.255
        interface GigabitEthernet1
         ip address 10.1.0.1 255.255.255.252
        interface GigabitEthernet2
         vrf forwarding CUST
         ip address 10.1.0.1 255.255.255.252
        router bgp 65001
         neighbor 10.1.0.2 remote-as 65002
         address-family ipv4 vrf CUST
          neighbor 10.1.0.2 remote-as 65100
          neighbor 10.1.0.2 route-map DROP in
          network 192.0.2.0 mask 255.255.255.0
         exit-address-family
         address-family ipv6 unicast
          neighbor 10.1.0.2 route-map DROP in
         exit-address-family
        """),
        (.eos, """
        hostname pe1
        interface Loopback0
           ip address 10.0.0.1/32
        interface Ethernet1
           no switchport
           ip address 10.1.0.1/30
        interface Ethernet2
           no switchport
           vrf CUST
           ip address 10.1.0.1/30
        router bgp 65001
           neighbor 10.1.0.2 remote-as 65002
           vrf CUST
              rd 65001:1
              neighbor 10.1.0.2 remote-as 65100
              neighbor 10.1.0.2 route-map DROP in
              network 192.0.2.0/24
           address-family ipv4
              neighbor 10.1.0.2 activate
        """),
        (.frr, """
        frr version 10.1
        hostname pe1
        interface lo
         ip address 10.0.0.1/32
        exit
        interface eth1
         ip address 10.1.0.1/30
        exit
        interface eth2 vrf CUST
         ip address 10.1.0.1/30
        exit
        router bgp 65001
         no bgp ebgp-requires-policy
         neighbor 10.1.0.2 remote-as 65002
        exit
        router bgp 65001 vrf CUST
         neighbor 10.1.0.2 remote-as 65100
         address-family ipv4 unicast
          neighbor 10.1.0.2 route-map DROP in
          network 192.0.2.0/24
         exit-address-family
        exit
        """),
        (.junos, """
        system { host-name pe1; }
        interfaces {
            lo0 { unit 0 { family inet { address 10.0.0.1/32; } } }
            ge-0/0/1 { unit 0 { family inet { address 10.1.0.1/30; } } }
            ge-0/0/2 { unit 0 { family inet { address 10.1.0.1/30; } } }
        }
        routing-options { autonomous-system 65001; }
        protocols { bgp { group ebgp { peer-as 65002; neighbor 10.1.0.2; } } }
        routing-instances {
            CUST {
                instance-type vrf;
                interface ge-0/0/2.0;
                route-distinguisher 65001:1;
                routing-options { autonomous-system 65100; }
                protocols { bgp { group ce { peer-as 65100; import DROP; neighbor 10.1.0.2; } } }
            }
        }
        """),
    ]

    @Test(arguments: cases) func vrfConfigurationIsItsOwnInstance(_ dialect: ConfigDialect, _ text: String) throws {
        let device = Linter.parse(text: text, file: "pe1.cfg", dialect: dialect)
        #expect(device.lines.unrecognized.isEmpty, "\(device.lines.unrecognized)")
        let (network, diagnostics) = ConfigNetworkBuilder.build([device], name: "pe1")
        let built = try #require(network, "\(diagnostics.map(\.message))")
        // The global table: the PE's own interfaces and its global eBGP neighbor only.
        let router = try #require(built.routers.first { $0.vrf == nil })
        #expect(router.asn == 65001)
        #expect(router.interfaces.count == 2, "\(router.interfaces.map(\.name))")
        let neighbors = router.bgp?.neighbors ?? []
        #expect(neighbors.map(\.remoteAS) == [65002])
        #expect(neighbors.first?.importPolicy == nil)
        #expect(router.bgp?.networks.isEmpty == true)
        // The VRF: its own instance with the interface that reuses 10.1.0.1/30.
        let instance = try #require(built.routers.first { $0.name == "pe1/CUST" }, "\(built.routers.map(\.name))")
        #expect(instance.vrf?.host == built.routerIndex["pe1"])
        #expect(instance.interfaces.map(\.address.description) == ["10.1.0.1"])
        let ceNeighbors = (instance.bgp?.neighbors ?? []).filter { $0.vpn == nil }
        #expect(ceNeighbors.map(\.remoteAS) == [65100])
        #expect(instance.vrf?.routeDistinguisher?.description == (dialect == .frr ? nil : "65001:1"))
        if dialect == .junos {
            // The instance's own `autonomous-system 65100` differs from the router's: said, not modelled.
            #expect(diagnostics.contains { $0.code == "CFG001" && $0.message.contains("declares AS 65100") }, "\(diagnostics.map(\.message))")
            #expect(ceNeighbors.first?.importPolicy != nil)
        } else {
            #expect(instance.bgp?.networks.map(\.prefix.description) == ["192.0.2.0/24"])
        }
        // An IPv4 neighbor's policy in the IPv6 family is per family on the router: said, not
        // merged into its IPv4 policy (IOS).
        if dialect == .ios { #expect(device.lines.unsupported.contains { $0.reason.contains("in the IPv6 family of an IPv4 neighbor") }, "\(device.lines.unsupported.map(\.reason))") }
    }

    /// Two routers announce 10.255.0.1/32 from their loopbacks (anycast): the network builds and
    /// each owner delivers what reaches it (the nearer one; both on equal-cost paths).
    @Test func anycastLoopbacksAreLegal() throws {
        func config(_ name: String, _ link: String) -> String {
            "hostname \(name)\ninterface Loopback0\n ip address 10.255.0.1 255.255.255.255\ninterface Gi1\n ip address \(link) 255.255.255.252\n ip ospf 1 area 0\nrouter ospf 1\n network 10.255.0.1 0.0.0.0 area 0\n"
        }
        let middle = "hostname m\ninterface Gi1\n ip address 10.1.0.2 255.255.255.252\ninterface Gi2\n ip address 10.1.0.6 255.255.255.252\nrouter ospf 1\n network 10.1.0.0 0.0.0.255 area 0\n"
        let devices = [Linter.parse(text: config("a", "10.1.0.1"), file: "a.cfg", dialect: .ios),
                       Linter.parse(text: config("b", "10.1.0.5"), file: "b.cfg", dialect: .ios),
                       Linter.parse(text: middle, file: "m.cfg", dialect: .ios)]
        let (network, diagnostics) = ConfigNetworkBuilder.build(devices, name: "anycast")
        let built = try #require(network, "\(diagnostics.map(\.message))")
        #expect(built.validate().filter { $0.severity == .error }.isEmpty)
        let plane = Engine.run(built)
        let anycast = try #require(IPAddress("10.255.0.1"))
        #expect(Tracer(plane: plane).trace(from: "a", to: anycast).uniformDisposition == .delivered(node: "a"))
        #expect(Tracer(plane: plane).trace(from: "b", to: anycast).uniformDisposition == .delivered(node: "b"))
        // m is one hop from each owner: equal-cost paths, one delivered at each.
        let fromMiddle = Set(Tracer(plane: plane).trace(from: "m", to: anycast).paths.map(\.disposition))
        #expect(fromMiddle == [.delivered(node: "a"), .delivered(node: "b")])
    }
}

/// Settings of the BGP process in VRFs (docs/vrf.md, "Settings of the BGP process"). Expected
/// from the vendors: IOS's `bgp always-compare-med` is a router-configuration command of the one
/// BGP process, so its VRFs compare MED across ASes too (Cisco IOS BGP command reference); FRR
/// runs one bgpd instance per `router bgp N vrf V`, so the router's `bgp always-compare-med`
/// leaves the VRF at FRR's default and the VRF's own `bgp bestpath compare-routerid` stays in
/// the VRF (bgpd: both commands set flags on the instance in context).
@Suite struct ConfigVRFBGPSettingsTests {
    /// r1 with VRF RED on one interface and a neighbor in it; `router` and `vrf` are the lines
    /// of the router's BGP block and of the VRF's.
    static func frr(router: String, vrf: String = "") -> String {
        """
        frr version 10.1
        frr defaults traditional
        hostname r1
        interface eth1 vrf RED
         ip address 10.9.0.1/30
        router bgp 65001
         \(router)
        router bgp 65001 vrf RED
        \(vrf.isEmpty ? "" : " \(vrf)\n") neighbor 10.9.0.2 remote-as 65002
        """
    }

    static func ios(router: String) -> String {
        """
        hostname r1
        vrf definition RED
         rd 65001:1
         address-family ipv4
         exit-address-family
        interface Ethernet1
         vrf forwarding RED
         ip address 10.9.0.1 255.255.255.252
        router bgp 65001
         \(router)
         address-family ipv4 vrf RED
          neighbor 10.9.0.2 remote-as 65002
          neighbor 10.9.0.2 activate
         exit-address-family
        """
    }

    static func routers(_ text: String, dialect: ConfigDialect) throws -> (router: Router, vrf: Router) {
        let (network, diagnostics) = ConfigNetworkBuilder.build([Linter.parse(text: text, file: "r1.cfg", dialect: dialect)], name: "vrf-settings")
        let built = try #require(network, "\(diagnostics.map(\.message))")
        return (try #require(built.router(named: "r1")), try #require(built.router(named: "r1/RED")))
    }

    static func bestPaths(_ text: String, dialect: ConfigDialect) throws -> (router: BestPathSettings, vrf: BestPathSettings) {
        let (router, vrf) = try routers(text, dialect: dialect)
        return (try #require(router.bgp?.bestPath), try #require(vrf.bgp?.bestPath))
    }

    /// BGP timers likewise: FRR's `timers bgp` in a VRF's block is that instance's (bgpd sets
    /// `bgp->default_holdtime` of the instance in context), and a VRF without it has FRR's
    /// default, not the router's; IOS's `timers bgp` is the process's, kept by its VRFs.
    @Test func bgpTimersPerInstance() throws {
        let frr = try Self.routers(Self.frr(router: "timers bgp 30 90", vrf: "timers bgp 3 10"), dialect: .frr)
        #expect(frr.router.timers.bgpHold?.value == .seconds(90) && frr.vrf.timers.bgpHold?.value == .seconds(10))
        #expect(frr.vrf.timers.bgpHold?.location.line == 9)
        let frrSilent = try Self.routers(Self.frr(router: "timers bgp 30 90"), dialect: .frr)
        #expect(frrSilent.vrf.timers.bgpHold == nil && frrSilent.vrf.timers.bgpKeepalive == nil)
        let ios = try Self.routers(Self.ios(router: "timers bgp 10 30"), dialect: .ios)
        #expect(ios.vrf.timers.bgpHold?.value == .seconds(30) && ios.vrf.timers.bgpKeepalive?.value == .seconds(10))
    }

    @Test func iosVRFsKeepTheRoutersBestPathSettings() throws {
        let (router, vrf) = try Self.bestPaths(Self.ios(router: "bgp always-compare-med"), dialect: .ios)
        #expect(router.alwaysCompareMED == true && vrf.alwaysCompareMED == true)
    }

    @Test func frrVRFInstancesHaveTheirOwnBestPathSettings() throws {
        let (router, vrf) = try Self.bestPaths(Self.frr(router: "bgp always-compare-med", vrf: "bgp bestpath compare-routerid"), dialect: .frr)
        #expect(router.alwaysCompareMED == true && router.compareRouterID == nil)
        #expect(vrf.alwaysCompareMED == nil && vrf.compareRouterID == true)
    }
}
