import Foundation
import Pipeline
import RoutingPolicy
import Testing

/// Route-maps, prefix-lists, community and AS-path lists, session filters and conditional
/// advertisement read from configs and simulated with the dialect's semantics.
@Suite struct ConfigPolicyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func router(_ text: String, dialect: ConfigDialect = .ios) throws -> (Router, [String]) {
        let device = Linter.parse(text: text, file: "r.cfg", dialect: dialect)
        let (network, diagnostics) = ConfigNetworkBuilder.build([device], name: "r")
        let built = try #require(network, "\(diagnostics.map(\.message))")
        return (built.routers[0], diagnostics.map(\.message))
    }

    func outcome(_ router: Router, _ map: String, _ prefix: String, asPath: [ASN] = [], communities: [Community] = []) -> PolicyEvaluator.Outcome {
        var attributes = BGPAttributes()
        attributes.asPath = ASPath(asPath)
        attributes.communities = communities
        return PolicyEvaluator(policies: router.policies, localAS: router.asn).apply(map, prefix: Prefix(prefix)!, attributes: attributes)
    }

    static let ios = """
    hostname R
    interface Gi0/1
     ip address 10.0.0.1 255.255.255.252
    router bgp 65001
     neighbor 10.0.0.2 remote-as 65002
     neighbor 10.0.0.2 route-map FROM-PEER in
     neighbor 10.0.0.2 prefix-list CUSTOMER in
     neighbor 10.0.0.2 prefix-list CUSTOMER out
     neighbor 10.0.0.2 route-map MISSING-MAP out
    ip prefix-list CUSTOMER seq 20 permit 0.0.0.0/0 le 32
    ip prefix-list CUSTOMER seq 10 deny 192.0.2.0/24 ge 25
    ip community-list standard BLUE permit 65002:100
    ip as-path access-list 5 permit ^65002_
    route-map FROM-PEER deny 5
     match as-path 5
     match community BLUE
    route-map FROM-PEER permit 10
     match community BLUE
     set local-preference 200
     set community 65001:7 additive
    route-map FROM-PEER permit 20
     match ip address prefix-list NOT-DEFINED
     set metric 50
     set as-path prepend 65001 65001
     set ip next-hop 10.0.0.9
    """

    @Test func routeMapsAndListsFromIOS() throws {
        let (router, warnings) = try router(Self.ios)
        let neighbor = try #require(router.bgp?.neighbors.first)
        #expect(neighbor.importPolicy == "FROM-PEER + prefix-list CUSTOMER in")
        #expect(neighbor.exportPolicy == "MISSING-MAP + prefix-list CUSTOMER out")
        // Prefix-list entries by sequence: the /25 inside 192.0.2.0/24 is denied first.
        let list = try #require(router.policies.prefixLists["CUSTOMER"])
        #expect(list.entries.map { "\($0.action) \($0.prefix) \($0.ge.map(String.init) ?? "-") \($0.le.map(String.init) ?? "-")" }
                == ["deny 192.0.2.0/24 25 -", "permit 0.0.0.0/0 - 32"])
        let inbound = neighbor.importPolicy ?? ""
        // Entry 5 needs both the AS path and the community: deny.
        #expect(outcome(router, inbound, "198.51.100.0/24", asPath: [65002], communities: [Community("65002:100")!]) == .denied(entry: 5))
        // Entry 10: community BLUE, local preference and an added community.
        if case .permitted(let attributes, let entry) = outcome(router, inbound, "198.51.100.0/24", asPath: [65003], communities: [Community("65002:100")!]) {
            #expect(entry == 10 && attributes.localPreference == 200)
            #expect(attributes.communities.map(\.description) == ["65001:7", "65002:100"])
        } else { Issue.record("entry 10 should permit") }
        // Entry 20 matches an undefined prefix-list: IOS ignores that match, so it takes every other route.
        if case .permitted(let attributes, let entry) = outcome(router, inbound, "203.0.113.0/24", asPath: [65003]) {
            #expect(entry == 20 && attributes.med == 50 && attributes.asPath.description == "65001 65001 65003")
            #expect(attributes.nextHop == IPAddress("10.0.0.9"))
        } else { Issue.record("entry 20 should permit") }
        // The neighbor's prefix-list still applies on top of the route-map.
        #expect(outcome(router, inbound, "192.0.2.128/25", asPath: [65003]) == .denied(entry: nil))
        // An undefined route-map denies everything, even with the prefix-list permitting.
        #expect(outcome(router, neighbor.exportPolicy ?? "", "203.0.113.0/24") == .denied(entry: nil))
        #expect(warnings.contains { $0.contains("route-map MISSING-MAP is not defined; IOS denies every route") })
        #expect(warnings.contains { $0.contains("matches prefix-list NOT-DEFINED, which is not defined; IOS ignores the match") })
        #expect(!warnings.contains { $0.contains("set ip next-hop") })
    }

    @Test func undefinedListInFRRMatchesNothing() throws {
        let text = """
        hostname R
        interface eth0
         ip address 10.0.0.1/30
        router bgp 65001
         neighbor 10.0.0.2 remote-as 65002
         neighbor 10.0.0.2 route-map IN in
        bgp as-path access-list PEER seq 5 permit ^65002$
        route-map IN permit 10
         match ip address prefix-list NOT-DEFINED
        route-map IN permit 20
         match as-path PEER
        """
        let (router, warnings) = try router(text, dialect: .frr)
        #expect(warnings.contains { $0.contains("FRR's match fails, so the entry matches no route") })
        if case .permitted(_, let entry) = outcome(router, "IN", "203.0.113.0/24", asPath: [65002]) { #expect(entry == 20) } else { Issue.record("entry 20 should permit") }
        #expect(outcome(router, "IN", "203.0.113.0/24", asPath: [65003]) == .denied(entry: nil))
    }

    /// examples/null0-peering-conditional-configs: mitigation 3 as IOS configs. R2 advertises the
    /// aggregate to R3 only while R1's loopback is in its BGP table, so failing R1-R2 no longer
    /// black-holes R3's and R4's traffic (the plain configs do, ConfigNetworkTests).
    @Test func conditionalAdvertisementFromConfigsRemovesTheBlackHole() throws {
        let path = Self.root.appendingPathComponent("examples/null0-peering-conditional-configs").path
        let (network, warnings) = try RouteSim.loadConfigs([path]).get()
        #expect(warnings.isEmpty, "\(warnings.map(\.message))")
        let r2 = try #require(network.routers.first { $0.name == "R2" })
        let toR3 = try #require(r2.bgp?.neighbors.first { $0.remoteAS == 65002 })
        #expect(toR3.conditionalAdvertisement == ConditionalAdvertisement(advertiseMap: "AGGREGATE", condition: .exist("CORE-BEACON")))
        #expect(toR3.exportPolicy == "AGGREGATE-ONLY")
        let report = FailureAnalysis.run(network)
        let r1r2 = try #require(report.scenarios.first { $0.name == "link R1-R2" })
        // Only R2's own traffic dies on its pin (it is cut off from R1); R3 and R4 go around through T1.
        #expect(r1r2.flows.filter { $0.classification == .blackHoled }.map(\.flow) == ["R2->198.51.100.0/24"])
        #expect(r1r2.flows.first { $0.flow == "R3->198.51.100.0/24" }?.classification == .rerouted)
        #expect(r1r2.flows.first { $0.flow == "R4->198.51.100.0/24" }?.classification == .rerouted)
        // R3 has no route to R1's beacon even without a failure (R2 exports only the aggregate):
        // listed under the baseline, not as something this failure broke; R2 losing it is.
        #expect(report.baseline.filter { $0.classification == .noRoute }.map(\.flow) == ["R3->10.1.0.1/32", "R4->10.1.0.1/32", "T1->10.1.0.1/32"])
        #expect(r1r2.flows.filter { $0.classification == .noRoute }.map(\.flow) == ["R2->10.1.0.1/32"])
        // In the baseline R2 does advertise the aggregate to R3.
        let baseline = Engine.run(network)
        let r3 = try #require(network.routers.firstIndex { $0.name == "R3" })
        #expect(baseline.bgpTables[r3][Prefix("198.51.100.0/24")!]?.isEBGP == true)
    }

    /// FRR's `bgp ebgp-requires-policy` (default since 7.4, off in the datacenter profile): an
    /// eBGP session without filters exchanges no routes.
    @Test(arguments: [("", false), ("frr defaults datacenter\n", true), ("frr version 7.3\n", true), ("frr version 8.4.1\n", false)])
    func frrEBGPRequiresPolicy(header: String, exchanged: Bool) throws {
        let r1 = header + "hostname r1\ninterface lo\n ip address 10.9.9.1/32\ninterface eth0\n ip address 192.168.1.1/30\n"
            + "router bgp 65001\n neighbor 192.168.1.2 remote-as 65002\n network 10.9.9.1/32\n"
        let r2 = header + "hostname r2\ninterface eth0\n ip address 192.168.1.2/30\nrouter bgp 65002\n neighbor 192.168.1.1 remote-as 65001\n"
        let devices = [Linter.parse(text: r1, file: "r1/frr.conf", dialect: .frr), Linter.parse(text: r2, file: "r2/frr.conf", dialect: .frr)]
        let (built, diagnostics) = ConfigNetworkBuilder.build(devices, name: "pair")
        let network = try #require(built)
        let plane = Engine.run(network)
        #expect(plane.sessions.filter(\.established).count == 2)
        #expect((plane.bgpTables[1][Prefix("10.9.9.1/32")!] != nil) == exchanged, "\(header)")
        #expect(diagnostics.filter { $0.code == "CFG002" }.count == (exchanged ? 0 : 4))
    }

    @Test func frrFiltersSatisfyEBGPRequiresPolicy() throws {
        let r1 = "hostname r1\ninterface lo\n ip address 10.9.9.1/32\ninterface eth0\n ip address 192.168.1.1/30\nrouter bgp 65001\n"
            + " neighbor 192.168.1.2 remote-as 65002\n network 10.9.9.1/32\n neighbor 192.168.1.2 prefix-list MINE out\n!\nip prefix-list MINE seq 5 permit 10.9.9.1/32\n"
        let r2 = "hostname r2\ninterface eth0\n ip address 192.168.1.2/30\nrouter bgp 65002\n neighbor 192.168.1.1 remote-as 65001\n neighbor 192.168.1.1 route-map ALL in\n!\nroute-map ALL permit 10\n"
        let devices = [Linter.parse(text: r1, file: "r1/frr.conf", dialect: .frr), Linter.parse(text: r2, file: "r2/frr.conf", dialect: .frr)]
        let (built, diagnostics) = ConfigNetworkBuilder.build(devices, name: "pair")
        let network = try #require(built)
        #expect(Engine.run(network).bgpTables[1][Prefix("10.9.9.1/32")!] != nil)
        // r1 accepts nothing from r2 and r2 announces nothing to r1: two warnings, both about those directions.
        #expect(diagnostics.filter { $0.code == "CFG002" }.map(\.message).sorted()
                == ["neighbor 192.168.1.1 has no outbound filter: FRR's bgp ebgp-requires-policy (the default since 7.4) announces no route to it",
                    "neighbor 192.168.1.2 has no inbound filter: FRR's bgp ebgp-requires-policy (the default since 7.4) accepts no route from it"])
    }

    /// Junos has no `network` statement: R2 (as Junos, the others as IOS) announces its Null0 pin
    /// because its export policy accepts the static route. Unconditionally, failing R1-R2
    /// black-holes R3's and R4's traffic at R2; with `from condition` on a route R2 only has while
    /// it reaches R1 (`if-route-exists 10.1.0.1/32`, R1's loopback by OSPF), it does not.
    @Test(arguments: [false, true]) func junosExportPolicyAnnouncesThePin(conditional: Bool) throws {
        let folder = Self.root.appendingPathComponent("examples/null0-peering-configs")
        var devices = try ["R1", "R3", "R4", "T1"].map { name in
            let path = folder.appendingPathComponent("\(name).cfg").path
            return Linter.parse(text: try String(contentsOfFile: path, encoding: .utf8), file: path)
        }
        var r2 = """
        set system host-name R2
        set interfaces lo0 unit 0 family inet address 10.1.0.2/32
        set interfaces ge-0/0/1 unit 0 family inet address 172.16.0.1/31
        set interfaces ge-0/0/2 unit 0 family inet address 192.0.2.2/31
        set routing-options autonomous-system 65001
        set routing-options static route 198.51.100.0/24 discard
        set protocols ospf area 0.0.0.0 interface all
        set protocols bgp group CORE type internal
        set protocols bgp group CORE local-address 10.1.0.2
        set protocols bgp group CORE neighbor 10.1.0.1
        set protocols bgp group PEER type external
        set protocols bgp group PEER peer-as 65002
        set protocols bgp group PEER neighbor 192.0.2.3
        set protocols bgp group PEER export EXPORT-AGGREGATE
        set policy-options policy-statement EXPORT-AGGREGATE term AGGREGATE from protocol static
        set policy-options policy-statement EXPORT-AGGREGATE term AGGREGATE from route-filter 198.51.100.0/24 exact
        set policy-options policy-statement EXPORT-AGGREGATE term AGGREGATE then accept
        set policy-options policy-statement EXPORT-AGGREGATE term REST then reject

        """
        if conditional {
            r2 += """
            set policy-options policy-statement EXPORT-AGGREGATE term AGGREGATE from condition CORE-UP
            set policy-options condition CORE-UP if-route-exists 10.1.0.1/32 table inet.0

            """
        }
        devices.append(Linter.parse(text: r2, file: "R2.conf"))
        #expect(devices.last?.dialect == .junos)
        let (built, diagnostics) = ConfigNetworkBuilder.build(devices, name: "mixed")
        let network = try #require(built, "\(diagnostics.map(\.message))")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let baseline = Engine.run(network)
        #expect(baseline.sessions.filter(\.established).count == baseline.sessions.count)
        let r3 = try #require(network.routers.firstIndex { $0.name == "R3" })
        // R3 learns the aggregate from R2 (and only that: the REST term rejects R2's other routes).
        #expect(baseline.bgpTables[r3][Prefix("198.51.100.0/24")!].map { $0.isEBGP && $0.attributes.asPath.description == "65001" } == true)
        #expect(baseline.bgpTables[r3][Prefix("10.1.0.2/32")!] == nil)
        let report = FailureAnalysis.run(network)
        let r1r2 = try #require(report.scenarios.first { $0.name == "link R1-R2" })
        let blackHoled = r1r2.flows.filter { $0.classification == .blackHoled }.map(\.flow).sorted()
        #expect(blackHoled == (conditional ? ["R2->198.51.100.0/24"] : ["R2->198.51.100.0/24", "R3->198.51.100.0/24", "R4->198.51.100.0/24"]))
        // The linter agrees: the unconditional export is the pin pattern, the conditional one is not.
        let lint = Linter.run(devices.map { Linter.FileResult(path: $0.file, device: $0) })
        #expect(lint.findings.contains { $0.code == "NULL-PIN-UNCONDITIONAL" && $0.file == "R2.conf" } == !conditional)
    }
}
