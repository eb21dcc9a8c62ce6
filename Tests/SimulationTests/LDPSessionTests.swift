import Foundation
import Pipeline
import Testing

/// LDP link sessions (RFC 5036 section 2.5: a session is a TCP connection between the peers'
/// transport addresses, so it needs LDP on both interfaces and a route to the peer's transport
/// address; Cisco's and Junos' default transport address is the LDP router ID, a loopback).
/// Expected from the fixture's comments, before running: every core link's session up except
/// P2-P3 (LDP off at both ends); CE1-PE1 down because CE1 runs no LDP; failing P1-P2 brings its
/// session down and no other.
struct LDPSessionTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/ldp-core.yml").path

    static func sessions(failing links: [String] = []) throws -> [String: LDPSession] {
        let (network, warnings) = try RouteSim.load(fixture).get()
        #expect(warnings.isEmpty, "\(warnings)")
        let indices = try links.map { name in try #require(network.links.firstIndex { $0.name == name }) }
        let spec = FailureSpec(links: Set(indices))
        let plane = Engine.run(network, failures: spec)
        return Dictionary(uniqueKeysWithValues: plane.ldpSessions().map { ($0.link, $0) })
    }

    @Test func sessionsNeedLDPOnBothEndsAndTheCoreLinksHaveThem() throws {
        let sessions = try Self.sessions()
        #expect(sessions.keys.sorted() == ["CE1-PE1", "P1-P2", "P1-P3", "P2-P3", "P2-PE2", "PE1-P1"])
        for link in ["PE1-P1", "P1-P2", "P2-PE2", "P1-P3"] { #expect(sessions[link]?.up == true, "\(link)") }
        #expect(sessions["P2-P3"]?.up == false && sessions["P2-P3"]?.reason == "LDP is not enabled on P2 eth3")
        #expect(sessions["CE1-PE1"]?.reason == "CE1 does not run LDP")
    }

    @Test func aFailedLinkTakesItsSessionDown() throws {
        let sessions = try Self.sessions(failing: ["P1-P2"])
        #expect(sessions["P1-P2"]?.up == false && sessions["P1-P2"]?.reason == "link P1-P2 is down")
        #expect(sessions["P2-PE2"]?.up == true && sessions["PE1-P1"]?.up == true)
    }

    @Test func simulateListsTheDownSessions() throws {
        let (network, _) = try RouteSim.load(Self.fixture).get()
        let report = ReportBuilder(plane: Engine.run(network)).simulation(includeRIB: false)
        let text = TextReport.simulation(report, showRIB: false)
        #expect(text.contains("LDP sessions: 4 of 6 links up"))
        #expect(text.contains("  down  P2-P3: LDP is not enabled on P2 eth3\n"))
    }
}
