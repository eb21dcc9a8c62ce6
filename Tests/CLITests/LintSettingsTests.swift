import Foundation
import TestSupport
import Testing

/// `.routesim.yml` settings as `lint` applies them.
@Suite(.serialized) struct LintSettingsTests {
    func scratch() throws -> URL { try makeScratchFolder("settings") }

    /// Issue 13 #2: `.routesim.yml` `dialects:` names the dialect of files detection would get
    /// wrong; `--dialect` still overrides; unknown dialects are located errors.
    @Test func settingsChooseTheDialectPerPath() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Nothing in this file says FRR: detection reads it as IOS.
        try "hostname r1\nrouter bgp 65001\n neighbor 10.0.0.2 remote-as 65002\n".write(to: folder.appendingPathComponent("r1.cfg"), atomically: true, encoding: .utf8)
        let settings = folder.appendingPathComponent("settings.yml")
        try "dialects:\n  \"*.cfg\": frr\n".write(to: settings, atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("r1.cfg").path
        #expect(try Self.run(["lint", file, "--format", "json"]).stdout.contains("\"dialect\" : \"ios\""))
        #expect(try Self.run(["lint", file, "--format", "json", "--config", settings.path]).stdout.contains("\"dialect\" : \"frr\""))
        #expect(try Self.run(["lint", file, "--format", "json", "--config", settings.path, "--dialect", "eos"]).stdout.contains("\"dialect\" : \"eos\""))
        try "dialects:\n  \"*.cfg\": nxos\n".write(to: settings, atomically: true, encoding: .utf8)
        let bad = try Self.run(["lint", file, "--config", settings.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("settings.yml:2:12: error: dialect of '*.cfg' must be ios, eos, frr or junos"), "\(bad.stderr)")
    }

    /// `per-file-ignores:` drops rule codes or prefixes for files matching a glob; an unknown code
    /// is a located error with a suggestion.
    @Test func perFileIgnoresDropFindingsForMatchingFiles() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["edge1", "core1"] {
            try "hostname \(name)\nrouter bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n".write(to: folder.appendingPathComponent(name + ".cfg"), atomically: true, encoding: .utf8)
        }
        let settings = folder.appendingPathComponent("settings.yml")
        try "per-file-ignores:\n  \"edge*.cfg\": [ebgp-no, ROUTE-MAP-UNUSED]\n".write(to: settings, atomically: true, encoding: .utf8)
        let result = try Self.run(["lint", folder.path, "--config", settings.path, "--fail-on", "never"])
        #expect(result.stdout.contains("core1.cfg:3:2: warning:") && result.stdout.contains("[EBGP-NO-POLICY]"), "\(result.stdout)")
        #expect(!result.stdout.contains("edge1.cfg:3"), "\(result.stdout)")
        try "per-file-ignores:\n  \"edge*.cfg\": [EBGP-NO-POLICI]\n".write(to: settings, atomically: true, encoding: .utf8)
        let bad = try Self.run(["lint", folder.path, "--config", settings.path])
        #expect(bad.status == 2 && bad.stderr.contains("settings.yml:2:17: error: no rule code starts with 'EBGP-NO-POLICI'"), "\(bad.stderr)")
    }

    /// Without --config, each file takes the nearest `.routesim.yml` in its folder or above it,
    /// wherever lint runs from; --config applies one file to all.
    @Test func settingsAreFoundUpwardFromEachFile() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sub = folder.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        for (url, name) in [(folder, "a"), (sub, "b")] {
            try "hostname \(name)\nrouter bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n".write(to: url.appendingPathComponent(name + ".cfg"), atomically: true, encoding: .utf8)
        }
        try "rules: { disable: [EBGP-NO-MAX-PREFIX] }\n".write(to: folder.appendingPathComponent(".routesim.yml"), atomically: true, encoding: .utf8)
        try "rules: { disable: [EBGP-NO-POLICY] }\n".write(to: sub.appendingPathComponent(".routesim.yml"), atomically: true, encoding: .utf8)
        let result = try Self.run(["lint", folder.path, "--fail-on", "never"])
        let lines = result.stdout.split(separator: "\n").filter { $0.contains("[EBGP-") }.map { line in
            "\(line.contains("/sub/b.cfg") ? "b" : "a") \(line.split(separator: "[").last ?? "")"
        }
        #expect(lines.sorted() == ["a EBGP-NO-POLICY]", "b EBGP-NO-MAX-PREFIX]"], "\(result.stdout)")
        let forced = try Self.run(["lint", folder.path, "--fail-on", "never", "--config", folder.appendingPathComponent(".routesim.yml").path])
        #expect(forced.stdout.components(separatedBy: "[EBGP-NO-POLICY]").count == 3 && !forced.stdout.contains("[EBGP-NO-MAX-PREFIX]"), "\(forced.stdout)")
    }

    static func run(_ arguments: [String]) throws -> CLITests.Run { try CLITests.run(arguments) }
}
