import Foundation
import Pipeline
import Testing

/// Issue 13 #5: a config element a router accepts but that cannot work is a located warning and
/// that element is down with its reason; the rest of the network is still simulated.
@Suite struct ConfigDegradeTests {
    static func device(_ name: String, loopback: String, link: String, peer: String, source: String) -> DeviceConfig {
        let text = """
        hostname \(name)
        interface Loopback0
         ip address \(loopback) 255.255.255.255
        interface Gi0/1
         ip address \(link) 255.255.255.254
        router ospf 1
         network 0.0.0.0 255.255.255.255 area 0
        router bgp 65001
         neighbor \(peer) remote-as 65001
         neighbor \(peer) update-source \(source)
        """
        return Linter.parse(text: text, file: "\(name).cfg", dialect: .ios)
    }

    /// Was: MODEL010 refused the whole network (exit 2) over one `update-source` naming an
    /// address the router does not have.
    @Test func unresolvableUpdateSourceDownsOnlyThatSession() throws {
        let r1 = Self.device("R1", loopback: "10.1.0.1", link: "172.16.0.0", peer: "10.1.0.2", source: "10.9.9.9")
        let r2 = Self.device("R2", loopback: "10.1.0.2", link: "172.16.0.1", peer: "10.1.0.1", source: "Loopback0")
        let (built, diagnostics) = ConfigNetworkBuilder.build([r1, r2], name: "pair")
        let network = try #require(built, "\(diagnostics.map(\.description))")
        let warning = try #require(diagnostics.first { $0.code == "CFG001" && $0.message.contains("update-source") })
        #expect(warning.description == "R1.cfg:10:2: warning: neighbor 10.1.0.2: update-source 10.9.9.9 is no interface or address of R1; the session stays down [CFG001]")
        let plane = Engine.run(network)
        let r1Session = try #require(plane.sessions.first { network.routers[$0.router].name == "R1" })
        #expect(!r1Session.established)
        #expect(r1Session.reason == "update-source 10.9.9.9 does not exist")
        // The IGP still runs: R1 reaches R2's loopback.
        #expect(plane.lookup(router: 0, address: IPAddress(0x0A01_0002))?.protocolKind == .ospf)
    }

    /// Issue 13 #6: two routers of one network with one hostname is an error naming both files
    /// (it was a warning, and the second router was silently renamed).
    @Test func duplicateHostnamesNameBothFiles() {
        let a = Self.device("R1", loopback: "10.1.0.1", link: "172.16.0.0", peer: "10.1.0.2", source: "Loopback0")
        var b = Self.device("R1", loopback: "10.1.0.2", link: "172.16.0.1", peer: "10.1.0.1", source: "Loopback0")
        b.file = "other/R1.cfg"
        let (network, diagnostics) = ConfigNetworkBuilder.build([a, b], name: "pair")
        #expect(network == nil)
        #expect(diagnostics.filter { $0.code == "CFG004" }.map(\.description) == ["other/R1.cfg:1:1: error: hostname R1 is used by R1.cfg and other/R1.cfg [CFG004]\n  hint: give each router its own hostname, or lint the two networks from separate folders"])
    }
}
