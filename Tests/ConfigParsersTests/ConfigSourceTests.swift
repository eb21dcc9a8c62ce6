import ConfigParsers
import NetPrimitives
import Testing

/// Line splitting (LF, CRLF, CR-only files), the numbered form lint quotes findings with, and
/// the byte-wise address parsers on native and bridged text.
struct ConfigSourceTests {
    static let texts = ["a\nb\n\nc", "a\r\nb\r\n\r\nc\r\n", "a\rb\r\rc", "", "\n", "only", "é\nx y\n\u{1F6E3}\n"]

    @Test(arguments: texts) func numberedLinesAgreeWithAllLines(_ text: String) {
        let all = ConfigSource.lines(text)
        let wanted: Set<Int> = [0, 1, 2, 4, all.count, all.count + 1]
        let numbered = ConfigSource.lines(text, numbered: wanted)
        for number in wanted.sorted() {
            let expected = number >= 1 && number <= all.count ? all[number - 1] : nil
            #expect(numbered[number] == expected, "line \(number) of \(text.debugDescription)")
        }
    }

    @Test func addressesParseFromAnyStringForm() {
        let line = "ip address 10.1.2.3 255.255.255.0"
        let words = line.split(separator: " ")
        #expect(IPAddress(words[2]) == IPAddress(0x0A01_0203) && IPAddress(String(words[2])) == IPAddress(0x0A01_0203))
        #expect(IPAddress(words[3])?.ipv4Value == 0xFFFF_FF00)
        for bad in ["10.1.2", "10.1.2.3.4", "256.1.1.1", "1..2.3", "a.b.c.d", "", "1.2.3.4 ", "1.2.3.1000"] { #expect(IPAddress(bad) == nil, "\(bad)") }
        let prefix = Prefix.parse("10.1.2.3/24"[...])
        #expect(prefix?.prefix == Prefix("10.1.2.0/24") && prefix?.address == IPAddress("10.1.2.3"))
        for bad in ["10.1.2.3/33", "10.1.2.3/", "10.1.2.3", "/24", "10.1.2.3/2a", "10.1.2.3/024"] { #expect(Prefix(bad) == nil, "\(bad)") }
    }
}

/// Junos conditions: what reaches the model (an IPv4 route in inet.0; a bare address is a /32)
/// and what is warned (another table, IPv6, another address family) instead of counted as read.
struct JunosConditionTests {
    @Test func conditionsReachTheModelOrAreWarned() {
        let device = JunosParser().parse("""
        set policy-options condition A if-route-exists 10.0.0.0/24
        set policy-options condition A if-route-exists table inet.0
        set policy-options condition B if-route-exists 192.0.2.1
        set policy-options condition C if-route-exists 10.1.0.0/16
        set policy-options condition C if-route-exists table ri2.inet.0
        set policy-options condition D if-route-exists 2001:db8::/32
        set policy-options condition E if-route-exists address-family ccc x y
        """, file: "r1.conf")
        #expect(device.junosConditions["A"]?.prefix == Prefix("10.0.0.0/24") && device.junosConditions["B"]?.prefix == Prefix("192.0.2.1/32"))
        #expect(device.lines.unsupported.map(\.line) == [5, 6, 7], "\(device.lines.unsupported)")
        #expect(device.lines.modelled == 4 && device.lines.unrecognized.isEmpty)
    }
}

/// The directory of a path without Foundation's trap on one-character names.
struct ConfigPathTests {
    @Test func directoriesOfPaths() {
        let cases = ["a": "", "-": "", "r1.cfg": "", "x/-": "x", "/a": "/", "a/b/c.cfg": "a/b", "a//b": "a", "a/b/": "a", "/": "/", "": ""]
        for (path, directory) in cases { #expect(ConfigNetworks.directory(of: path) == directory, "\(path)") }
        #expect(ConfigNetworks.network(of: "a") == "" && ConfigNetworks.network(of: "r1/bgpd.conf") == "")
    }
}
