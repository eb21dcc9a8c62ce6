import Foundation
import Pipeline
import Testing

/// Tracked statics, conditional advertisement and session establishment on small variants of
/// the null0-peering network, built from YAML text.
@Suite struct MitigationSemanticsTests {
    /// null0-peering with `r2Extra` spliced into R2 and `r2BGP` replacing R2's neighbor list.
    static func network(r1Networks: String = "[198.51.100.0/24]", r2Static: String, r2Extra: String = "", r2Neighbors: String = "[ { peer: R1, next-hop-self: true }, { peer: R3 } ]", policies: String = "") throws -> Network {
        let yaml = """
        ases:
          65001: { igp: ospf }
          65002: { igp: ospf }
        \(policies)
        routers:
          R1:
            asn: 65001
            loopbacks: { lo0: 10.1.0.1/32 }
            static-routes: [ { prefix: 198.51.100.0/24, discard: true } ]
            bgp: { networks: \(r1Networks), neighbors: [ { peer: R2, next-hop-self: true }, T1 ] }
          R2:
            asn: 65001
            loopbacks: { lo0: 10.1.0.2/32 }
            static-routes: [ \(r2Static) ]
        \(r2Extra)
            bgp: { networks: [198.51.100.0/24], neighbors: \(r2Neighbors) }
          R3: { asn: 65002, loopbacks: { lo0: 10.2.0.3/32 }, bgp: { neighbors: [ { peer: R4, next-hop-self: true }, R2 ] } }
          R4: { asn: 65002, loopbacks: { lo0: 10.2.0.4/32 }, bgp: { networks: [203.0.113.0/24], neighbors: [ { peer: R3, next-hop-self: true }, T1 ] } }
          T1: { asn: 64500, bgp: { neighbors: [ R1, R4 ] } }
        links: [R1-R2, R2-R3, R3-R4, R1-T1, R4-T1]
        hosts:
          client: { router: R1, address: 198.51.100.10/25 }
          server: { router: R4, address: 203.0.113.10/24 }
        """
        let result = TopologyLoader.load(yaml: yaml, file: "inline.yml")
        return try #require(result.network, "\(result.diagnostics.map(\.description))")
    }

    static func serverToClient(_ network: Network, failing links: [String]) throws -> Disposition? {
        let spec = FailureSpec.resolve(links: links, routers: [], in: network)
        let plane = Engine.run(network, failures: spec.0)
        return Tracer(plane: plane).trace(from: "server", to: try #require(IPAddress("198.51.100.10"))).uniformDisposition
    }

    @Test func untrackedPinBlackHoles() throws {
        let network = try Self.network(r2Static: "{ prefix: 198.51.100.0/24, discard: true }")
        #expect(try Self.serverToClient(network, failing: [])?.kind == "delivered")
        let failedDisposition = try Self.serverToClient(network, failing: ["R1-R2"])
        #expect(failedDisposition == .nullRouted(router: "R2", route: "static route to Null0 198.51.100.0/24", location: SourceLocation(file: "inline.yml", line: 14, column: 22)))
    }

    @Test func trackedStaticWithdrawsWhenTheProbeFails() throws {
        let network = try Self.network(r2Static: "{ prefix: 198.51.100.0/24, discard: true, track: 1 }",
                                       r2Extra: "    ip-sla: { 1: { target: 10.1.0.1, source-interface: lo0 } }\n    tracks: { 1: { ip-sla: 1 } }")
        let steady = Engine.run(network)
        let r2 = try #require(network.routerIndex["R2"])
        #expect(steady.trackStates[r2][1] == true)
        #expect(try Self.serverToClient(network, failing: [])?.kind == "delivered")
        let (spec, _) = FailureSpec.resolve(links: ["R1-R2"], routers: [], in: network)
        let failed = Engine.run(network, failures: spec)
        #expect(failed.trackStates[r2][1] == false)
        #expect(failed.bgpTables[r2][try #require(Prefix("198.51.100.0/24"))] == nil)
        #expect(try Self.serverToClient(network, failing: ["R1-R2"])?.kind == "delivered")
        #expect(failed.statistics.converged)
    }

    @Test func conditionalAdvertisementFollowsTheCoreRoute() throws {
        let policies = """
        policies:
          prefix-lists:
            AGGREGATE: [ "permit 198.51.100.0/24" ]
            CORE: [ "permit 10.1.0.1/32" ]
          route-maps:
            ADV: [ { match: { prefix-list: AGGREGATE } } ]
            CORE-PRESENT: [ { match: { prefix-list: CORE } } ]
        """
        let network = try Self.network(r1Networks: "[198.51.100.0/24, 10.1.0.1/32]", r2Static: "{ prefix: 198.51.100.0/24, discard: true }",
                                       r2Neighbors: "[ { peer: R1, next-hop-self: true }, { peer: R3, advertise-map: ADV, exist-map: CORE-PRESENT } ]", policies: policies)
        let r3 = try #require(network.routerIndex["R3"])
        let aggregate = try #require(Prefix("198.51.100.0/24"))
        let steady = Engine.run(network)
        #expect(steady.bgpTables[r3][aggregate]?.attributes.asPath.description == "65001")
        #expect(try Self.serverToClient(network, failing: [])?.kind == "delivered")
        let (spec, _) = FailureSpec.resolve(links: ["R1-R2"], routers: [], in: network)
        let failed = Engine.run(network, failures: spec)
        #expect(failed.bgpTables[r3][aggregate]?.attributes.asPath.description == "65002 64500 65001" || failed.bgpTables[r3][aggregate].map { !$0.isEBGP } == true)
        #expect(try Self.serverToClient(network, failing: ["R1-R2"])?.kind == "delivered")
    }

    @Test func sessionReasonsNameTheCause() throws {
        let network = try Self.network(r2Static: "{ prefix: 198.51.100.0/24, discard: true }",
                                       r2Neighbors: "[ { peer: R1, next-hop-self: true }, { address: 10.2.0.3, remote-as: 65002 } ]")
        let plane = Engine.run(network)
        let r2 = try #require(network.routerIndex["R2"])
        let toR3 = try #require(plane.sessions.first { $0.router == r2 && $0.peerAddress.description == "10.2.0.3" })
        #expect(!toR3.established)
        #expect(toR3.reason == "eBGP peer 10.2.0.3 is not on a connected subnet that is up (set ebgp-multihop to peer across hops)")
        let r3 = try #require(network.routerIndex["R3"])
        let fromR3 = try #require(plane.sessions.first { $0.router == r3 && $0.peerRouter == r2 })
        #expect(fromR3.reason?.hasPrefix("R2 has no neighbor statement for") == true)
        let (spec, _) = FailureSpec.resolve(links: ["R1-R2"], routers: [], in: network)
        let failed = Engine.run(network, failures: spec)
        let r1 = try #require(network.routerIndex["R1"])
        #expect(failed.sessions.first { $0.router == r1 && $0.peerRouter == r2 }?.reason == "no path from R1 to 10.1.0.2 in the IGP/static/connected routes")
    }
}
