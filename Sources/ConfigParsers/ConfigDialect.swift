/// Router configuration dialects routesim reads.
public enum ConfigDialect: String, Sendable, CaseIterable, Codable {
    case ios, eos, frr, junos

    /// A guess from the text (the first few hundred lines), used unless the caller overrides it.
    /// Junos: braces or `set` statements; FRR: `frr version`, `router bgp` children such as
    /// `address-family ipv4 unicast` with `exit-address-family`... or the FRR-only words below;
    /// EOS: `! device:` / `transceiver qsfp` / `management api` / EOS-only forms; else IOS.
    public static func detect(_ lines: [Substring]) -> ConfigDialect {
        var braces = 0, sets = 0, frr = 0, eos = 0
        for line in lines.prefix(400) {
            let text = line.drop { $0 == " " || $0 == "\t" }
            if text.hasSuffix("{") || text == "}" || text.contains(" { ") && text.hasSuffix("}") { braces += 1 }
            // Junos `set` form is unindented; route-map `set` lines are indented.
            if line.hasPrefix("set ") || line.hasPrefix("deactivate ") { sets += 1 }
            if text.hasPrefix("frr version") || text.hasPrefix("frr defaults") || text.hasPrefix("log syslog") || text.hasPrefix("agentx")
                || text.hasPrefix("ip forwarding") || text.hasPrefix("ipv6 forwarding") || text.hasPrefix("exit-vrf")
                || text.hasPrefix("ip route") && (text.contains(" blackhole") || text.contains(" reject")) || text.hasPrefix("bgp as-path access-list")
                || text.hasPrefix("ip addr ") || text == "exit" || text.hasPrefix("hostname") && lines.count < 3 { frr += 1 }
            if text.hasPrefix("! device:") || text.hasPrefix("transceiver qsfp") || text.hasPrefix("management api") || text.hasPrefix("service routing protocols model")
                || text.hasPrefix("spanning-tree mode mstp") && eos > 0 || text.hasPrefix("peer-filter") || text.contains(" peer group")
                || text.hasPrefix("ip routing") && eos > 0 || text.hasPrefix("ip virtual-router") || text.hasPrefix("vlan internal order") { eos += 1 }
        }
        if braces >= 2 || sets >= 2 && sets * 2 >= lines.prefix(400).filter({ !$0.isEmpty }).count / 2 { return .junos }
        if sets >= 3 { return .junos }
        if eos > 0 && eos >= frr { return .eos }
        if frr > 0 { return .frr }
        return .ios
    }
}
