import ConfigParsers
import Testing

/// Issue 13: Junos configurations as netlab writes them (netlab 26.10, device vptx) read
/// completely: units in interface names, `[ ]` lists over several lines, `delete:` tags,
/// statements without their final `;`.
@Suite struct JunosNetlabFormTests {
    static let text = """
    interfaces {
      lo0.0 {
          family inet {
            address 10.0.0.1/32;
          }
      }
      et-0/0/0.0 {
        description "r1 -> r2";
          family inet {
            address 10.1.0.1/30;
          }
      }
    }
    routing-options {
      autonomous-system 65001;
      router-id 10.0.0.1
    }
    protocols {
      delete: bgp;
    }
    protocols {
      bgp {
        group ibgp-peers {
          type internal;
          local-address 10.0.0.1;
          export [
            next-hop-ebgp-ipv4 bgp-default-redistribute bgp-final
          ]
          neighbor 10.0.0.2 {
            description "r2";
          }
        }
      }
    }
    """

    @Test func netlabFormsReadCompletely() throws {
        let device = JunosParser().parse(Self.text, file: "r1.conf")
        #expect(device.lines.unrecognized.isEmpty, "\(device.lines.unrecognized)")
        #expect(device.interfaces.map(\.name) == ["lo0.0", "et-0/0/0.0"])
        #expect(device.interfaces.map { $0.addresses.map(\.address.description) } == [["10.0.0.1"], ["10.1.0.1"]])
        #expect(device.bgp?.routerID?.description == "10.0.0.1")
        let group = try #require(device.bgp?.neighbors.first { $0.key == "ibgp-peers" })
        #expect(group.exportChain == ["next-hop-ebgp-ipv4", "bgp-default-redistribute", "bgp-final"])
        #expect(group.updateSource == "10.0.0.1")
    }

    /// Junos reads braces and semicolons, not lines: any layout gives the same statements.
    /// `inactive:` configuration is kept in the file but not applied (Junos CLI guide,
    /// "deactivate"), so it never reaches the model; its lines count as ignored, not lost.
    @Test func layoutDoesNotMatterAndInactiveIsNotApplied() throws {
        let compact = """
        policy-options { policy-statement P { term t { from { family inet; route-type external; } then { next-hop self; next policy; } } } }
        interfaces { ge-0/0/1 { unit 0 { family inet { address 10.9.0.1/30; } } } inactive: ge-0/0/2 { unit 0 { family inet { address 10.9.9.1/30; } } } }
        routing-options { static { inactive: route 192.0.2.0/24 discard; route 198.51.100.0/24 discard } }
        """
        let spread = """
        policy-options {
          policy-statement P {
            term t {
              from {
                family inet;
                route-type external;
              }
              then {
                next-hop self;
                next policy;
              }
            }
          }
        }
        interfaces {
          ge-0/0/1 { unit 0 { family inet { address 10.9.0.1/30; } } }
          inactive: ge-0/0/2 {
            unit 0 { family inet { address 10.9.9.1/30; } }
          }
        }
        routing-options {
          static {
            inactive: route 192.0.2.0/24 discard;
            route 198.51.100.0/24 discard
          }
        }
        """
        for (text, lines) in [(compact, 3), (spread, 26)] {
            let device = JunosParser().parse(text, file: "r.conf")
            let term = try #require(device.junosPolicies["P"]?.first)
            #expect(term.name == "t" && term.families == ["inet"] && term.routeTypes == ["external"])
            #expect(term.flow == .nextPolicy && term.sets == [.nextHop(.peerAddress)])
            #expect(device.interfaces.map(\.name) == ["ge-0/0/1.0"])
            #expect(device.staticRoutes.map(\.prefix.description) == ["198.51.100.0/24"])
            #expect(device.lines.unrecognized.isEmpty && device.lines.total == lines, "\(device.lines)")
        }
    }
}
