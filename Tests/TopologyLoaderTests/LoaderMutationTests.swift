import Foundation
import NetPrimitives
import Testing
@testable import TopologyLoader

/// Property (issue 12): every mutation of every example topology either loads or gives located
/// errors: never a crash, a hang or an error without a place. Seeded, so a failure reproduces.
@Suite struct LoaderMutationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fragments = [":", "- ", "[", "]", "{", "}", "&a ", "*a", "\t", "~", "\"", "'", "#", "? ", "!!str ", "0", "065001", "10.0.0.0/0", "-1", "\u{0}", "\u{1B}"]

    static func mutate(_ text: String, _ random: inout SplitMix64) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return text }
        for _ in 0..<(1 + random.below(3)) {
            let i = random.below(lines.count)
            switch random.below(6) {
            case 0: lines.remove(at: i); if lines.isEmpty { lines = [""] }
            case 1: lines.insert(lines[i], at: i)
            case 2: lines.swapAt(i, random.below(lines.count))
            case 3:
                var characters = Array(lines[i])
                characters.insert(contentsOf: fragments[random.below(fragments.count)], at: random.below(characters.count + 1))
                lines[i] = String(characters)
            case 4: lines[i] = String(lines[i].prefix(random.below(lines[i].count + 1)))
            default: lines[i] = String(repeating: " ", count: random.below(6)) + lines[i].trimmingCharacters(in: .whitespaces)
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func mutatedTopologiesLoadOrFailWithLocatedErrors() throws {
        let folder = Self.root.appendingPathComponent("topologies")
        var random = SplitMix64(seed: 2026)
        var loaded = 0, refused = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name).appendingPathComponent("topology.yml"), encoding: .utf8) else { continue }
            for round in 0..<30 {
                let mutated = Self.mutate(text, &random)
                let result = TopologyLoader.load(yaml: mutated, file: "\(name)-\(round).yml")
                let errors = result.diagnostics.filter { $0.severity == .error }
                if result.network != nil {
                    #expect(errors.isEmpty, "\(name) round \(round) loaded with errors")
                    loaded += 1
                } else {
                    #expect(!errors.isEmpty, "\(name) round \(round): refused without an error")
                    for error in errors { #expect(error.location != nil, "\(name) round \(round): \(error) has no location") }
                    refused += 1
                }
            }
        }
        #expect(loaded > 0 && refused > 0, "\(loaded) loaded, \(refused) refused")
    }
}
