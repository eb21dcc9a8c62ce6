import Foundation
import Pipeline
import Testing

/// MPLS from configs nobody here wrote: netlab renders a BGP-free core (pe1-p1-p2-pe2, backup
/// p1-p3-p2, customers ce1 and ce2 in eBGP) in each dialect; one fault is edited in by hand, LDP
/// off on p3's interface toward p2 (README.md). Expected, from docs/mpls.md's sources, before
/// running: only that link's LDP session is down among the core links; with every link up,
/// ce1's traffic to ce2's loopback is labeled at pe1, swapped at p1 and popped at p2; with p1-p2
/// down it takes p1-p3-p2: IOS, FRR and EOS (independent control) swap at p1, and p3, with no
/// label from p2, sends it on unlabeled to p2, which has no BGP route and drops it. Junos
/// (ordered control) builds no LSP through p3 at all, so p1 has no label to give: pe1 sends
/// it unlabeled (Junos resolves the BGP next hop in inet.0 when inet.3 has no route) and p1
/// drops it.
@Suite struct NetlabMPLSTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/netlab")
    static let cases: [(String, String)] = [("ios-mpls-ldp", "GigabitEthernet0/2"), ("frr-mpls-ldp", "eth2"),
                                            ("junos-mpls-ldp", "et-0/0/1.0"), ("eos-mpls-ldp", "Ethernet2")]

    static func trace(_ name: String, failing links: [String] = []) throws -> TracePath {
        let (network, _) = try RouteSim.loadConfigs([fixtures.appendingPathComponent(name).path]).get()
        let (spec, unknown) = FailureSpec.resolve(links: links, routers: [], in: network)
        #expect(unknown.isEmpty)
        let plane = Engine.runAfterFailure(network, failures: spec).plane
        let trace = Tracer(plane: plane).trace(from: "ce1", to: try #require(IPAddress("10.0.0.7")))
        return try #require(trace.paths.count == 1 ? trace.paths.first : nil)
    }

    static func operations(_ path: TracePath) -> [String] {
        path.hops.compactMap { hop in hop.labelOperation.map { "\($0.name) \(hop.node)" } }
    }

    @Test(arguments: cases) func everyLineIsReadAndOnlyTheFaultyLinkLacksLDP(_ name: String, _ interface: String) throws {
        let folder = Self.fixtures.appendingPathComponent(name).path
        let report = Linter.run(Linter.parseAll(Linter.collect([folder]).files))
        for file in report.files { #expect(file.lines?.unrecognized.isEmpty == true, "\(file.path): \(file.lines?.unrecognized.map(\.text) ?? [])") }
        let (network, _) = try RouteSim.loadConfigs([folder]).get()
        let down = Engine.run(network).ldpSessions().filter { !$0.up }
        #expect(Set(down.map(\.link)) == ["p2-p3", "ce1-pe1", "ce2-pe2"])
        #expect(down.first { $0.link == "p2-p3" }?.reason == "LDP is not enabled on p3 \(interface)")
    }

    @Test(arguments: cases.map(\.0)) func theLabelPathCarriesTheCustomerTraffic(_ name: String) throws {
        let path = try Self.trace(name)
        #expect(path.disposition == .delivered(node: "ce2"))
        #expect(Self.operations(path) == ["push pe1", "swap p1", "pop p2"])
    }

    @Test(arguments: cases.map(\.0)) func theBackupPathWithoutLDPBlackHolesIt(_ name: String) throws {
        let path = try Self.trace(name, failing: ["p1-p2"])
        guard case .offLabelPath(let router, let fec, let leftAt, _, _) = path.disposition else {
            Issue.record("\(name): \(path.disposition.summary)")
            return
        }
        #expect(fec.description == "10.0.0.5/32")
        if name.hasPrefix("junos") {
            #expect(router == "p1" && leftAt == "pe1" && Self.operations(path) == ["untagged pe1"])
        } else {
            #expect(router == "p2" && leftAt == "p3" && Self.operations(path) == ["push pe1", "swap p1", "untagged p3"])
        }
    }
}

/// Lint on the same fixtures: the static rule names the interface without LDP, the
/// simulation-backed rule the failure that drops labeled traffic, at the interface where it
/// leaves the label path (p3's toward p2 for IOS, FRR and EOS; Junos: pe1's, since p1 never
/// gets a label).
@Suite struct NetlabMPLSLintTests {
    @Test(arguments: NetlabMPLSTests.cases) func lintFindsTheMissingLDPAndTheFailureThatDropsLabeledTraffic(_ name: String, _ interface: String) throws {
        let folder = NetlabMPLSTests.fixtures.appendingPathComponent(name).path
        let findings = Linter.run(Linter.parseAll(Linter.collect([folder]).files)).findings
        let missing = findings.filter { $0.code == "MPLS-IGP-WITHOUT-LDP" }
        #expect(missing.count == 1 && missing.first?.file.hasSuffix("/p3.cfg") == true && missing.first?.message.contains("interface \(interface) ") == true)
        let dropped = findings.filter { $0.code == "FAILURE-LABEL-BLACKHOLE" }
        #expect(dropped.count == 2 && dropped.allSatisfy { $0.message.hasPrefix("when link p1-p2 fails, 2 flows leave the label path") })
        let files = Set(dropped.map { ($0.file as NSString).lastPathComponent })
        #expect(files == (name.hasPrefix("junos") ? ["pe1.cfg", "pe2.cfg"] : ["p2.cfg", "p3.cfg"]))
    }
}
