import Foundation
import Testing
@testable import Lint

/// `ignore:` globs (issue 12 #3): the documented semantics, agreement with the previous
/// (exponential) matcher on small random cases, and the input that never finished before.
@Suite struct GlobTests {
    @Test func documentedSemantics() {
        let cases: [(String, String, Bool)] = [
            ("lab/**", "lab/a/b.cfg", true), ("lab/**", "repo/lab/a.cfg", true), ("lab/**", "labs/a.cfg", false),
            ("*.bak", "a/b/c.bak", true), ("*.bak", "a/b.bak/c", false), ("*.bak", "c.bak.cfg", false),
            ("a/**/b", "a/b", true), ("a/**/b", "a/x/y/b", true), ("a/**/b", "a/xb", false),
            ("a/*/c", "a/x/c", true), ("a/*/c", "a/x/y/c", false), ("r?.cfg", "r1.cfg", true), ("r?.cfg", "r12.cfg", false),
            ("**/*.cfg", "x/y/z.cfg", true), ("**/*.cfg", "z.cfg", true), ("configs/r1.cfg", "configs/r1.cfg", true),
            ("configs/r1.cfg", "other/configs/r1.cfg", true), ("configs/r1.cfg", "xconfigs/r1.cfg", false),
        ]
        for (pattern, path, expected) in cases {
            #expect(Glob(pattern).matches(path) == expected, "'\(pattern)' against '\(path)'")
        }
    }

    @Test func pathologicalPatternsAnswer() {
        let name = String(repeating: "a", count: 60)
        #expect(!Glob("*a*a*a*a*a*a*b").matches(name))
        #expect(!Glob("**a**a**a**a**a**a**b").matches(String(repeating: "a/", count: 500)))
        #expect(Glob("*a*a*a*a*a*a*").matches(name))
    }

    /// Property: the automaton answers like the recursive matcher it replaced, on inputs small
    /// enough for that one to finish.
    @Test func agreesWithTheRecursiveMatcher() {
        var state: UInt64 = 7
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        // Only forms whose meaning the old matcher documented: `**` before a '/' or at the end
        // (it read a bare `**x` as "x at a segment start"; now `**` is any characters), patterns
        // not ending in '/' (it let a final `**/` match a file name), paths without empty segments.
        let pieces = ["a", "b", "/", "*", "?", "**/", "a/"]
        var compared = 0
        while compared < 3_000 {
            var pattern = (0..<(next() % 5 + 1)).map { _ in pieces[next() % pieces.count] }.joined()
            if next() % 4 == 0 { pattern += "**" }
            let bareGlobstar = pattern.ranges(of: "**").contains { range in range.upperBound < pattern.endIndex && pattern[range.upperBound] != "/" }
            guard !pattern.contains("***"), !pattern.contains("//"), !pattern.hasSuffix("/"), !bareGlobstar else { continue }
            let path = (0..<(next() % 4 + 1)).map { _ in (0..<(next() % 3 + 1)).map { _ in ["a", "b"][next() % 2] }.joined() }.joined(separator: "/")
            #expect(Glob(pattern).matches(path) == Self.recursive(pattern, path), "'\(pattern)' against '\(path)'")
            compared += 1
        }
    }

    /// The matcher before issue 12, kept as the reference for its semantics.
    static func recursive(_ pattern: String, _ path: String) -> Bool {
        func match(_ p: Substring, _ s: Substring) -> Bool {
            if p.isEmpty { return s.isEmpty }
            if p.hasPrefix("**") {
                var rest = p.dropFirst(2)
                if rest.hasPrefix("/") { rest = rest.dropFirst() }
                var tail = s
                while true {
                    if match(rest, tail) { return true }
                    guard let slash = tail.firstIndex(of: "/") else { return match(rest, tail[tail.endIndex...]) }
                    tail = tail[tail.index(after: slash)...]
                }
            }
            if p.first == "*" {
                var tail = s
                while true {
                    if match(p.dropFirst(), tail) { return true }
                    guard let c = tail.first, c != "/" else { return false }
                    tail = tail.dropFirst()
                }
            }
            guard let c = s.first, c == p.first || p.first == "?" && c != "/" else { return false }
            return match(p.dropFirst(), s.dropFirst())
        }
        if !pattern.contains("/") { return match(Substring(pattern), Substring((path as NSString).lastPathComponent)) }
        var start = Substring(path)
        while true {
            if match(Substring(pattern), start) { return true }
            guard let slash = start.firstIndex(of: "/") else { return false }
            start = start[start.index(after: slash)...]
        }
    }
}
