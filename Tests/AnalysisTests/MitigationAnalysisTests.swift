import Foundation
import Pipeline
import Testing

/// The background note's claims, checked by sweeping failures over the example networks.
@Suite struct MitigationAnalysisTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func analyse(_ name: String, k: Int = 1, sets: Bool = false) throws -> FailureReport {
        let path = root.appendingPathComponent("topologies/\(name)/topology.yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        var options = FailureAnalysis.Options()
        options.enumeration = ScenarioEnumeration(maximumFailures: k, includeSets: sets, includeRouters: true)
        return FailureAnalysis.run(network, options: options)
    }

    static func blackHoles(_ report: FailureReport) -> [String] {
        report.scenarios.filter { $0.flows.contains { $0.classification == .blackHoled } }.map(\.name).sorted()
    }

    @Test func baselineBlackHolesOnlyWhenThePeeringUplinkFails() throws {
        let report = try Self.analyse("null0-peering")
        #expect(report.baseline.allSatisfy { $0.classification == .delivered })
        #expect(Self.blackHoles(report) == ["link R1-R2"])
        let scenario = try #require(report.scenarios.first { $0.name == "link R1-R2" })
        let flow = try #require(scenario.flows.first { $0.flow == "server-to-client" })
        #expect(flow.classification == .blackHoled)
        #expect(flow.at == "R2")
        #expect(scenario.flows.first { $0.flow == "client-to-server" }?.classification == .rerouted)
        let cause = try #require(flow.cause)
        #expect(cause.droppingRouter == "R2")
        #expect(cause.announcements.map(\.announcer) == ["R3", "R2"])
        #expect(cause.announcements.last?.session == "eBGP R2-R3")
        #expect(cause.keptAliveBy.hasPrefix("R2 announces 198.51.100.0/24 from its network statement, which stays matched by its static route to Null0"))
        #expect(cause.missingReachability == "in the baseline R2 forwarded 198.51.100.10 by its ospf route 198.51.100.0/25 toward R1; that route is gone since link R1-R2 failed")
        #expect(cause.failedElements == ["link R1-R2"])
        // Losing R1 or R4 cuts the client or the server off: isolated, not a black hole.
        #expect(report.scenarios.first { $0.name == "router R1" }?.flows.allSatisfy { $0.classification == .isolated } == true)
    }

    @Test(arguments: ["null0-peering-redundant", "null0-peering-core-pin", "null0-peering-conditional", "null0-peering-tracked"])
    func mitigationSurvivesEverySingleFailure(_ name: String) throws {
        let report = try Self.analyse(name)
        #expect(report.scenariosRun >= 11)
        #expect(Self.blackHoles(report).isEmpty, "\(name): \(Self.blackHoles(report))")
        #expect(!report.has(.loop) && !report.has(.noRoute))
    }

    @Test func redundantUplinksStillFailTogether() throws {
        let report = try Self.analyse("null0-peering-redundant", k: 2)
        #expect(Self.blackHoles(report) == ["link R1-R2 + link R1-R2-b"])
        #expect(report.pruned > 0)
        let sets = try Self.analyse("null0-peering-redundant", sets: true)
        #expect(Self.blackHoles(sets) == ["set peering-uplinks"])
    }

    @Test func pruningDropsLinksNextToFailedRouters() throws {
        let path = Self.root.appendingPathComponent("topologies/null0-peering/topology.yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        let pairs = ScenarioEnumeration(maximumFailures: 2, includeSets: false).scenarios(for: network)
        // 6 links + 5 routers = 11 singles, C(11,2) = 55 pairs, 12 of them a router with an adjacent link.
        #expect(pairs.pruned == 12)
        #expect(pairs.scenarios.count == 11 + 55 - 12)
        #expect(!pairs.scenarios.contains { $0.name == "link R1-R2 + router R1" })
    }

    @Test func reportIsDeterministic() throws {
        let a = JSONOutput.encode(try Self.analyse("null0-peering", k: 2))
        let b = JSONOutput.encode(try Self.analyse("null0-peering", k: 2))
        #expect(a == b)
        #expect(a.contains("\"schemaVersion\" : 1"))
    }
}

extension MitigationAnalysisTests {
    static func suggestions(k: Int) throws -> [MitigationSuggester.Suggestion] {
        let path = root.appendingPathComponent("topologies/null0-peering/topology.yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        var options = FailureAnalysis.Options()
        options.enumeration = ScenarioEnumeration(maximumFailures: k, includeSets: false)
        return MitigationSuggester.suggest(network, report: FailureAnalysis.run(network, options: options), options: options)
    }

    @Test func everyMitigationFixesTheSingleFailureBlackHole() throws {
        let suggestions = try Self.suggestions(k: 1)
        // The Null0 pin's four mitigations (the import check is on, so that one does not apply).
        #expect(suggestions.map(\.mitigation) == [.trackedStatic, .conditionalAdvertisement, .pinInCore, .redundantLink])
        for suggestion in suggestions {
            #expect(suggestion.scenario == "link R1-R2" && suggestion.flow == "server-to-client")
            #expect(suggestion.recommended, "\(suggestion.mitigation.rawValue): \(suggestion.newProblems)")
        }
        #expect(suggestions.first { $0.mitigation == .trackedStatic }?.change == "on R2: ip sla 1 icmp-echo 10.1.0.1 source lo0; track 1 ip sla 1 reachability; ip route 198.51.100.0/24 Null0 track 1")
    }

    /// A `network` statement without the import check black-holes like a Null0 pin: the flow is
    /// classified black-holed with its cause chain, and turning the check on fixes it.
    @Test func anAnnouncementWithoutTheImportCheckIsABlackHole() throws {
        let path = Self.root.appendingPathComponent("topologies/bgp-network-no-import-check/topology.yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        let options = FailureAnalysis.Options()
        let report = FailureAnalysis.run(network, options: options)
        let scenario = try #require(report.scenarios.first { $0.name == "link C-P" })
        let flow = try #require(scenario.flows.first)
        #expect(flow.classification == .blackHoled && flow.at == "P")
        let cause = try #require(flow.cause)
        #expect(cause.prefix == "198.51.100.0/24")
        #expect(cause.keptAliveBy.contains("although its RIB has no route for it: its network import check is off"))
        #expect(cause.announcements.map(\.announcer) == ["P"])
        let suggestions = MitigationSuggester.suggest(network, report: report, options: options)
        #expect(suggestions.first { $0.mitigation == .networkImportCheck }?.recommended == true)
        // With the check on (every dialect's default) the same failure reroutes nothing: P withdraws.
        var checked = network
        checked.routers[try #require(network.routerIndex["P"])].bgp?.networkImportCheck = nil
        #expect(FailureAnalysis.run(checked, options: options).scenarios.first { $0.name == "link C-P" }?.flows.first?.classification != .blackHoled)
    }

    /// The cause chain names the path that could have been used instead and why it lost: in
    /// the background note's black hole, R4 had T1's transit path, longer by one AS.
    @Test func causeChainsNameTheCompetitorThatLost() throws {
        let path = Self.root.appendingPathComponent("topologies/null0-peering/topology.yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        let report = FailureAnalysis.run(network)
        let flow = try #require(report.scenarios.first { $0.name == "link R1-R2" }?.flows.first { $0.classification == .blackHoled })
        let cause = try #require(flow.cause)
        #expect(cause.announcements.first?.alternatives == ["a path from T1 (AS path 64500 65001), which lost at as-path-length"])
        #expect(cause.announcements.last?.alternatives == nil)
        #expect(cause.chain.first?.hasSuffix("; it also had a path from T1 (AS path 64500 65001), which lost at as-path-length") == true)
    }

    @Test func aSecondLinkIsNotEnoughAgainstDoubleFailures() throws {
        let suggestions = try Self.suggestions(k: 2)
        let link = try #require(suggestions.first { $0.mitigation == .redundantLink && $0.scenario == "link R1-R2" })
        #expect(link.removesBlackHole)
        #expect(!link.recommended)
        #expect(link.newProblems.contains("link R1-R2 + link R2-R1#suggested: server-to-client black-holed"))
        #expect(suggestions.first { $0.mitigation == .trackedStatic && $0.scenario == "link R1-R2" }?.recommended == true)
    }
}

/// The null0-peering network written as IOS configs (examples/null0-peering-configs): the network
/// built from them converges and the sweep finds the same black hole as the YAML topology.
@Suite struct ConfigNetworkTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let configs = root.appendingPathComponent("examples/null0-peering-configs").path

    @Test func configsBuildTheNetworkAndItsBlackHole() throws {
        let (network, warnings) = try RouteSim.loadConfigs([Self.configs]).get()
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(network.routers.map(\.name) == ["R1", "R2", "R3", "R4", "T1"])
        #expect(network.links.map(\.name).sorted() == ["R1-R2", "R1-T1", "R2-R3", "R3-R4", "R4-T1"])
        let plane = Engine.run(network)
        #expect(plane.sessions.allSatisfy(\.established) && plane.sessions.count == 10)
        let report = FailureAnalysis.run(network)
        let blackHoles = report.scenarios.filter { $0.flows.contains { $0.classification == .blackHoled } }
        #expect(blackHoles.map(\.name) == ["link R1-R2"])
        let dropped = blackHoles.first?.flows.filter { $0.classification == .blackHoled } ?? []
        #expect(dropped.map(\.flow) == ["R2->198.51.100.0/24", "R3->198.51.100.0/24", "R4->198.51.100.0/24"])
        #expect(dropped.allSatisfy { $0.at == "R2" && $0.cause?.droppingRouteLocation?.hasSuffix("R2.cfg:18:1") == true })
        // The linter, on the same files, points at the same line, and only there.
        let lint = Linter.run(Linter.parseAll(Linter.collect([Self.configs]).files))
        #expect(lint.findings.filter { $0.code.hasPrefix("NULL-PIN") }.map { "\(($0.file as NSString).lastPathComponent):\($0.line) \($0.code)" }
                == ["R2.cfg:18 NULL-PIN-SINGLE-UPLINK", "R2.cfg:18 NULL-PIN-UNCONDITIONAL"])
    }

    /// FRR topotest layout: `r1/frr.conf`, `r2/bgpd.conf` + `r2/zebra.conf`, no hostnames,
    /// `remote-as external`: routers are named by directory and the peer AS comes from the
    /// config that owns the neighbor's address.
    @Test func frrDirectoriesAndExternalRemoteAS() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-frrnet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["r1", "r2"] { try FileManager.default.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true) }
        try Data("interface r1-eth0\n ip address 192.168.1.1/24\nrouter bgp 65001\n neighbor 192.168.1.2 remote-as external\n".utf8)
            .write(to: root.appendingPathComponent("r1/frr.conf"))
        try Data("router bgp 65002\n neighbor 192.168.1.1 remote-as external\n".utf8).write(to: root.appendingPathComponent("r2/bgpd.conf"))
        try Data("interface r2-eth0\n ip address 192.168.1.2/24\n".utf8).write(to: root.appendingPathComponent("r2/zebra.conf"))
        let (network, warnings) = try RouteSim.loadConfigs([root.path], dialect: .frr).get()
        // Neither says `no bgp ebgp-requires-policy`: FRR's default filters both directions (ConfigPolicyTests).
        #expect(warnings.map(\.code) == ["CFG002", "CFG002", "CFG002", "CFG002"], "\(warnings)")
        #expect(network.routers.map(\.name) == ["r1", "r2"])
        #expect(network.routers.compactMap { $0.bgp?.neighbors.first?.remoteAS } == [65002, 65001])
        #expect(Engine.run(network).sessions.filter(\.established).count == 2)
    }

    @Test func whatTheModelCannotTakeIsWarnedNotDropped() throws {
        let text = """
        hostname X
        interface Gi0/1
         ip address 10.0.0.1 255.255.255.0
         ip address 10.0.1.1 255.255.255.0 secondary
        router bgp 65001
         neighbor 10.0.0.2 remote-as 65002
         neighbor 10.0.0.2 route-map IN in
         redistribute eigrp 1
        ip route vrf RED 10.9.0.0 255.255.0.0 Null0
        """
        let device = Linter.parse(text: text, file: "x.cfg", dialect: .ios)
        let (network, diagnostics) = ConfigNetworkBuilder.build([device], name: "x")
        #expect(network != nil)
        let messages = diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("2 IPv4 addresses; only the first") })
        #expect(messages.contains { $0.contains("route-map IN is not defined; IOS denies every route it is applied to") })
        #expect(messages.contains { $0.contains("redistribute eigrp is not modelled") })
        // A VRF static with no VRF definition: the VRF's instance holds it, and the missing definition is said.
        #expect(messages.contains { $0.contains("VRF RED is used but not defined") })
        #expect(network?.router(named: "X/RED")?.staticRoutes.map(\.prefix.description) == ["10.9.0.0/16"])
        #expect(diagnostics.allSatisfy { $0.location?.file == "x.cfg" })
    }
}

/// Issue 13 #9: suggestions fit the dialect and are judged on every flow the failure breaks.
extension MitigationAnalysisTests {
    static func suggestions(vendor: String) throws -> [MitigationSuggester.Suggestion] {
        let path = root.appendingPathComponent("topologies/null0-peering/topology.yml").path
        let text = "vendor: \(vendor)\n" + (try String(contentsOfFile: path, encoding: .utf8))
        let network = try #require(TopologyLoader.load(yaml: text, file: "null0-peering.yml").network)
        var options = FailureAnalysis.Options()
        options.enumeration = ScenarioEnumeration(maximumFailures: 1, includeSets: false)
        return MitigationSuggester.suggest(network, report: FailureAnalysis.run(network, options: options), options: options)
    }

    @Test func suggestionsAreWrittenInTheRoutersDialect() throws {
        let ios = try Self.suggestions(vendor: "ios")
        #expect(ios.first { $0.mitigation == .trackedStatic }?.configuration.first?.lines.first == "ip sla 1")
        #expect(ios.allSatisfy { $0.stillBroken.isEmpty })
        // IP SLA and tracked statics are IOS's: not offered where the dialect has none.
        for vendor in ["frr", "eos", "junos"] {
            let suggestions = try Self.suggestions(vendor: vendor)
            #expect(!suggestions.contains { $0.mitigation == .trackedStatic }, "\(vendor)")
            let conditional = try #require(suggestions.first { $0.mitigation == .conditionalAdvertisement }, "\(vendor)")
            #expect(conditional.recommended)
            let edge = try #require(conditional.configuration.first { $0.router == "R2" })
            #expect(edge.dialect == vendor)
            switch vendor {
            case "junos": #expect(edge.lines.contains("set policy-options condition ROUTESIM-CORE-PRESENT if-route-exists 10.1.0.1/32 table inet.0"))
            case "frr": #expect(edge.lines.contains(" address-family ipv4 unicast") && edge.lines.contains { $0.hasSuffix("advertise-map ROUTESIM-ADVERTISE exist-map ROUTESIM-CORE-PRESENT") })
            default: #expect(edge.lines.contains("   seq 10 permit 198.51.100.0/24"))
            }
        }
    }
}
