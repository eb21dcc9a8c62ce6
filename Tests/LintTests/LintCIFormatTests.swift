import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Lint
import Testing

/// How the CI formats name files and findings: SARIF URIs relative to SRCROOT (else absolute
/// `file:` URIs), percent-encoded; fingerprints that survive line moves; GitHub paths normalised.
struct LintCIFormatTests {
    @Test func sarifLocationsAreRelativeToTheRootAndEncoded() {
        let root = "/work/repo"
        #expect(CIFormats.artifactLocation("configs/r1.cfg", root: root)["uri"] as? String == "configs/r1.cfg")
        #expect(CIFormats.artifactLocation("./a/../configs/r 1#é.cfg", root: root)["uri"] as? String == "configs/r%201%23%C3%A9.cfg")
        #expect(CIFormats.artifactLocation("/work/repo/x.cfg", root: root)["uriBaseId"] as? String == "SRCROOT")
        let outside = CIFormats.artifactLocation("/etc/frr/frr.conf", root: root)
        #expect(outside["uri"] as? String == "file:///etc/frr/frr.conf" && outside["uriBaseId"] == nil)
        #expect(CIFormats.artifactLocation("../other/r.cfg", root: root)["uri"] as? String == "file:///work/other/r.cfg")
    }

    @Test func fingerprintsFollowTheLineNotItsNumber() throws {
        let text = "router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\n"
        func hashes(_ text: String) throws -> [String] {
            let report = Linter.run([Linter.FileResult(path: "r1.cfg", device: Linter.parse(text: text, file: "r1.cfg"), source: text)])
            let sarif = try #require(try JSONSerialization.jsonObject(with: Data(CIFormats.sarif(report, root: "/r").utf8)) as? [String: Any])
            let results = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
            return results.compactMap { ($0["partialFingerprints"] as? [String: String])?["routesimFindingHash/v1"] }.sorted()
        }
        let before = try hashes(text)
        #expect(before.count >= 2 && Set(before).count == before.count)
        #expect(try hashes("hostname r1\n!\n" + text) == before, "two lines added above: same fingerprints")
        #expect(try hashes(text.replacingOccurrences(of: "65002", with: "65003")) != before)
    }

    @Test func githubPathsAreNormalised() {
        #expect(CIFormats.normalized("./a/../b.cfg") == "b.cfg")
        #expect(CIFormats.normalized("configs//r1.cfg") == "configs/r1.cfg")
        #expect(CIFormats.normalized("../up/r.cfg") == "../up/r.cfg" && CIFormats.normalized("/abs/./r.cfg") == "/abs/r.cfg")
    }
}

/// GitLab Code Quality and Checkstyle: the fields those consumers read, one entry per finding.
struct LintGitLabCheckstyleTests {
    static func report() -> Linter.Report {
        let text = "router bgp 65001\n neighbor 192.0.2.2 remote-as 65002\nip route 198.51.100.0 255.255.255.0 Null0\n"
        return Linter.run([Linter.FileResult(path: "configs/r<1>.cfg", device: Linter.parse(text: text, file: "configs/r<1>.cfg"), source: text),
                           Linter.FileResult(path: "blob.bin", device: nil, error: "file is binary")])
    }

    @Test func gitlabIssuesHaveTheRequiredFields() throws {
        let report = Self.report()
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(CIFormats.gitlab(report, root: "/r").utf8)) as? [[String: Any]])
        #expect(issues.count == report.findings.count + 1)
        for issue in issues {
            #expect(issue["description"] is String && issue["check_name"] is String && (issue["fingerprint"] as? String)?.count == 16)
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            let location = try #require(issue["location"] as? [String: Any])
            #expect(location["path"] is String && ((location["lines"] as? [String: Any])?["begin"] as? Int ?? 0) >= 1)
        }
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count)
        #expect(issues.contains { $0["check_name"] as? String == "PARSE" && $0["severity"] as? String == "blocker" })
    }

    @Test func checkstyleIsWellFormedWithOneErrorPerFinding() throws {
        let report = Self.report()
        final class Counter: NSObject, XMLParserDelegate {
            var files = 0, errors = 0, sources: Set<String> = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "file" { files += 1 }
                if name == "error" { errors += 1; sources.insert(attributes["source"] ?? "") }
            }
        }
        let counter = Counter()
        let parser = XMLParser(data: Data(CIFormats.checkstyle(report).utf8))
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.files == 2 && counter.errors == report.findings.count + 1)
        #expect(counter.sources.allSatisfy { $0.hasPrefix("routesim.") })
    }
}

/// A black hole's cause chain as a SARIF code flow: R4's route -> R3's session -> R2's Null0 line.
struct LintCodeFlowTests {
    @Test func theBlackHoleChainIsACodeFlow() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/null0-peering-configs").path
        var configuration = LintConfiguration()
        configuration.select = ["FAILURE-BLACKHOLE"]
        let report = Linter.run(Linter.parseAll(Linter.collect([folder]).files), configuration: configuration)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(CIFormats.sarif(report, root: folder).utf8)) as? [String: Any])
        let results = try #require((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let flows = results.compactMap { $0["codeFlows"] as? [[String: Any]] }
        let flow = try #require(flows.first?.first)
        let locations = try #require((flow["threadFlows"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]])
        let places = locations.map { entry -> String in
            let physical = (entry["location"] as? [String: Any])?["physicalLocation"] as? [String: Any]
            let uri = (physical?["artifactLocation"] as? [String: Any])?["uri"] as? String ?? "?"
            return "\(uri):\((physical?["region"] as? [String: Any])?["startLine"] as? Int ?? 0)"
        }
        // Expected from the background note's topology: R4 and R3 follow R2's announcement, and
        // R2's Null0 static (R2.cfg line 18) keeps it alive after R1-R2 fails.
        #expect(places.first?.hasPrefix("R4.cfg") == true && places.contains("R2.cfg:18") && places.count == 4, "\(places)")
        let texts = locations.compactMap { ((($0["location"] as? [String: Any])?["message"] as? [String: Any])?["text"] as? String) }
        #expect(texts.first?.hasPrefix("R4 sends 198.51.100.0/24 toward R3") == true)
    }
}
