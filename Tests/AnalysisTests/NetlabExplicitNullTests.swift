import Foundation
import Pipeline
import Testing

/// LDP explicit null from configs nobody here wrote: netlab renders pe1 - p1 - pe2 (ce2 behind
/// pe2) with `mpls.ldp.explicit_null` in each dialect (IOS `mpls ldp explicit-null`, EOS `label
/// local-termination explicit-null`, FRR `label local advertise explicit-null`, Junos `protocols
/// ldp explicit-null`). Expected before running (RFC 3032 section 2.1; Juniper's `explicit-null`
/// reference: "Advertise label 0 ... Default: label 3 (implicit null)"): pe1 pushes the label
/// for pe2's loopback, p1 (the penultimate hop) swaps it for label 0 instead of popping it,
/// pe2 pops label 0 and routes the packet to ce2. Every line is read, none is left unmodelled.
@Suite struct NetlabExplicitNullTests {
    static let dialects = ["ios", "eos", "frr", "junos"]

    @Test(arguments: dialects) func thePenultimateHopSwapsToExplicitNull(_ dialect: String) throws {
        let folder = NetlabMPLSTests.fixtures.appendingPathComponent("\(dialect)-mpls-explicit-null").path
        let report = Linter.run(Linter.parseAll(Linter.collect([folder]).files))
        for file in report.files {
            #expect(file.lines?.unrecognized.isEmpty == true, "\(file.path): \(file.lines?.unrecognized.map(\.text) ?? [])")
            #expect(file.lines?.unsupported.contains { $0.text.contains("null") } == false, "\(file.path): \(file.lines?.unsupported.map(\.text) ?? [])")
        }
        let (network, _) = try RouteSim.loadConfigs([folder]).get()
        #expect(network.routers.filter { $0.mpls?.explicitNull == true }.map(\.name).sorted() == ["p1", "pe1", "pe2"])
        let trace = Tracer(plane: Engine.run(network)).trace(from: "pe1", to: try #require(IPAddress("10.0.0.4")))
        let path = try #require(trace.paths.count == 1 ? trace.paths.first : nil)
        #expect(path.disposition == .delivered(node: "ce2"))
        let operations = path.hops.compactMap { hop in hop.labelOperation.map { "\($0) \(hop.node)" } }
        #expect(operations == ["push(fec: 10.0.0.3/32) pe1", "explicitNull(fec: 10.0.0.3/32, ingress: false) p1"], "\(operations)")
    }
}
