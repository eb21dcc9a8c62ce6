/// Escaping for HTML, XML and Graphviz HTML-like labels: `& < > " '` become entities, and
/// control characters that XML 1.0 forbids even escaped become spaces. One function for the
/// review page, JUnit output and diagram legends, so a hostile name is safe in all of them.
/// Unicode non-characters (U+FFFE, U+FFFF, U+FDD0-U+FDEF, the last two of every plane), which
/// XML forbids or discourages and which made JUnit and SVG ill-formed, become U+FFFD.
public enum Markup {
    public static func isNonCharacter(_ scalar: Unicode.Scalar) -> Bool {
        (0xFDD0...0xFDEF).contains(scalar.value) || scalar.value & 0xFFFE == 0xFFFE
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" {
                    out += " "
                } else if isNonCharacter(scalar) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
