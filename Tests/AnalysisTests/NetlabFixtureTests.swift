import Foundation
import Pipeline
import Testing

/// Issue 13 #7: configs netlab renders (nobody here wrote them) read completely and simulate as
/// the lab would run. Expected outcomes, written from the sources before running routesim:
/// every configured session comes up (OSPF carries the iBGP loopbacks, eBGP on the shared
/// subnets), every loopback reaches every loopback; with r1-r2 down, r2 has no route to r1's
/// loopback: the only other path comes from r3 with AS 65001 in it, which r2 rejects as a loop
/// (RFC 4271 §9.1.2: a route whose AS_PATH holds the receiver's own AS is not used).
@Suite struct NetlabFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/netlab")
    /// The same lab rendered for each dialect, with that dialect's expected detection.
    static let cases: [(String, ConfigDialect)] = [("ios-ospf-bgp", .ios), ("eos-ospf-bgp", .eos), ("junos-ospf-bgp", .junos), ("frr-ospf-bgp", .frr),
                                                   ("ios-isis-originate", .ios), ("eos-isis-originate", .eos), ("junos-isis-originate", .junos),
                                                   ("frr-isis-originate", .frr), ("iosxe-isis-originate", .ios), ("crpd-isis-originate", .junos)]

    @Test(arguments: cases) func readCompletelyAndConverge(_ name: String, _ dialect: ConfigDialect) throws {
        let folder = Self.fixtures.appendingPathComponent(name).path
        let (files, _, skipped) = Linter.collect([folder])
        #expect(files.count == 3 && skipped == 2)
        let report = Linter.run(Linter.parseAll(files))
        for file in report.files {
            #expect(file.dialect == dialect, "\(file.path)")
            #expect(file.lines?.unrecognized.isEmpty == true, "\(file.path): \(file.lines?.unrecognized.map(\.text) ?? [])")
        }
        let (network, diagnostics) = try RouteSim.loadConfigs([folder]).get()
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        let plane = Engine.run(network)
        #expect(plane.sessions.count == 6)
        #expect(plane.sessions.allSatisfy { $0.established }, "\(plane.sessions.filter { !$0.established }.map { $0.reason ?? "" })")
        let loopbacks = ["r1": "10.0.0.1", "r2": "10.0.0.2", "r3": "10.0.0.3"]
        let tracer = Tracer(plane: plane)
        for source in loopbacks.keys.sorted() {
            for (target, address) in loopbacks.sorted(by: { $0.key < $1.key }) where target != source {
                let destination = try #require(IPAddress(address))
                let trace = tracer.trace(from: source, to: destination)
                #expect(trace.uniformDisposition == .delivered(node: target), "\(source) -> \(target)")
            }
        }
    }

    @Test(arguments: cases.map(\.0)) func losingTheIBGPLinkLeavesR2WithoutR1sLoopback(_ name: String) throws {
        let (network, _) = try RouteSim.loadConfigs([Self.fixtures.appendingPathComponent(name).path]).get()
        let link = try #require(network.links.firstIndex { Set([$0.a.router, $0.b.router]) == Set([0, 1]) })
        var failures = FailureSpec()
        failures.links.insert(link)
        let plane = Engine.run(network, failures: failures)
        let loopback = try #require(IPAddress("10.0.0.1"))
        let trace = Tracer(plane: plane).trace(from: "r2", to: loopback)
        #expect(trace.uniformDisposition == .noRoute(router: "r2"))
        // r3 still reaches both.
        let r1 = try #require(IPAddress("10.0.0.1"))
        #expect(Tracer(plane: plane).trace(from: "r3", to: r1).uniformDisposition == .delivered(node: "r1"))
    }

    /// The `isis-originate` labs: r2 originates 172.16.0.0/16 with netlab's `bgp.originate`,
    /// which every dialect renders as a discard (Null0) static plus the BGP announcement
    /// (network statement, or Junos export policy). That is the background note's pattern:
    /// lint finds it on r2 in each dialect, at the static route's line.
    @Test(arguments: cases.filter { $0.0.hasSuffix("isis-originate") }.map(\.0)) func lintFindsTheOriginatedNull0Pin(_ name: String) throws {
        let folder = Self.fixtures.appendingPathComponent(name).path
        let (files, _, _) = Linter.collect([folder])
        let report = Linter.run(Linter.parseAll(files))
        let pins = report.findings.filter { $0.code == "NULL-PIN-UNCONDITIONAL" }
        #expect(pins.count == 1, "\(pins.map(\.message))")
        #expect(pins.first?.file.hasSuffix("r2.cfg") == true)
        #expect(pins.first?.message.hasPrefix("172.16.0.0/16 is pinned to Null0 and announced") == true)
        #expect(pins.first?.message.contains("to eBGP 10.1.0.6") == true)
        // r2 originates it: every router has a route to it, and traffic to it ends in r2's Null0.
        let (network, _) = try RouteSim.loadConfigs([folder]).get()
        let plane = Engine.run(network)
        let inside = try #require(IPAddress("172.16.1.1"))
        for source in ["r1", "r2", "r3"] {
            guard case .nullRouted(let router, let route, _)? = Tracer(plane: plane).trace(from: source, to: inside).uniformDisposition else {
                Issue.record("\(name): \(source) -> 172.16.1.1 is not null-routed"); continue
            }
            #expect(router == "r2" && route == "static route to Null0 172.16.0.0/16", "\(name): \(source): \(router) \(route)")
        }
    }

    /// The `vrf` labs: the r1-r3 link and its eBGP session live in VRF red on both ends
    /// (VRF-lite, no VPN). Each end's VRF is its own instance (docs/vrf.md): the link joins
    /// r1/red and r3/red, never the global r1 and r3, so the global table is the r1-r2-r3 chain
    /// (its four session ends up, r1 reaches r3's loopback through r2), and inside the VRF the
    /// eBGP session comes up.
    @Test(arguments: [("ios-vrf", ConfigDialect.ios), ("eos-vrf", .eos), ("junos-vrf", .junos)]) func vrfIsItsOwnTable(_ name: String, _ dialect: ConfigDialect) throws {
        let folder = Self.fixtures.appendingPathComponent(name).path
        let (files, _, _) = Linter.collect([folder])
        for file in Linter.parseAll(files) {
            #expect(file.device?.dialect == dialect && file.device?.lines.unrecognized.isEmpty == true, "\(file.path)")
        }
        let (network, _) = try RouteSim.loadConfigs([folder]).get()
        let names = Set(network.links.map { Set([network.routers[$0.a.router].name, network.routers[$0.b.router].name]) })
        #expect(names == [["r1", "r2"], ["r2", "r3"], ["r1/red", "r3/red"]], "\(names)")
        let plane = Engine.run(network)
        let global = plane.sessions.filter { network.routers[$0.router].vrf == nil }
        #expect(global.count == 4 && global.allSatisfy(\.established), "\(global.map { $0.reason ?? "" })")
        let inVRF = plane.sessions.filter { network.routers[$0.router].vrf != nil }
        #expect(inVRF.count == 2 && inVRF.allSatisfy(\.established), "\(inVRF.map { $0.reason ?? "" })")
        let r3 = try #require(IPAddress("10.0.0.3"))
        let trace = Tracer(plane: plane).trace(from: "r1", to: r3)
        #expect(trace.uniformDisposition == .delivered(node: "r3"))
        #expect(trace.paths.first?.nodes == ["r1", "r2", "r3"])
        // From the VRF, r3's global loopback is not reachable: no route in VRF red.
        #expect(Tracer(plane: plane).trace(from: "r1/red", to: r3).uniformDisposition == .noRoute(router: "r1/red"))
    }
}
