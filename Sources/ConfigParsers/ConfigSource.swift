import Foundation
import NetPrimitives

/// Reading a config file safely: size cap, binary detection, CRLF, and line splitting.
public enum ConfigSource {
    /// Files above this are refused (a config this big is a mistake or an attack).
    public static let maximumBytes = 64 << 20

    public enum ReadError: Error, Sendable, CustomStringConvertible {
        case unreadable(String)
        case tooLarge(Int)
        case binary
        public var description: String {
            switch self {
            case .unreadable(let why): "cannot read the file: \(why)"
            case .tooLarge(let bytes): "file is \(bytes) bytes, above the \(ConfigSource.maximumBytes >> 20) MiB limit for a config"
            case .binary: "file is binary (NUL bytes or invalid UTF-8), not a text config"
            }
        }
    }

    public static func read(path: String) -> Result<String, ReadError> {
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maximumBytes { return .failure(.tooLarge(size)) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { return .failure(.unreadable(error.localizedDescription)) }
        return decode(data)
    }

    public static func decode(_ data: Data) -> Result<String, ReadError> {
        if data.count > maximumBytes { return .failure(.tooLarge(data.count)) }
        let hasNUL = data.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 0, raw.count) != nil } ?? false }
        if hasNUL { return .failure(.binary) }
        guard let text = String(data: data, encoding: .utf8) else {
            // Latin-1 comments in old configs are common; accept if the bytes are mostly text.
            let printable = data.filter { $0 == 9 || $0 == 10 || $0 == 13 || ($0 >= 32 && $0 < 127) }.count
            guard data.isEmpty || Double(printable) / Double(data.count) > 0.95, let latin = String(data: data, encoding: .isoLatin1) else {
                return .failure(.binary)
            }
            return .success(latin)
        }
        return .success(text)
    }

    /// Lines without their terminators (`\n`, `\r\n`; a lone `\r` when the text has no `\n`).
    /// Splits on bytes, not grapheme clusters: config text is line-oriented ASCII in practice.
    public static func lines(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        let separator: UInt8 = utf8.contains(10) ? 10 : 13
        return utf8.split(separator: separator, omittingEmptySubsequences: false).map { slice in
            var end = slice.endIndex
            if separator == 10, end > slice.startIndex, utf8[utf8.index(before: end)] == 13 { end = utf8.index(before: end) }
            return Substring(utf8[slice.startIndex..<end])
        }
    }

    /// Leading and trailing spaces and tabs removed (ASCII only, no Foundation).
    public static func trimmed(_ line: Substring) -> Substring {
        let utf8 = line.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, utf8[start] == 32 || utf8[start] == 9 { start = utf8.index(after: start) }
        while end > start, utf8[utf8.index(before: end)] == 32 || utf8[utf8.index(before: end)] == 9 { end = utf8.index(before: end) }
        return Substring(utf8[start..<end])
    }

    /// `10.0.0.1/24` -> the address and its subnet (host bits allowed, as interfaces write them).
    public static func interfaceAddress(_ text: some StringProtocol) -> (address: IPv4Address, prefix: Prefix)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let address = IPv4Address(parts[0]), let length = UInt8(parts[1]), length <= 32 else { return nil }
        return (address, Prefix(network: address, length: length))
    }

    /// Words separated by spaces or tabs.
    public static func words(_ line: Substring) -> [Substring] {
        line.utf8.split(omittingEmptySubsequences: true) { $0 == 32 || $0 == 9 }.map { Substring($0) }
    }
}
