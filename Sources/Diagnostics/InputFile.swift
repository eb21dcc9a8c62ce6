#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif

/// Reading an input file (topology, config, settings) without hanging or reading without bound:
/// only regular files are read (a FIFO with no writer would block forever, a device may never
/// end), at most `limit` bytes, and text in UTF-8 or, with a byte-order mark, UTF-16 (what some
/// Windows tools save).
public enum InputFile {
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(String)
        case notRegularFile(String)
        case tooLarge(bytes: Int, limit: Int)

        public var description: String {
            switch self {
            case .unreadable(let why): "cannot read the file: \(why)"
            case .notRegularFile(let kind): "\(kind), not a regular file"
            case .tooLarge(let bytes, let limit): "file is \(bytes) bytes, above the \(limit >> 20) MiB limit"
            }
        }
    }

    public static func read(path: String, limit: Int) -> Result<[UInt8], Problem> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(.unreadable(reason(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.notRegularFile("a directory"))
        case S_IFIFO: return .failure(.notRegularFile("a FIFO (named pipe)"))
        case S_IFCHR, S_IFBLK: return .failure(.notRegularFile("a device"))
        case S_IFSOCK: return .failure(.notRegularFile("a socket"))
        default: return .failure(.notRegularFile("not a file"))
        }
        if Int(info.st_size) > limit { return .failure(.tooLarge(bytes: Int(info.st_size), limit: limit)) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(.unreadable(reason(errno))) }
        defer { close(descriptor) }
        // The file may have grown since stat: read at most one byte past the limit to notice.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(reason(errno)))
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        if bytes.count > limit { return .failure(.tooLarge(bytes: bytes.count, limit: limit)) }
        return .success(bytes)
    }

    /// The text of `bytes` when they are UTF-8 (a leading BOM dropped) or UTF-16 with a BOM;
    /// nil otherwise. NUL bytes outside UTF-16 mean a binary file.
    public static func text(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            guard bytes.count % 2 == 0 else { return nil }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2 - 1)
            var index = 2
            while index + 1 < bytes.count {
                units.append(littleEndian ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8 : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
                index += 2
            }
            var text = ""
            var decoder = UTF16()
            var iterator = units.makeIterator()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar):
                    if scalar.value == 0 { return nil }
                    text.unicodeScalars.append(scalar)
                case .emptyInput: break loop
                case .error: return nil
                }
            }
            return text
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        if body.contains(0) { return nil }
        return String(validating: body, as: UTF8.self)
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }
}
