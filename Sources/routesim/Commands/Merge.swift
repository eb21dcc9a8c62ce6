import ArgumentParser
import Foundation
import Pipeline

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put the shards of a failure sweep (`failures --shard I/N`) back together into its report.",
        discussion: """
        Every shard of the sweep must be given once; they must come from the same network and \
        options. The result is the report the unsharded `routesim failures` writes, byte for byte \
        (text or JSON).

        Exit codes: 0 no scenario at the --fail-on level (always 0 without it); 1 such a scenario; \
        2 a shard that cannot be read, is missing, is given twice or comes from another sweep.

        Examples:
          routesim merge part1.json part2.json part3.json --format json -o failures.json
          routesim merge parts/*.json --fail-on blackhole
        """
    )

    @Argument(help: "The partial JSON files `failures --shard` wrote.") var parts: [String]
    @Option(help: "Output format: text or json (the CI formats need the network: run `routesim failures` on it).", completion: .list([ReportFormat.text, .json].map(\.rawValue))) var format: ReportFormat = .text
    @Flag(name: .customLong("all"), help: "In text output, list every scenario and flow, not only problems.") var showAll = false
    @Option(name: .customLong("fail-on"), help: "Exit 1 when a scenario has this: blackhole, loop, no-route, oscillation (did not converge) or any.") var failOn: FailOn?
    @Option(name: .shortAndLong, help: "Write the output to this file (atomically) instead of stdout.") var output: String?

    func validate() throws {
        try format.check(in: [.text, .json], command: "merge")
        if failOn?.isTransient == true { throw ValidationError("--fail-on transient:DURATION replays the scenarios on the network: run `routesim failures` with it") }
    }

    func run() throws {
        var read: [FailureSweepPart] = []
        for path in parts {
            let bytes: [UInt8]
            switch InputFile.read(path: path, limit: 1 << 30) {
            case .failure(let problem):
                writeError("error: \(path): \(problem)\n")
                throw ExitCode(2)
            case .success(let data): bytes = data
            }
            do {
                read.append(try JSONDecoder().decode(FailureSweepPart.self, from: Data(bytes)))
            } catch {
                writeError("error: \(path): not a shard written by `routesim failures --shard` (\(error.localizedDescription))\n")
                throw ExitCode(2)
            }
        }
        let report: FailureReport
        do {
            report = try FailureAnalysis.merge(read)
        } catch {
            writeError("error: \(error.description)\n")
            throw ExitCode(2)
        }
        if format == .json { try emit(bytes: JSONOutput.bytes(report), to: output) } else { try emit(FailureTextReport.render(report, showAll: showAll), to: output) }
        if let failOn, failOn.isFound(in: report) { throw ExitCode(1) }
    }
}
