import Foundation
import NetworkModel

/// Router configuration dialects routesim reads: the model's dialects (one list of them).
public typealias ConfigDialect = VendorDialect

extension VendorDialect {

    /// A guess from the text (the first few hundred lines), used unless the caller overrides it.
    /// Junos: braces or `set` statements; FRR: `frr version`, `router bgp` children such as
    /// `address-family ipv4 unicast` with `exit-address-family`... or the FRR-only words below;
    /// EOS: `! device:` / `transceiver qsfp` / `management api` / EOS-only forms; else IOS.
    public static func detect(_ lines: [Substring]) -> ConfigDialect {
        var braces = 0, sets = 0, frr = 0, eos = 0
        for line in lines.prefix(400) {
            let text = ConfigSource.trimmed(line)
            if text.hasSuffix("{") || text == "}" || Self.contains(text, " { ") && text.hasSuffix("}") { braces += 1 }
            // Junos `set` form is unindented; route-map `set` lines are indented.
            if line.hasPrefix("set ") || line.hasPrefix("deactivate ") { sets += 1 }
            if text.hasPrefix("frr version") || text.hasPrefix("frr defaults") || text.hasPrefix("log syslog") || text.hasPrefix("agentx")
                || text.hasPrefix("ip forwarding") || text.hasPrefix("ipv6 forwarding") || text.hasPrefix("exit-vrf")
                || text.hasPrefix("ip route") && (Self.contains(text, " blackhole") || Self.contains(text, " reject")) || text.hasPrefix("bgp as-path access-list")
                || text.hasPrefix("ip addr ") || text == "exit" || text.hasPrefix("hostname") && lines.count < 3 { frr += 1 }
            if text.hasPrefix("! device:") || text.hasPrefix("transceiver qsfp") || text.hasPrefix("management api") || text.hasPrefix("service routing protocols model")
                || text.hasPrefix("spanning-tree mode mstp") && eos > 0 || text.hasPrefix("peer-filter") || Self.contains(text, " peer group")
                || text.hasPrefix("ip routing") && eos > 0 || text.hasPrefix("ip virtual-router") || text.hasPrefix("vlan internal order") { eos += 1 }
        }
        if braces >= 2 || sets >= 2 && sets * 2 >= lines.prefix(400).filter({ !$0.isEmpty }).count / 2 { return .junos }
        if sets >= 3 { return .junos }
        if eos > 0 && eos >= frr { return .eos }
        if frr > 0 { return .frr }
        return .ios
    }

    /// Byte substring search (Foundation's `contains` is slow on hot paths).
    static func contains(_ text: Substring, _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count >= pattern.count, let first = pattern.first, let base = bytes.baseAddress, let wanted = pattern.baseAddress else { return false }
            var i = 0
            while i + pattern.count <= bytes.count {
                if bytes[i] == first && memcmp(base + i, wanted, pattern.count) == 0 { return true }
                i += 1
            }
            return false
        }
        // Native strings give their bytes without a copy; others are copied once.
        return text.utf8.withContiguousStorageIfAvailable(search) ?? Array(text.utf8).withUnsafeBufferPointer(search)
    }
}
