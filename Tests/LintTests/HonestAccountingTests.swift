@testable import ConfigParsers
import Foundation
import Lint
import Testing

/// Issue 13 #4: a line counts as modelled only when its meaning reaches the model; a line whose
/// routing meaning routesim drops is a CFG001 warning at its line, never quietly "recognised".
@Suite struct HonestAccountingTests {
    static let header = """
    hostname r1
    interface Gi1
     ip address 10.0.0.1 255.255.255.252
     ip ospf 1 area 0
    router ospf 1
    router bgp 65001
     neighbor 10.0.0.2 remote-as 65002
    """

    /// The config with `line` placed in `block` (`interface Gi1`, `router ospf 1`, `router bgp
    /// 65001`), and the line's number.
    static func config(_ line: String, in block: String) -> (text: String, line: Int) {
        var lines = header.components(separatedBy: "\n")
        let at = (lines.firstIndex(of: block) ?? 0) + 1
        lines.insert(line, at: at)
        return (lines.joined(separator: "\n"), at + 1)
    }

    /// CFG001 findings that name `line` (as the first line of a group, or in its "also lines").
    static func warned(_ text: String, line: Int) -> Bool {
        let device = Linter.parse(text: text, file: "r1.cfg", dialect: .ios)
        let report = Linter.run([Linter.FileResult(path: "r1.cfg", device: device, source: text)])
        return report.findings.contains { finding in
            finding.code == "CFG001" && (finding.line == line || finding.message.contains(" \(line),") || finding.message.contains(" \(line))"))
        }
    }

    /// Every statement the parser knows to drop is warned at its line, in its block.
    @Test func everyDroppedStatementIsWarnedAtItsLine() {
        var cases: [(String, String)] = []
        cases += CiscoKeywords.bgpDropped.keys.sorted().map { (" \($0) 1", "router bgp 65001") }
        cases += CiscoKeywords.bgpSubDropped.keys.sorted().map { (" bgp \($0) 1", "router bgp 65001") }
        cases += CiscoKeywords.neighborDropped.keys.sorted().map { (" neighbor 10.0.0.2 \($0)", "router bgp 65001") }
        cases += CiscoKeywords.igpDropped.keys.sorted().map { (" \($0) 1", "router ospf 1") }
        cases += CiscoKeywords.areaDropped.sorted().map { (" area 1 \($0)", "router ospf 1") }
        cases += CiscoKeywords.interfaceIPDropped.keys.sorted().map { (" ip \($0) X", "interface Gi1") }
        for (line, block) in cases {
            let (text, number) = Self.config(line, in: block)
            #expect(Self.warned(text, line: number), "`\(line)` in `\(block)` is not warned")
        }
    }

    /// Statements with a routing meaning that configs in the wild carry (the list and
    /// more): each either changes the model, checked here, or is warned at its line.
    @Test func routingStatementsAreModelledOrWarned() throws {
        let warnedCases: [(String, String)] = [
            (" network 192.0.2.0 mask 255.255.255.0 route-map SET-MED", "router bgp 65001"),   // route-map on a network statement
            (" redistribute static route-map ONLY-SOME", "router ospf 1"),                      // route-map on redistribution into the IGP
            (" redistribute connected", "router ospf 1"),
            (" default-information originate always", "router ospf 1"),
            (" distance 200", "router ospf 1"),
            (" area 1 nssa", "router ospf 1"),
            (" auto-cost reference-bandwidth 100000", "router ospf 1"),
            (" maximum-paths 1", "router ospf 1"),
            (" ip access-group EDGE in", "interface Gi1"),
            (" ip policy route-map PBR", "interface Gi1"),
            (" neighbor 10.0.0.2 remove-private-as", "router bgp 65001"),
            (" distance bgp 20 200 200", "router bgp 65001"),
            (" bgp bestpath as-path multipath-relax", "router bgp 65001"),
            (" bgp default local-preference 200", "router bgp 65001"),
        ]
        for (line, block) in warnedCases {
            let (text, number) = Self.config(line, in: block)
            #expect(Self.warned(text, line: number), "`\(line)` in `\(block)` is neither modelled nor warned")
        }
        // Modelled: each reaches the model.
        func device(_ line: String, in block: String) -> DeviceConfig {
            Linter.parse(text: Self.config(line, in: block).text, file: "r1.cfg", dialect: .ios)
        }
        #expect(device(" neighbor 10.0.0.2 shutdown", in: "router bgp 65001").bgp?.neighbors.first?.shutdown == true)
        #expect(device(" neighbor 10.0.0.2 weight 100", in: "router bgp 65001").bgp?.neighbors.first?.weight == 100)
        #expect(device(" neighbor 10.0.0.2 allowas-in 2", in: "router bgp 65001").bgp?.neighbors.first?.allowASIn == 2)
        #expect(device(" neighbor 10.0.0.2 ebgp-multihop 3", in: "router bgp 65001").bgp?.neighbors.first?.ebgpMultihop == 3)
        #expect(device(" neighbor 10.0.0.2 default-originate", in: "router bgp 65001").bgp?.neighbors.first?.defaultOriginate == true)
        #expect(device(" ip ospf cost 55", in: "interface Gi1").interfaces.first?.ospfCost == 55)
        #expect(device(" passive-interface Gi1", in: "router ospf 1").igps.first?.passiveInterfaces == ["Gi1"])
        #expect(device(" redistribute static", in: "router ospf 1").igps.first?.redistributeStatic == true)
        // VRFs (docs/vrf.md): the interface joins its VRF's instance, the address family opens the VRF's BGP.
        #expect(device(" vrf forwarding CUST", in: "interface Gi1").interfaces.first?.vrf == "CUST")
        #expect(device(" address-family ipv4 vrf CUST", in: "router bgp 65001").vrfBGP["CUST"]?.asn == 65001)
        let vrf = Linter.parse(text: "hostname r1\nvrf definition CUST\n rd 65000:7\n route-target import 65000:7\n", file: "r1.cfg", dialect: .ios)
        #expect(vrf.vrfs["CUST"]?.importTargets.map(\.description) == ["65000:7"] && vrf.vrfs["CUST"]?.routeDistinguisher?.description == "65000:7")
        // Exec commands in a config change nothing and are not unrecognised.
        let exec = device("do write memory", in: "hostname r1")
        #expect(exec.lines.unrecognized.isEmpty && exec.lines.unsupported.isEmpty)
    }

    /// A static route's trailing options: those with a forwarding meaning routesim drops (an MPLS
    /// label, `permanent`, another VRF's next hop) keep the route but make the line unsupported
    /// with the reason; name, tag and description do not.
    @Test func staticRouteOptionsAreModelledOrSaid() {
        func outcome(_ line: String, dialect: ConfigDialect = .ios) -> (routes: Int, unsupported: [String]) {
            let device = Linter.parse(text: "hostname r1\n\(line)\n", file: "r1.cfg", dialect: dialect)
            return (device.staticRoutes.count, device.lines.unsupported.map(\.reason))
        }
        #expect(outcome("ip route 10.9.0.0 255.255.255.0 10.1.0.1 name TO-LAB tag 7").unsupported.isEmpty)
        let labelled = outcome("ip route 10.9.0.0/24 10.1.0.1 label 16", dialect: .frr)
        #expect(labelled.routes == 1 && labelled.unsupported.first?.contains("MPLS label") == true, "\(labelled)")
        let permanent = outcome("ip route 10.9.0.0 255.255.255.0 Gi1 permanent")
        #expect(permanent.routes == 1 && permanent.unsupported.first?.contains("`permanent`") == true, "\(permanent)")
        #expect(outcome("ip route 10.9.0.0 255.255.255.0 10.1.0.1 name \"default route\" 250").unsupported.isEmpty)
        // Routes that are not unicast routes of the main table are left out, and said.
        let multicast = outcome("ip route 10.9.0.0 255.255.255.0 10.1.0.1 multicast")
        #expect(multicast.routes == 0 && multicast.unsupported.first?.contains("multicast") == true)
        let table = outcome("ip route 10.9.0.0/24 10.1.0.1 table 20", dialect: .frr)
        #expect(table.routes == 0 && table.unsupported.first?.contains("kernel table 20") == true)
        // FRR: a trailing `vrf NAME` puts the route in that VRF; a word after the gateway is its interface.
        let inVRF = Linter.parse(text: "frr version 8.4\nip route 10.9.0.0/24 10.1.0.1 vrf red\nip route 10.8.0.0/24 10.1.0.1 r1-eth0\n", file: "frr.conf", dialect: .frr)
        #expect(inVRF.staticRoutes.map(\.vrf) == ["red", nil])
        #expect(inVRF.staticRoutes.last.map { if case .interface("r1-eth0", let gateway) = $0.target { gateway?.description == "10.1.0.1" } else { false } } == true)
        #expect(inVRF.lines.unsupported.isEmpty, "\(inVRF.lines.unsupported)")
    }
}
