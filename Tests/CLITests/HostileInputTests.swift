import Diagnostics
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Pipeline
import TestSupport
import Testing

/// Issue 12: inputs that crashed, hung or passed CI silently. Each runs the real binary.
@Suite(.serialized) struct HostileInputTests {
    func scratch() throws -> URL { try makeScratchFolder("hostile") }

    /// #4: a binary file, a FIFO and an oversized file each count as an error, so `--fail-on
    /// error` fails the job; a UTF-16 file with a byte-order mark is read.
    @Test func unreadableConfigsFailTheLint() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var utf16 = Data([0xFF, 0xFE])
        for unit in "hostname edge1\ninterface Gi0/1\n ip address 10.0.0.1 255.255.255.0\n".utf16 { utf16.append(UInt8(unit & 0xFF)); utf16.append(UInt8(unit >> 8)) }
        try utf16.write(to: folder.appendingPathComponent("utf16.cfg"))
        let clean = try Self.run(["lint", folder.appendingPathComponent("utf16.cfg").path, "--fail-on", "error", "--format", "json"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout.contains("\"lines\" : 3,"), "\(clean.stdout)")
        #expect(clean.stdout.contains("\"recognised\" : 3,"), "\(clean.stdout)")

        try Data([0x00, 0x01, 0x02, 0xFF]).write(to: folder.appendingPathComponent("binary.cfg"))
        let fifo = folder.appendingPathComponent("pipe.cfg").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let big = folder.appendingPathComponent("big.cfg")
        FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 65 << 20)
        try handle.close()
        for name in ["binary.cfg", "pipe.cfg", "big.cfg"] {
            let result = try Self.run(["lint", folder.appendingPathComponent(name).path, "--fail-on", "error"])
            #expect(result.status == 1, "\(name): \(result.stdout)")
            #expect(result.stdout.contains("1 file: 1 errors"), "\(name): \(result.stdout)")
        }
        let result = try Self.run(["lint", fifo])
        #expect(result.stdout.contains("a FIFO (named pipe), not a regular file [PARSE]"))
    }

    /// A FIFO given as a topology is refused at once instead of blocking on its reader.
    @Test func fifoTopologyIsRefused() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("topology.yml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try Self.run(["simulate", fifo])
        #expect(result.status == 2)
        #expect(result.stderr.contains("it is a FIFO (named pipe) [LOAD009]"))
    }

    /// #2: expressions that backtracking took minutes on (and doubled per ASN) answer at once in
    /// `simulate` and `lint`; the path here has 40 ASNs.
    @Test func catastrophicASPathExpressionsAnswer() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let prepends = Array(repeating: "65002", count: 30).joined(separator: ", ")
        let yaml = """
        policies:
          as-path-lists:
            EVIL: [ "permit ^(.*.*)*Q$", "permit ^((1_)|(1 ))*2$" ]
            OK: [ "permit ^(65002_)+$" ]
          route-maps:
            LONG: [ { action: permit, set: { prepend: [\(prepends)] } } ]
            IN: [ { action: permit, match: { as-path-list: EVIL } } ]
            IN2: [ { action: permit, match: { as-path-list: OK } } ]
        routers:
          A: { asn: 65001, bgp: { neighbors: [ { peer: B, import: IN } ] } }
          C: { asn: 65003, bgp: { neighbors: [ { peer: B, import: IN2 } ] } }
          B: { asn: 65002, loopbacks: { lo0: 10.0.0.2 }, bgp: { networks: [10.0.0.2/32], neighbors: [ { peer: A, export: LONG }, { peer: C, export: LONG } ] } }
        links: [ A-B, B-C ]
        """
        let file = folder.appendingPathComponent("evil.yml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let result = try Self.run(["simulate", file.path, "--bgp"])
        #expect(result.status == 0, "\(result.stderr)")
        // The 31-ASN path of 65002s matches neither EVIL expression (A drops it: no entry
        // permits) and matches OK (C installs it).
        #expect(result.stdout.contains("BGP best paths: 2"), "\(result.stdout)")
        #expect(result.stdout.contains("  C     10.0.0.2/32"), "\(result.stdout)")
        #expect(!result.stdout.contains("  A     10.0.0.2/32"), "\(result.stdout)")
    }

    /// #7: names carrying terminal controls (ESC, BEL) or non-characters (U+FFFF) reach no
    /// terminal raw and leave SVG well-formed; file names derived from names stay inside the folder.
    @Test func hostileNamesAreEscapedForEverySink() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = #"""
        routers:
          "R1\e]0;pwned\a": { asn: 65001, loopbacks: { lo0: 10.0.0.1 } }
          "R2\uFFFF": { asn: 65001, loopbacks: { lo0: 10.0.0.2 } }
        links: [ { endpoints: ["R1\e]0;pwned\a", "R2\uFFFF"] } ]
        hosts:
          "h\e[2J": { router: "R2\uFFFF", address: 172.16.0.10/24 }
        flows:
          - { name: "f\e[8m", from: "h\e[2J", to: 10.0.0.1 }
        """#
        let file = folder.appendingPathComponent("names.yml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        for arguments in [["simulate", file.path], ["failures", file.path], ["trace", file.path, "--from", "h\u{1B}[2J", "--to", "10.0.0.1"]] {
            let result = try Self.run(arguments)
            for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
                #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(arguments[0]) \(stream): \(text)")
            }
            #expect((result.stdout + result.stderr).contains("\\x1B"), "\(arguments[0]) shows the escape")
        }
        let svg = folder.appendingPathComponent("names.svg").path
        let drawn = try Self.run(["draw", file.path, "--format", "svg", "-o", svg])
        if drawn.status == 0 {
            let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: svg)))
            #expect(parser.parse(), "SVG must be well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        } else {
            #expect(drawn.stderr.contains("Graphviz") || drawn.stderr.contains("dot"), "\(drawn.stderr)")
        }
        var hostile = ""
        for value: UInt32 in [0x61, 0xFFFF, 0x62, 0xFDD0, 0x63, 0x1FFFE] { hostile.unicodeScalars.append(Unicode.Scalar(value) ?? "?") }
        #expect(Markup.escape(hostile) == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(RouteSim.slug("../../etc/passwd") == "etc-passwd")
    }

    /// #9: a sweep states its scenario count before enumerating and refuses (without a
    /// terminal) above --max-scenarios: 11 elements and one failure set give 11 + 55 + 165 + 1.
    @Test func oversizedSweepsAreRefusedWithTheirCount() throws {
        let example = CLITests.example
        for command in [["failures", example], ["report", example, "-o", "/dev/null"]] {
            let result = try Self.run(command + ["--k", "3", "--max-scenarios", "200"])
            #expect(result.status == 2, "\(command[0])")
            #expect(result.stderr.hasPrefix("error: --k 3 on 5 routers and 6 links means up to 232 scenarios, above --max-scenarios 200\n"), "\(result.stderr)")
        }
        #expect(try Self.run(["failures", example, "--k", "3", "--max-scenarios", "232"]).status == 0)
    }

    /// #6: generate refuses sizes it cannot produce or routesim cannot load, before doing the
    /// work (3,000 routers in one full mesh wrote 420 MB; 100,000 routers aborted at 7 GB), and
    /// its estimate never undercuts what it writes.
    @Test func generateRefusesTopologiesTheLoaderWouldRefuse() throws {
        let mesh = try Self.run(["generate", "--routers", "3000", "--ases", "1"])
        #expect(mesh.status == 2)
        #expect(mesh.stderr.contains("above the 64 MiB a topology file may have"), "\(mesh.stderr)")
        #expect(mesh.stderr.contains("use --reflectors 2 or more ASes"), "\(mesh.stderr)")
        #expect(try Self.run(["generate", "--routers", "100000"]).status == 2)
        for spec in [TopologyGenerator.Spec(routers: 300, ases: 3, prefixes: 300, reflectorsPerAS: 2, mixed: true),
                     TopologyGenerator.Spec(routers: 400, ases: 1, prefixes: 50, hosts: 30),
                     TopologyGenerator.Spec(routers: 1_000, ases: 50, prefixes: 2_000, chordsPerRouter: 2)] {
            #expect(TopologyGenerator.estimatedBytes(spec) >= TopologyGenerator.yaml(spec).utf8.count, "\(spec.routers) routers")
        }
    }

    /// A process killed at any moment leaves the previous output or the whole new one, never a
    /// partial file (temporary file + rename).
    @Test func killedWritesLeaveOldOrWholeFiles() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["generate", "--routers", "1500", "--ases", "15", "--prefixes", "3000"]
        let whole = try Self.run(arguments).stdout
        let target = folder.appendingPathComponent("out.yml")
        let binary = try #require(CLITests.binary)
        var outcomes: Set<String> = []
        for delay in stride(from: 0, through: 400_000, by: 25_000) {
            try "previous".write(to: target, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments + ["-o", target.path]
            try process.run()
            usleep(useconds_t(delay))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let written = try String(contentsOf: target, encoding: .utf8)
            #expect(written == "previous" || written == whole, "killed after \(delay) µs: \(written.utf8.count) bytes")
            outcomes.insert(written == "previous" ? "old" : "new")
        }
        #expect(!outcomes.isEmpty)
    }

    /// A path longer than a packet's TTL (64) ends there, saying so, not as "seen before".
    @Test func tracesStopAtTheHopLimitAndSaySo() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routers = (1...70).map { "  R\($0): { asn: 65000, loopbacks: { lo0: 10.0.0.\($0) } }" }.joined(separator: "\n")
        let links = (1..<70).map { "R\($0)-R\($0 + 1)" }.joined(separator: ", ")
        let file = folder.appendingPathComponent("chain.yml")
        try "ases:\n  65000: { igp: { protocol: ospf } }\nrouters:\n\(routers)\nlinks: [ \(links) ]\n".write(to: file, atomically: true, encoding: .utf8)
        let long = try Self.run(["trace", file.path, "--from", "R1", "--to", "10.0.0.70"])
        #expect(long.stdout.contains("TTL exhausted after 64 hops"), "\(long.stdout.suffix(400))")
        let short = try Self.run(["trace", file.path, "--from", "R1", "--to", "10.0.0.60"])
        #expect(short.stdout.contains("DELIVERED"), "\(short.stdout.suffix(400))")
    }

    static func run(_ arguments: [String]) throws -> CLITests.Run { try CLITests.run(arguments) }
}
