import Foundation

/// Colour for a terminal: severities in compiler-style lines (`file:1:2: error: ...`). Only when
/// the output is a terminal, `NO_COLOR` is unset or empty (no-color.org) and `TERM` is not `dumb`.
public enum TerminalColour {
    public static func wanted(environment: [String: String] = ProcessInfo.processInfo.environment, isTerminal: Bool) -> Bool {
        isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// `: error: ` red, `: warning: ` yellow, `: info: ` / `: note: ` cyan, on lines that start
    /// with a location; everything else unchanged.
    public static func severities(_ text: String) -> String {
        let colours = [(": error: ", "31"), (": warning: ", "33"), (": info: ", "36"), (": note: ", "36")]
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard !line.hasPrefix(" "), let (word, code) = colours.first(where: { line.contains($0.0) }),
                  let range = line.range(of: word) else { return String(line) }
            let label = word.dropFirst(2).dropLast(2)
            return String(line[..<range.lowerBound]) + ": \u{1B}[1;\(code)m\(label)\u{1B}[0m: " + String(line[range.upperBound...])
        }.joined(separator: "\n")
    }
}
