import Foundation
import Pipeline
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Output files: atomic for regular files, in place for FIFOs and devices, links followed.
@Suite struct OutputFileTests {
    func scratchDirectory() throws -> URL { try makeScratchFolder("output") }

    @Test func regularFileIsReplacedWhole() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.json").path
        try OutputFile.write(Array("first, longer text\n".utf8), to: path)
        try OutputFile.write(Array("second\n".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        // Nothing but the file is left (the temporary file was renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
    }

    @Test func symbolicLinkKeepsPointingAtItsTarget() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("target.txt").path, link = dir.appendingPathComponent("link.txt").path
        try OutputFile.write(Array("old\n".utf8), to: target)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try OutputFile.write(Array("new\n".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
    }

    #if canImport(Glibc)
    /// A FIFO (what `-o /dev/stdout` or a CI pipe is) is written into, not renamed over.
    @Test func fifoIsWrittenInPlace() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(path, 0o600) == 0)
        // A reader must be there before a writer can open it.
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try OutputFile.write(Array("through the pipe\n".utf8), to: path)
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(count == 17 && String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self) == "through the pipe\n")
        let type = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
        #expect(type != .typeRegular)
    }
    #endif
}
