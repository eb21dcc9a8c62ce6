import Foundation
import NetPrimitives
import Testing

/// IPv6 text in and out. Expected values from RFC 4291 section 2.2 (accepted forms) and RFC
/// 5952 (canonical output: lowercase, no leading zeros, the longest run of two or more zero
/// groups compressed, the first on a tie, a single zero group not compressed; section 5 for
/// IPv4-mapped addresses), written before running.
struct IPv6AddressTests {
    @Test(arguments: [
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),          // RFC 5952 4.2.3: first of two equal runs
        ("2001:0db8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),        // 4.2.2: one zero group stays
        ("2001:DB8::AbCd", "2001:db8::abcd"),                    // 4.3: lowercase
        ("2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::"),            // 4.2.3: the longer run (3) wins
        ("::", "::"), ("::1", "::1"), ("1::", "1::"),
        ("fe80::1", "fe80::1"),
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),                // section 5
        ("::ffff:c000:0201", "::ffff:192.0.2.1"),
        ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),            // embedded IPv4 read as its bits
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
    ])
    func canonicalText(_ input: String, _ expected: String) throws {
        let address = try #require(IPv6Address(input), "\(input) should parse")
        #expect(address.description == expected)
        #expect(IPv6Address(expected) == address, "round trip")
    }

    @Test(arguments: [
        "", ":", ":::", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "12345::", "g::1",
        "1:", ":1", "::1:", "fe80::1%eth0", "192.0.2.1", "::1.2.3", "::1.2.3.4:5", "1.2.3.4::", "::256.0.0.1",
        String(repeating: "0", count: 46),
    ])
    func rejects(_ input: String) {
        #expect(IPv6Address(input) == nil, "\(input) should not parse")
    }

    @Test func prefixesClearHostBitsAndContain() throws {
        let parsed = try #require(IPv6Prefix.parse("2001:db8:1:2::1/64"))
        #expect(parsed.prefix.description == "2001:db8:1:2::/64" && parsed.address.description == "2001:db8:1:2::1")
        let wide = try #require(IPv6Prefix("2001:db8::/32"))
        #expect(wide.contains(parsed.prefix) && !parsed.prefix.contains(wide))
        let inside = try #require(IPv6Address("2001:db8:ffff::1")), outside = try #require(IPv6Address("2001:db9::1"))
        #expect(wide.contains(inside) && !wide.contains(outside))
        let any = try #require(IPv6Address("ffff::"))
        #expect(IPv6Prefix("::/0")?.contains(any) == true)
        #expect(IPv6Prefix("2001:db8::1/128")?.description == "2001:db8::1/128")
        #expect(IPv6Prefix("2001:db8::1/127")?.description == "2001:db8::/127")
        let highBit = try #require(IPv6Address("2001:db8::8000:0:0:0"))
        #expect(IPv6Prefix("2001:db8::/65")?.contains(highBit) == false)
        for bad in ["2001:db8::/129", "2001:db8::", "2001:db8::/", "/64", "2001:db8::/6a", "2001:db8::/0064"] {
            #expect(IPv6Prefix(bad) == nil, "\(bad)")
        }
    }

    /// Random addresses print canonically and parse back to themselves, and order by value.
    @Test func randomRoundTripsAndOrder() throws {
        var generator = SplitMix64(seed: 6)
        var previous: IPv6Address?
        for _ in 0..<2000 {
            // Zero groups often, so compression is exercised.
            let groups = (0..<8).map { _ in generator.next() % 3 == 0 ? UInt16(0) : UInt16(truncatingIfNeeded: generator.next()) }
            let address = try #require(IPv6Address(groups: groups))
            #expect(IPv6Address(address.description) == address, "\(groups)")
            #expect(address.groups == groups)
            if let previous { #expect((previous < address) == ((previous.high, previous.low) < (address.high, address.low))) }
            previous = address
        }
        #expect(IPv6Address(groups: [1, 2, 3]) == nil)
        let encoded = try JSONEncoder().encode([try #require(IPv6Address("2001:db8::1"))])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"2001:db8::1\"]")
        #expect(try JSONDecoder().decode([IPv6Address].self, from: encoded).first?.description == "2001:db8::1")
    }
}
