/// Router configs of the RSVP-TE test network (ConfigRSVPTests, LSPLintTests): PE1 - P1 - PE2
/// and PE1 - P2 - PE2, /31 links numbered 10.1.0.0 upward, RSVP on every core interface. The
/// head-end PE1 varies per test (IOS or Junos); the rest is IOS.
public enum TEConfigs {
    /// An IOS router: loopback 10.0.0.LOOPBACK, interfaces Gi0/1... with the given /31 addresses
    /// (RSVP-TE on those marked), OSPF on all.
    public static func iosRouter(_ name: String, loopback: Int, _ interfaces: [(address: String, rsvp: Bool)]) -> String {
        var text = "hostname \(name)\ninterface Loopback0\n ip address 10.0.0.\(loopback) 255.255.255.255\n"
        for (index, interface) in interfaces.enumerated() {
            text += "interface Gi0/\(index + 1)\n ip address \(interface.address) 255.255.255.254\n"
            if interface.rsvp { text += " mpls traffic-eng tunnels\n ip rsvp bandwidth 1000000\n" }
        }
        return text + "router ospf 1\n network 10.0.0.0 0.255.255.255 area 0\n"
    }

    /// P1, P2 and PE2.
    public static let iosCore = [
        iosRouter("P1", loopback: 11, [("10.1.0.1", true), ("10.1.0.2", true)]),
        iosRouter("P2", loopback: 12, [("10.1.0.5", true), ("10.1.0.6", true)]),
        iosRouter("PE2", loopback: 2, [("10.1.0.3", true), ("10.1.0.7", true)]),
    ]

    /// A Junos PE1 up to its `protocols {` line: loopback 10.0.0.1, ge-0/0/0 toward P1 and
    /// ge-0/0/1 toward P2, both with `family mpls`.
    public static let junosPE1Header = """
    system { host-name PE1; }
    interfaces {
        lo0 { unit 0 { family inet { address 10.0.0.1/32; } } }
        ge-0/0/0 { unit 0 { family inet { address 10.1.0.0/31; } family mpls; } }
        ge-0/0/1 { unit 0 { family inet { address 10.1.0.4/31; } family mpls; } }
    }
    protocols {

    """
}
