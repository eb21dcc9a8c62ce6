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
    static let cases: [(String, ConfigDialect)] = [("ios-ospf-bgp", .ios), ("eos-ospf-bgp", .eos), ("junos-ospf-bgp", .junos), ("frr-ospf-bgp", .frr)]

    @Test(arguments: cases) func readCompletelyAndConverge(_ name: String, _ dialect: ConfigDialect) throws {
        let folder = Self.fixtures.appendingPathComponent(name).path
        let (files, _, skipped) = Linter.collect([folder])
        #expect(files.count == 3 && skipped == 2)
        let report = Linter.run(Linter.parseAll(files))
        for file in report.files {
            #expect(file.device?.dialect == dialect, "\(file.path)")
            #expect(file.device?.lines.unrecognized.isEmpty == true, "\(file.path): \(file.device?.lines.unrecognized.map(\.text) ?? [])")
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
                let destination = try #require(IPv4Address(address))
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
        let loopback = try #require(IPv4Address("10.0.0.1"))
        let trace = Tracer(plane: plane).trace(from: "r2", to: loopback)
        #expect(trace.uniformDisposition == .noRoute(router: "r2"))
        // r3 still reaches both.
        let r1 = try #require(IPv4Address("10.0.0.1"))
        #expect(Tracer(plane: plane).trace(from: "r3", to: r1).uniformDisposition == .delivered(node: "r1"))
    }
}
