import Foundation
import NetPrimitives
import Testing

/// IPv6 text in and out. Expected values from RFC 4291 section 2.2 (accepted forms) and RFC
/// 5952 (canonical output: lowercase, no leading zeros, the longest run of two or more zero
/// groups compressed, the first on a tie, a single zero group not compressed; section 5 for
/// IPv4-mapped addresses), written before running.
struct IPAddressFamilyTests {
    @Test(arguments: [
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),          // RFC 5952 4.2.3: first of two equal runs
        ("2001:0db8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),        // 4.2.2: one zero group stays
        ("2001:DB8::AbCd", "2001:db8::abcd"),                    // 4.3: lowercase
        ("2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::"),            // 4.2.3: the longer run (3) wins
        ("::", "::"), ("::1", "::1"), ("1::", "1::"),
        ("fe80::1", "fe80::1"),
        // IPv4-mapped text is the IPv4 address (RFC 4291 2.5.5.2; routesim's documented choice).
        ("::ffff:192.0.2.1", "192.0.2.1"), ("::ffff:c000:0201", "192.0.2.1"),
        ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),            // embedded IPv4 read as its bits
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
    ])
    func canonicalText(_ input: String, _ expected: String) throws {
        let address = try #require(IPAddress(input), "\(input) should parse")
        #expect(address.description == expected)
        #expect(IPAddress(expected) == address, "round trip")
        #expect(address.isIPv4 == !expected.contains(":"))
    }

    @Test(arguments: [
        "", ":", ":::", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "12345::", "g::1",
        "1:", ":1", "::1:", "fe80::1%eth0", "192.0.2", "::1.2.3", "::1.2.3.4:5", "1.2.3.4::", "::256.0.0.1",
        String(repeating: "0", count: 46),
    ])
    func rejects(_ input: String) {
        #expect(IPAddress(input) == nil, "\(input) should not parse")
    }

    @Test func prefixesClearHostBitsAndContain() throws {
        let parsed = try #require(Prefix.parse("2001:db8:1:2::1/64"))
        #expect(parsed.prefix.description == "2001:db8:1:2::/64" && parsed.address.description == "2001:db8:1:2::1")
        let wide = try #require(Prefix("2001:db8::/32"))
        #expect(wide.contains(parsed.prefix) && !parsed.prefix.contains(wide))
        let inside = try #require(IPAddress("2001:db8:ffff::1")), outside = try #require(IPAddress("2001:db9::1"))
        #expect(wide.contains(inside) && !wide.contains(outside))
        let any = try #require(IPAddress("ffff::"))
        #expect(Prefix("::/0")?.contains(any) == true)
        #expect(Prefix("2001:db8::1/128")?.description == "2001:db8::1/128")
        #expect(Prefix("2001:db8::1/127")?.description == "2001:db8::/127")
        let highBit = try #require(IPAddress("2001:db8::8000:0:0:0"))
        #expect(Prefix("2001:db8::/65")?.contains(highBit) == false)
        for bad in ["2001:db8::/129", "2001:db8::", "2001:db8::/", "/64", "2001:db8::/6a", "2001:db8::/0064", "10.0.0.0/33", "10.0.0.0/024",
                    "::ffff:10.0.0.0/104"] {
            #expect(Prefix(bad) == nil, "\(bad)")
        }
    }

    /// Random addresses print canonically and parse back to themselves, and order by value.
    @Test func randomRoundTripsAndOrder() throws {
        var generator = SplitMix64(seed: 6)
        var previous: IPAddress?
        for _ in 0..<2000 {
            // Zero groups often, so compression is exercised.
            let groups = (0..<8).map { _ in generator.next() % 3 == 0 ? UInt16(0) : UInt16(truncatingIfNeeded: generator.next()) }
            let address = try #require(IPAddress(groups: groups))
            #expect(IPAddress(address.description) == address, "\(groups)")
            #expect(address.groups == groups)
            if let previous, !previous.isIPv4, !address.isIPv4 {
                #expect((previous < address) == ((previous.high, previous.low) < (address.high, address.low)))
            }
            previous = address
        }
        #expect(IPAddress(groups: [1, 2, 3]) == nil)
        let encoded = try JSONEncoder().encode([try #require(IPAddress("2001:db8::1"))])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"2001:db8::1\"]")
        #expect(try JSONDecoder().decode([IPAddress].self, from: encoded).first?.description == "2001:db8::1")
    }

    /// The families never meet: an IPv6 prefix holds no IPv4 address (not even `::/0`), every
    /// IPv4 address sorts before every IPv6 one, and the trie answers each family from its own
    /// root.
    @Test func familiesStayApart() throws {
        let v4 = try #require(IPAddress("10.1.2.3")), v6 = try #require(IPAddress("2001:db8::1"))
        #expect(v4.family == .ipv4 && v6.family == .ipv6)
        #expect(Prefix("::/0")?.contains(v4) == false && Prefix("0.0.0.0/0")?.contains(v6) == false)
        #expect(Prefix("0.0.0.0/0")?.contains(v4) == true && Prefix("::/0")?.contains(v6) == true)
        let lastV4 = try #require(IPAddress("255.255.255.255")), firstV6 = try #require(IPAddress("::"))
        #expect(v4 < v6 && !(v6 < v4) && lastV4 < firstV6)
        #expect(Prefix("10.0.0.0/8")?.lastAddress.description == "10.255.255.255")
        #expect(Prefix("2001:db8::/126")?.lastAddress.description == "2001:db8::3")
        #expect(Prefix("2001:db8::/64")?.addressCount == .max && Prefix("10.0.0.0/30")?.addressCount == 4)
        #expect(try #require(IPAddress("2001:db8::ffff:ffff:ffff:ffff")).advanced(by: 1).description == "2001:db8:0:1::")
        #expect(v4.advanced(by: 2).description == "10.1.2.5")

        var trie = PrefixTrie<String>()
        trie.insert(try #require(Prefix("::/0")), "v6 default")
        trie.insert(try #require(Prefix("2001:db8::/32")), "doc")
        trie.insert(try #require(Prefix("10.0.0.0/8")), "ten")
        #expect(trie.longestMatch(v4)?.value == "ten")
        #expect(trie.longestMatch(try #require(IPAddress("192.0.2.1"))) == nil, "no IPv4 default: the IPv6 default must not answer")
        #expect(trie.longestMatch(v6)?.value == "doc")
        #expect(trie.longestMatch(try #require(IPAddress("2001:db9::1")))?.value == "v6 default")
        #expect(trie.exactMatch(try #require(Prefix("2001:db8::/32"))) == "doc")
        #expect(trie.hasMoreSpecific(than: try #require(Prefix("::/0"))))
        #expect(trie.hasMoreSpecific(than: try #require(Prefix("0.0.0.0/0"))))
        #expect(!trie.hasMoreSpecific(than: try #require(Prefix("2001:db8::/32"))))
        #expect(trie.entries.map(\.value) == ["ten", "v6 default", "doc"])
    }
}
