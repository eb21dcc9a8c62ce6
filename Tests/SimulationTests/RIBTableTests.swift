import NetPrimitives
import Testing
@testable import Simulation

/// The overlay table a failure scenario uses must read exactly like a dictionary built from
/// scratch: lookups, removals, re-insertions, counts, iteration and longest-prefix match.
@Suite struct RIBTableTests {
    func entry(_ text: String, metric: UInt32 = 1, discard: Bool = false) -> RIBEntry {
        let prefix = Prefix(text)!
        return RIBEntry(prefix: prefix, protocolKind: .ospf, distance: 110, metric: metric,
                        forwarding: discard ? .discard : .forward([NextHop(interface: 0, gateway: IPAddress("10.0.0.1")!)]),
                        origin: "test", location: nil)
    }

    func contents(_ table: RIBTable) -> [String] {
        table.map { "\($0.key) \($0.value.metric)" }.sorted()
    }

    @Test func overlayReadsLikeAFreshDictionary() {
        let prefixes = ["10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "192.0.2.0/24", "192.0.2.1/32"]
        var plain: [Prefix: RIBEntry] = [:]
        for (i, p) in prefixes.enumerated() { plain[Prefix(p)!] = entry(p, metric: UInt32(i + 1)) }
        let baseline = RIBTable(plain)
        var overlay = RIBTable(overlaying: baseline)
        #expect(contents(overlay) == contents(baseline))
        #expect(overlay.count == 5)

        overlay.removeValue(forKey: Prefix("10.1.2.0/24")!)                 // a base entry goes
        overlay[Prefix("192.0.2.0/24")!] = entry("192.0.2.0/24", metric: 99)  // one changes
        overlay[Prefix("172.16.0.0/12")!] = entry("172.16.0.0/12", metric: 7) // one is new
        overlay[Prefix("172.16.0.0/12")!] = nil                              // and goes again
        overlay[Prefix("198.51.100.0/24")!] = entry("198.51.100.0/24", metric: 8)
        overlay.removeValue(forKey: Prefix("203.0.113.0/24")!)              // never there

        var expected = plain
        expected[Prefix("10.1.2.0/24")!] = nil
        expected[Prefix("192.0.2.0/24")!] = entry("192.0.2.0/24", metric: 99)
        expected[Prefix("198.51.100.0/24")!] = entry("198.51.100.0/24", metric: 8)
        let fresh = RIBTable(expected)
        #expect(contents(overlay) == contents(fresh))
        #expect(overlay.count == fresh.count)
        #expect(overlay.count == 5)
        // The baseline is untouched.
        #expect(contents(baseline) == prefixes.enumerated().map { "\($0.element) \($0.offset + 1)" }.sorted())

        for address in ["10.1.2.3", "10.1.9.9", "10.200.0.1", "192.0.2.1", "192.0.2.2", "198.51.100.5", "172.16.0.1", "8.8.8.8"] {
            let a = IPAddress(address)!
            #expect(overlay.longestMatch(a)?.prefix == fresh.longestMatch(a)?.prefix, "\(address)")
            #expect(overlay.resolve(a, viaDefault: true) == fresh.resolve(a, viaDefault: true), "\(address)")
            #expect(overlay.forwarding(a) == fresh.forwarding(a), "\(address)")
        }
        #expect(overlay.longestMatch(IPAddress("10.1.2.3")!)?.prefix == Prefix("10.1.0.0/16")!)
    }

    /// Next hops resolve through the longest match whatever it is, a discard route included
    /// (Cisco IOS recursion; the traffic then dies there), and through a default route only
    /// where the dialect allows it.
    @Test func nextHopsResolveThroughTheLongestMatchIncludingDiscard() {
        var table = RIBTable(overlaying: RIBTable([Prefix("10.0.0.0/8")!: entry("10.0.0.0/8", metric: 5),
                                                   Prefix("0.0.0.0/0")!: entry("0.0.0.0/0", metric: 1)]))
        #expect(table.resolve(IPAddress("10.9.9.9")!, viaDefault: false) == 5)
        table[Prefix("10.9.0.0/16")!] = entry("10.9.0.0/16", discard: true)
        #expect(table.resolution(of: IPAddress("10.9.9.9")!, viaDefault: false)?.prefix == Prefix("10.9.0.0/16")!)
        #expect(table.resolution(of: IPAddress("10.9.9.9")!, viaDefault: false)?.entry.isDiscard == true)
        #expect(table.resolve(IPAddress("10.8.9.9")!, viaDefault: false) == 5)
        #expect(table.resolve(IPAddress("192.0.2.1")!, viaDefault: true) == 1)
        #expect(table.resolve(IPAddress("192.0.2.1")!, viaDefault: false) == nil)
    }

    /// IPv6 lengths above 63 live in further words of the length mask: /127 and /128 must be
    /// found, longest first, and an IPv6 default must never answer an IPv4 lookup.
    @Test func ipv6LengthsAboveSixtyThreeResolve() {
        var table = RIBTable(overlaying: RIBTable([Prefix("::/0")!: entry("::/0", metric: 1), Prefix("2001:db8::/32")!: entry("2001:db8::/32", metric: 2)]))
        table[Prefix("2001:db8:ffff::/127")!] = entry("2001:db8:ffff::/127", metric: 3)
        table[Prefix("2001:db8:ffff::1/128")!] = entry("2001:db8:ffff::1/128", metric: 4)
        table[Prefix("2001:db8:ffff::/64")!] = entry("2001:db8:ffff::/64", metric: 5)
        #expect(table.resolve(IPAddress("2001:db8:ffff::1")!, viaDefault: false) == 4)
        #expect(table.resolve(IPAddress("2001:db8:ffff::")!, viaDefault: false) == 3)
        #expect(table.resolve(IPAddress("2001:db8:ffff::2")!, viaDefault: false) == 5)
        #expect(table.resolve(IPAddress("2001:db8:1::2")!, viaDefault: false) == 2)
        #expect(table.resolve(IPAddress("2001:db9::2")!, viaDefault: true) == 1)
        #expect(table.resolve(IPAddress("192.0.2.1")!, viaDefault: true) == nil, "the IPv6 default must not resolve IPv4")
        var mask = PrefixLengthMask()
        for text in ["::/0", "2001:db8::/63", "2001:db8::/64", "2001:db8::/127", "2001:db8::/128", "10.0.0.0/8"] { mask.insert(Prefix(text)!) }
        #expect(Array(mask.lengths(for: IPAddress("2001:db8::1")!)) == [128, 127, 64, 63, 0])
        #expect(Array(mask.lengths(for: IPAddress("10.1.1.1")!)) == [8])
    }

    /// The open-addressing map against Dictionary under random inserts, replacements and
    /// removals (backward-shift deletion must keep every remaining key findable).
    @Test func prefixMapMatchesDictionary() {
        var seed: UInt64 = 0x5EED
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        var map = PrefixMap<Int>()
        var reference: [Prefix: Int] = [:]
        for step in 0..<20_000 {
            // Few distinct networks so that keys collide, are replaced and removed often.
            let prefix = Prefix(network: IPAddress(UInt32(truncatingIfNeeded: next() % 600) << 8), length: UInt8(next() % 3) + 22)
            if next() % 3 == 0 {
                map[prefix] = nil
                reference[prefix] = nil
            } else {
                map[prefix] = step
                reference[prefix] = step
            }
            if step % 997 == 0 {
                #expect(map.count == reference.count)
                #expect(Dictionary(uniqueKeysWithValues: map.map { ($0.key, $0.value) }) == reference)
            }
        }
        for (prefix, value) in reference { #expect(map[prefix] == value) }
        #expect(map.count == reference.count)
        #expect(map[Prefix("1.2.3.0/24")!] == nil)
        // Prefixes at the edges of the packing: 0.0.0.0/0 and 255.255.255.255/32.
        map[Prefix("0.0.0.0/0")!] = -1
        map[Prefix("255.255.255.255/32")!] = -2
        #expect(map[Prefix("0.0.0.0/0")!] == -1 && map[Prefix("255.255.255.255/32")!] == -2)
        #expect(map.contains { $0.key == Prefix("255.255.255.255/32")! && $0.value == -2 })
        // IPv6 keys live beside the word map and are iterated too.
        map[Prefix("2001:db8::/32")!] = -3
        map[Prefix("::/0")!] = -4
        #expect(map[Prefix("2001:db8::/32")!] == -3 && map[Prefix("::/0")!] == -4 && map[Prefix("0.0.0.0/0")!] == -1)
        #expect(map.contains { $0.key == Prefix("::/0")! && $0.value == -4 })
        map[Prefix("::/0")!] = nil
        #expect(map[Prefix("::/0")!] == nil && !map.contains(Prefix("::/0")!))
    }
}
