import Foundation

/// Where output goes: a regular file (or a new one) is written atomically, through a temporary
/// file in the same directory and a rename, so a reader never sees half a report; a device,
/// FIFO or socket (`/dev/stdout`, a pipe a CI step reads) is written in place, since renaming
/// over it would replace it. A symbolic link is followed: its target is written, the link kept.
public enum OutputFile {
    public struct Failure: LocalizedError, CustomStringConvertible {
        public var description: String
        public var errorDescription: String? { description }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { try write($0, to: path) }
    }

    /// Writes the text's UTF-8 as it is stored (a report can be tens of megabytes: no copy).
    public static func write(text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: path) }
    }

    /// The bytes are only read during the call.
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let type = (try? FileManager.default.attributesOfItem(atPath: target.path))?[.type] as? FileAttributeType
        if let type, type != .typeRegular, type != .typeDirectory {
            guard let handle = FileHandle(forWritingAtPath: target.path) else {
                throw Failure(description: "cannot open \(path) for writing")
            }
            defer { try? handle.close() }
            try handle.write(contentsOf: bytes)
            return
        }
        guard let base = bytes.baseAddress else { return try Data().write(to: target, options: .atomic) }
        try Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none).write(to: target, options: .atomic)
    }
}
