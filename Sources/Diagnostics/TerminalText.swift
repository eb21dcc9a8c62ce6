/// Text for a terminal or a text report: control characters that names may carry (ESC, BEL, CR,
/// C1 controls such as CSI U+009B) are shown as `\x1B`-style escapes instead of acting on the
/// terminal (retitling the window, clearing the screen, overwriting earlier lines). Newlines and
/// tabs stay, since reports are laid out with them.
public enum TerminalText {
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00..<0x20, 0x7F..<0xA0: true
        default: false
        }
    }
}

extension String {
    /// Zero-padded on the left to `width` characters (hex bytes, hashes).
    public func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
