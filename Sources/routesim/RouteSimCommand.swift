import ArgumentParser
import Foundation
import Pipeline

@main
struct RouteSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routesim",
        abstract: "Simulate IGP, BGP and static routing to find what a failure black-holes.",
        discussion: """
        routesim reads a topology file (docs/topology-format.md), computes every router's RIB and \
        forwarding table, and traces flows hop by hop. Give --fail / --fail-router to see the \
        network with links or routers down.

        Exit codes: 0 success; 2 the input could not be loaded or an argument names something \
        unknown; 64 bad command-line usage.
        """,
        version: RouteSimVersion.current,
        subcommands: [Simulate.self, TraceCommand.self, Failures.self, Draw.self, Report.self, LintCommand.self, Rules.self, Validate.self, Generate.self]
    )
}

/// Prints diagnostics to stderr and exits 2: the one path for bad input.
func exitBadInput(_ failure: RouteSim.Failure) -> Never {
    switch failure {
    case .badInput(let diagnostics):
        let errors = diagnostics.filter { $0.severity == .error }.count
        for diagnostic in diagnostics { FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8)) }
        FileHandle.standardError.write(Data("\(errors) error\(errors == 1 ? "" : "s") found; nothing was simulated\n".utf8))
    case .badArgument(let message):
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
    Foundation.exit(2)
}

func printWarnings(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics where diagnostic.severity != .error {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
}

func unwrap<T>(_ result: Result<T, RouteSim.Failure>) -> T {
    switch result {
    case .success(let value): return value
    case .failure(let failure): exitBadInput(failure)
    }
}

/// Writes to stdout for "-", else to the file (OutputFile: atomically for a regular file, in
/// place for a device or FIFO).
func emit(_ text: String, to path: String?) throws {
    try emit(bytes: Array(text.utf8), to: path)
}

func emit(bytes: [UInt8], to path: String?) throws {
    guard let path, path != "-" else {
        // Whatever `print` buffered goes first, so the output stays in order.
        fflush(nil)
        do { try FileHandle.standardOutput.write(contentsOf: bytes) } catch { throw ExitCode(2) }
        return
    }
    do {
        try OutputFile.write(bytes, to: path)
    } catch {
        FileHandle.standardError.write(Data("error: cannot write \(path): \(error.localizedDescription)\n".utf8))
        throw ExitCode(2)
    }
}
