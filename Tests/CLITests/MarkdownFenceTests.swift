import Foundation
import Testing

/// Every Markdown page of the repository renders as written: no fenced code block is left open
/// (a closing fence glued to text, as README's lint example once had after `1 notes`, turns the
/// rest of the page into one code block in every CommonMark renderer).
struct MarkdownFenceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// CommonMark 0.31 §4.5: a fence is 3+ backticks or tildes after at most 3 spaces; a backtick
    /// fence's info string has no backtick; it closes with the same character, at least as many,
    /// and nothing but blanks after. Returns the line numbers of fences never closed.
    static func unclosedFences(_ text: String) -> [Int] {
        var open: (character: Character, count: Int, line: Int)?
        var unclosed: [Int] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = raw.prefix { $0 == " " }.count
            let line = raw.dropFirst(indent)
            guard let first = line.first, first == "`" || first == "~" else { continue }
            let run = line.prefix { $0 == first }.count
            let rest = line.dropFirst(run)
            if let current = open {
                if indent <= 3, first == current.character, run >= current.count, rest.allSatisfy({ $0 == " " || $0 == "\t" }) { open = nil }
            } else if indent <= 3, run >= 3, !(first == "`" && rest.contains("`")) {
                open = (first, run, index + 1)
            }
        }
        if let open { unclosed.append(open.line) }
        return unclosed
    }

    @Test func theCheckFindsAGluedClosingFence() {
        #expect(Self.unclosedFences("text\n```\nrouted 1 notes```\n\n## Next\n") == [2])
        #expect(Self.unclosedFences("```yaml\na: 1\n```\n~~~~\n```\n~~~~\n").isEmpty)
        #expect(Self.unclosedFences("inline ```code``` is fine\n").isEmpty)
    }

    @Test func everyPageClosesItsFences() throws {
        let folders = ["", "docs", "rules", "examples"]
        var pages: [URL] = []
        for folder in folders {
            let url = folder.isEmpty ? Self.root : Self.root.appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
            pages += names.filter { $0.hasSuffix(".md") }.map { url.appendingPathComponent($0) }
        }
        #expect(pages.count > 20)
        for page in pages {
            let text = try String(contentsOf: page, encoding: .utf8)
            #expect(Self.unclosedFences(text).isEmpty, "\(page.lastPathComponent): fence opened at line \(Self.unclosedFences(text)) never closes")
        }
    }
}
