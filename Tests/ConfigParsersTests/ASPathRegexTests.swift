import Foundation
import NetPrimitives
import NetworkModel
import Testing

/// AS-path expressions (issue 12 #2): vendors' `_`, search semantics, linear-time matching and
/// bounded compilation. Expected answers from Cisco's "Using Regular Expressions in BGP" and
/// "BGP Regular Expressions" (IOS): `_` matches the start or end of the path or a space, comma,
/// brace or parenthesis; an entry matches when the expression matches anywhere in the path.
@Suite struct ASPathRegexTests {
    func matches(_ pattern: String, _ text: String) throws -> Bool { try ASPathRegex(pattern).matches(text) }

    @Test func vendorExamples() throws {
        // (pattern, path text, expected) — the Cisco document's examples and their negatives.
        let cases: [(String, String, Bool)] = [
            ("^$", "", true), ("^$", "65001", false),
            (".*", "", true), (".*", "65001 65002", true),
            ("^65002_", "65002 65001", true), ("^65002_", "650021 65001", false), ("^65002_", "65001 65002", false),
            ("_65001$", "65002 65001", true), ("_65001$", "65002 165001", false),
            ("_65001_", "65003 65001 65002", true), ("_65001_", "65003 650012", false), ("_65001_", "65001", true),
            ("^[0-9]+$", "65001", true), ("^[0-9]+$", "65001 65002", false),
            ("_(65001|65002)_", "1 65002 3", true), ("_(65001|65002)_", "1 65003 3", false),
            ("^65001_[0-9]*$", "65001 7", true), ("^65001_[0-9]*$", "65001 7 8", false),
            ("^(65001_)+$", "65001 65001 65001", true), ("^1?2$", "2", true), ("^1?2$", "112", false),
            ("^[^0-9]", "65001", false), ("^6[45]", "64512", true), ("^6[45]", "66", false),
            ("^65{2}01$", "65501", true), ("^65{2}01$", "6501", false), ("^6(5){1,}$", "6555", true),
            ("_\\(65001\\)_", "(65001) 2", true), ("65001", "165001", true),
        ]
        for (pattern, text, expected) in cases {
            #expect(try matches(pattern, text) == expected, "'\(pattern)' against '\(text)'")
        }
    }

    /// Property: on small random expressions the automaton agrees with a backtracking engine
    /// (Swift Regex on the `_` translation routesim used before this matcher).
    @Test func agreesWithBacktrackingOnRandomExpressions() throws {
        var rng = SplitMix64(seed: 12)
        let atoms = ["1", "2", "12", ".", "_", "[12]", "[^1]", "^", "$", " "]
        var compared = 0
        for _ in 0..<1_500 {
            var pattern = ""
            for _ in 0..<Int(rng.next() % 5 + 1) {
                var atom = atoms[Int(rng.next() % UInt64(atoms.count))]
                if rng.next() % 4 == 0 { atom = "(" + atom + (rng.next() % 2 == 0 ? "|2" : "") + ")" }
                if !["^", "$"].contains(atom) { atom += ["", "", "*", "+", "?"][Int(rng.next() % 5)] }
                pattern += atom
            }
            let text = (0..<Int(rng.next() % 4)).map { _ in ["1", "2", "12", "21"][Int(rng.next() % 4)] }.joined(separator: " ")
            let translated = pattern.split(separator: "_", omittingEmptySubsequences: false).joined(separator: "(?:^|$|[ ,{}()])")
            let oracle = try Regex(translated)
            #expect(try matches(pattern, text) == (try oracle.firstMatch(in: text) != nil), "'\(pattern)' against '\(text)'")
            compared += 1
        }
        #expect(compared == 1_500)
    }

    /// These took minutes (and doubled per ASN) with backtracking; the automaton answers at once.
    @Test func pathologicalExpressionsAnswer() throws {
        let long = Array(repeating: "65001", count: 400).joined(separator: " ")
        #expect(try !matches("^(.*.*)*Q$", long))
        #expect(try !matches("^((1_)|(1 ))*2$", Array(repeating: "1", count: 400).joined(separator: " ")))
        #expect(try matches("^((1_)|(1 ))*2$", Array(repeating: "1", count: 400).joined(separator: " ") + " 2"))
        #expect(try !matches("(a*)*(a*)*(a*)*b", String(repeating: "a", count: 2_000)))
    }

    @Test func boundsAndSyntaxErrorsAreLocated() {
        func failure(_ pattern: String) -> ASPathRegex.SyntaxError? {
            do { _ = try ASPathRegex(pattern); return nil } catch { return error }
        }
        #expect(failure("*65001")?.description == "'*' repeats nothing at character 1")
        #expect(failure("^(65001")?.description == "unmatched '(' at character 2")
        #expect(failure("65001)")?.description == "unmatched ')' at character 6")
        #expect(failure("[65")?.description == "unterminated '[' at character 1")
        #expect(failure("[9-1]")?.description == "range 9-1 is backwards at character 2")
        #expect(failure("1{3,2}")?.description == "repetition {3,2} has its maximum below its minimum at character 2")
        #expect(failure(String(repeating: "1", count: ASPathRegex.maximumPatternLength + 1))?.message.contains("longer than") == true)
        #expect(failure(String(repeating: "(", count: 40) + "1" + String(repeating: ")", count: 40))?.message.contains("nested groups") == true)
        #expect(failure("(1{100}){100}")?.message.contains("expands to more than") == true)
        #expect(failure(String(repeating: "(", count: ASPathRegex.maximumNesting) + "1" + String(repeating: ")", count: ASPathRegex.maximumNesting)) == nil)
    }
}
