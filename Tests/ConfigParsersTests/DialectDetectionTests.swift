import ConfigParsers
import Foundation
import Testing

/// Issue 13 #2: the detector names the dialect MANIFEST.tsv labels each public corpus file with,
/// for at least 99% of each dialect's files. The path given is the file's path in its source
/// repository (column 3), not the corpus folder, which is named after the label.
@Suite struct DialectDetectionTests {
    static let corpus = ConfigParsersTests.corpus

    @Test func corpusFilesAreDetectedAsTheirLabel() throws {
        guard let manifest = try? String(contentsOf: Self.corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8) else {
            print("SKIPPED corpusFilesAreDetectedAsTheirLabel: ../shared/corpus is not beside this checkout (it is in CI)")
            return
        }
        var right: [ConfigDialect: Int] = [:], total: [ConfigDialect: Int] = [:], wrong: [String] = []
        for row in manifest.split(separator: "\n").dropFirst() {
            let columns = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count > 4, let label = ConfigDialect(rawValue: String(columns[4])) else { continue }
            guard case .success(let text) = ConfigSource.read(path: Self.corpus.appendingPathComponent(String(columns[0])).path) else { continue }
            let detected = ConfigDialect.detect(ConfigSource.lines(text), path: String(columns[2]))
            total[label, default: 0] += 1
            if detected == label { right[label, default: 0] += 1 } else { wrong.append("\(columns[0]) (\(label.rawValue) read as \(detected.rawValue))") }
        }
        for dialect in [ConfigDialect.ios, .eos, .frr, .junos] {
            let share = Double(right[dialect] ?? 0) / Double(max(1, total[dialect] ?? 0))
            print(String(format: "dialect detection %@: %d of %d files (%.1f%%)", dialect.rawValue, right[dialect] ?? 0, total[dialect] ?? 0, share * 100))
            #expect(share >= 0.99, "\(dialect.rawValue): \(share)")
        }
        print("misdetected: \(wrong.sorted().joined(separator: "\n  "))")
    }

    /// The signals, one line each (the corpus test above measures them together).
    @Test func contentSignalsDecide() {
        func detect(_ text: String, path: String? = nil) -> ConfigDialect { ConfigDialect.detect(ConfigSource.lines(text), path: path) }
        let iosLike = "router bgp 65001\n neighbor 10.0.0.2 remote-as 65002\n"
        #expect(detect(iosLike) == .ios)
        #expect(detect(iosLike, path: "r1/bgpd.conf") == .frr)
        #expect(detect(iosLike, path: "etc/frr/frr.conf") == .frr)
        #expect(detect("frr version 8.4\n" + iosLike) == .frr)
        #expect(detect("! device: leaf1 (DCS-7050SX3, EOS-4.28)\n" + iosLike) == .eos)
        #expect(detect("!RANCID-CONTENT-TYPE: arista\n" + iosLike) == .eos)
        #expect(detect(iosLike + " neighbor SPINES peer group\n") == .eos)
        #expect(detect("interface Ethernet1\n   description uplink\n   no switchport\n   ip address 10.0.0.1/31\n   mtu 9214\n   bfd interval 100\n") == .eos)
        #expect(detect("log file /var/log/frr/bgpd.log\n" + iosLike) == .frr)
        #expect(detect("version 15.2\nservice timestamps debug datetime msec\n" + iosLike) == .ios)
        #expect(detect("interface GigabitEthernet0/0\n ip address 10.0.0.1 255.255.255.0\n exit\n") == .ios)
        #expect(detect("interface eth0\n ip address 10.0.0.1/24\nexit\n") == .frr)
        #expect(detect("interfaces {\n ge-0/0/0 {\n  unit 0;\n }\n}\n") == .junos)
    }
}
