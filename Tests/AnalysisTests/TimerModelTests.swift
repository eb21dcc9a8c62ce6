import Foundation
import Pipeline
import Testing

/// Issue 17, the timer model (docs/timeline.md): every timer that decides how long a failure
/// lasts reaches the model from each dialect's configuration and from YAML, and unset ones take
/// the dialect's default, named with its source. Expected values are the configs' own numbers
/// and the vendors' documented defaults (Cisco `timers bgp` 60/180 s, Juniper `hold-time` 90 s,
/// FRR bgpd's datacenter profile 3/9 s, RFC 4271 4.2: a session's hold time is the smaller).
@Suite struct TimerModelTests {
    static let ios = """
    hostname r1
    ip sla 1
     icmp-echo 10.0.0.2 source-interface Loopback0
     frequency 5
     timeout 1000
    ip sla schedule 1 life forever start-time now
    track 7 ip sla 1 reachability
     delay down 3 up 10
    interface Loopback0
     ip address 10.0.0.1 255.255.255.255
    interface Gi1
     ip address 10.1.0.1 255.255.255.252
     ip ospf hello-interval 2
     bfd interval 100 min_rx 100 multiplier 5
    router ospf 1
     timers throttle spf 50 200 5000
     network 10.0.0.0 0.255.255.255 area 0
    router bgp 65001
     timers bgp 20 60
     bgp scan-time 15
     neighbor 10.1.0.2 remote-as 65002
     neighbor 10.1.0.2 fall-over bfd
     neighbor 10.1.0.2 advertise-map A non-exist-map B
    ip route 192.0.2.0 255.255.255.0 Null0 track 7
    """

    static let junos = """
    system { host-name r2; }
    interfaces {
      et-0/0/0 { unit 0 { family inet { address 10.1.0.2/30; } } }
      lo0 { unit 0 { family inet { address 10.0.0.2/32; } } }
    }
    routing-options { autonomous-system 65002; }
    protocols {
      ospf { spf-options { delay 150; } area 0.0.0.0 { interface et-0/0/0.0 { hello-interval 2; } } }
      bgp { group ext { type external; hold-time 30; neighbor 10.1.0.1 { peer-as 65001; bfd-liveness-detection { minimum-interval 300; multiplier 4; } } } }
    }
    """

    @Test func iosTimersReachTheModel() throws {
        let device = Linter.parse(text: Self.ios, file: "r1.cfg", dialect: .ios)
        #expect(device.lines.unrecognized.isEmpty && device.lines.unsupported.isEmpty,
                "\(device.lines.unrecognized) \(device.lines.unsupported.map(\.reason))")
        let (network, diagnostics) = ConfigNetworkBuilder.build([device], name: "r1")
        let router = try #require(network?.routers.first, "\(diagnostics.map(\.message))")
        #expect(router.timer(.bgpKeepalive)?.description == "20 s (r1.cfg:19)")
        #expect(router.timer(.bgpHold)?.value == .seconds(60))
        #expect(router.timer(.conditionalAdvertisementScan)?.value == .seconds(15))
        #expect(router.timer(.spfDelay)?.value == Milliseconds(50))
        let gi1 = try #require(router.interfaces.firstIndex { $0.name == "Gi1" })
        #expect(router.interfaceTimer(.igpHello, interface: gi1)?.value == .seconds(2))
        // The dead interval follows a configured hello interval: four of them.
        #expect(router.interfaceTimer(.igpDead, interface: gi1)?.value == .seconds(8))
        let bfd = try #require(router.bfdDetection(neighbor: 0, interface: gi1))
        #expect(bfd.interval.value * bfd.multiplier == Milliseconds(500))
        #expect(router.ipSLAs.first?.timers.frequency?.value == .seconds(5) && router.ipSLAs.first?.timers.timeout?.value == Milliseconds(1000))
        #expect(router.tracks.first?.timers.delayDown?.value == .seconds(3) && router.tracks.first?.timers.delayUp?.value == .seconds(10))
    }

    /// A Junos router with no `timers` of its own, facing the IOS one: each session's hold time
    /// is the smaller of the two ends' (IOS 60 s configured, Junos 30 s on the group).
    /// IS-IS hellos (expected from the sources in docs/timeline.md): IOS `isis hello-interval
    /// 5` with `hello-multiplier 4` holds 20 s; a level-1-only value is said, not used; the
    /// defaults are IOS 10 s x 3, FRR isisd 3 s x 10, Junos 9 s and 27 s; Junos `hold-time`
    /// states the hold time itself.
    @Test func isisHelloTimers() throws {
        let ios = """
        hostname r1
        interface Gi1
         ip address 10.0.0.1 255.255.255.252
         ip router isis
         isis hello-interval 5
         isis hello-multiplier 4
        interface Gi2
         ip address 10.0.0.5 255.255.255.252
         ip router isis
         isis hello-interval 2 level-1
        router isis
         net 49.0001.0000.0000.0001.00
        """
        let device = Linter.parse(text: ios, file: "r1.cfg", dialect: .ios)
        #expect(device.lines.unrecognized.isEmpty, "\(device.lines.unrecognized)")
        #expect(device.lines.unsupported.map(\.reason) == ["IS-IS level-1 timers are not used: routesim models one level-2 domain"])
        let router = try #require(ConfigNetworkBuilder.build([device], name: "isis").0?.routers.first)
        let gi1 = try #require(router.interfaces.firstIndex { $0.name == "Gi1" }), gi2 = try #require(router.interfaces.firstIndex { $0.name == "Gi2" })
        #expect(router.interfaceTimer(.igpHello, interface: gi1, protocol: .isis)?.value == .seconds(5))
        #expect(router.interfaceTimer(.igpDead, interface: gi1, protocol: .isis)?.value == .seconds(20))
        #expect(router.interfaceTimer(.igpDead, interface: gi2, protocol: .isis)?.value == .seconds(30))
        #expect(router.interfaceTimer(.igpDead, interface: gi2, protocol: .ospf)?.value == .seconds(40))
        #expect(VendorDialect.frr.timerDefault(.isisHello)?.value == .seconds(3) && VendorDialect.frr.timerDefault(.isisHold)?.value == .seconds(30))
        #expect(VendorDialect.junos.timerDefault(.isisHello)?.value == .seconds(9) && VendorDialect.junos.timerDefault(.isisHold)?.value == .seconds(27))
        let junos = """
        set system host-name r2
        set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.2/30
        set protocols isis interface ge-0/0/0.0 level 2 hello-interval 3
        set protocols isis interface ge-0/0/0.0 level 2 hold-time 9
        set protocols isis interface ge-0/0/0.0 level 1 hello-interval 1
        """
        let r2 = try #require(ConfigNetworkBuilder.build([Linter.parse(text: junos, file: "r2.conf", dialect: .junos)], name: "j").0?.routers.first)
        let ge = try #require(r2.interfaces.firstIndex { $0.name.hasPrefix("ge-0/0/0") })
        #expect(r2.interfaceTimer(.igpHello, interface: ge, protocol: .isis)?.value == .seconds(3))
        #expect(r2.interfaceTimer(.igpDead, interface: ge, protocol: .isis)?.value == .seconds(9))
    }

    @Test func junosTimersAndTheNegotiatedHoldTime() throws {
        let devices = [Linter.parse(text: Self.ios, file: "r1.cfg", dialect: .ios), Linter.parse(text: Self.junos, file: "r2.conf", dialect: .junos)]
        #expect(devices[1].lines.unrecognized.isEmpty, "\(devices[1].lines.unrecognized)")
        let (network, diagnostics) = ConfigNetworkBuilder.build(devices, name: "pair")
        let built = try #require(network, "\(diagnostics.map(\.message))")
        let r2 = try #require(built.routers.first { $0.name == "r2" })
        #expect(r2.timer(.spfDelay)?.value == Milliseconds(150))
        #expect(r2.timer(.bgpHold)?.description == "90 s (Junos default: Juniper, hold-time)")
        #expect(r2.sessionTimer(.bgpHold, neighbor: 0)?.value == .seconds(30))
        let table = TimerTable(plane: Engine.run(built))
        let r1Row = try #require(table.routers.first { $0.name == "r1" })
        let r2Row = try #require(table.routers.first { $0.name == "r2" })
        #expect(r1Row.sessions.map(\.hold.value) == [.seconds(30)] && r2Row.sessions.map(\.hold.value) == [.seconds(30)])
        // Keepalives: a third of the 30 s hold time on both ends (IOS's configured 20 s is longer).
        #expect(r1Row.sessions.first?.keepalive.value == .seconds(10))
        #expect(r2Row.sessions.first?.keepalive.value == .seconds(10))
        #expect(r2Row.sessions.first.map { $0.bfd.map { $0.interval.value * $0.multiplier } } == Milliseconds(1200))
        #expect(r1Row.probes.first?.tracks.first?.delayDown == .seconds(3))
    }

    /// FRR: the datacenter profile's BGP timers, the conditional-advertisement timer, and BFD
    /// on a neighbor with no interval configured (bfdd's 300 ms x 3).
    @Test func frrProfileAndBFDDefaults() throws {
        let text = """
        frr version 10.1
        frr defaults datacenter
        hostname r3
        interface eth0
         ip address 10.1.0.1/30
        router bgp 65003
         bgp conditional-advertisement timer 5
         neighbor 10.1.0.2 remote-as 65004
         neighbor 10.1.0.2 bfd
         neighbor 10.1.0.2 timers delayopen 5
         neighbor 10.1.0.2 timers connect 10
        """
        let device = Linter.parse(text: text, file: "r3.conf", dialect: .frr)
        // delayopen and connect time a session's establishment, not its failure (the corpus's
        // FRR `bgp_delayopen` topotest): recognised and ignored, never unrecognised.
        #expect(device.lines.unrecognized.isEmpty && device.lines.unsupported.isEmpty, "\(device.lines.unrecognized)")
        let router = try #require(ConfigNetworkBuilder.build([device], name: "r3").0?.routers.first)
        #expect(router.timer(.bgpKeepalive)?.value == .seconds(3) && router.timer(.bgpHold)?.value == .seconds(9))
        #expect(router.timer(.conditionalAdvertisementScan)?.value == .seconds(5))
        let bfd = try #require(router.bfdDetection(neighbor: 0, interface: 0))
        #expect(bfd.interval.value == Milliseconds(300) && bfd.multiplier == 3)
    }

    @Test func yamlTimersAndTheirErrors() throws {
        let yaml = """
        name: timers
        routers:
          A: { asn: 65001, timers: { bgp-keepalive: 10, bgp-hold: 30, spf-delay: 50ms }, bgp: { neighbors: [ { peer: B, timers: { hold: 9 }, bfd: true } ] } }
          B: { asn: 65002, bgp: { neighbors: [ { peer: A } ] } }
        links:
          - { endpoints: [A, B], timers: { hello: 1, dead: 3, bfd-interval: 1.5s, bfd-multiplier: 3 } }
        """
        let loaded = TopologyLoader.load(yaml: yaml, file: "timers.yml")
        let network = try #require(loaded.network, "\(loaded.diagnostics.map(\.description))")
        let a = try #require(network.router(named: "A"))
        #expect(a.timer(.spfDelay)?.value == Milliseconds(50) && a.timer(.bgpHold)?.value == .seconds(30))
        #expect(a.sessionTimer(.bgpHold, neighbor: 0)?.value == .seconds(9))
        let link = try #require(a.interfaces.firstIndex { $0.kind == .link })
        #expect(a.bfdDetection(neighbor: 0, interface: link).map { $0.interval.value * $0.multiplier } == Milliseconds(4500))
        #expect(a.interfaceTimer(.igpDead, interface: link)?.value == .seconds(3))
        let bad = TopologyLoader.load(yaml: yaml.replacingOccurrences(of: "spf-delay: 50ms", with: "spf-delay: fast"), file: "bad.yml")
        #expect(bad.diagnostics.contains { $0.severity == .error && $0.description.contains("bad.yml:3:") && $0.message.contains("'fast' is not a duration") },
                "\(bad.diagnostics.map(\.description))")
    }

    @Test func millisecondsPrintAsAReaderWritesThem() {
        #expect(Milliseconds.seconds(60).description == "60 s")
        #expect(Milliseconds(1500).description == "1.5 s")
        #expect(Milliseconds(1050).description == "1.05 s")
        #expect(Milliseconds(300).description == "300 ms")
    }
}
