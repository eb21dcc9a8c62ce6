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
            // Decisive headers.
            if text.begins(with: "frr version") || text.begins(with: "frr defaults") { frr += 20 }
            if text.begins(with: "! device:") || text.begins(with: "! Command: show running-config") { eos += 20 }
            // RANCID's header names the vendor of a collected config.
            if text.begins(with: "!RANCID-CONTENT-TYPE:") {
                let vendor = text.dropFirst(21).trimmingCharacters(in: .whitespaces).lowercased()
                if vendor.hasPrefix("arista") { eos += 20 } else if vendor.hasPrefix("cisco") || vendor == "ios" { ios += 20 }
            }
            if text.begins(with: "boot system flash"), contains(text, ".swi") { eos += 3 }
            if text.begins(with: "! Last configuration change") || text.begins(with: "boot-start-marker") || text.begins(with: "service timestamps") { ios += 6 }
            if text.begins(with: "version "), let major = text.dropFirst(8).split(separator: ".").first, Int(major) != nil { ios += 4 }
            // FRR-only statements.
            if text.begins(with: "log file") || text.begins(with: "log stdout") || text.begins(with: "log syslog") || text.begins(with: "log commands")
                || text.begins(with: "log timestamp") || text.begins(with: "agentx") || text.begins(with: "ip forwarding") || text.begins(with: "ipv6 forwarding")
                || text.begins(with: "exit-vrf") || text.begins(with: "password zebra") || text.begins(with: "bgp ebgp-requires-policy")
                || text.begins(with: "no bgp ebgp-requires-policy") || text.begins(with: "no bgp network import-check") || text.begins(with: "bgp as-path access-list")
                || text.begins(with: "ip route") && (contains(text, " blackhole") || contains(text, " reject")) || text.begins(with: "ip nht ")
                || text.begins(with: "debug bgp") || text.begins(with: "debug ospf") || text.begins(with: "debug zebra") || text.begins(with: "debug isis")
                || text.begins(with: "debug mpls ldp") || text.begins(with: "debug pim") || text.begins(with: "debug bfd") || text.begins(with: "debug static")
                || text.begins(with: "dual-stack transport-connection") || text.begins(with: "no bgp default ipv4-unicast") && frr > 0
                || text.begins(with: "bgp bestpath as-path multipath-relax") || text.begins(with: "segment-routing") && frr > 0
                || text.begins(with: "neighbor") && contains(text, " interface") && !contains(text, "update-source") || text.begins(with: "fabric-tier")
                || text.begins(with: "router ospf6") || text.begins(with: "ipv6 ospf6") || text.begins(with: "allow-external-route-update") || text.begins(with: "ip table range")
                || text.begins(with: "ip protocol ") || text.begins(with: "zebra ") || text.begins(with: "router openfabric") {
                frr += 3
            }
            if text.begins(with: "router bgp"), contains(text, " vrf ") { frr += 2 }
            if text.begins(with: "interface ") || text.begins(with: "int ") {
                let name = text.drop { $0 != " " }.dropFirst().prefix { $0 != " " }
                // IOS numbers Ethernet ports from 0 (`Ethernet0/0` on IOL), EOS from 1.
                if Self.isLinuxInterface(name) { frrStyle += 2 }
                else if name.begins(with: "Ethernet0") { iosStyle += 2 }
                else if name.begins(with: "Ethernet") || name.begins(with: "Management") || name.begins(with: "Vxlan") || name.begins(with: "Port-Channel") { eosStyle += 2 }
                else if name.begins(with: "GigabitEthernet") || name.begins(with: "FastEthernet") || name.begins(with: "TenGigabitEthernet") || name.begins(with: "Serial") { iosStyle += 2 }
            }
            // Addresses: IOS writes masks, EOS and FRR prefix lengths.
            if text.begins(with: "ip address ") || text.begins(with: "ip addr ") {
                if text.split(separator: " ").count >= 4, text.split(separator: " ")[3].contains(".") { iosStyle += 2 }
                else if contains(text, "/") { frrStyle += 1; eosStyle += 1 }
            }
            if text.begins(with: "network "), contains(text, " mask ") { iosStyle += 2 }
            if text.begins(with: "ip route ") {
                let words = text.split(separator: " ")
                if words.count >= 4, words[2].contains("/") { frrStyle += 1; eosStyle += 1 } else if words.count >= 4, words[3].contains(".") { iosStyle += 1 }
            }
            // EOS-only statements.
            if text.begins(with: "transceiver qsfp") || text.begins(with: "management api") || text.begins(with: "service routing protocols model")
                || text.begins(with: "peer-filter") || contains(text, " peer group") || text.begins(with: "ip virtual-router") || text.begins(with: "vlan internal order")
                || text.begins(with: "daemon TerminAttr") || text.begins(with: "mlag configuration") || text.begins(with: "ip name-server vrf")
                || text.begins(with: "management ") && !text.begins(with: "management-interface") || text.begins(with: "router general")
                || text.begins(with: "ip address virtual") || text.begins(with: "switchport trunk group") || text.begins(with: "mac address-table aging-time")
                || text.begins(with: "ipv6 nd ") && eos > 0 || text.begins(with: "arp aging timeout") || text.begins(with: "l2 mtu") || text.begins(with: "bgp session tracker")
                || text.begins(with: "event-handler") || text.begins(with: "switchport default mode") || text.begins(with: "vrf instance") || text == "EOF"
                || text.begins(with: "logging format timestamp high-resolution") || text.begins(with: "ip routing vrf") || text.begins(with: "hardware ") {
                eos += 3
            }
            // IOS-only statements.
            if text.begins(with: "ip cef") || text.begins(with: "ip classless") || text.begins(with: "ip subnet-zero") || text.begins(with: "no ip domain-lookup")
                || text.begins(with: "ip http server") || text.begins(with: "no ip http") || text.begins(with: "line con 0") || text.begins(with: "line aux")
                || text.begins(with: "service password-encryption") || text.begins(with: "ip ssh version") || text.begins(with: "crypto pki")
                || text.begins(with: "ip nat inside") || text.begins(with: "ip nat outside") || text.begins(with: "ip vrf ") || text.begins(with: "zone security") || text.begins(with: "zone-pair security")
                || text.begins(with: "ip inspect") || text.begins(with: "crypto map") || text.begins(with: "crypto isakmp") || text.begins(with: "router eigrp")
                || text.begins(with: "ip sla") || text.begins(with: "key chain") || text.begins(with: "ip dhcp pool") || text.begins(with: "interface Vasi")
                || text.begins(with: "interface vasi") {
                ios += 2
            }
            // Numbered access lists: IOS only (EOS and FRR name theirs).
            if text.begins(with: "access-list "), text.dropFirst(12).first?.isNumber == true { ios += 2 }
        }

        static func isLinuxInterface(_ name: Substring) -> Bool {
            name == "lo" || name.begins(with: "eth") || name.begins(with: "ens") || name.begins(with: "enp") || name.begins(with: "veth")
                || name.begins(with: "swp") || name.begins(with: "r") && name.contains("-eth") || name.begins(with: "dummy") || name.begins(with: "br")
        }
    }
}
