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
}
