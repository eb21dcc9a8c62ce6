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
        try Data(bytes).write(to: target, options: .atomic)
    }
}
