import Foundation

/// Runs Graphviz's `dot` program: the fallback when libgvc is not compiled in. Input and output
/// go through temporary files (no pipe deadlock on large graphs), and the wait uses the
/// termination handler (Foundation's `waitUntilExit` polls and costs ~50 ms per call on Linux).
public struct DotProgramRenderer: GraphRenderer {
    public let path: String
    public var name: String { path }

    public init(path: String) { self.path = path }

    /// `dot` from PATH, if present and executable.
    public static func find() -> DotProgramRenderer? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return DotProgramRenderer(path: candidate) }
        }
        return nil
    }

    public func render(dot: String, format: DiagramFormat) throws(RenderError) -> [UInt8] {
        if format == .dot { return Array(dot.utf8) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-dot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("graph.dot"), output = directory.appendingPathComponent("graph.out")
        let errors = directory.appendingPathComponent("stderr")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(dot.utf8).write(to: input)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        } catch {
            throw .failed(renderer: path, message: "cannot write a temporary file: \(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-T\(format.rawValue)", input.path, "-o", output.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errorHandle = try? FileHandle(forWritingTo: errors)
        process.standardError = errorHandle ?? FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch {
            throw .failed(renderer: path, message: "cannot run: \(error.localizedDescription)")
        }
        finished.wait()
        try? errorHandle?.close()
        let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0, let data = try? Data(contentsOf: output) else {
            throw .failed(renderer: path, message: message)
        }
        return Array(data)
    }
}
