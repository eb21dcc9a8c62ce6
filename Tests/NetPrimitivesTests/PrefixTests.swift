import Testing
@testable import NetPrimitives

@Suite struct PrefixTests {
    @Test func parsesAndNormalises() throws {
        let parsed = try #require(Prefix.parse("198.51.100.77/24"))
        #expect(parsed.prefix.description == "198.51.100.0/24")
        #expect(parsed.address.description == "198.51.100.77")
        #expect(Prefix("10.0.0.0/33") == nil)
        #expect(Prefix("10.0.0/8") == nil)
        #expect(Prefix("10.0.0.256/8") == nil)
        #expect(IPAddress("1.2.3.4.5") == nil)
        #expect(IPAddress("01.2.3.4")?.description == "1.2.3.4")
    }

    @Test func containment() throws {
        let aggregate = try #require(Prefix("198.51.100.0/24"))
        #expect(aggregate.contains(try #require(Prefix("198.51.100.128/25"))))
        #expect(!aggregate.contains(try #require(Prefix("198.51.0.0/16"))))
        #expect(aggregate.contains(try #require(IPAddress("198.51.100.255"))))
        #expect(!aggregate.contains(try #require(IPAddress("198.51.101.0"))))
        #expect(try #require(Prefix("0.0.0.0/0")).contains(try #require(IPAddress("8.8.8.8"))))
    }

    @Test func trieLongestMatch() throws {
        var trie = PrefixTrie<String>()
        trie.insert(try #require(Prefix("0.0.0.0/0")), "default")
        trie.insert(try #require(Prefix("198.51.100.0/24")), "aggregate")
        trie.insert(try #require(Prefix("198.51.100.0/25")), "lan")
        trie.insert(try #require(Prefix("198.51.100.10/32")), "host")
        #expect(trie.longestMatch(try #require(IPAddress("198.51.100.10")))?.value == "host")
        #expect(trie.longestMatch(try #require(IPAddress("198.51.100.11")))?.value == "lan")
        #expect(trie.longestMatch(try #require(IPAddress("198.51.100.200")))?.value == "aggregate")
        #expect(trie.longestMatch(try #require(IPAddress("9.9.9.9")))?.value == "default")
        #expect(trie.exactMatch(try #require(Prefix("198.51.100.0/25"))) == "lan")
        #expect(trie.exactMatch(try #require(Prefix("198.51.100.0/26"))) == nil)
        #expect(trie.hasMoreSpecific(than: try #require(Prefix("198.51.100.0/24"))))
        #expect(!trie.hasMoreSpecific(than: try #require(Prefix("198.51.100.10/32"))))
        trie.insert(try #require(Prefix("198.51.100.0/24")), "replaced")
        #expect(trie.count == 4)
        #expect(trie.longestMatch(try #require(IPAddress("198.51.100.200")))?.value == "replaced")
    }

    @Test func trieWithoutDefaultHasNoMatch() throws {
        var trie = PrefixTrie<Int>()
        trie.insert(try #require(Prefix("10.0.0.0/8")), 1)
        #expect(trie.longestMatch(try #require(IPAddress("11.0.0.1"))) == nil)
    }

    @Test func communitiesAndPaths() throws {
        #expect(Community("65001:100")?.description == "65001:100")
        #expect(Community("65536:1") == nil)
        #expect(ASPath([65002, 64500]).prepending(65001, times: 2).description == "65001 65001 65002 64500")
        #expect(ASPath([65002, 64500]).neighborAS == 65002)
    }
}
