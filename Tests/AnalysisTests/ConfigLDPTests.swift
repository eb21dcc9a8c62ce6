import Foundation
import Pipeline
import Testing

/// LDP statements per dialect (docs/mpls.md, "From router configs"): what turns LDP on where, the
/// transport address, and that nothing under `mpls` is counted modelled unless it reaches the model.
struct ConfigLDPTests {
    func build(_ text: String, dialect: ConfigDialect) throws -> (Router, [String], DeviceConfig) {
        let device = Linter.parse(text: text, file: "r.cfg", dialect: dialect)
        let (network, diagnostics) = ConfigNetworkBuilder.build([device], name: "r")
        let built = try #require(network, "\(diagnostics.map(\.message))")
        return (built.routers[0], diagnostics.map(\.message), device)
    }

    @Test func iosRunsLDPWhereMplsIpIsAndUsesTheRouterIDInterface() throws {
        let text = """
        hostname pe1
        mpls label protocol ldp
        mpls ldp router-id Loopback1 force
        interface Loopback0
         ip address 10.0.0.9 255.255.255.255
        interface Loopback1
         ip address 10.0.0.1 255.255.255.255
        interface Gi0/1
         ip address 10.1.0.1 255.255.255.252
         mpls ip
         mpls ldp igp sync delay 5
        interface Gi0/2
         ip address 10.1.0.5 255.255.255.252
         mpls mtu 1508
        """
        let (router, _, device) = try build(text, dialect: .ios)
        #expect(router.mpls?.ldp == true && router.mpls?.transportAddress == IPAddress("10.0.0.1"))
        #expect(router.interfaces.first { $0.name == "Gi0/1" }?.ldp == true)
        #expect(router.interfaces.first { $0.name == "Gi0/2" }?.ldp == false)
        let unsupported = device.lines.unsupported.map(\.reason)
        #expect(unsupported.contains("LDP-IGP synchronisation timers are not modelled (synchronisation itself is)"))
        #expect(unsupported.contains("interface MPLS statement not modelled yet (docs/mpls.md)"))
        #expect(device.lines.unrecognized.isEmpty)
    }

    @Test func iosWithoutMplsStatementsRunsNoLDP() throws {
        let (router, _, _) = try build("hostname r\ninterface Gi0/1\n ip address 10.1.0.1 255.255.255.252\n", dialect: .ios)
        #expect(router.mpls == nil)
    }

    @Test func eosNeedsNoShutdownAndGlobalMplsIp() throws {
        let base = "hostname p\ninterface Ethernet1\n   ip address 10.1.0.1/30\n   mpls ldp interface\ninterface Ethernet2\n   ip address 10.1.0.5/30\n"
        let (shut, warnings, _) = try build(base + "mpls ip\nmpls ldp\n   interface disabled default\n", dialect: .eos)
        #expect(shut.mpls == nil && warnings.contains { $0.contains("shut down") })
        let (noRouting, warnings2, _) = try build(base + "mpls ldp\n   no shutdown\n", dialect: .eos)
        #expect(noRouting.mpls == nil && warnings2.contains { $0.contains("without global `mpls ip`") })
        let (optIn, _, _) = try build(base + "mpls ip\nmpls ldp\n   interface disabled default\n   no shutdown\n", dialect: .eos)
        #expect(optIn.interfaces.filter(\.ldp).map(\.name) == ["Ethernet1"])
        let (all, _, _) = try build(base + "mpls ip\nmpls ldp\n   no shutdown\n", dialect: .eos)
        #expect(all.interfaces.filter(\.ldp).map(\.name) == ["Ethernet1", "Ethernet2"])
    }

    @Test func junosNeedsLdpMplsAndFamilyMplsAndWarnsWhenOneIsMissing() throws {
        let text = """
        interfaces {
            ge-0/0/0 { unit 0 { family inet { address 10.1.0.1/30; } family mpls; } }
            ge-0/0/1 { unit 0 { family inet { address 10.1.0.5/30; } } }
        }
        protocols {
            mpls { interface ge-0/0/0.0; interface ge-0/0/1.0; }
            ldp { interface ge-0/0/0.0; interface ge-0/0/1.0; }
            rsvp {
                interface ge-0/0/0.0;
                hello-interval 5;
            }
        }
        """
        let (router, warnings, device) = try build(text, dialect: .junos)
        #expect(router.interfaces.filter(\.ldp).map(\.name) == ["ge-0/0/0.0"])
        #expect(warnings.contains("LDP on ge-0/0/1.0, but ge-0/0/1.0 has no `family mpls`: Junos switches no labels there"))
        #expect(device.junosRSVPInterfaces["ge-0/0/0.0"] != nil)
        #expect(device.lines.unsupported.contains { $0.reason == "RSVP statement not modelled (docs/mpls.md)" })
    }

    @Test func frrNamesItsLDPInterfaces() throws {
        let text = """
        hostname p
        interface eth1
         ip address 10.1.0.1/30
        interface eth2
         ip address 10.1.0.5/30
        mpls ldp
         router-id 10.0.0.2
         address-family ipv4
          discovery transport-address 10.0.0.3
          interface eth1
          exit
         exit-address-family
         exit
        """
        let (router, _, device) = try build(text, dialect: .frr)
        #expect(router.interfaces.filter(\.ldp).map(\.name) == ["eth1"])
        #expect(router.mpls?.transportAddress == IPAddress("10.0.0.3"))
        #expect(device.lines.unrecognized.isEmpty && device.lines.unsupported.isEmpty)
    }
}

/// LDP-IGP synchronisation from configs: IOS `mpls ldp sync` under the IGP with an interface's
/// `no mpls ldp igp sync`, Junos `ldp-synchronization` per OSPF interface.
struct ConfigLDPSyncTests {
    func router(_ text: String, dialect: ConfigDialect) throws -> Router {
        let (network, diagnostics) = ConfigNetworkBuilder.build([Linter.parse(text: text, file: "r.cfg", dialect: dialect)], name: "r")
        return try #require(network, "\(diagnostics.map(\.message))").routers[0]
    }

    @Test func iosSyncUnderTheIGPWithAnInterfaceOptingOut() throws {
        let router = try router("""
        hostname p
        interface Gi0/1
         ip address 10.1.0.1 255.255.255.252
         mpls ip
        interface Gi0/2
         ip address 10.1.0.5 255.255.255.252
         mpls ip
         no mpls ldp igp sync
        router ospf 1
         network 10.1.0.0 0.0.0.255 area 0
         mpls ldp sync
        """, dialect: .ios)
        #expect(router.mpls?.igpSync == true)
        #expect(router.interfaces.map(\.ldpIGPSync) == [nil, false])
    }

    @Test func junosSyncPerOSPFInterface() throws {
        let router = try router("""
        interfaces {
            ge-0/0/0 { unit 0 { family inet { address 10.1.0.1/30; } family mpls; } }
        }
        protocols {
            ospf { area 0.0.0.0 { interface ge-0/0/0.0 { ldp-synchronization; } } }
            mpls { interface all; }
            ldp { interface all; }
        }
        """, dialect: .junos)
        #expect(router.mpls?.ldp == true && router.interfaces.first?.ldp == true && router.interfaces.first?.ldpIGPSync == true)
    }
}

/// Statement order does not change a Junos config's meaning: `interface all` under a protocol
/// covers interfaces whose stanza comes later in the file.
struct JunosInterfaceAllOrderTests {
    @Test func interfaceAllCoversInterfacesDefinedAfterIt() throws {
        let text = """
        protocols {
            ospf { area 0.0.0.0 { interface all; } }
            mpls { interface all; }
            ldp { interface all; }
        }
        interfaces {
            ge-0/0/0 { unit 0 { family inet { address 10.1.0.1/30; } family mpls; } }
            ge-0/0/1 { unit 0 { family inet { address 10.1.0.5/30; } family mpls; } }
        }
        """
        let device = Linter.parse(text: text, file: "r.conf", dialect: .junos)
        #expect(device.interfaces.allSatisfy { $0.ospfArea == "0.0.0.0" }, "\(device.interfaces.map { "\($0.name) \($0.ospfArea ?? "-")" })")
        let (network, _) = ConfigNetworkBuilder.build([device], name: "r")
        #expect(network?.routers.first?.interfaces.filter(\.ldp).count == 2)
    }
}
