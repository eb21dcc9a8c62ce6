import Pipeline
import Testing

@Suite struct FailureSpecTests {
    @Test func linkNamesMatchInEitherOrderEvenWithHyphenatedRouters() {
        let index = ["edge-2-core-1": 0, "R1-R2": 1]
        #expect(Link.lookup("core-1-edge-2", in: index) == 0)
        #expect(Link.lookup("edge-2-core-1", in: index) == 0)
        #expect(Link.lookup("R2-R1", in: index) == 1)
        #expect(Link.lookup("R1-R3", in: index) == nil)
    }

    @Test func failureSetsAndReversedNamesResolve() throws {
        let yaml = """
        routers: { core-1: { asn: 1 }, edge-2: { asn: 1 }, R3: { asn: 1 } }
        links: [core-1-edge-2, edge-2-R3]
        failure-sets: { both: { links: [edge-2-core-1, R3-edge-2] } }
        """
        let load = TopologyLoader.load(yaml: yaml, file: "names.yml")
        let network = try #require(load.network, "\(load.diagnostics.map(\.description))")
        let (set, errors) = FailureSpec.resolve(links: ["both"], routers: [], in: network)
        #expect(errors.isEmpty && set.links == [0, 1])
        let (single, _) = FailureSpec.resolve(links: ["edge-2-core-1"], routers: ["R3"], in: network)
        #expect(single.links == [0] && single.routers == [2])
        let (_, unknown) = FailureSpec.resolve(links: ["core-1-R3"], routers: [], in: network)
        #expect(unknown.count == 1)
    }
}
