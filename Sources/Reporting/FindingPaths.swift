import Diagnostics
import Foundation

/// Paths and identities as the CI formats want them.
enum FindingPaths {
    /// RFC 3986 path encoding: unreserved characters and `/` kept, every other byte `%XX`.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count < 2 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// FNV-1a, 64 bits, hex: stable across runs and machines (Swift's Hasher is seeded per process).
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }

    /// `./a/../b.cfg` -> `b.cfg`: `.` and `..` resolved in the text (GitHub matches annotations to
    /// files by their normalised path; a `..` above the start is kept).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : joined.isEmpty ? "." : joined
    }

    /// The absolute, standardised form of `root`.
    static func standardized(_ root: String) -> String { URL(fileURLWithPath: root).standardizedFileURL.path }

    /// `path` relative to `root` when under it, else absolute (both standardised).
    static func relative(_ path: String, to root: String) -> (path: String, underRoot: Bool) {
        let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: root, isDirectory: true)).standardizedFileURL.path
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return absolute.hasPrefix(prefix) ? (String(absolute.dropFirst(prefix.count)), true) : (absolute, false)
    }

    /// One fingerprint per finding: its code, file and offending text (not its line number, so it
    /// survives edits elsewhere), and how many identical ones came before it.
    struct Fingerprinter {
        private var seen: [String: Int] = [:]
        mutating func next(_ finding: Finding, path: String) -> String {
            let key = [finding.code, path, (finding.text ?? finding.message).trimmingCharacters(in: .whitespaces)].joined(separator: "\u{0}")
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            return FindingPaths.fingerprint(key + "\u{0}\(occurrence)")
        }
    }
}
