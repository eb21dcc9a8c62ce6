import Diagnostics
import ConfigParsers
import Foundation
import Lint
import NetPrimitives
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every rule's own examples (the triggering ones fire it, the clean ones do not), the
/// generated rules/ pages are current, the text and JSON outputs of a fixed config, and a lint
/// of the whole corpus that never crashes.
@Suite struct LintTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Lints an example; `---` lines separate the configs of several routers (multi-device rules).
    /// Examples are IOS unless written in Junos `set` form or starting with `frr version`.
    static func lint(_ text: String, file: String = "example.cfg") -> [Finding] {
        let parts = text.components(separatedBy: "\n---\n")
        let files = parts.enumerated().map { index, part in
            let name = parts.count == 1 ? file : "\(index + 1)-\(file)"
            let dialect: ConfigDialect = part.hasPrefix("set ") ? .junos : part.hasPrefix("frr version") ? .frr : .ios
            return Linter.FileResult(path: name, device: Linter.parse(text: part, file: name, dialect: dialect), source: part)
        }
        return Linter.run(files).findings
    }

    static let codes = RuleRegistry.all.map { $0.description.code }

    @Test(arguments: codes) func ruleExamplesBehave(_ code: String) throws {
        let rule = try #require(RuleRegistry.rule(code: code))
        let description = rule.description
        #expect(!description.triggering.isEmpty && !description.clean.isEmpty)
        for example in description.triggering {
            let findings = Self.lint(example).filter { $0.code == code }
            #expect(!findings.isEmpty, "\(code) does not fire on its triggering example:\n\(example)")
            #expect(findings.allSatisfy { $0.severity == description.severity && $0.line >= 1 })
        }
        for example in description.clean {
            #expect(Self.lint(example).filter { $0.code == code }.isEmpty, "\(code) fires on its clean example:\n\(example)")
        }
    }

    @Test func codesAreUniqueAndPagesAreCurrent() throws {
        #expect(Set(Self.codes).count == Self.codes.count)
        for rule in RuleRegistry.all {
            let path = Self.root.appendingPathComponent("rules/\(rule.description.code).md")
            let page = try String(contentsOf: path, encoding: .utf8)
            #expect(page == RuleCatalogue.page(rule.description), "rules/\(rule.description.code).md is stale: run `routesim rules --write-docs rules/`")
        }
        let index = try String(contentsOf: Self.root.appendingPathComponent("rules/README.md"), encoding: .utf8)
        #expect(index == RuleCatalogue.index(), "rules/README.md is stale")
    }

    static let sample = """
    hostname R2
    router bgp 65001
     neighbor 192.0.2.2 remote-as 65002
     neighbor 192.0.2.2 route-map TO-PEER out
     neighbor 192.0.2.2 maximum-prefix 100
     network 198.51.100.0 mask 255.255.255.0
    ip route 198.51.100.0 255.255.255.0 Null0
    frobnicate
    """

    @Test func textAndJSONOutputs() throws {
        let report = Linter.run([Linter.FileResult(path: "r2.cfg", device: Linter.parse(text: Self.sample, file: "r2.cfg"), source: Self.sample)])
        let text = LintOutput.text(report, showUnparsed: true)
        #expect(text == """
        r2.cfg:3:2: warning: eBGP neighbor 192.0.2.2 has no inbound policy (RFC 8212) [EBGP-NO-POLICY]
            neighbor 192.0.2.2 remote-as 65002
        r2.cfg:4:2: error: neighbor 192.0.2.2 route-map TO-PEER out is not defined [ROUTE-MAP-UNDEFINED]
            neighbor 192.0.2.2 route-map TO-PEER out
        r2.cfg:7:1: warning: 198.51.100.0/24 is pinned to Null0 and announced by its network statement to eBGP 192.0.2.2 with no track and no conditional advertisement: if this router loses its path into the network it keeps attracting and dropping that traffic [NULL-PIN-UNCONDITIONAL]
            ip route 198.51.100.0 255.255.255.0 Null0
        r2.cfg:8:1: note: unrecognised line: frobnicate [UNPARSED]

        parse coverage (recognised / non-blank lines):
          r2.cfg (ios): 87.5% of 8 lines, 1 unrecognised
        1 file: 1 errors, 2 warnings, 0 notes

        """)
        let json = LintOutput.json(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 2)
        #expect((object["findings"] as? [[String: Any]])?.map { $0["code"] as? String } == ["EBGP-NO-POLICY", "ROUTE-MAP-UNDEFINED", "NULL-PIN-UNCONDITIONAL"])
        #expect(json == LintOutput.json(report), "JSON is not deterministic")
    }

    static func snapshot(_ text: String, named name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" { try Data(text.utf8).write(to: url); return }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its snapshot; RECORD_SNAPSHOTS=1 swift test to accept")
    }

    /// One fixed set of findings (plus an unreadable file) in every CI format.
    @Test func ciFormatsMatchTheirSnapshots() throws {
        let hostile = Self.sample.replacingOccurrences(of: "TO-PEER", with: "TO<\"PEER\">&,:%")
        var files = [Linter.FileResult(path: "r2.cfg", device: Linter.parse(text: hostile, file: "r2.cfg"), source: hostile)]
        files.append(Linter.FileResult(path: "blob.bin", device: nil, error: "file is binary (NUL bytes or invalid UTF-8), not a text config"))
        files.append(Linter.FileResult(path: "clean.cfg", device: Linter.parse(text: "hostname ok\n", file: "clean.cfg"), source: "hostname ok\n"))
        let report = Linter.run(files)
        try Self.snapshot(CIFormats.sarif(report, root: "/work/repo"), named: "report.sarif")
        try Self.snapshot(CIFormats.junit(report), named: "report.junit.xml")
        try Self.snapshot(CIFormats.github(report), named: "report.github.txt")
        // SARIF: valid JSON, version 2.1.0, every rule in the table, results point at rules.
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(CIFormats.sarif(report).utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]
        #expect(rules?.count == RuleRegistry.all.count)
        #expect((run["results"] as? [[String: Any]])?.count == report.findings.count + 1)
        // JUnit: well-formed; the attributes the Jenkins xUnit / Ant schemas require on every
        // suite; counts that add up; failures only at the fail-on level (one per file and rule).
        for (level, failing) in [(Severity.error, 1), (.warning, 3), (nil, 0)] as [(Severity?, Int)] {
            let shape = try JUnitShape(CIFormats.junit(report, failOn: level))
            #expect(shape.suites.allSatisfy { suite in ["name", "tests", "failures", "errors", "skipped", "time"].allSatisfy { suite[$0] != nil } })
            #expect(shape.failures == failing && shape.errors == 1 && shape.cases == 5, "fail-on \(String(describing: level))")
            #expect(shape.suites.reduce(0) { $0 + Int($1["failures"] ?? "")! } == failing && shape.root["failures"] == "\(failing)" && shape.root["errors"] == "1")
        }
        // GitHub: one command per line, the hostile name escaped.
        #expect(CIFormats.github(report).split(separator: "\n").allSatisfy { $0.hasPrefix("::") })
    }

    @Test func inlineSuppressionsCoverTheNextLineOrBlock() throws {
        let text = """
        router bgp 65001
         ! routesim: disable=EBGP-NO-MAX-PREFIX
         neighbor 192.0.2.2 remote-as 65002
         neighbor 192.0.2.3 remote-as 65003
        ! routesim: disable=ebgp-no-policy, ROUTE-MAP-UNDEFINED
        router bgp 65001
         neighbor 192.0.2.4 remote-as 65004
        ip route 198.51.100.0 255.255.255.0 Null0
        """
        let device = Linter.parse(text: text, file: "s.cfg", dialect: .ios)
        #expect(device.suppressions.map(\.lines) == [3...3, 6...7])
        let findings = Self.lint(text, file: "s.cfg").map { "\($0.line) \($0.code)" }
        // Line 5 also names ROUTE-MAP-UNDEFINED, which reports nothing there: said at the comment.
        #expect(findings == ["3 EBGP-NO-POLICY", "4 EBGP-NO-MAX-PREFIX", "4 EBGP-NO-POLICY", "5 UNUSED-SUPPRESSION", "7 EBGP-NO-MAX-PREFIX"])
        let unused = Self.lint(text, file: "s.cfg").filter { $0.code == "UNUSED-SUPPRESSION" }.map(\.message)
        #expect(unused == ["suppression of ROUTE-MAP-UNDEFINED silences no finding on the lines it covers"])
        // A rule that did not run cannot be judged; a misspelt code is named with the closest rule.
        var configuration = LintConfiguration()
        configuration.ignoreRules = ["ROUTE-MAP"]
        let device2 = Linter.parse(text: text, file: "s.cfg", dialect: .ios)
        #expect(!Linter.run([Linter.FileResult(path: "s.cfg", device: device2, source: text)], configuration: configuration).findings.contains { $0.code == "UNUSED-SUPPRESSION" })
        let typo = Self.lint("! routesim: disable=NULL-PIN-UNCONDITONAL\nip route 198.51.100.0 255.255.255.0 Null0").filter { $0.code == "UNUSED-SUPPRESSION" }
        #expect(typo.map(\.message) == ["suppression names NULL-PIN-UNCONDITONAL, which is no rule; did you mean 'NULL-PIN-UNCONDITIONAL'?"])
    }

    /// In a router merged from FRR daemon files, a suppression covers lines of its own file only.
    @Test func suppressionsStayInTheirFile() {
        let zebra = "! routesim: disable=NULL-PIN-UNCONDITIONAL\nip route 198.51.100.0/24 Null0\n"
        let bgpd = "router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n address-family ipv4 unicast\n  network 198.51.100.0/24\n"
        let files = [("r1/zebra.conf", zebra), ("r1/bgpd.conf", bgpd)].map { path, text in
            Linter.FileResult(path: path, device: Linter.parse(text: text, file: path, dialect: .frr), source: text)
        }
        let device = Linter.parse(text: zebra, file: "r1/zebra.conf", dialect: .frr)
        #expect(device.suppressions.first?.covers(code: "NULL-PIN-UNCONDITIONAL", file: "r1/bgpd.conf", line: 2) == false)
        #expect(!Linter.run(files).findings.contains { $0.code == "NULL-PIN-UNCONDITIONAL" && $0.file == "r1/zebra.conf" })
    }

    @Test func configurationDisablesReratesAndIgnores() throws {
        var configuration = LintConfiguration()
        configuration.disabled = ["EBGP-NO-MAX-PREFIX"]
        configuration.severities = ["EBGP-NO-POLICY": .error]
        let files = [Linter.FileResult(path: "r2.cfg", device: Linter.parse(text: Self.sample, file: "r2.cfg"), source: Self.sample)]
        let report = Linter.run(files, configuration: configuration)
        #expect(!report.findings.contains { $0.code == "EBGP-NO-MAX-PREFIX" })
        #expect(report.findings.first { $0.code == "EBGP-NO-POLICY" }?.severity == .error)
        configuration.ignore = ["lab/**", "*.bak", "old/r?.cfg"]
        #expect(configuration.ignores("configs/lab/x/r1.cfg") && configuration.ignores("a/b/r1.cfg.bak") && configuration.ignores("old/r1.cfg"))
        #expect(!configuration.ignores("configs/r1.cfg") && !configuration.ignores("old/r10.cfg"))
    }

    @Test func baselineHidesOnlyAcceptedFindings() throws {
        let before = Linter.run([Linter.FileResult(path: "r2.cfg", device: Linter.parse(text: Self.sample, file: "r2.cfg"), source: Self.sample)])
        let baseline = LintBaseline(findings: before.findings)
        // The same findings a few lines lower are still accepted; a new Null0 pin is not.
        let edited = "! a new comment\n! another\n" + Self.sample + "\nip route 203.0.113.0 255.255.255.0 Null0\nrouter bgp 65001\n network 203.0.113.0 mask 255.255.255.0"
        let after = Linter.run([Linter.FileResult(path: "r2.cfg", device: Linter.parse(text: edited, file: "r2.cfg"), source: edited)])
        let fresh = baseline.newFindings(after.findings)
        #expect(fresh.map(\.code) == ["NULL-PIN-UNCONDITIONAL"] && fresh.first?.text?.contains("203.0.113.0") == true)
        let data = try JSONEncoder().encode(baseline)
        #expect(try JSONDecoder().decode(LintBaseline.self, from: data).entries == baseline.entries)
    }

    /// FRR split daemon files in one directory are one router: the Null0 route in zebra.conf and
    /// the network statement in bgpd.conf meet.
    @Test func frrDaemonFilesOfOneRouterAreMerged() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-frr-\(UUID().uuidString)/r3")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        try Data("router bgp 65003\n neighbor 192.168.2.1 remote-as external\n address-family ipv4 unicast\n  network 0.0.0.0/0\n exit-address-family\n".utf8)
            .write(to: directory.appendingPathComponent("bgpd.conf"))
        try Data("interface r3-eth0\n ip address 192.168.2.2/24\n!\nip route 0.0.0.0/0 Null0\n".utf8).write(to: directory.appendingPathComponent("zebra.conf"))
        let (files, _, _) = Linter.collect([directory.path])
        let parsed = Linter.parseAll(files, dialect: .frr)
        let report = Linter.run(parsed)
        #expect(report.files.count == 2, "coverage stays per file")
        let pin = try #require(report.findings.first { $0.code == "NULL-PIN-UNCONDITIONAL" })
        #expect(pin.file.hasSuffix("r3/zebra.conf") && pin.line == 4 && pin.text == "ip route 0.0.0.0/0 Null0")
        let merged = DeviceConfig.mergingSplitDaemonFiles(parsed.compactMap(\.device))
        #expect(merged.count == 1 && merged[0].interfaces.first?.addresses.first?.prefix == Prefix("192.168.2.0/24"))
    }

    /// Junos policy-statements live in the Junos policy model (no route-map stand-ins); the
    /// reference rules read them through the neutral queries and name them as Junos does.
    @Test func junosPolicyReferencesAreChecked() {
        let findings = Self.lint("""
        set routing-options autonomous-system 65001
        set protocols bgp group PEERS type external
        set protocols bgp group PEERS export [ OURS MISSING ]
        set protocols bgp group PEERS neighbor 192.0.2.2 peer-as 65002
        set policy-options prefix-list MINE 198.51.100.0/24
        set policy-options policy-statement OURS term 1 from prefix-list MINE
        set policy-options policy-statement OURS term 1 then accept
        set policy-options policy-statement OLD term 1 then reject
        """).filter { $0.code.hasPrefix("ROUTE-MAP") }
        #expect(findings.map { "\($0.code) \($0.message)" } == [
            "ROUTE-MAP-UNDEFINED neighbor PEERS policy-statement MISSING out is not defined",
            "ROUTE-MAP-UNUSED policy-statement OLD is not used by BGP in this config",
        ], "\(findings.map(\.message))")
    }

    /// IPv6 prefix-lists have their own namespace (IOS, EOS, FRR): a list used in the IPv6 family
    /// (a neighbor's filter, `match ipv6 address prefix-list`) is used; an IPv6 list nobody uses
    /// is unused like an IPv4 one; an IPv4 list of the same name is another list.
    @Test func prefixListRulesKeepTheIPv6NamespaceApart() throws {
        let findings = Self.lint("""
        router bgp 65001
         neighbor 2001:db8::2 remote-as 65002
         address-family ipv6 unicast
          neighbor 2001:db8::2 activate
          neighbor 2001:db8::2 prefix-list V6-IN in
          neighbor 2001:db8::2 route-map V6-OUT out
        route-map V6-OUT permit 10
         match ipv6 address prefix-list V6-MAP
        ipv6 prefix-list V6-IN seq 5 permit 2001:db8:1::/48
        ipv6 prefix-list V6-MAP seq 5 permit 2001:db8:3::/48
        ipv6 prefix-list V6-SPARE seq 5 permit 2001:db8:2::/48
        ip prefix-list V6-IN seq 5 permit 10.0.0.0/8
        """)
        #expect(findings.filter { $0.code.hasPrefix("PREFIX-LIST") }.map(\.message) == [
            "ipv6 prefix-list V6-SPARE is not used by any route-map or BGP neighbor in this config",
            "prefix-list V6-IN is not used by any route-map or BGP neighbor in this config",
        ], "\(findings.map(\.message))")
    }

    /// The background note's pattern in IPv6 (docs/ipv6.md): a Junos discard route in inet6.0
    /// exported by a `from family inet6` term to an IPv6 eBGP group, and an IOS pin announced in
    /// the IPv6 family. Only sessions that carry IPv6 announce it: the IOS pin names the IPv6
    /// neighbor, not the IPv4-only one; a `network` with no route behind it in IPv6 is
    /// BGP-NETWORK-NO-ROUTE as in IPv4.
    @Test func ipv6PinsAndNetworksAreFoundInEveryDialect() throws {
        let junos = Self.lint("""
        set routing-options autonomous-system 65001
        set routing-options rib inet6.0 static route 2001:db8:a::/48 discard
        set policy-options policy-statement EXPORT-V6 term agg from family inet6
        set policy-options policy-statement EXPORT-V6 term agg from protocol static
        set policy-options policy-statement EXPORT-V6 term agg from route-filter 2001:db8:a::/48 exact
        set policy-options policy-statement EXPORT-V6 term agg then accept
        set protocols bgp group peer type external
        set protocols bgp group peer peer-as 65002
        set protocols bgp group peer family inet6 unicast
        set protocols bgp group peer export EXPORT-V6
        set protocols bgp group peer neighbor 2001:db8:ffff::
        """, file: "j1.conf").filter { $0.code == "NULL-PIN-UNCONDITIONAL" }
        #expect(junos.map(\.message).first?.hasPrefix("2001:db8:a::/48 is pinned to Null0 and announced by export policy EXPORT-V6 term agg to eBGP 2001:db8:ffff::") == true,
                "\(junos.map(\.message))")
        let ios = Self.lint("""
        router bgp 65001
         no bgp default ipv4-unicast
         neighbor 2001:db8:ffff::2 remote-as 65002
         neighbor 192.0.2.2 remote-as 65003
         address-family ipv4 unicast
          neighbor 192.0.2.2 activate
         address-family ipv6 unicast
          neighbor 2001:db8:ffff::2 activate
          network 2001:db8:a::/48
          network 2001:db8:b::/48
        ipv6 route 2001:db8:a::/48 Null0
        """)
        #expect(ios.filter { $0.code == "NULL-PIN-UNCONDITIONAL" }.map(\.message).first?.contains("to eBGP 2001:db8:ffff::2 with no track") == true,
                "\(ios.map(\.message))")
        #expect(ios.filter { $0.code == "BGP-NETWORK-NO-ROUTE" }.map(\.message).first?.hasPrefix("network 2001:db8:b::/48 has no matching") == true)
    }

    /// A dual-stack uplink is one link: NULL-PIN-SINGLE-UPLINK still fires when the only link
    /// toward the AS carries IPv4 and IPv6 (it counted two subnets, so two links, before).
    @Test func aDualStackUplinkIsOneLink() throws {
        // The rule's own example with both ends of the uplink given IPv6 too.
        let example = try #require(NullPinSingleUplinkRule.description.triggering.first)
        let dualStack = example
            .replacingOccurrences(of: " ip address 172.16.0.1 255.255.255.254", with: " ip address 172.16.0.1 255.255.255.254\n ipv6 address 2001:db8:ffff::1/127")
            .replacingOccurrences(of: " ip address 172.16.0.0 255.255.255.254", with: " ip address 172.16.0.0 255.255.255.254\n ipv6 address 2001:db8:ffff::/127")
        #expect(dualStack.components(separatedBy: "ipv6 address").count == 3)
        let findings = Self.lint(dualStack)
        #expect(findings.filter { $0.code == "NULL-PIN-SINGLE-UPLINK" }.count == 1, "\(findings.map { "\($0.code) \($0.message)" })")
    }

    @Test func unreadableFilesAreReportedAndTheRestLinted() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: directory.appendingPathComponent("a.bin"))
        try Data(Self.sample.utf8).write(to: directory.appendingPathComponent("b.cfg"))
        try Data("system { host-name r1; }\ninterfaces { ge-0/0/0 { unit 0; } }\n".utf8).write(to: directory.appendingPathComponent("c.conf"))
        let (files, missing, _) = Linter.collect([directory.path, "/nonexistent/x"])
        #expect(missing == ["/nonexistent/x"] && files.count == 3)
        let parsed = files.map { Linter.parse(path: $0) }
        let report = Linter.run(parsed)
        #expect(report.files[0].error?.contains("binary") == true)
        // A symbolic link back to the directory is not followed: no file twice, no endless walk.
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("loop"), withDestinationURL: directory)
        #expect(Linter.collect([directory.path]).files.count == 3)
        #expect(report.findings.contains { $0.code == "NULL-PIN-UNCONDITIONAL" })
        let junos = try #require(parsed[2].device)
        #expect(report.files[2].dialect == .junos)
        #expect(junos.dialect == .junos && junos.hostname == "r1" && junos.interfaces.map(\.name) == ["ge-0/0/0.0"] && junos.lines.unrecognized.isEmpty)
    }

    /// The whole Cisco-style corpus lints without a crash, and the rules find what the
    /// MANIFEST says is there (Null0 pins announced over eBGP exist in real configs).
    @Test func corpusLints() throws {
        let corpus = Self.root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        guard FileManager.default.fileExists(atPath: corpus.appendingPathComponent("MANIFEST.tsv").path) else {
            print("SKIPPED corpusLints: ../shared/corpus is not beside this checkout (it is in CI)")
            return
        }
        let (files, _, _) = Linter.collect(["cisco-ios", "arista-eos", "frr"].map { corpus.appendingPathComponent($0).path })
        let report = Linter.run(files.map { Linter.parse(path: $0) })
        #expect(report.files.count > 4_000)
        var byCode: [String: Int] = [:]
        for finding in report.findings { byCode[finding.code, default: 0] += 1 }
        print("corpus lint: \(report.files.count) files, findings by rule: \(byCode.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
        #expect((byCode["NULL-PIN-UNCONDITIONAL"] ?? 0) > 0)
        #expect((byCode["EBGP-NO-POLICY"] ?? 0) > 0)
    }
}

/// The elements and counts of a JUnit report, read with XMLParser (fails on malformed XML).
final class JUnitShape: NSObject, XMLParserDelegate {
    var root: [String: String] = [:]
    var suites: [[String: String]] = []
    var cases = 0, failures = 0, errors = 0

    init(_ text: String) throws {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        guard parser.parse() else { throw CocoaError(.fileReadCorruptFile) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "testsuites": root = attributes
        case "testsuite": suites.append(attributes)
        case "testcase": cases += 1
        case "failure": failures += 1
        case "error": errors += 1
        default: break
        }
    }
}
