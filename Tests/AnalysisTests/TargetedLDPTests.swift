import Foundation
import Pipeline
import Testing

/// Targeted LDP sessions (RFC 5036 section 2.4.2: targeted hellos to a configured address; the
/// target decides whether to answer). Expected before running, from Cisco's LDP configuration
/// guide (`mpls ldp neighbor A targeted`; a router answers targeted hellos it did not ask for
/// only with `mpls ldp discovery targeted-hello accept`) and Juniper's `strict-targeted-hellos`
/// reference (without it Junos answers targeted hellos from any router): pe1 targets pe2, so
/// the session is down until pe2 accepts or targets pe1 back; it needs each side's transport
/// address reachable like a link session.
struct TargetedLDPTests {
    static func network(pe1Extra: String, pe2Extra: String) throws -> (Network, [DeviceConfig]) {
        let configs = LDPLabelAllocationTests.configs(hostRoutes: false, interfaceNextHop: false)
        let texts = [configs[0].replacingOccurrences(of: "hostname pe1\n", with: "hostname pe1\n\(pe1Extra)"), configs[1],
                     configs[2].replacingOccurrences(of: "hostname pe2\n", with: "hostname pe2\n\(pe2Extra)")]
        let devices = texts.enumerated().map { Linter.parse(text: $1, file: "r\($0).cfg", dialect: .ios) }
        let (built, diagnostics) = ConfigNetworkBuilder.build(devices, name: "targeted")
        return (try #require(built, "\(diagnostics.map(\.message))"), devices)
    }

    static func targeted(_ network: Network, failing links: [String] = []) -> [LDPSession] {
        let (spec, _) = FailureSpec.resolve(links: links, routers: [], in: network)
        return Engine.run(network, failures: spec).ldpSessions().filter { $0.targeted == true }
    }

    @Test func aTargetedSessionNeedsTheOtherSideToAnswer() throws {
        let (one, devices) = try Self.network(pe1Extra: "mpls ldp neighbor 10.0.0.2 targeted ldp\n", pe2Extra: "")
        for device in devices { #expect(device.lines.unsupported.isEmpty && device.lines.unrecognized.isEmpty, "\(device.lines.unsupported)") }
        let down = Self.targeted(one)
        #expect(down.count == 1 && down[0].link == "pe1-pe2" && !down[0].up)
        #expect(down[0].reason == "pe2 neither targets pe1 nor accepts targeted hellos")
        let (accepting, _) = try Self.network(pe1Extra: "mpls ldp neighbor 10.0.0.2 targeted ldp\n", pe2Extra: "mpls ldp discovery targeted-hello accept\n")
        #expect(Self.targeted(accepting).map(\.up) == [true])
        let (both, _) = try Self.network(pe1Extra: "mpls ldp neighbor 10.0.0.2 targeted ldp\n", pe2Extra: "mpls ldp neighbor 10.0.0.1 targeted ldp\n")
        #expect(Self.targeted(both).map(\.up) == [true], "one session for the pair, however many ends configure it")
        // The only path between them fails: no route to the transport address.
        let cut = Self.targeted(both, failing: ["p1-pe2"])
        #expect(cut.first?.up == false && cut.first?.reason?.contains("has no route to") == true, "\(cut)")
    }

    @Test func anAddressNoRouterOwnsIsSaid() throws {
        let (network, _) = try Self.network(pe1Extra: "mpls ldp neighbor 10.9.9.9 targeted ldp\n", pe2Extra: "")
        let sessions = Self.targeted(network)
        #expect(sessions.count == 1 && sessions[0].reason == "no other router owns 10.9.9.9, which pe1 targets")
    }

    @Test func junosAnswersUnlessStrict() {
        let text = "system { host-name j; }\nprotocols { ldp { interface all; } }\n"
        let open = Linter.parse(text: text, file: "j.conf", dialect: .junos)
        let strict = Linter.parse(text: text.replacingOccurrences(of: "interface all;", with: "interface all; strict-targeted-hellos;"), file: "j.conf", dialect: .junos)
        #expect(open.ldp?.acceptsTargetedHellos == nil && strict.ldp?.acceptsTargetedHellos == false)
        #expect(strict.lines.unsupported.isEmpty)
        #expect(ConfigNetworkBuilder.build([open], name: "j").0?.routers.first?.mpls?.acceptsTargetedHellos == true)
        #expect(ConfigNetworkBuilder.build([strict], name: "j").0?.routers.first?.mpls?.acceptsTargetedHellos == false)
    }
}
