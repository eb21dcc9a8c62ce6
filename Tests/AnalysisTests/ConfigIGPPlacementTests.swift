import Foundation
import Pipeline
import Testing

/// Issue 13 #3: the IGP runs where the config says (Cisco IOS, FRR and Arista EOS configuration
/// guides: `network ... area`, `ip ospf area`, `passive-interface [default]`, `ip router isis` /
/// `isis enable`; Junos `protocols ospf area A interface I [passive]`), not on every interface.
@Suite struct ConfigIGPPlacementTests {
    func placement(_ text: String, dialect: ConfigDialect, file: String = "r1.cfg") throws -> ([String: IGPParticipation], [String]) {
        let device = Linter.parse(text: text, file: file, dialect: dialect)
        let (network, diagnostics) = ConfigNetworkBuilder.build([device], name: "one")
        let router = try #require(network?.routers.first, "\(diagnostics.map(\.description))")
        return (Dictionary(uniqueKeysWithValues: router.interfaces.map { ($0.name, $0.igp) }), diagnostics.map(\.message))
    }

    /// R1 with a loopback and one link, as both IOS cases start.
    static let iosHead = """
    hostname R1
    interface Loopback0
     ip address 10.1.0.1 255.255.255.255
    interface Gi0/1
     ip address 10.0.12.1 255.255.255.0

    """

    @Test func iosNetworkStatementsAndPassiveInterfaces() throws {
        let (igp, messages) = try placement(Self.iosHead + """
        interface Gi0/2
         ip address 10.0.13.1 255.255.255.0
        interface Gi0/3
         ip address 192.0.2.0 255.255.255.254
        interface Gi0/4
         ip address 172.16.9.1 255.255.255.0
         ip ospf 1 area 0
        router ospf 1
         passive-interface default
         no passive-interface Gi0/1
         network 10.0.0.0 0.255.255.255 area 0
        """, dialect: .ios)
        // Gi0/3 (the eBGP link) is covered by no network statement: not in OSPF.
        #expect(igp == ["Loopback0": .passive, "Gi0/1": .active, "Gi0/2": .passive, "Gi0/3": .off, "Gi0/4": .passive])
        #expect(!messages.contains { $0.contains("names no interface") })
    }

    @Test func frrAndEOSForms() throws {
        let (frr, _) = try placement("""
        hostname r1
        interface lo
         ip address 10.1.0.1/32
        interface eth0
         ip address 10.0.12.1/24
         ip ospf area 0
        interface eth1
         ip address 10.0.13.1/24
         ip ospf area 0
         ip ospf passive
        interface eth2
         ip address 192.0.2.0/31
        router ospf
         network 10.1.0.1/32 area 0
        """, dialect: .frr)
        #expect(frr == ["lo": .passive, "eth0": .active, "eth1": .passive, "eth2": .off])
        let (eos, _) = try placement("""
        hostname leaf1
        interface Ethernet1
           no switchport
           ip address 10.0.12.1/31
           isis enable CORE
        interface Ethernet2
           no switchport
           ip address 192.0.2.0/31
        interface Loopback0
           ip address 10.1.0.1/32
           isis enable CORE
        router isis CORE
           net 49.0001.0000.0000.0001.00
        """, dialect: .eos)
        #expect(eos == ["Ethernet1": .active, "Ethernet2": .off, "Loopback0": .passive])
    }

    @Test func junosProtocolInterfaces() throws {
        let (igp, _) = try placement("""
        system { host-name r1; }
        interfaces {
            ge-0/0/0 { unit 0 { family inet { address 10.0.12.1/24; } } }
            ge-0/0/1 { unit 0 { family inet { address 192.0.2.0/31; } } }
            lo0 { unit 0 { family inet { address 10.1.0.1/32; } } }
        }
        protocols {
            ospf {
                area 0.0.0.0 {
                    interface ge-0/0/0.0;
                    interface lo0.0 { passive; }
                }
            }
        }
        """, dialect: .junos, file: "r1.conf")
        #expect(igp == ["ge-0/0/0.0": .active, "ge-0/0/1.0": .off, "lo0.0": .passive])
    }

    /// A process that names no interface is kept on every interface, with a warning at it.
    @Test func fragmentsWithoutPlacementWarn() throws {
        let (igp, messages) = try placement(Self.iosHead + """
        router ospf 1
         passive-interface Gi0/1
        """, dialect: .ios)
        #expect(igp == ["Loopback0": .passive, "Gi0/1": .passive])
        #expect(messages.contains { $0.hasPrefix("router ospf 1 names no interface") })
    }
}
