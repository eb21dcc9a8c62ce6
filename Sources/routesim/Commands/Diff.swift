import ArgumentParser
import Foundation
import Pipeline


struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The blast radius of a change: the black holes, loops and no-routes it introduces or fixes, and the sessions and best paths it moves.",
        discussion: """
        BASE and HEAD are each a topology file (.yml/.yaml), a config file or a folder of configs, \
        or `REV:PATH` for PATH as git revision REV has it (`main:configs`, `HEAD~1:topology.yml`). \
        Both are swept (every single link and router failure; --k for more) and compared: a \
        problem is new when that scenario's flow is black-holed, loops or has no route in HEAD \
        and not in BASE (flows and scenarios are matched by name). Without any failure, BGP \
        sessions and best paths that change are listed too.

        Formats: text, json, markdown (a pull-request comment or $GITHUB_STEP_SUMMARY).

        Exit codes: 0 the change introduces no problem; 1 it does; 2 bad input (either side).

        Examples:
          routesim diff old-configs/ configs/
          routesim diff main:configs configs --format markdown >> "$GITHUB_STEP_SUMMARY"
          routesim diff HEAD~1:topology.yml topology.yml --format json -o impact.json
        """
    )

    @Argument(help: "The version before the change.") var base: String
    @Argument(help: "The version after the change.") var head: String
    @Option(help: "Output format: \(ReportFormat.helpList(Self.formats)). In the CI formats each introduced problem is an error at its line in HEAD, each fixed one a note.", completion: .list(Self.formats.map(\.rawValue)))
    var format: ReportFormat = .text
    static let formats = ReportFormat.allCases
    @Option(help: "Fail up to this many elements at once (1, 2 or 3).") var k: Int = 1
    @Flag(name: .customLong("no-routers"), help: "Fail links only, not routers.") var linksOnly = false
    @Option(name: .shortAndLong, help: "Write the output to this file (atomically) instead of stdout.") var output: String?

    func validate() throws {
        try format.check(in: Self.formats, command: "diff")
        guard (1...3).contains(k) else { throw ValidationError("--k must be 1, 2 or 3") }
    }

    func run() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("routesim-diff-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (before, beforeWarnings) = load(try Self.materialize(base, into: scratch.appendingPathComponent("base")))
        let headPath = try Self.materialize(head, into: scratch.appendingPathComponent("head"))
        let (after, afterWarnings) = load(headPath)
        printWarnings(beforeWarnings + afterWarnings)
        var options = FailureAnalysis.Options()
        options.enumeration = ScenarioEnumeration(maximumFailures: k, includeSets: true, includeRouters: !linksOnly, onlySets: false)
        let impact = ChangeImpact.compare(base: before, head: after, baseName: base, headName: head, options: options)
        switch format {
        case .text: try emit(impact.text(), to: output)
        case .json: try emit(bytes: JSONOutput.bytes(impact), to: output)
        case .markdown: try emit(impact.markdown(), to: output)
        default:
            let options = FindingWriterOptions(root: FileManager.default.currentDirectoryPath) { $0.severity == .error }
            try emit(impact.findingReport(head: after, headSource: headPath).rendered(as: format, options: options) ?? "", to: output)
        }
        if impact.fails { throw ExitCode(1) }
    }

    /// A topology file, else configs (a file or a folder).
    func load(_ path: String) -> (Network, [Diagnostic]) {
        if path.hasSuffix(".yml") || path.hasSuffix(".yaml") { return unwrap(RouteSim.load(path)) }
        return unwrap(RouteSim.loadConfigs([path]))
    }

    /// The path to read for `argument`: itself when it exists, else `REV:PATH` checked out of git
    /// into `directory` (`git archive`, so the working tree is untouched).
    static func materialize(_ argument: String, into directory: URL) throws -> String {
        if FileManager.default.fileExists(atPath: argument) { return argument }
        guard let colon = argument.firstIndex(of: ":"), colon != argument.startIndex else {
            writeError("error: \(argument): no such file or directory (nor REV:PATH)\n")
            throw ExitCode(2)
        }
        let revision = String(argument[..<colon]), path = String(argument[argument.index(after: colon)...])
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let archive = directory.appendingPathComponent("archive.tar").path
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "archive", "--output", archive, revision, "--", path.isEmpty ? "." : path]
        git.standardError = FileHandle.nullDevice
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-xf", archive, "-C", directory.path]
        do {
            try git.run(); git.waitUntilExit()
            guard git.terminationStatus == 0 else {
                writeError("error: \(argument): git has no '\(path)' at revision '\(revision)' (git archive failed)\n")
                throw ExitCode(2)
            }
            try tar.run(); tar.waitUntilExit()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            writeError("error: \(argument): cannot run git: \(error.localizedDescription)\n")
            throw ExitCode(2)
        }
        return directory.appendingPathComponent(path).path
    }
}
