import Foundation
import Pipeline
import RoutingPolicy
import Testing

/// Junos policy chains evaluated as Junos does (Junos "Routing Policies" guide: "How a Routing
/// Policy Is Evaluated", "Route Filter Match Conditions"). Expected outcomes written from that
/// guide before running routesim:
/// - a chain runs policies in order; `next policy` skips the rest of a policy; `accept` /
///   `reject` end the chain; a chain that decides nothing falls to BGP's default export
///   (BGP routes out, everything else not);
/// - `then next-hop self` without a terminating action changes the route and goes on;
/// - of several route filters in a term only the longest one containing the route is tried;
/// - `from family inet` / `inet6` admits that family's routes only (docs/ipv6.md).
@Suite struct JunosPolicyChainTests {
    static let config = """
    system { host-name pe1; }
    interfaces {
        lo0 { unit 0 { family inet { address 10.0.0.1/32; } } }
        ge-0/0/0 { unit 0 { family inet { address 10.1.0.1/30; } } }
    }
    routing-options {
        autonomous-system 65001;
        static { route 203.0.113.0/24 discard; route 198.51.100.0/24 discard; }
        rib inet6.0 { static { route 2001:db8:9::/48 discard; } }
    }
    policy-options {
        route-filter-list LOOPBACKS { 10.0.0.1/32 exact; }
        community BLUE members 65001:7;
        policy-statement NH-SELF { term ext { from { family inet; route-type external; } then next-hop self; } }
        policy-statement REDIST {
            term loopbacks { from { route-filter-list LOOPBACKS; } then next policy; }
            term statics {
                from { protocol static; route-filter 203.0.0.0/8 orlonger; route-filter 203.0.113.0/24 exact; }
                then { community add BLUE; next policy; }
            }
            term v6 { from family inet6; then accept; }
            term bgp { from protocol bgp; then next policy; }
            term rest { then reject; }
        }
        policy-statement FINAL { then accept; }
        policy-statement LONGEST {
            term t { from { route-filter 10.0.0.0/8 orlonger; route-filter 10.1.0.0/16 exact; } then reject; }
        }
    }
    protocols {
        bgp {
            group ibgp { type internal; local-address 10.0.0.1; export [ NH-SELF REDIST FINAL ]; neighbor 10.0.0.2; }
            group ebgp { peer-as 65002; export [ REDIST FINAL ]; import LONGEST; neighbor 10.1.0.2; }
        }
    }
    """

    func built() throws -> Router {
        let device = Linter.parse(text: Self.config, file: "pe1.conf", dialect: .junos)
        let (network, diagnostics) = ConfigNetworkBuilder.build([device], name: "pe1")
        return try #require(network?.routers.first, "\(diagnostics.map(\.message))")
    }

    func apply(_ router: Router, _ map: String?, _ prefix: String, source: RouteSource, peer: String = "10.1.0.1") throws -> PolicyEvaluator.Outcome {
        let name = try #require(map)
        var attributes = BGPAttributes()
        attributes.nextHop = try #require(IPAddress("192.0.2.9"))
        return PolicyEvaluator(policies: router.policies, localAS: router.asn)
            .apply(name, prefix: try #require(Prefix(prefix)), attributes: attributes, peerAddress: IPAddress(peer), source: source)
    }

    @Test func exportChainsTakeJunosPaths() throws {
        let router = try built()
        let bgp = try #require(router.bgp)
        let ibgp = try #require(bgp.neighbors.first { $0.address == IPAddress("10.0.0.2") })
        let ebgp = try #require(bgp.neighbors.first { $0.address == IPAddress("10.1.0.2") })
        // The loopback: REDIST `next policy`, FINAL accepts.
        guard case .permitted = try apply(router, ebgp.exportPolicy, "10.0.0.1/32", source: .connected) else { Issue.record("loopback not exported"); return }
        // The static the longer filter matches exactly: exported with BLUE added.
        guard case .permitted(let pin, _) = try apply(router, ebgp.exportPolicy, "203.0.113.0/24", source: .static) else { Issue.record("203.0.113.0/24 not exported"); return }
        #expect(pin.communities == [Community(65001 << 16 | 7)])
        // 203.0.113.128/25: the longest filter (203.0.113.0/24 exact) fails, the /8 orlonger is not
        // tried, so `statics` does not match and `rest` rejects it.
        guard case .denied = try apply(router, ebgp.exportPolicy, "203.0.113.128/25", source: .static) else { Issue.record("a /25 was exported"); return }
        // Another static, outside the filters: rejected; the link subnet too (inet6 term never matches IPv4).
        guard case .denied = try apply(router, ebgp.exportPolicy, "198.51.100.0/24", source: .static) else { Issue.record("198.51.100.0/24 exported"); return }
        guard case .denied = try apply(router, ebgp.exportPolicy, "10.1.0.0/30", source: .connected) else { Issue.record("link subnet exported"); return }
        // BGP routes pass; towards iBGP, eBGP-learned ones get next-hop self, iBGP-learned keep theirs.
        guard case .permitted(let external, _) = try apply(router, ibgp.exportPolicy, "192.0.2.0/24", source: .ebgp, peer: "10.0.0.1") else { Issue.record("eBGP route not exported"); return }
        #expect(external.nextHop == IPAddress("10.0.0.1"))
        guard case .permitted(let fromIBGP, _) = try apply(router, ibgp.exportPolicy, "192.0.2.0/24", source: .ibgp, peer: "10.0.0.1") else { Issue.record("iBGP route not exported"); return }
        #expect(fromIBGP.nextHop == IPAddress("192.0.2.9"))
        // Only the statics and the loopback the chains accept are originated; the IPv6 static by
        // the `from family inet6` term.
        let originated = Set(bgp.redistributions.compactMap { $0.routeMap }.flatMap { router.policies.prefixLists[$0]?.entries.map(\.prefix) ?? [] })
        #expect(originated == Set(["10.0.0.1/32", "203.0.113.0/24", "2001:db8:9::/48"].compactMap { Prefix($0) }))
        // An eBGP-learned IPv6 route toward iBGP: NH-SELF's `family inet` term does not touch it,
        // REDIST's `family inet6` term accepts it as it is.
        guard case .permitted(let v6, _) = try apply(router, ibgp.exportPolicy, "2001:db8:7::/48", source: .ebgp, peer: "10.0.0.1") else {
            Issue.record("IPv6 eBGP route not exported"); return
        }
        #expect(v6.nextHop == IPAddress("192.0.2.9"))
        // And an IPv4 static the `family inet6` term must not accept stays rejected (above).
    }

    @Test func importChainUsesTheLongestRouteFilter() throws {
        let router = try built()
        let ebgp = try #require(router.bgp?.neighbors.first { $0.address == IPAddress("10.1.0.2") })
        // 10.1.0.0/16 exact: rejected. 10.1.2.0/24: longest filter 10.1/16 exact fails, so the
        // term does not match and the import default accepts it. 10.9.0.0/16: the /8 orlonger rejects.
        guard case .denied = try apply(router, ebgp.importPolicy, "10.1.0.0/16", source: .ebgp) else { Issue.record("10.1/16 accepted"); return }
        guard case .permitted = try apply(router, ebgp.importPolicy, "10.1.2.0/24", source: .ebgp) else { Issue.record("10.1.2/24 rejected"); return }
        guard case .denied = try apply(router, ebgp.importPolicy, "10.9.0.0/16", source: .ebgp) else { Issue.record("10.9/16 accepted"); return }
    }

    @Test func unevaluatedConditionsAndActionsAreWarnedAtTheirTerm() throws {
        let text = Self.config.replacingOccurrences(of: "policy-statement FINAL { then accept; }",
                                                    with: "policy-statement FINAL { term a { from as-path X; then reject; } term b { then { origin igp; accept; } } }")
        let device = Linter.parse(text: text, file: "pe1.conf", dialect: .junos)
        let (_, diagnostics) = ConfigNetworkBuilder.build([device], name: "pe1")
        let messages = diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("policy FINAL term a: `from as-path` is not evaluated") })
        #expect(messages.contains { $0.contains("policy FINAL term b: `then origin igp` is not modelled") })
        // Each once, though two chains use FINAL.
        #expect(messages.filter { $0.contains("policy FINAL term a") }.count == 1)
    }
}
