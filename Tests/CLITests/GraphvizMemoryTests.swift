import Foundation
import Testing

/// libgvc runs inside routesim's process, so a memory error in it is a crash of ours. Graphviz
/// 2.42 (Debian 12) keeps a pointer to a freed font name between renders (shim.h,
/// `cgraphviz_forget_font`): it crashed the test process in CI once, never here. Valgrind finds
/// such reads every time, where a crash needs the freed page to be unmapped by chance.
@Suite struct GraphvizMemoryTests {
    /// Valgrind and objcopy, or nil (said): `make test-deps` installs valgrind.
    static func tools(_ test: String) -> (valgrind: String, objcopy: String)? {
        let found = ["valgrind", "objcopy"].map { name in
            ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard let valgrind = found[0], let objcopy = found[1] else {
            print("SKIPPED \(test): needs valgrind and objcopy (make test-deps installs valgrind: apt-get install -y valgrind)")
            return nil
        }
        return (valgrind, objcopy)
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `report` renders several diagrams one after another in one process, each with a fresh
    /// Graphviz context: none of them may read, write or free memory a previous one freed.
    @Test func rendersInOneProcessTouchNoFreedMemory() throws {
        guard let tools = Self.tools("rendersInOneProcessTouchNoFreedMemory") else { return }
        let binary = try #require(CLITests.binary, "routesim binary not built; run `swift build` first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-valgrind-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Valgrind 3.19 cannot read the DWARF 5 Swift writes; a copy without it runs fine.
        let stripped = folder.appendingPathComponent("routesim").path
        let strip = try Self.run(tools.objcopy, ["--strip-debug", binary.path, stripped])
        try #require(strip.status == 0, "objcopy failed: \(strip.output)")
        let page = folder.appendingPathComponent("review.html").path
        let checked = try Self.run(tools.valgrind, ["--error-limit=no", "--num-callers=20", stripped, "report", CLITests.example, "-o", page])
        #expect(checked.status == 0, "routesim report under valgrind: \(checked.output.suffix(2000))")
        let errors = checked.output.split(separator: "\n").filter {
            $0.contains("Invalid read") || $0.contains("Invalid write") || $0.contains("Invalid free")
        }
        #expect(errors.isEmpty, "memory errors under valgrind:\n\(checked.output.suffix(6000))")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 >= 3, "the page should hold the rendered diagrams")
    }
}
