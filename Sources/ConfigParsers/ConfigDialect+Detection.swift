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
            if text.ends(with: "{") || text == "}" || contains(text, " { ") && text.ends(with: "}") { braces += 1 }
            // Junos `set` form is unindented; route-map `set` lines are indented.
            if line.begins(with: "set ") || line.begins(with: "deactivate ") { sets += 1 }
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
            if line.begins(with: "   ") && !line.begins(with: "    ") { threeSpaceIndents += 1 } else if line.begins(with: " ") && !line.begins(with: "  ") { oneSpaceIndents += 1 }
            if line.begins(with: "\t") { frrStyle += 1 }
            // vtysh closes every block with an unindented `exit`; EOS and IOS running configs do not.
            if line == "exit" { frrStyle += 1 }
            // A hundred prefix tests per line: on the bytes, fetched once (detection was a fifth of lint).
            var statement = text
            statement.withUTF8 { read(statement: StatementBytes(bytes: $0), text: text) }
        }

        private mutating func read(statement s: StatementBytes, text: Substring) {
            // Decisive headers.
            if s.begins(with: "frr version") || s.begins(with: "frr defaults") { frr += 20 }
            if s.begins(with: "! device:") || s.begins(with: "! Command: show running-config") { eos += 20 }
            // RANCID's header names the vendor of a collected config.
            if s.begins(with: "!RANCID-CONTENT-TYPE:") {
                let vendor = text.dropFirst(21).trimmingCharacters(in: .whitespaces).lowercased()
                if vendor.hasPrefix("arista") { eos += 20 } else if vendor.hasPrefix("cisco") || vendor == "ios" { ios += 20 }
            }
            if s.begins(with: "boot system flash"), s.contains(".swi") { eos += 3 }
            if s.begins(with: "! Last configuration change") || s.begins(with: "boot-start-marker") || s.begins(with: "service timestamps") { ios += 6 }
            if s.begins(with: "version "), let major = text.dropFirst(8).split(separator: ".").first, Int(major) != nil { ios += 4 }
            // FRR-only statements.
            if s.begins(with: "log file") || s.begins(with: "log stdout") || s.begins(with: "log syslog") || s.begins(with: "log commands")
                || s.begins(with: "log timestamp") || s.begins(with: "agentx") || s.begins(with: "ip forwarding") || s.begins(with: "ipv6 forwarding")
                || s.begins(with: "exit-vrf") || s.begins(with: "password zebra") || s.begins(with: "bgp ebgp-requires-policy")
                || s.begins(with: "no bgp ebgp-requires-policy") || s.begins(with: "no bgp network import-check") || s.begins(with: "bgp as-path access-list")
                || s.begins(with: "ip route") && (s.contains(" blackhole") || s.contains(" reject")) || s.begins(with: "ip nht ")
                || s.begins(with: "debug bgp") || s.begins(with: "debug ospf") || s.begins(with: "debug zebra") || s.begins(with: "debug isis")
                || s.begins(with: "debug mpls ldp") || s.begins(with: "debug pim") || s.begins(with: "debug bfd") || s.begins(with: "debug static")
                || s.begins(with: "dual-stack transport-connection") || s.begins(with: "no bgp default ipv4-unicast") && frr > 0
                || s.begins(with: "bgp bestpath as-path multipath-relax") || s.begins(with: "segment-routing") && frr > 0
                || s.begins(with: "neighbor") && s.contains(" interface") && !s.contains("update-source") || s.begins(with: "fabric-tier")
                || s.begins(with: "router ospf6") || s.begins(with: "ipv6 ospf6") || s.begins(with: "allow-external-route-update") || s.begins(with: "ip table range")
                || s.begins(with: "ip protocol ") || s.begins(with: "zebra ") || s.begins(with: "router openfabric") {
                frr += 3
            }
            if s.begins(with: "router bgp"), s.contains(" vrf ") { frr += 2 }
            if s.begins(with: "interface ") || s.begins(with: "int ") {
                let name = text.drop { $0 != " " }.dropFirst().prefix { $0 != " " }
                // IOS numbers Ethernet ports from 0 (`Ethernet0/0` on IOL), EOS from 1.
                if Self.isLinuxInterface(name) { frrStyle += 2 }
                else if name.begins(with: "Ethernet0") { iosStyle += 2 }
                else if name.begins(with: "Ethernet") || name.begins(with: "Management") || name.begins(with: "Vxlan") || name.begins(with: "Port-Channel") { eosStyle += 2 }
                else if name.begins(with: "GigabitEthernet") || name.begins(with: "FastEthernet") || name.begins(with: "TenGigabitEthernet") || name.begins(with: "Serial") { iosStyle += 2 }
            }
            // Addresses: IOS writes masks, EOS and FRR prefix lengths.
            if s.begins(with: "ip address ") || s.begins(with: "ip addr ") {
                if text.split(separator: " ").count >= 4, text.split(separator: " ")[3].contains(".") { iosStyle += 2 }
                else if s.contains("/") { frrStyle += 1; eosStyle += 1 }
            }
            if s.begins(with: "network "), s.contains(" mask ") { iosStyle += 2 }
            if s.begins(with: "ip route ") {
                let words = text.split(separator: " ")
                if words.count >= 4, words[2].contains("/") { frrStyle += 1; eosStyle += 1 } else if words.count >= 4, words[3].contains(".") { iosStyle += 1 }
            }
            // EOS-only statements.
            if s.begins(with: "transceiver qsfp") || s.begins(with: "management api") || s.begins(with: "service routing protocols model")
                || s.begins(with: "peer-filter") || s.contains(" peer group") || s.begins(with: "ip virtual-router") || s.begins(with: "vlan internal order")
                || s.begins(with: "daemon TerminAttr") || s.begins(with: "mlag configuration") || s.begins(with: "ip name-server vrf")
                || s.begins(with: "management ") && !s.begins(with: "management-interface") || s.begins(with: "router general")
                || s.begins(with: "ip address virtual") || s.begins(with: "switchport trunk group") || s.begins(with: "mac address-table aging-time")
                || s.begins(with: "ipv6 nd ") && eos > 0 || s.begins(with: "arp aging timeout") || s.begins(with: "l2 mtu") || s.begins(with: "bgp session tracker")
                || s.begins(with: "event-handler") || s.begins(with: "switchport default mode") || s.begins(with: "vrf instance") || text == "EOF"
                || s.begins(with: "logging format timestamp high-resolution") || s.begins(with: "ip routing vrf") || s.begins(with: "hardware ") {
                eos += 3
            }
            // IOS-only statements.
            if s.begins(with: "ip cef") || s.begins(with: "ip classless") || s.begins(with: "ip subnet-zero") || s.begins(with: "no ip domain-lookup")
                || s.begins(with: "ip http server") || s.begins(with: "no ip http") || s.begins(with: "line con 0") || s.begins(with: "line aux")
                || s.begins(with: "service password-encryption") || s.begins(with: "ip ssh version") || s.begins(with: "crypto pki")
                || s.begins(with: "ip nat inside") || s.begins(with: "ip nat outside") || s.begins(with: "ip vrf ") || s.begins(with: "zone security") || s.begins(with: "zone-pair security")
                || s.begins(with: "ip inspect") || s.begins(with: "crypto map") || s.begins(with: "crypto isakmp") || s.begins(with: "router eigrp")
                || s.begins(with: "ip sla") || s.begins(with: "key chain") || s.begins(with: "ip dhcp pool") || s.begins(with: "interface Vasi")
                || s.begins(with: "interface vasi") {
                ios += 2
            }
            // Numbered access lists: IOS only (EOS and FRR name theirs).
            if s.begins(with: "access-list "), text.dropFirst(12).first?.isNumber == true { ios += 2 }
        }

        static func isLinuxInterface(_ name: Substring) -> Bool {
            name == "lo" || name.begins(with: "eth") || name.begins(with: "ens") || name.begins(with: "enp") || name.begins(with: "veth")
                || name.begins(with: "swp") || name.begins(with: "r") && name.contains("-eth") || name.begins(with: "dummy") || name.begins(with: "br")
        }
    }
}

/// A statement's UTF-8 bytes, borrowed for the duration of detection's tests on it.
private struct StatementBytes {
    let bytes: UnsafeBufferPointer<UInt8>

    func begins(with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count, let base = bytes.baseAddress else { return count == 0 }
        return count == 0 || base[0] == prefix.utf8Start[0] && memcmp(base, prefix.utf8Start, count) == 0
    }

    func ends(with suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard bytes.count >= count, let base = bytes.baseAddress else { return count == 0 }
        return memcmp(base + bytes.count - count, suffix.utf8Start, count) == 0
    }

    func contains(_ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return true }
        guard bytes.count >= count, let base = bytes.baseAddress else { return false }
        let first = needle.utf8Start[0]
        var i = 0
        while i + count <= bytes.count {
            if base[i] == first && memcmp(base + i, needle.utf8Start, count) == 0 { return true }
            i += 1
        }
        return false
    }
}
