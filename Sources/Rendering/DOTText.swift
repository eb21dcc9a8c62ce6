import Diagnostics

/// DOT text building blocks. Every user-supplied string goes through `quoted`, so a name with
/// quotes, braces, angle brackets, backslashes or newlines stays one label and cannot add
/// attributes or statements; node identifiers are synthetic (`r0`, `h3`), never names.
enum DOTText {
    /// A double-quoted DOT string whose text Graphviz shows verbatim. Backslashes are doubled
    /// because labels are escString (`\N`, `\G`, `\l` would otherwise expand); control
    /// characters become spaces; `\n` inside `lines` joins separate lines.
    static func quoted(_ text: String) -> String {
        "\"" + escape(text) + "\""
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n", "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += " "
                } else if Markup.isNonCharacter(scalar) {
                    out += "\u{FFFD}"  // Graphviz copies it into SVG, which XML then refuses
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Several lines in one label (each escaped; Graphviz centres them).
    static func lines(_ lines: [String]) -> String {
        "\"" + lines.map(escape).joined(separator: "\\n") + "\""
    }

    /// Text for an HTML-like label (`<...>`), used only for the legend's fixed text.
    static func html(_ text: String) -> String { Markup.escape(text) }

    /// `[key=value, ...]` with keys in the given order (values already quoted where needed).
    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.isEmpty ? "" : " [" + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "]"
    }
}
