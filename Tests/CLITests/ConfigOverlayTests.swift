import Foundation
import TestSupport
import Testing

/// Issue 13 #8: config users ask the YAML users' questions. An overlay (hosts, flows, failure
/// sets) goes beside `--configs`, and trace, draw and report take `--configs` too. Expected
/// outcome from the background note (and topologies/null0-peering, the same network in YAML):
/// with R1-R2 down, server-to-client is black-holed at R2's Null0 pin, client-to-server reroutes.
@Suite(.serialized) struct ConfigOverlayTests {
    static let configs = CLITests.root.appendingPathComponent("examples/null0-peering-configs").path
    static let overlay = CLITests.root.appendingPathComponent("examples/null0-peering-configs/overlay.yml").path

    @Test func failuresAndTraceAnswerWithTheOverlaysFlows() throws {
        let failures = try CLITests.run(["failures", "--configs", Self.configs, "--overlay", Self.overlay])
        #expect(failures.status == 0, "\(failures.stderr)")
        #expect(failures.stdout.contains("baseline: every flow delivered"))
        #expect(failures.stdout.contains("link R1-R2: 1 black-holed (server-to-client)"))
        let trace = try CLITests.run(["trace", "--configs", Self.configs, "--overlay", Self.overlay, "--from", "server", "--to", "client", "--fail", "R1-R2"])
        #expect(trace.status == 0, "\(trace.stderr)")
        #expect(trace.stdout.contains("=> NULL-ROUTED: null-routed at R2 by static route to Null0 198.51.100.0/24"))
        let draw = try CLITests.run(["draw", "--configs", Self.configs, "--overlay", Self.overlay, "--fail", "R1-R2", "--flow", "server:client", "--format", "dot"])
        #expect(draw.status == 0, "\(draw.stderr)")
        #expect(draw.stdout.contains("server") && draw.stdout.contains("graph"))
    }

    @Test func overlayMistakesAreLocated() throws {
        let folder = try makeScratchFolder("overlay")
        let bad = folder.appendingPathComponent("bad.yml")
        try "hosts:\n  client: { router: R9, address: 198.51.100.10/25 }\nflows:\n  - { from: nobody, to: 198.51.100.10 }\n".write(to: bad, atomically: true, encoding: .utf8)
        let run = try CLITests.run(["failures", "--configs", Self.configs, "--overlay", bad.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("bad.yml:2:"), "\(run.stderr)")
        #expect(run.stderr.contains("bad.yml:4:"), "\(run.stderr)")
        let alone = try CLITests.run(["failures", Self.configs + "/../../topologies/null0-peering/topology.yml", "--overlay", bad.path])
        #expect(alone.status == 64 && alone.stderr.contains("--overlay adds hosts and flows to --configs"))
    }
}
