import Foundation
import NetworkModel

/// Which dialect a config is written in, from its content first and its file name second
/// (docs/linting.md, "Dialect detection"). Measured against the public corpus' labels by
/// `DialectDetectionTests`.
///
/// Each dialect collects evidence from the first 600 lines: statements only one vendor writes
/// (FRR's `frr version`, `log file`, `debug bgp`, `ebgp-requires-policy`; EOS's `! device:`,
/// `peer group`, `management api`, 3-space indentation; IOS's `version 15.x`,
/// `service timestamps`, dotted masks), and forms two vendors share count less. An FRR daemon
/// file name (`bgpd.conf`, `frr.conf`, `zebra.conf`, ...) counts as strong evidence: the daemon
/// fragments FRR's own tests ship hold `router bgp` blocks that read the same in IOS. Junos is
/// told by braces or `set` statements. Without evidence, IOS.
extension VendorDialect {
    public static func detect(_ lines: [Substring], path: String? = nil) -> ConfigDialect {
        var evidence = Evidence()
        let sample = lines.prefix(600)
        var braces = 0, sets = 0, nonEmpty = 0
        for line in sample {
            let text = ConfigSource.trimmed(line)
            if text.isEmpty { continue }
            nonEmpty += 1
            if text.hasSuffix("{") || text == "}" || contains(text, " { ") && text.hasSuffix("}") { braces += 1 }
            // Junos `set` form is unindented; route-map `set` lines are indented.
            if line.hasPrefix("set ") || line.hasPrefix("deactivate ") { sets += 1 }
            evidence.read(line: line, text: text)
        }
        if braces >= 2 || sets >= 3 || sets >= 2 && sets * 2 >= nonEmpty / 2 { return .junos }
        if let path { evidence.read(path: path) }
        return evidence.verdict
    }

    private struct Evidence {
        /// Statements only that dialect writes (uncapped).
        var frr = 0, eos = 0, ios = 0
        /// Forms a dialect usually writes but others accept (interface names, masks, prefix
        /// lengths, indentation): capped, so that a few statements outweigh many such lines.
        var frrStyle = 0, eosStyle = 0, iosStyle = 0
        var threeSpaceIndents = 0, oneSpaceIndents = 0
        static let styleCap = 6

        var verdict: ConfigDialect {
            var eosStyle = eosStyle, iosStyle = iosStyle
            if threeSpaceIndents >= 5 && threeSpaceIndents > 2 * oneSpaceIndents { eosStyle += 3 } else if oneSpaceIndents >= 3 { iosStyle += 1 }
            let frr = frr + min(frrStyle, Self.styleCap)
            let eos = eos + min(eosStyle, Self.styleCap)
            let ios = ios + min(iosStyle, Self.styleCap)
            if frr > eos && frr > ios { return .frr }
            // EOS needs one EOS-only statement or its whole style (3-space indentation with EOS
            // port names or prefix lengths): IOS and NX-OS-like test configs share the rest.
            if eos > ios && eos >= frr && (self.eos > 0 || min(eosStyle, Self.styleCap) >= Self.styleCap) { return .eos }
            return .ios
        }

        mutating func read(path: String) {
            let name = (path as NSString).lastPathComponent.lowercased()
            let words = name.split(whereSeparator: { $0 == "." || $0 == "_" || $0 == "-" }).map(String.init)
            if name.hasSuffix(".conf") && words.contains(where: Self.frrDaemonFiles.contains) || path.contains("/etc/frr/") { frr += 6 }
            if name.hasSuffix(".eos") { eos += 6 }
            if name.hasSuffix(".ios") { ios += 6 }
            // Weakest: a folder or file named after the vendor (`configs/arista/leaf1.cfg`).
            let parts = Set(path.lowercased().split(whereSeparator: { "/._-".contains($0) }).map(String.init))
            if !parts.isDisjoint(with: ["arista", "eos"]) { eos += 2 }
            if !parts.isDisjoint(with: ["cisco", "ios", "iosxe", "iosv"]) { ios += 2 }
            if !parts.isDisjoint(with: ["frr", "frrouting", "quagga"]) { frr += 2 }
        }

        /// Daemon names as words of a file name (`bgpd.conf`, `bgpd_v6_vtep.conf`,
        /// `early-end-zebra.conf`): the merge's daemon files and the per-router file names.
        static let frrDaemonFiles: Set<String> = Set(DeviceConfig.frrDaemonFiles.map { String($0.dropLast(5)) })
            .union(["frr", "vtysh", "pim", "ospfd6"])

        mutating func read(line: Substring, text: Substring) {
            if line.hasPrefix("   ") && !line.hasPrefix("    ") { threeSpaceIndents += 1 } else if line.hasPrefix(" ") && !line.hasPrefix("  ") { oneSpaceIndents += 1 }
            if line.hasPrefix("\t") { frrStyle += 1 }
            // vtysh closes every block with an unindented `exit`; EOS and IOS running configs do not.
            if line == "exit" { frrStyle += 1 }
            // Decisive headers.
            if text.hasPrefix("frr version") || text.hasPrefix("frr defaults") { frr += 20 }
            if text.hasPrefix("! device:") || text.hasPrefix("! Command: show running-config") { eos += 20 }
            // RANCID's header names the vendor of a collected config.
            if text.hasPrefix("!RANCID-CONTENT-TYPE:") {
                let vendor = text.dropFirst(21).trimmingCharacters(in: .whitespaces).lowercased()
                if vendor.hasPrefix("arista") { eos += 20 } else if vendor.hasPrefix("cisco") || vendor == "ios" { ios += 20 }
            }
            if text.hasPrefix("boot system flash"), contains(text, ".swi") { eos += 3 }
            if text.hasPrefix("! Last configuration change") || text.hasPrefix("boot-start-marker") || text.hasPrefix("service timestamps") { ios += 6 }
            if text.hasPrefix("version "), let major = text.dropFirst(8).split(separator: ".").first, Int(major) != nil { ios += 4 }
            // FRR-only statements.
            if text.hasPrefix("log file") || text.hasPrefix("log stdout") || text.hasPrefix("log syslog") || text.hasPrefix("log commands")
                || text.hasPrefix("log timestamp") || text.hasPrefix("agentx") || text.hasPrefix("ip forwarding") || text.hasPrefix("ipv6 forwarding")
                || text.hasPrefix("exit-vrf") || text.hasPrefix("password zebra") || text.hasPrefix("bgp ebgp-requires-policy")
                || text.hasPrefix("no bgp ebgp-requires-policy") || text.hasPrefix("no bgp network import-check") || text.hasPrefix("bgp as-path access-list")
                || text.hasPrefix("ip route") && (contains(text, " blackhole") || contains(text, " reject")) || text.hasPrefix("ip nht ")
                || text.hasPrefix("debug bgp") || text.hasPrefix("debug ospf") || text.hasPrefix("debug zebra") || text.hasPrefix("debug isis")
                || text.hasPrefix("debug mpls ldp") || text.hasPrefix("debug pim") || text.hasPrefix("debug bfd") || text.hasPrefix("debug static")
                || text.hasPrefix("dual-stack transport-connection") || text.hasPrefix("no bgp default ipv4-unicast") && frr > 0
                || text.hasPrefix("bgp bestpath as-path multipath-relax") || text.hasPrefix("segment-routing") && frr > 0
                || text.hasPrefix("neighbor") && contains(text, " interface") && !contains(text, "update-source") || text.hasPrefix("fabric-tier")
                || text.hasPrefix("router ospf6") || text.hasPrefix("ipv6 ospf6") || text.hasPrefix("allow-external-route-update") || text.hasPrefix("ip table range")
                || text.hasPrefix("ip protocol ") || text.hasPrefix("zebra ") || text.hasPrefix("router openfabric") {
                frr += 3
            }
            if text.hasPrefix("router bgp"), contains(text, " vrf ") { frr += 2 }
            if text.hasPrefix("interface ") || text.hasPrefix("int ") {
                let name = text.drop { $0 != " " }.dropFirst().prefix { $0 != " " }
                // IOS numbers Ethernet ports from 0 (`Ethernet0/0` on IOL), EOS from 1.
                if Self.isLinuxInterface(name) { frrStyle += 2 }
                else if name.hasPrefix("Ethernet0") { iosStyle += 2 }
                else if name.hasPrefix("Ethernet") || name.hasPrefix("Management") || name.hasPrefix("Vxlan") || name.hasPrefix("Port-Channel") { eosStyle += 2 }
                else if name.hasPrefix("GigabitEthernet") || name.hasPrefix("FastEthernet") || name.hasPrefix("TenGigabitEthernet") || name.hasPrefix("Serial") { iosStyle += 2 }
            }
            // Addresses: IOS writes masks, EOS and FRR prefix lengths.
            if text.hasPrefix("ip address ") || text.hasPrefix("ip addr ") {
                if text.split(separator: " ").count >= 4, text.split(separator: " ")[3].contains(".") { iosStyle += 2 }
                else if contains(text, "/") { frrStyle += 1; eosStyle += 1 }
            }
            if text.hasPrefix("network "), contains(text, " mask ") { iosStyle += 2 }
            if text.hasPrefix("ip route ") {
                let words = text.split(separator: " ")
                if words.count >= 4, words[2].contains("/") { frrStyle += 1; eosStyle += 1 } else if words.count >= 4, words[3].contains(".") { iosStyle += 1 }
            }
            // EOS-only statements.
            if text.hasPrefix("transceiver qsfp") || text.hasPrefix("management api") || text.hasPrefix("service routing protocols model")
                || text.hasPrefix("peer-filter") || contains(text, " peer group") || text.hasPrefix("ip virtual-router") || text.hasPrefix("vlan internal order")
                || text.hasPrefix("daemon TerminAttr") || text.hasPrefix("mlag configuration") || text.hasPrefix("ip name-server vrf")
                || text.hasPrefix("management ") && !text.hasPrefix("management-interface") || text.hasPrefix("router general")
                || text.hasPrefix("ip address virtual") || text.hasPrefix("switchport trunk group") || text.hasPrefix("mac address-table aging-time")
                || text.hasPrefix("ipv6 nd ") && eos > 0 || text.hasPrefix("arp aging timeout") || text.hasPrefix("l2 mtu") || text.hasPrefix("bgp session tracker")
                || text.hasPrefix("event-handler") || text.hasPrefix("switchport default mode") || text.hasPrefix("vrf instance") || text == "EOF"
                || text.hasPrefix("logging format timestamp high-resolution") || text.hasPrefix("ip routing vrf") || text.hasPrefix("hardware ") {
                eos += 3
            }
            // IOS-only statements.
            if text.hasPrefix("ip cef") || text.hasPrefix("ip classless") || text.hasPrefix("ip subnet-zero") || text.hasPrefix("no ip domain-lookup")
                || text.hasPrefix("ip http server") || text.hasPrefix("no ip http") || text.hasPrefix("line con 0") || text.hasPrefix("line aux")
                || text.hasPrefix("service password-encryption") || text.hasPrefix("ip ssh version") || text.hasPrefix("crypto pki")
                || text.hasPrefix("ip nat inside") || text.hasPrefix("ip nat outside") || text.hasPrefix("ip vrf ") || text.hasPrefix("zone security") || text.hasPrefix("zone-pair security")
                || text.hasPrefix("ip inspect") || text.hasPrefix("crypto map") || text.hasPrefix("crypto isakmp") || text.hasPrefix("router eigrp")
                || text.hasPrefix("ip sla") || text.hasPrefix("key chain") || text.hasPrefix("ip dhcp pool") || text.hasPrefix("interface Vasi")
                || text.hasPrefix("interface vasi") {
                ios += 2
            }
            // Numbered access lists: IOS only (EOS and FRR name theirs).
            if text.hasPrefix("access-list "), text.dropFirst(12).first?.isNumber == true { ios += 2 }
        }

        static func isLinuxInterface(_ name: Substring) -> Bool {
            name == "lo" || name.hasPrefix("eth") || name.hasPrefix("ens") || name.hasPrefix("enp") || name.hasPrefix("veth")
                || name.hasPrefix("swp") || name.hasPrefix("r") && name.contains("-eth") || name.hasPrefix("dummy") || name.hasPrefix("br")
        }
    }
}

// Detection asks about a hundred prefixes of each of the first 600 lines: compared as UTF-8
// bytes with memcmp, not as Characters (the generic StringProtocol forms made detection half of
// lint's time). The prefixes are ASCII literals, so byte and character prefixes agree.
fileprivate extension Substring {
    func hasPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard count > 0 else { return true }
        guard utf8.count >= count else { return false }
        return utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memcmp($0, prefix.utf8Start, count) == 0 } ?? false
        } ?? utf8.starts(with: UnsafeBufferPointer(start: prefix.utf8Start, count: count))
    }

    func hasSuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard utf8.count >= count else { return false }
        return utf8.suffix(count).elementsEqual(UnsafeBufferPointer(start: suffix.utf8Start, count: count))
    }
}
