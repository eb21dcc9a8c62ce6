import Foundation
import Pipeline
import Testing

/// A policy dispute wheel (Griffin's BAD GADGET) has no stable state: routesim must stop at its
/// bound, report which routers oscillate, and not hang.
@Suite struct ConvergenceBoundTests {
    static let badGadgetPath = DocsTests.root.appendingPathComponent("Tests/SimulationTests/Fixtures/bad-gadget.yml").path
    static var badGadget: String { (try? String(contentsOfFile: badGadgetPath, encoding: .utf8)) ?? "" }

    @Test func disputeWheelIsReportedNotLooped() throws {
        let load = TopologyLoader.load(yaml: Self.badGadget, file: "bad-gadget.yml")
        let network = try #require(load.network, "\(load.diagnostics.map(\.description))")
        let plane = Engine.run(network)
        #expect(!plane.statistics.converged)
        let warning = try #require(plane.diagnostics.first { $0.code == "SIM001" })
        #expect(warning.message.hasPrefix("BGP does not converge for 100.64.0.0/24: best paths keep changing at "))
        for name in ["A1", "A2", "A3"] { #expect(warning.message.contains(name)) }
        let oscillating = try #require(plane.statistics.nonConvergence?.prefixes.first)
        #expect(oscillating.prefix.description == "100.64.0.0/24" && Set(oscillating.routers) == ["A1", "A2", "A3"])
    }

    @Test func withoutThePreferenceTheSameRingConverges() throws {
        let tame = Self.badGadget.replacingOccurrences(of: "local-preference: 200", with: "local-preference: 100")
        let network = try #require(TopologyLoader.load(yaml: tame, file: "tame.yml").network)
        let plane = Engine.run(network)
        #expect(plane.statistics.converged)
        #expect(plane.diagnostics.isEmpty)
        let a1 = try #require(network.routerIndex["A1"])
        #expect(plane.bgpTables[a1][try #require(Prefix("100.64.0.0/24"))]?.attributes.asPath.description == "65000")
    }
}

extension ConvergenceBoundTests {
    /// A tracked Null0 route for the very address its probe targets: up -> installed -> probe
    /// dropped -> down -> removed -> probe works -> up ... routesim must report it and stop.
    @Test func probeThatTraversesItsOwnRouteIsReported() throws {
        let yaml = """
        ases: { 65000: { igp: ospf } }
        routers:
          R1: { asn: 65000, loopbacks: { lo0: 10.9.9.1/32 } }
          R2:
            asn: 65000
            loopbacks: { lo0: 10.9.9.2/32 }
            static-routes: [ { prefix: 10.9.9.1/32, discard: true, track: 1 } ]
            ip-sla: { 1: { target: 10.9.9.1 } }
            tracks: { 1: { ip-sla: 1 } }
        links: [R1-R2]
        """
        let network = try #require(TopologyLoader.load(yaml: yaml, file: "flap.yml").network)
        let plane = Engine.run(network)
        let warning = try #require(plane.diagnostics.first { $0.code == "SIM003" })
        #expect(warning.message == "track states do not settle: R2 track 1 keep changing")
        #expect(plane.diagnostics.filter { $0.code == "SIM003" }.count == 1)
        // Never a silent pick of one state: not converged, with the track and its static route.
        #expect(!plane.statistics.converged)
        let track = try #require(plane.statistics.nonConvergence?.tracks.first)
        #expect(track.router == "R2" && track.track == 1 && track.statics == ["10.9.9.1/32 (flap.yml:7:22)"])
        #expect(plane.statistics.nonConvergence?.descriptions == ["track 1 of R2 keeps changing state; it controls the static route 10.9.9.1/32 (flap.yml:7:22)"])
    }
}

/// The stability check (`SimulationOptions.checkStability`): a converged state is stable; BAD
/// GADGET's last state is not (it has none); both stable states of the DISAGREE fixture are.
@Suite struct StabilityCheckTests {
    static var checking: SimulationOptions { var options = SimulationOptions(); options.checkStability = true; return options }

    @Test func convergedExamplesAreStable() throws {
        for name in ["null0-peering", "bgp-med-order", "bgp-route-reflection", "null0-peering-conditional", "bgp-aggregate"] {
            let path = DocsTests.root.appendingPathComponent("topologies/\(name)/topology.yml").path
            let network = try #require(TopologyLoader.load(path: path).network)
            #expect(Engine.run(network, options: Self.checking).statistics.unstablePrefixes == [], "\(name)")
            #expect(Engine.run(network).statistics.unstablePrefixes == nil)
        }
    }

    @Test func aDisputeWheelHasNoStableState() throws {
        let network = try #require(TopologyLoader.load(yaml: ConvergenceBoundTests.badGadget, file: "bad-gadget.yml").network)
        let unstable = try #require(Engine.run(network, options: Self.checking).statistics.unstablePrefixes)
        #expect(unstable.map(\.prefix.description) == ["100.64.0.0/24"])
        #expect(!(unstable.first?.routers.isEmpty ?? true))
    }

    @Test func bothStatesOfTheDisagreeGadgetAreStable() throws {
        let path = DocsTests.root.appendingPathComponent("Tests/SimulationTests/Fixtures/bgp-two-stable-states.yml").path
        let network = try #require(TopologyLoader.load(path: path).network)
        let (spec, _) = FailureSpec.resolve(links: ["O-X"], routers: [], in: network)
        let baseline = Engine.baseline(network, options: Self.checking)
        let kept = Engine.run(network, failures: spec, options: Self.checking, baseline: baseline)
        let fresh = Engine.run(network, failures: spec, options: Self.checking)
        #expect(kept.stateDigest() != fresh.stateDigest())
        #expect(kept.statistics.unstablePrefixes == [])
        #expect(fresh.statistics.unstablePrefixes == [])
    }
}
