import Foundation
import Pipeline
import Testing

/// Issue 17, the event schedule of a failure (docs/timeline.md). Expected windows written from
/// the rules there before running: a session whose own interface goes down drops at +0; one
/// that only loses its path drops at hold expiry, between hold − keepalive and hold (RFC 4271
/// 4.4: the hold timer restarts at each keepalive), or after BFD's interval × multiplier; the
/// IGP reconverges after the SPF delay; a track goes down between the probe timeout and a full
/// frequency later, plus its down delay; conditional advertisement is re-evaluated within one
/// scan interval after its watched route changes.
@Suite struct FailureTimelineTests {
    static let topologies = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../topologies").standardized

    static func schedule(_ network: Network, links: [String] = [], routers: [String] = []) throws -> [String] {
        let spec = try RouteSim.failures(links: links, routers: routers, in: network).get()
        let baseline = Engine.baseline(network)
        let timeline = FailureTimeline(baseline: baseline.plane, failed: Engine.run(network, failures: spec, baseline: baseline))
        return timeline.events.map { "\($0.window) \($0.router): \($0.what)" }
    }

    /// The background note's failure with IOS defaults: R1 and R2 peer over their loopbacks,
    /// which the failed link was the only path between, so their session lives on until the
    /// 180 s hold time runs out (keepalives every 60 s).
    @Test func nullPeeringLinkFailure() throws {
        let network = try #require(TopologyLoader.load(path: Self.topologies.appendingPathComponent("null0-peering/topology.yml").path).network)
        #expect(try Self.schedule(network, links: ["R1-R2"]) == [
            "+0 s : link R1-R2 fails",
            "+5 s AS 65001: IGP routes change at 2 routers",
            "+120 s .. +180 s R1: BGP session to R2 (10.1.0.2) goes down",
            "+120 s .. +180 s R2: BGP session to R1 (10.1.0.1) goes down",
        ])
        // T1's eBGP session to R1 runs over the link that goes down with R1: at once.
        let router = try Self.schedule(network, routers: ["R1"])
        #expect(router.contains("+0 s T1: BGP session to R1 (10.254.0.8) goes down"), "\(router)")
        #expect(router.contains("+120 s .. +180 s R2: BGP session to R1 (10.1.0.1) goes down"), "\(router)")
    }

    /// A VRF's sessions are timed like the router's: the CE-A1 to PE1/red link fails silently
    /// (its interfaces stay up), so both ends of their eBGP session wait for the hold time, IOS
    /// defaults 180 s with keepalives every 60 s. Before, the VRF end had no timers (VRF
    /// instances were left out of the timer table) and its event was missing.
    @Test func vrfSessionsAreTimed() throws {
        let network = try #require(TopologyLoader.load(path: Self.topologies.appendingPathComponent("l3vpn-two-customers/topology.yml").path).network)
        let spec = try RouteSim.failures(links: ["CE-A1-PE1/red"], routers: [], in: network).get()
        let baseline = Engine.baseline(network)
        let timeline = FailureTimeline(baseline: baseline.plane, failed: Engine.run(network, failures: spec, baseline: baseline), silentLinks: true)
        let sessions = timeline.events.filter { $0.what.contains("BGP session") }.map { "\($0.window) \($0.router): \($0.what)" }
        #expect(sessions.count == 2 && sessions.allSatisfy { $0.hasPrefix("+120 s .. +180 s") }, "\(sessions)")
        #expect(sessions.contains { $0.contains("PE1/red: BGP session to CE-A1") }, "\(sessions)")
    }

    /// The conditional-advertisement mitigation: R2 stops announcing the aggregate only at its
    /// next scan after the watched route goes, by 180 s (hold expiry) + 60 s (IOS scanner).
    @Test func conditionalAdvertisementWaitsForTheScanner() throws {
        let folder = Self.topologies.deletingLastPathComponent().appendingPathComponent("examples/null0-peering-conditional-configs").path
        let (network, _) = try RouteSim.loadConfigs([folder]).get()
        let schedule = try Self.schedule(network, links: ["R1-R2"])
        #expect(schedule.contains("+0 s .. +240 s R2: conditional advertisement to 192.0.2.3 stops"), "\(schedule)")
    }

    /// BFD and a tracked static, from YAML: A and B (FRR: bfdd's 300 ms x 3 by default) peer
    /// over their loopbacks through M with BFD at both ends; M-B fails. C (IOS) asks for BFD toward
    /// B with no interval (IOS has no default) and B does not run it back: C waits for its hold time. A's probe of B's loopback (every
    /// 5 s, timeout 1 s) drives track 1, delay down 2 s. The A-M link's BFD interval is an
    /// interface's: it does not time a session between loopbacks.
    @Test func bfdAndTrackWindows() throws {
        let yaml = """
        name: timers
        ases: { 65001: { igp: ospf } }
        routers:
          A:
            asn: 65001
            vendor: frr
            loopbacks: { lo: 10.0.0.1/32 }
            ip-sla: { 1: { target: 10.0.0.3, frequency: 5, timeout: 1000ms } }
            tracks: { 1: { ip-sla: 1, delay-down: 2 } }
            static-routes: [ { prefix: 192.0.2.0/24, discard: true, track: 1 } ]
            bgp: { neighbors: [ { peer: B, bfd: true } ] }
          M: { asn: 65001, loopbacks: { lo: 10.0.0.2/32 } }
          B: { asn: 65001, vendor: frr, loopbacks: { lo: 10.0.0.3/32 }, bgp: { neighbors: [ { peer: A, bfd: true }, { peer: C } ] } }
          C: { asn: 65001, loopbacks: { lo: 10.0.0.4/32 }, bgp: { neighbors: [ { peer: B, bfd: true } ] } }
        links:
          - { endpoints: [A, M], timers: { bfd-interval: 100ms, bfd-multiplier: 3 } }
          - M-B
          - B-C
        """
        let loaded = TopologyLoader.load(yaml: yaml, file: "timers.yml")
        let network = try #require(loaded.network, "\(loaded.diagnostics.map(\.description))")
        let schedule = try Self.schedule(network, links: ["M-B"])
        #expect(schedule.contains("+900 ms A: BGP session to B (10.0.0.3) goes down"), "\(schedule)")
        #expect(schedule.contains("+900 ms B: BGP session to A (10.0.0.1) goes down"), "\(schedule)")
        let c = try Self.schedule(network, links: ["B-C"])
        #expect(c.contains("+120 s .. +180 s C: BGP session to B (10.0.0.3) goes down"), "\(c)")
        #expect(schedule.contains("+3 s .. +8 s A: track 1 (ip sla 1) goes down"), "\(schedule)")
    }

    static func intervals(_ network: Network, link: String, from source: String, to destination: String) throws -> [String] {
        let spec = try RouteSim.failures(links: [link], routers: [], in: network).get()
        let baseline = Engine.baseline(network)
        let timeline = FailureTimeline(baseline: baseline.plane, failed: Engine.run(network, failures: spec, baseline: baseline))
        let address = try #require(IPAddress(destination))
        let flows = timeline.flowTimelines(baseline: baseline, failures: spec, flows: [(name: "f", from: source, to: address)])
        return try #require(flows.first).intervals.map { "\($0.from) \($0.outcome.prefix(22))" }
    }

    /// The conditional-advertisement mitigation's transient (expected from the schedule above):
    /// traffic toward the pinned aggregate dies on the failed link until the IGP reconverges,
    /// then in R2's Null0 route until R2 stops announcing the aggregate, at most 240 s.
    @Test func conditionalMitigationLeavesATransientBlackHole() throws {
        let folder = Self.topologies.deletingLastPathComponent().appendingPathComponent("examples/null0-peering-conditional-configs").path
        let (network, _) = try RouteSim.loadConfigs([folder]).get()
        #expect(try Self.intervals(network, link: "R1-R2", from: "R3", to: "198.51.100.1") == [
            "+0 s dropped at R2: link R1",
            "+5 s null-routed at R2 by s",
            "+5 s .. +240 s delivered to R1",
        ])
    }

    /// Without a mitigation the black hole of the background note starts when the IGP
    /// reconverges and never ends.
    @Test func unmitigatedBlackHoleLastsForever() throws {
        let network = try #require(TopologyLoader.load(path: Self.topologies.appendingPathComponent("null0-peering/topology.yml").path).network)
        let intervals = try Self.intervals(network, link: "R1-R2", from: "R3", to: "198.51.100.1")
        #expect(intervals == ["+0 s dropped at R2: link R1", "+5 s null-routed at R2 by s"], "\(intervals)")
    }

    /// The mitigations' READMEs state these timelines (R1-R2 fails, server -> client): the
    /// tracked static ends the black hole with the first timed-out probe (IOS: every 60 s,
    /// timeout 5 s), the core pin and the redundant link leave only the SPF delay.
    @Test(arguments: [
        ("null0-peering-tracked", ["+0 s dropped at R2: link R1", "+5 s null-routed at R2 by s", "+5 s .. +65 s delivered to client"]),
        ("null0-peering-conditional", ["+0 s dropped at R2: link R1", "+5 s null-routed at R2 by s", "+5 s .. +240 s delivered to client"]),
        ("null0-peering-core-pin", ["+0 s dropped at R2: link R1", "+5 s delivered to client"]),
    ])
    func mitigationTimelines(_ name: String, _ expected: [String]) throws {
        let network = try #require(TopologyLoader.load(path: Self.topologies.appendingPathComponent("\(name)/topology.yml").path).network)
        let server = try #require(network.hosts.first { $0.name == "server" }).name
        let client = try #require(network.hosts.first { $0.name == "client" }?.address)
        #expect(try Self.intervals(network, link: "R1-R2", from: server, to: client.description) == expected)
    }

    /// Two equal-cost uplinks: when one fails, R1 and R2 drop its next hop as the interface goes
    /// down, before any SPF (FRR zebra marks the nexthop inactive on the interface event:
    /// FRRouting/frr#18723), so server -> client is never dropped, and the sweep's timelines
    /// list no flow for the scenario.
    @Test func equalCostNextHopsAreRepairedLocally() throws {
        let network = try #require(TopologyLoader.load(path: Self.topologies.appendingPathComponent("null0-peering-redundant/topology.yml").path).network)
        let client = try #require(network.hosts.first { $0.name == "client" }?.address)
        #expect(try Self.intervals(network, link: "R1-R2", from: "server", to: client.description) == ["+0 s delivered to client"])
        let report = FailureAnalysis.run(network)
        let timelines = RouteSim.timelines(network, report: report, enumeration: ScenarioEnumeration())
        #expect(!timelines.contains { $0.scenario.name == "link R1-R2" || $0.scenario.name == "link R1-R2-b" }, "\(timelines.map(\.scenario.name))")
    }

    /// A backup link of higher cost between the same two routers: once converged the flow takes
    /// the same routers (the sweep lists no change), but until the IGP reconverges (+5 s, IOS
    /// SPF delay) the backup is not in the FIB and traffic dies on the failed link. The
    /// timelines find such flows by tracing every delivered flow at the failure's first instant
    /// (topologies/igp-backup-link, whose README states this timeline).
    @Test func flowsDroppedOnlyOnTheWayAreTimed() throws {
        let network = try #require(TopologyLoader.load(path: Self.topologies.appendingPathComponent("igp-backup-link/topology.yml").path).network)
        let report = FailureAnalysis.run(network)
        let primary = try #require(report.scenarios.first { $0.name == "link primary" })
        #expect(primary.flows.isEmpty, "the converged path is the same routers: \(primary.flows.map(\.flow))")
        let timelines = RouteSim.timelines(network, report: report, enumeration: ScenarioEnumeration())
        let timed = try #require(timelines.first { $0.scenario.name == "link primary" })
        #expect(timed.flows.map(\.flow).sorted() == ["h1->h2", "h2->h1"], "\(timed.flows.map(\.flow))")
        #expect(timed.flows.allSatisfy { $0.longestDrop == .bounded(.seconds(5)) }, "\(timed.flows.map { $0.longestDrop?.description ?? "-" })")
        #expect(!timelines.contains { $0.scenario.name == "link backup" }, "the backup carried nothing")
    }

    /// Silent failures (the interfaces stay up): expected from the rules of docs/timeline.md
    /// with IOS defaults (OSPF hello 10 s, dead 40 s; SPF 5 s; BGP 60/180 s). Core pin, R1-R2
    /// (an OSPF link): the adjacency times out at 30..40 s, routes change 5 s later, so the
    /// flows are dropped for at most 45 s; R1 and R2's loopback session still waits for its
    /// hold time. R2-R3 (eBGP on the link, no IGP adjacency): nothing changes until the
    /// session times out, up to 180 s, and BFD on both ends cuts it to 900 ms. The redundant
    /// uplinks: no router sees the failed one, so no local repair: up to 45 s.
    @Test func silentFailuresWaitForDetection() throws {
        func timeline(_ name: String, _ link: String, suggest: Bool = false) throws -> ScenarioTimeline {
            let network = try #require(TopologyLoader.load(path: Self.topologies.appendingPathComponent("\(name)/topology.yml").path).network)
            var options = FailureAnalysis.Options()
            options.enumeration = ScenarioEnumeration(includeRouters: false)
            let report = FailureAnalysis.run(network, options: options)
            let all = RouteSim.timelines(network, report: report, enumeration: options.enumeration, suggest: suggest, silentLinks: true)
            return try #require(all.first { $0.scenario.name == "link \(link)" })
        }
        func drops(_ item: ScenarioTimeline) -> [String] { item.flows.map { "\($0.flow): \($0.longestDrop?.description ?? "-")" }.sorted() }
        let igp = try timeline("null0-peering-core-pin", "R1-R2")
        #expect(igp.timeline.events.map { "\($0.window) \($0.router)" } == ["+0 s ", "+35 s .. +45 s AS 65001", "+120 s .. +180 s R1", "+120 s .. +180 s R2"])
        #expect(drops(igp) == ["client-to-server: dropped for at most 45 s", "server-to-client: dropped for at most 45 s"])
        let ebgp = try timeline("null0-peering-core-pin", "R2-R3", suggest: true)
        #expect(!ebgp.timeline.events.contains { $0.change == .igp }, "\(ebgp.timeline.text)")
        #expect(drops(ebgp) == ["client-to-server: dropped for at most 180 s", "server-to-client: dropped for at most 180 s"])
        let bfd = ebgp.suggestions.values.flatMap { $0 }.filter { $0.change.hasPrefix("BFD") }
        #expect(!bfd.isEmpty && bfd.allSatisfy { $0.after == .bounded(Milliseconds(900)) }, "\(bfd.map(\.change))")
        let ecmp = try timeline("null0-peering-redundant", "R1-R2")
        #expect(drops(ecmp) == ["client-to-server: dropped for at most 45 s", "server-to-client: dropped for at most 45 s"])
        // IS-IS (igp-ecmp, IOS: hello 10 s x 3): the adjacency goes at 20..30 s, routes 5 s later.
        let isis = try timeline("igp-ecmp", "R1-R2")
        #expect(isis.timeline.events.first { $0.change == .igp }.map { "\($0.window)" } == "+25 s .. +35 s", "\(isis.timeline.text)")
    }

    /// `failures --timeline --suggest`: the timer whose event ends the drop, made faster, and
    /// the drop replayed with it (expected from the rules above): a 5 s probe bounds the tracked
    /// static's black hole at 5 + 5 s; a 5 s scanner bounds the conditional one at 180 + 5 s, a
    /// 30 s hold time (the session takes the smaller end's) at 30 + 60 s, BFD on both ends of
    /// the timed-out session at 5 + 60 s (the scan after the IGP's change).
    @Test func timerSuggestionsAreReplayed() throws {
        func suggestions(_ name: String) throws -> [String] {
            let network = try #require(TopologyLoader.load(path: Self.topologies.appendingPathComponent("\(name)/topology.yml").path).network)
            let spec = try RouteSim.failures(links: ["R1-R2"], routers: [], in: network).get()
            let baseline = Engine.baseline(network)
            let timeline = FailureTimeline(baseline: baseline.plane, failed: Engine.run(network, failures: spec, baseline: baseline))
            let client = try #require(network.hosts.first { $0.name == "client" }?.address)
            let flow = try #require(timeline.flowTimelines(baseline: baseline, failures: spec, flows: [(name: "f", from: "server", to: client)]).first)
            return TimerSuggester.suggest(network: network, failures: spec, flow: flow, endpoints: (from: "server", to: client),
                                          timeline: timeline, timers: TimerTable(plane: baseline.plane))
                .map { "\($0.router): \($0.change) -> \($0.after?.description ?? "none")" }
        }
        #expect(try suggestions("null0-peering-tracked") == ["R2: IP SLA 10 probes every 5 s (was 60 s) -> dropped for at most 10 s"])
        #expect(try suggestions("null0-peering-conditional") == [
            "R2: conditional advertisement re-evaluated every 5 s (was 60 s) -> dropped for at most 185 s",
            "R2: BGP hold time 30 s, keepalive 10 s (was 180 s) -> dropped for at most 90 s",
            // BFD takes the R1-R2 session down at +0.9 s, but the scanner still runs every 60 s
            // from the IGP's change at +5 s: 65 s.
            "R2: BFD on the session, 300 ms x 3, at R1 and R2 -> dropped for at most 65 s",
        ])
        #expect(try suggestions("null0-peering-core-pin").isEmpty)
    }
}
