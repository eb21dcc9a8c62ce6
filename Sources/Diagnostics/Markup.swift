/// Escaping for HTML, XML and Graphviz HTML-like labels: `& < > " '` become entities, and
/// control characters that XML 1.0 forbids even escaped become spaces. One function for the
/// review page, JUnit output and diagram legends, so a hostile name is safe in all of them.
public enum Markup {
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
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
