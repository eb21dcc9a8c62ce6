import ArgumentParser
import CAllocatorTuning
import Foundation
import Pipeline

@main
struct RouteSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routesim",
        abstract: "Simulate IGP, BGP and static routing to find what a failure black-holes.",
        discussion: """
        routesim reads a topology file (docs/topology-format.md) or router configs (--configs; \
        IOS, EOS, FRR, Junos), computes every router's RIB and forwarding table, and traces flows \
        hop by hop. Give --fail / --fail-router to see the network with links or routers down.

        Exit codes: 0 success; 1 findings (lint at its --fail-on level, failures or merge with \
        --fail-on, diff when the change introduces a problem); 2 the input could not be loaded or \
        an argument names something unknown; 3 failures --verify found a difference; 64 bad \
        command-line usage. `routesim help COMMAND` says each command's own.
        """,
        version: RouteSimVersion.current,
        subcommands: [Simulate.self, TraceCommand.self, Failures.self, TimersCommand.self, Merge.self, Diff.self, Draw.self, Report.self, LintCommand.self, Rules.self, Validate.self, Generate.self]
    )

    static func main() {
        // What reading one config after another frees goes back to the system (CAllocatorTuning).
        routesim_return_freed_memory()
        if let message = unknownSubcommand(Array(CommandLine.arguments.dropFirst())) {
            writeError(message)
            Foundation.exit(64)
        }
        main(nil)
    }

    /// A first word that names no command gets a suggestion (ArgumentParser would say
    /// "2 unexpected arguments"); nil when the words are fine or start with an option.
    static func unknownSubcommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(first) else { return nil }
        let hint = Suggestion.didYouMean(first, in: names) ?? "the commands are \(names.joined(separator: ", "))"
        return "error: '\(first)' is not a routesim command; \(hint)\nUsage: routesim <command> ...; see 'routesim --help'.\n"
    }
}

/// Prints diagnostics to stderr and exits 2: the one path for bad input.
func exitBadInput(_ failure: RouteSim.Failure) -> Never {
    switch failure {
    case .badInput(let diagnostics):
        let errors = diagnostics.filter { $0.severity == .error }.count
        for diagnostic in diagnostics { writeError((diagnostic.description + "\n")) }
        writeError("\(errors) error\(errors == 1 ? "" : "s") found; nothing was simulated\n")
    case .badArgument(let message):
        writeError("error: \(message)\n")
    }
    Foundation.exit(2)
}

func printWarnings(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics where diagnostic.severity != .error {
        writeError((diagnostic.description + "\n"))
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
    var visible = TerminalText.visible(text)
    try visible.withUTF8 { try emit(buffer: UnsafeRawBufferPointer($0), to: path) }
}

/// Everything routesim writes to standard error goes through here: names from the input may
/// carry terminal control characters (shown as `\x1B`, never sent raw).
func writeError(_ text: String) {
    FileHandle.standardError.write(Data(TerminalText.visible(text).utf8))
}

func emit(bytes: [UInt8], to path: String?) throws {
    try bytes.withUnsafeBytes { try emit(buffer: $0, to: path) }
}

/// The buffer is only read during the call (reports are written without a copy).
func emit(buffer bytes: UnsafeRawBufferPointer, to path: String?) throws {
    guard let path, path != "-" else {
        // Whatever `print` buffered goes first, so the output stays in order.
        fflush(nil)
        do { try FileHandle.standardOutput.write(contentsOf: bytes) } catch { throw ExitCode(2) }
        return
    }
    do {
        try OutputFile.write(bytes, to: path)
    } catch {
        writeError("error: cannot write \(path): \(error.localizedDescription)\n")
        throw ExitCode(2)
    }
}
