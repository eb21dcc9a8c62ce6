import ConfigParsers
import Foundation
import TestSupport
import Testing

/// Issue 12 #10: every parser's work grows linearly with its input. Junos took 0.74 s for 15k
/// interfaces and minutes for 60k (a name scan per statement). Measured as this thread's CPU
/// time (other tests running in parallel do not count), best of three, and only as a ratio:
/// 4x the input may cost at most 8x the time; a quadratic path costs 16x.
@Suite(.serialized) struct ParserScalingTests {
    static func ratio(small: String, large: String, parse: (String) -> Void) -> Double {
        ThreadCPUTime.ratio({ parse(large) }, over: { parse(small) })
    }

    static func address(_ i: Int) -> String { "10.\((i >> 14) & 255).\((i >> 6) & 255).\((i & 63) << 2 | 1)" }

    /// Interfaces, statics, prefix-list and route-map entries and neighbors, n of each.
    static func cisco(_ n: Int) -> String {
        var lines = ["hostname scale", "router bgp 65001"]
        for i in 0..<n { lines.append(" neighbor \(address(i + 1 << 20)) remote-as \(64512 + i % 1000)") }
        for i in 0..<n {
            lines += ["interface Ethernet\(i)", " ip address \(address(i)) 255.255.255.252", " ip ospf cost \(i % 100 + 1)"]
            lines.append("ip route 172.\(16 + (i >> 16) & 15).\((i >> 8) & 255).\(i & 255) 255.255.255.255 Null0")
            lines.append("ip prefix-list PL\(i % 50) seq \(i + 5) permit 192.168.\(i & 255).0/24")
            lines.append("route-map RM\(i % 50) permit \(i + 10)")
            lines.append(" match ip address prefix-list PL\(i % 50)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func junos(_ n: Int) -> String {
        var lines = ["system { host-name scale; }", "interfaces {"]
        for i in 0..<n { lines.append("    ge-0/0/\(i) { unit 0 { family inet { address \(address(i))/30; } } }") }
        lines.append("}")
        lines.append("routing-options {")
        for i in 0..<n { lines.append("    static route 172.\(16 + (i >> 16) & 15).\((i >> 8) & 255).\(i & 255)/32 discard;") }
        lines.append("    autonomous-system 65001;")
        lines.append("}")
        lines.append("policy-options {")
        for i in 0..<n { lines.append("    prefix-list PL\(i) { 192.168.\(i & 255).0/24; }") }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [ConfigDialect.ios, .eos, .frr])
    func ciscoStyleParsingIsLinear(_ dialect: ConfigDialect) {
        let ratio = Self.ratio(small: Self.cisco(2_000), large: Self.cisco(8_000)) { text in
            _ = CiscoStyleParser(dialect: dialect).parse(lines: ConfigSource.lines(text), file: "scale.cfg")
        }
        #expect(ratio < 8, "4x the input took \(ratio)x the time")
    }

    @Test func junosParsingIsLinear() {
        let ratio = Self.ratio(small: Self.junos(2_000), large: Self.junos(8_000)) { text in
            _ = JunosParser().parse(text, file: "scale.conf")
        }
        #expect(ratio < 8, "4x the input took \(ratio)x the time")
    }

    @Test func configNetworkBuildingIsLinear() {
        let small = CiscoStyleParser(dialect: .ios).parse(lines: ConfigSource.lines(Self.cisco(1_000)), file: "s.cfg")
        let large = CiscoStyleParser(dialect: .ios).parse(lines: ConfigSource.lines(Self.cisco(4_000)), file: "l.cfg")
        let ratio = ThreadCPUTime.ratio({ _ = ConfigNetworkBuilder.build([large], name: "l") }, over: { _ = ConfigNetworkBuilder.build([small], name: "s") })
        #expect(ratio < 8, "4x the input took \(ratio)x the time")
    }
}
