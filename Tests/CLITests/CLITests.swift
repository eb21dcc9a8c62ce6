import Foundation
import Synchronization
import Testing

/// End-to-end runs of the built `routesim` binary (built by `swift build --build-tests`, which
/// `make test` runs first): exit codes, messages and byte-identical output.
@Suite(.serialized) struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let example = root.appendingPathComponent("topologies/null0-peering/topology.yml").path

    static var binary: URL? {
        for configuration in ["debug", "release"] {
            let url = root.appendingPathComponent(".build/\(configuration)/routesim")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ arguments: [String], input: String? = nil) throws -> Run {
        let binary = try #require(Self.binary, "routesim binary not built; run `swift build` first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// `--dpi` is for PNG only, within its range; `draw -o x.png --dpi` writes at that resolution.
    @Test func dpiIsCheckedAgainstTheFormat() throws {
        let svg = try Self.run(["draw", Self.example, "-o", "/tmp/routesim-dpi-\(getpid()).svg", "--dpi", "150"])
        #expect(svg.status == 64 && svg.stderr.contains("--dpi sets the resolution of PNG output; this writes svg"))
        let range = try Self.run(["draw", Self.example, "--format", "png", "--dpi", "5000"])
        #expect(range.status == 64 && range.stderr.contains("--dpi 5000 is out of range: give 36 to 600"))
        let noDraw = try Self.run(["failures", Self.example, "--dpi", "150"])
        #expect(noDraw.status == 64 && noDraw.stderr.contains("--dpi sets the resolution of the --draw diagrams"))
    }

    @Test func simulateReportsFlows() throws {
        let result = try Self.run(["simulate", Self.example])
        #expect(result.status == 0)
        #expect(result.stdout.contains("BGP sessions: 10 of 10 configured ends established"))
        #expect(result.stdout.contains("server-to-client: server -> client (198.51.100.10): DELIVERED"))
    }

    @Test func traceShowsTheBlackHole() throws {
        let result = try Self.run(["trace", Self.example, "--from", "server", "--to", "client", "--fail", "R2-R1"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("with link R1-R2 failed"))
        #expect(result.stdout.contains("=> NULL-ROUTED: null-routed at R2 by static route to Null0 198.51.100.0/24"))
    }

    /// `trace --fast-reroute` (docs/mpls.md): the instant after the failure, in text and JSON;
    /// without a failure it is a usage error (exit 64, as every usage error).
    @Test func traceAtTheFastRerouteInstant() throws {
        let frr = Self.root.appendingPathComponent("topologies/mpls-rsvp-frr/topology.yml").path
        let text = try Self.run(["trace", frr, "--from", "site2", "--to", "site1", "--fail", "P1-P2", "--fast-reroute"])
        #expect(text.status == 0 && text.stdout.contains("at the fast-reroute instant"))
        #expect(text.stdout.contains("=> FAILED-LINK: dropped at P2: link P1-P2 has failed"))
        let json = try Self.run(["trace", frr, "--from", "site1", "--to", "site2", "--fail", "P1-P2", "--fast-reroute", "--format", "json"])
        #expect(json.status == 0 && json.stdout.contains("\"instant\" : \"fast-reroute\"") && json.stdout.contains("\"disposition\" : \"delivered\""), "\(json.stdout.prefix(400))")
        let usage = try Self.run(["trace", frr, "--from", "site1", "--to", "site2", "--fast-reroute"])
        #expect(usage.status == 64 && usage.stderr.contains("--fast-reroute needs --fail"))
    }

    @Test func jsonIsVersionedSortedAndDeterministic() throws {
        let first = try Self.run(["simulate", Self.example, "--fail", "R1-R2", "--format", "json", "--rib"])
        let second = try Self.run(["simulate", Self.example, "--fail", "R1-R2", "--format", "json", "--rib"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["failures"] as? [String] == ["link R1-R2"])
        let flows = try #require(object["flows"] as? [[String: Any]])
        #expect(flows.first { $0["name"] as? String == "server-to-client" }?["disposition"] as? String == "null-routed")
        // Sorted keys: "converged" comes before "diagnostics" before "failures".
        let text = first.stdout
        let positions = ["\"converged\"", "\"diagnostics\"", "\"failures\"", "\"flows\""].compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == 4 && positions == positions.sorted())
    }

    @Test func badInputExitsTwoWithLocatedErrors() throws {
        let fixture = Self.root.appendingPathComponent("Tests/TopologyLoaderTests/Fixtures/errors/unknown-key.yml").path
        let result = try Self.run(["validate", fixture])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown-key.yml:5:7: error: unknown key 'nieghbors' in bgp of R1 [LOAD003]"))
        #expect(result.stderr.contains("hint: did you mean 'neighbors'?"))
        let simulate = try Self.run(["simulate", fixture])
        #expect(simulate.status == 2)
        #expect(simulate.stderr.contains("3 errors found; nothing was simulated"))
    }

    @Test func unknownNamesOnTheCommandLineExitTwo() throws {
        let link = try Self.run(["trace", Self.example, "--from", "client", "--to", "server", "--fail", "R1-R3"])
        #expect(link.status == 2)
        #expect(link.stderr.contains("error: unknown link or failure set 'R1-R3'"))
        let source = try Self.run(["trace", Self.example, "--from", "clinet", "--to", "server"])
        #expect(source.status == 2)
        #expect(source.stderr.contains("did you mean 'client'?"))
    }

    @Test func validateAcceptsEveryExample() throws {
        let folder = Self.root.appendingPathComponent("topologies")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .map { folder.appendingPathComponent("\($0)/topology.yml").path }
            .filter { FileManager.default.fileExists(atPath: $0) }
        let result = try Self.run(["validate"] + files)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == files.count)
    }

    @Test func generatorIsDeterministicAndLoads() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-cli-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.yml").path, b = directory.appendingPathComponent("b.yml").path
        #expect(try Self.run(["generate", "--routers", "40", "--ases", "4", "--prefixes", "30", "--seed", "7", "-o", a]).status == 0)
        #expect(try Self.run(["generate", "--routers", "40", "--ases", "4", "--prefixes", "30", "--seed", "7", "-o", b]).status == 0)
        #expect(try String(contentsOfFile: a, encoding: .utf8) == String(contentsOfFile: b, encoding: .utf8))
        let simulate = try Self.run(["simulate", a])
        #expect(simulate.status == 0, "\(simulate.stderr)")
        #expect(simulate.stdout.contains("BGP best paths: "))
        #expect(try Self.run(["generate", "--routers", "0"]).status == 64)
    }

    @Test func helpIsCompleteOnItsOwn() throws {
        let result = try Self.run(["help", "trace"])
        #expect(result.status == 0)
        for word in ["--from", "--to", "--fail", "--fail-router", "--format", "null-routed", "Examples"] {
            #expect(result.stdout.contains(word), "help lacks \(word)")
        }
        let draw = try Self.run(["help", "draw"])
        for word in ["--format", "--flow", "--sessions", "--layout", "--no-costs", "Exit codes", "Examples", "libgvc"] {
            #expect(draw.stdout.contains(word), "draw help lacks \(word)")
        }
        let lint = try Self.run(["help", "lint"])
        for word in ["--format", "sarif", "junit", "github", "--fail-on", "--show-unparsed", "--baseline", "--write-baseline", ".routesim.yml", "disable=CODE", "Exit codes", "Examples"] {
            #expect(lint.stdout.contains(word), "lint help lacks \(word)")
        }
        let report = try Self.run(["help", "report"])
        #expect(report.stdout.contains("self-contained") && report.stdout.contains("Examples"))
    }

    @Test func failuresGateExitsOneOnBlackHoles() throws {
        let found = try Self.run(["failures", Self.example, "--fail-on", "blackhole"])
        #expect(found.status == 1)
        #expect(found.stdout.contains("worst failures:\n  link R1-R2: 1 black-holed (server-to-client)"))
        #expect(found.stdout.contains("3. R2 announces 198.51.100.0/24 from its network statement"))
        let mitigated = Self.root.appendingPathComponent("topologies/null0-peering-tracked/topology.yml").path
        let clean = try Self.run(["failures", mitigated, "--fail-on", "blackhole", "--format", "json"])
        #expect(clean.status == 0, "\(clean.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(clean.stdout.utf8)) as? [String: Any])
        #expect(object["scenariosRun"] as? Int == 11)
        #expect(try Self.run(["failures", Self.example, "--k", "4"]).status == 64)
        let redundant = Self.root.appendingPathComponent("topologies/null0-peering-redundant/topology.yml").path
        let srlg = try Self.run(["failures", redundant, "--srlg", "--fail-on", "blackhole"])
        #expect(srlg.status == 1)
        #expect(srlg.stdout.hasPrefix("failure analysis of null0-peering-redundant: 1 scenarios,"), "\(srlg.stdout)")
        #expect(srlg.stdout.contains("set peering-uplinks: 1 black-holed"))
        #expect(try Self.run(["failures", redundant, "--srlg", "--no-sets"]).status == 64)
    }

    /// `--timeline --format json`: the same timeline as data (docs/json-output.md). The tracked
    /// static (IOS IP SLA defaults: frequency 60 s, timeout 5 s): after R1-R2 fails,
    /// server-to-client is null-routed at R2 until the track goes down, at most 65 s; the events
    /// in window order, times in milliseconds.
    @Test func timelineAsJSON() throws {
        let tracked = Self.root.appendingPathComponent("topologies/null0-peering-tracked/topology.yml").path
        let run = try Self.run(["failures", tracked, "--no-routers", "--timeline", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let timelines = try #require(json["timelines"] as? [[String: Any]])
        let r1r2 = try #require(timelines.first { $0["scenario"] as? String == "link R1-R2" })
        let events = try #require(r1r2["events"] as? [[String: Any]])
        let windows = events.compactMap { ($0["window"] as? [String: Any]).flatMap { w in (w["earliestMs"] as? Int).map { ($0, w["latestMs"] as? Int ?? -1) } } }
        #expect(windows.map(\.0) == [0, 5000, 5000, 120_000, 120_000], "\(windows)")
        #expect(events.contains { $0["what"] as? String == "track 10 (ip sla 10) goes down" && ($0["window"] as? [String: Any])?["latestMs"] as? Int == 65_000 })
        let flows = try #require(r1r2["flows"] as? [[String: Any]])
        let dropped = try #require(flows.first { $0["flow"] as? String == "server-to-client" })
        #expect(dropped["longestDropMs"] as? Int == 65_000 && dropped["permanent"] as? Bool == false)
        #expect(try Self.run(["failures", tracked, "--timeline", "--format", "sarif"]).status == 64)
    }

    /// `--fail-on transient:DURATION` gates on the timeline (docs/timeline.md): the tracked
    /// static leaves server-to-client dropped for at most 65 s after R1-R2 fails (IOS IP SLA
    /// defaults), so a 30 s limit fails and a 70 s one passes; `--timeline` shows why.
    @Test func transientGateFollowsTheTimeline() throws {
        let tracked = Self.root.appendingPathComponent("topologies/null0-peering-tracked/topology.yml").path
        let strict = try Self.run(["failures", tracked, "--no-routers", "--fail-on", "transient:30s"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("transient: scenario link R1-R2: flow server-to-client dropped for at most 65 s (limit 30 s)"), "\(strict.stderr)")
        #expect(try Self.run(["failures", tracked, "--no-routers", "--fail-on", "transient:70s"]).status == 0)
        #expect(try Self.run(["failures", tracked, "--fail-on", "transient:soon"]).status == 64)
        let shown = try Self.run(["failures", tracked, "--no-routers", "--timeline"])
        #expect(shown.stdout.contains("  flow server-to-client (dropped for at most 65 s):\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("R2: track 10 (ip sla 10) goes down (probe every 60 s (IOS default: ip sla frequency), timeout 5 s (IOS default: ip sla timeout))"))
        #expect(try Self.run(["failures", tracked, "--timeline", "--format", "junit"]).status == 64)
        // --silent (interfaces stay up): only with a timeline; the core pin's eBGP link R2-R3
        // then drops traffic until the 180 s hold time, over a 60 s limit.
        let corePin = Self.root.appendingPathComponent("topologies/null0-peering-core-pin/topology.yml").path
        #expect(try Self.run(["failures", corePin, "--silent"]).status == 64)
        #expect(try Self.run(["trace", corePin, "--from", "server", "--to", "client", "--silent"]).status == 64)
        let silent = try Self.run(["failures", corePin, "--no-routers", "--silent", "--fail-on", "transient:60s"])
        #expect(silent.status == 1 && silent.stderr.contains("scenario link R2-R3: flow client-to-server dropped for at most 180 s"), "\(silent.stderr)")
        let silentAt = try Self.run(["trace", corePin, "--from", "server", "--to", "client", "--fail", "R2-R3", "--at", "100s", "--silent"])
        #expect(silentAt.status == 0 && silentAt.stdout.contains("it failed silently"), "\(silentAt.stdout)")
        // `trace --at`: the same flow before the IGP reconverges, while the track is still up
        // (its latest time is +65 s), and after.
        func at(_ instant: String) throws -> String {
            try Self.run(["trace", tracked, "--from", "server", "--to", "client", "--fail", "R1-R2", "--at", instant]).stdout
        }
        #expect(try at("2s").contains("=> FAILED-LINK: dropped at R2: link R1-R2 has failed"))
        #expect(try at("30s").contains("=> NULL-ROUTED: null-routed at R2"))
        #expect(try at("70s").contains("=> DELIVERED: delivered to client"))
        #expect(try at("70s").hasPrefix("trace server -> client (198.51.100.10) in null0-peering-tracked with link R1-R2 failed, at +70s after the failure"))
        #expect(try Self.run(["trace", tracked, "--from", "server", "--to", "client", "--at", "5s"]).status == 64)
    }

    @Test func failureTimingsGoToStderrOnly() throws {
        let timed = try Self.run(["failures", Self.example, "--timings", "--format", "json"])
        #expect(timed.status == 0)
        #expect(timed.stderr.contains("timings: 11 scenarios in "), "\(timed.stderr)")
        #expect(timed.stderr.contains("igp+static") && timed.stderr.contains("trace+classify"))
        let plain = try Self.run(["failures", Self.example, "--format", "json"])
        #expect(timed.stdout == plain.stdout)
        #expect(!plain.stdout.contains("timings"))
    }

    /// `simulate --bgp` and JSON show every attribute: reflection attributes, IGP cost, and an
    /// absent MED as absent (not 0).
    @Test func bgpAttributesAreVisible() throws {
        let reflection = Self.root.appendingPathComponent("topologies/bgp-route-reflection/topology.yml").path
        let text = try Self.run(["simulate", reflection, "--bgp"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("local-pref 100 (eBGP default at C1 from E), med none, origin igp, weight 0, igp cost 30, originator C1 (10.255.0.2), cluster list 10.255.0.1"), "\(text.stdout)")
        #expect(text.stdout.contains("local-pref 100 (default at its origin "))
        let json = try Self.run(["simulate", reflection, "--format", "json"])
        #expect(json.stdout.contains("\"originatorID\" : \"C1 (10.255.0.2)\""))
        #expect(json.stdout.contains("\"clusterList\" : ["))
        #expect(!json.stdout.contains("\"med\""))
        let med = try Self.run(["simulate", Self.root.appendingPathComponent("topologies/bgp-med/topology.yml").path, "--format", "json"])
        #expect(med.stdout.contains("\"med\" : 10"))
        let plain = try Self.run(["simulate", reflection])
        #expect(!plain.stdout.contains("local-pref"))
    }

    /// `simulate --fail` shows the state the sweep reports for that scenario (reached from the
    /// steady state); `--from-scratch` the one a simulation with the failure in place reaches.
    /// The DISAGREE fixture has both after O-X fails: X via M (kept), or X via Y (from scratch).
    @Test func simulateWithAFailureAgreesWithTheSweep() throws {
        let fixture = Self.root.appendingPathComponent("Tests/SimulationTests/Fixtures/bgp-two-stable-states.yml").path
        let kept = try Self.run(["simulate", fixture, "--fail", "O-X"])
        #expect(kept.status == 0)
        #expect(kept.stdout.contains("  X     100.64.0.0/24       path 65009          next hop 10.254.0.8      ebgp from M"), "\(kept.stdout)")
        let scratch = try Self.run(["simulate", fixture, "--fail", "O-X", "--from-scratch"])
        #expect(scratch.stdout.contains("  X     100.64.0.0/24       path 65002 65009"), "\(scratch.stdout)")
    }

    /// A network that does not converge says so in every command, and `--fail-on oscillation`
    /// fails on it (BAD GADGET: a dispute wheel with no stable state).
    @Test func nonConvergenceIsVisibleEverywhere() throws {
        let file = Self.root.appendingPathComponent("Tests/SimulationTests/Fixtures/bad-gadget.yml").path
        let simulate = try Self.run(["simulate", file, "--format", "json"])
        #expect(simulate.stdout.contains("\"converged\" : false"))
        #expect(simulate.stdout.contains("BGP best paths for 100.64.0.0/24 keep changing at A1, A2, A3"))
        let trace = try Self.run(["trace", file, "--from", "A1", "--to", "100.64.0.1"])
        #expect(trace.stdout.contains("WARNING: the control plane did not converge"), "\(trace.stdout)")
        let gate = try Self.run(["failures", file, "--fail-on", "oscillation"])
        #expect(gate.status == 1)
        #expect(gate.stdout.contains("baseline: did not converge:"))
        let converging = try Self.run(["failures", Self.example, "--fail-on", "oscillation"])
        #expect(converging.status == 0)
    }

    /// `simulate --adj R2`: what R2 receives and sends per prefix, and why not. With R1-R2
    /// failed in the conditional mitigation, the condition withholds the aggregate from R3,
    /// R3's transit path back is rejected by loop detection, and R3's own prefix is not echoed.
    @Test func adjacenciesSayWhyAPathIsNotSent() throws {
        let conditional = Self.root.appendingPathComponent("topologies/null0-peering-conditional/topology.yml").path
        let text = try Self.run(["simulate", conditional, "--fail", "R1-R2", "--adj", "R2"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Adjacencies of R2"))
        #expect(text.stdout.contains("    to   R3 (10.254.0.3): not sent: its conditional advertisement withholds it"), "\(text.stdout)")
        #expect(text.stdout.contains("    from R3 (10.254.0.3): rejected: its AS path carries this router's AS; path 65002 64500 65001"))
        #expect(text.stdout.contains("    to   R3 (10.254.0.3): not sent: it was learned from this neighbor"))
        let steady = try Self.run(["simulate", conditional, "--adj", "R2", "--format", "json"])
        #expect(steady.stdout.contains("\"adjacencies\" : ["))
        #expect(steady.stdout.contains("\"status\" : \"sent\""))
        let unknown = try Self.run(["simulate", conditional, "--adj", "R9"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown router 'R9' (--adj)"))
    }

    /// `simulate --stable-states` finds the DISAGREE gadget's second stable state (O announcing
    /// to Y first lands in Y direct, X via Y) and finds none in the background note's network.
    @Test func severalStableStatesAreFound() throws {
        let fixture = Self.root.appendingPathComponent("Tests/SimulationTests/Fixtures/bgp-two-stable-states.yml").path
        let found = try Self.run(["simulate", fixture, "--stable-states"])
        #expect(found.status == 0)
        #expect(found.stdout.contains("Several stable states:"), "\(found.stdout)")
        #expect(found.stdout.contains("  100.64.0.0/24: best paths differ at X, Y"))
        let json = try Self.run(["simulate", fixture, "--stable-states", "--format", "json"])
        #expect(json.stdout.contains("\"severalStableStates\" : ["))
        let none = try Self.run(["simulate", Self.example, "--stable-states"])
        #expect(none.stdout.contains("Stable states: both message orders reach the same best paths"))
    }

    @Test func verifyExitsThreeOnlyWhenTheSweepAndAPlainRunDiffer() throws {
        let good = try Self.run(["failures", Self.example, "--verify", "5", "--format", "json"])
        #expect(good.status == 0)
        #expect(good.stderr.contains("verify: 5 scenarios re-run from scratch: every state and report entry equal"), "\(good.stderr)")
        let plain = try Self.run(["failures", Self.example, "--format", "json"])
        #expect(good.stdout == plain.stdout)
        let fixture = Self.root.appendingPathComponent("Tests/SimulationTests/Fixtures/bgp-two-stable-states.yml").path
        let bad = try Self.run(["failures", fixture, "--verify", "50"])
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("verify: FAILED") && bad.stderr.contains("link O-X"), "\(bad.stderr)")
        #expect(try Self.run(["failures", Self.example, "--verify", "0"]).status == 64)
    }

    @Test func drawWritesEachFormatAtomicallyAndRejectsBadArguments() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-draw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for ext in ["svg", "png", "pdf", "dot"] {
            let path = directory.appendingPathComponent("net.\(ext)").path
            let run = try Self.run(["draw", Self.example, "--fail", "R1-R2", "-o", path])
            #expect(run.status == 0, "\(ext): \(run.stderr)")
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let magic: [String: [UInt8]] = ["svg": Array("<?xml".utf8), "png": [0x89, 0x50, 0x4E, 0x47], "pdf": Array("%PDF".utf8), "dot": Array("graph routesim {".utf8)]
            #expect(bytes.starts(with: magic[ext] ?? []), "\(ext) output has the wrong signature")
        }
        // Only the outputs: no temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["net.dot", "net.pdf", "net.png", "net.svg"])
        let stdout = try Self.run(["draw", Self.example, "--flow", "server:client"])
        #expect(stdout.status == 0 && stdout.stdout.hasPrefix("graph routesim {") && stdout.stdout.contains("flow delivered"))
        #expect(try Self.run(["draw", Self.example, "-o", directory.appendingPathComponent("net.txt").path]).status == 64)
        let badFlow = try Self.run(["draw", Self.example, "--flow", "server:nowhere"])
        #expect(badFlow.status == 2 && badFlow.stderr.contains("'nowhere' is not an address, host or router"))
        #expect(try Self.run(["draw", Self.example, "--fail", "R1-R9"]).status == 2)
    }

    @Test func failuresDrawAndReportWriteTheirPages() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-pages-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let drawn = try Self.run(["failures", Self.example, "--draw", directory.path])
        #expect(drawn.status == 0, "\(drawn.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["001-link-r1-r2.svg", "002-router-r1.svg", "003-router-r4.svg", "index.html"])
        let index = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<a href=\"001-link-r1-r2.svg\">link R1-R2</a>"))
        let page = directory.appendingPathComponent("review.html").path
        let report = try Self.run(["report", Self.example, "-o", page])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: URL(fileURLWithPath: page), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Why server-to-client is black-holed"))
        let again = try Self.run(["report", Self.example, "-o", page + ".2"])
        #expect(again.status == 0)
        let same = (try? String(contentsOf: URL(fileURLWithPath: page + ".2"), encoding: .utf8)) == html
        #expect(same, "two report runs differ")
    }

    @Test func lintAndRulesExitCodes() throws {
        let configs = Self.root.appendingPathComponent("examples/configs").path
        let found = try Self.run(["lint", configs, "--fail-on", "error"])
        #expect(found.status == 1)
        #expect(found.stdout.contains("/r2.cfg:9:1: warning: 198.51.100.0/24 is pinned to Null0") && found.stdout.contains("[NULL-PIN-UNCONDITIONAL]"))
        // Errors fail by default, as linters do; `never` opts out; --select/--ignore pick rules.
        #expect(try Self.run(["lint", configs]).status == 1)
        #expect(try Self.run(["lint", configs, "--fail-on", "never"]).status == 0)
        let selected = try Self.run(["lint", configs, "--select", "null-pin,CFG001", "--format", "json"])
        let codes = Set((try JSONSerialization.jsonObject(with: Data(selected.stdout.utf8)) as? [String: Any]).flatMap { $0["findings"] as? [[String: Any]] }?.compactMap { $0["code"] as? String } ?? [])
        #expect(!codes.isEmpty && codes.allSatisfy { $0.hasPrefix("NULL-PIN") || $0 == "CFG001" }, "\(codes)")
        let ignored = try Self.run(["lint", configs, "--ignore", "NULL-PIN", "--ignore", "EBGP", "--format", "json"])
        #expect(!ignored.stdout.contains("\"NULL-PIN") && !ignored.stdout.contains("\"EBGP-"))
        // `-` reads one config from standard input, named by --stdin-filename.
        let r2 = try String(contentsOfFile: configs + "/r2.cfg", encoding: .utf8)
        let piped = try Self.run(["lint", "-", "--stdin-filename", "edited/r2.cfg", "--select", "NULL-PIN-UNCONDITIONAL"], input: r2)
        #expect(piped.status == 0 && piped.stdout.contains("edited/r2.cfg:9:1: warning: 198.51.100.0/24 is pinned to Null0"), "a warning passes the default --fail-on error: \(piped.stdout)")
        #expect(try Self.run(["lint", "-", "--fail-on", "warning"], input: r2).status == 1)
        // Unnamed, it is `-` (a one-character name: Foundation's deletingLastPathComponent traps on those).
        let unnamed = try Self.run(["lint", "-"], input: "hostname r9\n")
        #expect(unnamed.status == 0 && unnamed.stdout.contains("  - (ios): 100.0% of 1 lines"), "\(unnamed.stdout)")
        let typo = try Self.run(["lint", configs, "--select", "NULL-PIN-UNCONDITONAL"])
        #expect(typo.status == 2 && typo.stderr.contains("no rule code starts with 'NULL-PIN-UNCONDITONAL'; did you mean 'NULL-PIN-UNCONDITIONAL'?"), "\(typo.stderr)")
        let missing = try Self.run(["lint", "/nonexistent/configs"])
        #expect(missing.status == 2 && missing.stderr.contains("no such file or directory"))
        let explain = try Self.run(["rules", "explain", "null-pin-unconditional"])
        #expect(explain.status == 0 && explain.stdout.hasPrefix("# NULL-PIN-UNCONDITIONAL"))
        let unknown = try Self.run(["rules", "explain", "NULL-PIN"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no rule has the code 'NULL-PIN'; did you mean one of NULL-PIN-UNCONDITIONAL, NULL-PIN-SINGLE-UPLINK"))
    }

    /// A mistyped command gets a suggestion and the usage exit code, not "2 unexpected arguments".
    @Test func mistypedCommandsGetASuggestion() throws {
        let typo = try Self.run(["simulat", Self.example])
        #expect(typo.status == 64 && typo.stderr.hasPrefix("error: 'simulat' is not a routesim command; did you mean 'simulate'?"), "\(typo.stderr)")
        let unknown = try Self.run(["frobnicate"])
        #expect(unknown.status == 64 && unknown.stderr.contains("the commands are simulate, trace, failures, timers, merge, diff, draw, report, lint, rules, validate, generate, help"))
        #expect(try Self.run(["help", "lint"]).status == 0 && Self.run(["--version"]).status == 0)
    }

    @Test func simulateAndFailuresFromConfigs() throws {
        let configs = Self.root.appendingPathComponent("examples/null0-peering-configs").path
        let simulated = try Self.run(["simulate", "--configs", configs])
        #expect(simulated.status == 0 && simulated.stdout.contains("BGP sessions: 10 of 10 configured ends established"), "\(simulated.stderr)")
        let swept = try Self.run(["failures", "--configs", configs, "--fail-on", "blackhole"])
        #expect(swept.status == 1 && swept.stdout.contains("link R1-R2: 3 black-holed"))
        #expect(try Self.run(["simulate", Self.example, "--configs", configs]).status == 64)
        #expect(try Self.run(["simulate"]).status == 64)
        #expect(try Self.run(["simulate", "--configs", "/nonexistent"]).status == 2)
    }
}


/// `failures --shard I/N` in N processes, then `merge`: the unsharded report, byte for byte.
struct ShardMergeTests {
    @Test func shardsMergeIntoTheUnshardedReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["failures", CLITests.example, "--k", "2", "--rib"]
        let full = try CLITests.run(arguments + ["--format", "json"])
        #expect(full.status == 0 && full.stdout.contains("\"scenarios\""))
        // Three shards as three concurrent processes, as three machines would run them.
        let parts = (1...3).map { folder.appendingPathComponent("part\($0).json").path }
        let group = DispatchGroup()
        let statuses = Mutex([Int32](repeating: -1, count: 3))
        for (index, part) in parts.enumerated() {
            DispatchQueue.global().async(group: group) {
                let status = (try? CLITests.run(arguments + ["--shard", "\(index + 1)/3", "-o", part]))?.status ?? -1
                statuses.withLock { $0[index] = status }
            }
        }
        group.wait()
        #expect(statuses.withLock { $0 } == [0, 0, 0])
        let merged = try CLITests.run(["merge"] + parts.reversed() + ["--format", "json"])
        #expect(merged.status == 0 && merged.stdout == full.stdout, "merged JSON differs from the unsharded run")
        let text = try CLITests.run(["merge"] + parts)
        let unsharded = try CLITests.run(arguments)
        #expect(text.stdout == unsharded.stdout)
        let missing = try CLITests.run(["merge", parts[0], parts[2]])
        #expect(missing.status == 2 && missing.stderr.contains("shards missing: 2/3"))
        let gate = try CLITests.run(["merge"] + parts + ["--fail-on", "blackhole"])
        #expect(gate.status == 1, "the example's black hole fails the merged gate as it fails the sweep's")
    }

    /// deploy/slurm-sweep.sh as Slurm would run it (one task per array index), then merged.
    @Test func theSlurmRecipeShardsAndMerges() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = try #require(CLITests.binary)
        for task in 1...2 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [CLITests.root.appendingPathComponent("deploy/slurm-sweep.sh").path, CLITests.example]
            process.currentDirectoryURL = folder
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            environment["SLURM_ARRAY_TASK_ID"] = "\(task)"
            environment["SLURM_ARRAY_TASK_COUNT"] = "2"
            process.environment = environment
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let parts = (1...2).map { folder.appendingPathComponent("parts/part-\($0).json").path }
        let merged = try CLITests.run(["merge"] + parts + ["--format", "json"])
        let full = try CLITests.run(["failures", CLITests.example, "--k", "2", "--format", "json"])
        #expect(merged.status == 0 && merged.stdout == full.stdout)
    }
}

/// `routesim diff`: the background note's fix undone is the black hole it re-introduces.
struct DiffCommandTests {
    @Test func removingTheConditionalAdvertisementReintroducesTheBlackHole() throws {
        let examples = CLITests.root.appendingPathComponent("examples/null0-peering-conditional-configs")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-diff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let head = folder.appendingPathComponent("configs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: examples, to: head)
        let r2 = head.appendingPathComponent("R2.cfg")
        let text = try String(contentsOf: r2, encoding: .utf8)
        try text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("advertise-map") }.joined(separator: "\n")
            .write(to: r2, atomically: true, encoding: .utf8)
        // Expected from the background note: without the condition R2 keeps announcing the
        // aggregate when R1-R2 fails and its Null0 route drops the traffic it attracts.
        let worse = try CLITests.run(["diff", examples.path, head.path])
        #expect(worse.status == 1, "\(worse.stdout)\(worse.stderr)")
        #expect(worse.stdout.contains("introduced: 2 problems; fixed: 0"))
        #expect(worse.stdout.contains("link R1-R2: R3->198.51.100.0/24 black-holed: null-routed at R2 by static route to Null0"))
        let better = try CLITests.run(["diff", head.path, examples.path, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(better.stdout.utf8)) as? [String: Any])
        #expect(better.status == 0 && (object["fixed"] as? [Any])?.count == 2 && (object["introduced"] as? [Any])?.isEmpty == true)
        let markdown = try CLITests.run(["diff", examples.path, head.path, "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("### routesim: this change introduces 2 problems"))
        #expect(try CLITests.run(["diff", examples.path, examples.path]).stdout.contains("introduced: 0 problems; fixed: 0; sessions changed: 0; best paths changed: 0"))
    }

    /// `REV:PATH` reads a path as a git revision has it (skipped outside a git checkout).
    @Test func gitRevisionsAreReadWithoutTouchingTheTree() throws {
        guard FileManager.default.fileExists(atPath: CLITests.root.appendingPathComponent(".git").path) else {
            print("skipped: not a git checkout"); return
        }
        let process = Process()
        process.executableURL = try #require(CLITests.binary)
        process.arguments = ["diff", "HEAD:examples/null0-peering-conditional-configs", "examples/null0-peering-conditional-configs"]
        process.currentDirectoryURL = CLITests.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && stdout.contains("introduced: 0 problems"), "\(stdout)")
        let missing = try CLITests.run(["diff", "no-such-revision:configs", "configs"])
        #expect(missing.status == 2)
    }
}
