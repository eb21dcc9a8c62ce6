import ArgumentParser
import Foundation
import Pipeline

enum FailOn: ExpressibleByArgument, Equatable {
    case blackhole, loop, noRoute, oscillation, any
    /// `transient:DURATION`: a flow dropped longer than DURATION after a failure, by the
    /// timeline (docs/timeline.md); isolated flows are not counted.
    case transient(Milliseconds)

    init?(argument: String) {
        switch argument {
        case "blackhole": self = .blackhole
        case "loop": self = .loop
        case "no-route": self = .noRoute
        case "oscillation": self = .oscillation
        case "any": self = .any
        default:
            guard argument.hasPrefix("transient:"), let limit = Self.duration(String(argument.dropFirst("transient:".count))) else { return nil }
            self = .transient(limit)
        }
    }

    static var allValueStrings: [String] { ["blackhole", "loop", "no-route", "oscillation", "any", "transient:DURATION"] }

    /// `60`, `60s`, `1.5s`, `300ms`, `2m`, up to a day.
    static func duration(_ text: String) -> Milliseconds? {
        Milliseconds(parsing: text).flatMap { $0 <= .seconds(86_400) ? $0 : nil }
    }
}

struct Failures: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fail every link and router (and pairs, triples, failure sets) and report which flows break, and why.",
        discussion: """
        Flows are the topology's declared flows, or every ordered pair of hosts (or every router \
        toward every BGP-originated prefix when there are fewer than two hosts). Each flow is \
        classified against the no-failure baseline: delivered, rerouted, black-holed (dropped by \
        a Null0/discard route), no-route, loop, or isolated (the failure cut the endpoints apart; \
        no configuration can fix it). Every black hole comes with its cause chain.

        Exit codes: 0 no finding at the --fail-on level (always 0 without --fail-on); 1 findings; \
        2 bad input; 3 --verify found a scenario where the sweep and a plain re-run differ. \
        `oscillation`: the baseline or a scenario did not converge (BGP, aggregates and conditions, \
        or tracks keep changing). `any` means black-holed, loop, no-route or oscillation.

        --verify N re-runs N scenarios (the worst ones of the report, then a deterministic spread \
        over the rest) from scratch with nothing reused, compares the whole control-plane state \
        and each scenario's report entry with the sweep's, and prints the result to stderr. A \
        difference is a reuse bug or a prefix with several stable states (docs/failure-analysis.md).

        Examples:
          routesim failures topologies/null0-peering/topology.yml
          routesim failures --configs configs/
          routesim failures topology.yml --k 2
          routesim failures topology.yml --srlg
          routesim failures topology.yml --suggest
          routesim failures topology.yml --draw out/       # out/index.html + one diagram per problem
          routesim failures topology.yml --fail-on blackhole --format json -o failures.json
          routesim failures topology.yml --verify 20    # exit 3 if reuse changed any answer
          routesim failures topology.yml --k 2 --shard 1/4 -o part1.json   # ... 4/4, on 4 machines
          routesim merge part*.json --format json -o failures.json         # = the unsharded report

        --shard I/N runs the scenarios at positions I-1, I-1+N, ... of the sweep (every shard \
        computes the same baseline) and writes a partial JSON that `routesim merge` puts back \
        together; the merged report is byte for byte the unsharded one (docs/failure-analysis.md \
        has Kubernetes, GitHub Actions and Slurm recipes).
        """
    )

    @OptionGroup var source: NetworkSource
    @Option(help: "Fail up to this many elements at once (1, 2 or 3).") var k: Int = 1
    @Flag(name: .customLong("no-routers"), help: "Fail links only, not routers.") var linksOnly = false
    @Flag(name: .customLong("no-sets"), help: "Skip the topology's named failure sets (shared-risk groups).") var noSets = false
    @Flag(name: .customLong("srlg"), help: "Fail only the topology's failure sets (shared-risk link groups), each as one scenario.") var onlySets = false
    @Option(name: .customLong("fail-on"), help: "Exit 1 when a scenario has this: blackhole, loop, no-route, oscillation (did not converge), any, or transient:DURATION (a flow dropped longer than DURATION after a failure, e.g. transient:30s, by the timeline; docs/timeline.md).") var failOn: FailOn?
    @Option(help: "Output format: \(ReportFormat.helpList(Self.formats)). The CI formats hold one finding per scenario, outcome and place (the Null0 line of a black hole, with its cause chain).", completion: .list(Self.formats.map(\.rawValue)))
    var format: ReportFormat = .text
    static let formats: [ReportFormat] = [.text, .json] + ReportFormat.findingFormats
    @Flag(name: .customLong("all"), help: "In text output, list every scenario and flow, not only problems.") var showAll = false
    @Flag(help: "Add the timeline (text: a section; JSON: timelines[]) of each scenario that changed a flow (every scenario's with --all): when each change happens after the failure (sessions, IGP, tracks, conditional advertisement), with the timers that bound it, and what each changed flow does in between (docs/timeline.md).")
    var timeline = false
    @Flag(help: "With --timeline or --fail-on transient:: links fail without their interfaces going down (a fault behind a media converter, switch or provider circuit), so detection waits for the IGP's dead interval, BFD or BGP's hold time, and no router repairs locally (docs/timeline.md).")
    var silent = false
    @Flag(help: "For each black hole, try each mitigation that fits it (tracked static, conditional advertisement, pin in the core, redundant link, import check; enable LDP, LDP-IGP sync; a dynamic LSP secondary) on a copy of the network and report which remove it without creating a new problem.") var suggest = false
    @Option(name: .shortAndLong, help: "Write the output to this file (atomically) instead of stdout.") var output: String?
    @Option(help: ArgumentHelp("Also draw every scenario with a problem into this directory (one SVG each, format from --draw-format) plus index.html.", valueName: "dir"))
    var draw: String?
    @Option(name: .customLong("draw-format"), help: "Format of the --draw diagrams: svg, png, pdf or dot.") var drawFormat: DiagramFormat = .svg
    @OptionGroup var diagram: DiagramArguments
    @OptionGroup var resolution: ResolutionArgument
    @OptionGroup var budget: ScenarioBudget
    @Flag(help: "Re-simulate every scenario from scratch instead of reusing the baseline (for benchmarks; same results wherever BGP has a single stable state, see docs/failure-analysis.md).") var naive = false
    @Option(help: ArgumentHelp("Re-run this many sampled scenarios from scratch and compare them with the sweep (exit 3 on any difference).", valueName: "n"))
    var verify: Int?
    @Flag(help: "Per scenario, list the main-RIB routes (protocol, forwarding, metric) that differ from the baseline's, at every router still up.") var rib = false
    @Flag(help: "Per scenario, list the BGP best paths that differ from the baseline's (source or attributes), at every router still up.") var bgp = false
    @Flag(help: "Print where the sweep's time went to stderr (baseline, total, and per stage summed over scenarios).") var timings = false
    @Option(help: ArgumentHelp("Run only shard I of N (1-based) and write its partial JSON for `routesim merge`.", valueName: "I/N"))
    var shard: String?

    /// `--shard 2/4` -> shard index 1 of 4.
    var parsedShard: Shard? {
        get throws {
            guard let shard else { return nil }
            let parts = shard.split(separator: "/")
            guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index), count <= 100_000 else {
                throw ValidationError("--shard takes I/N with 1 <= I <= N (e.g. 2/4), not '\(shard)'")
            }
            return Shard(index: index - 1, count: count)
        }
    }

    func validate() throws {
        try format.check(in: Self.formats, command: "failures")
        guard (1...3).contains(k) else { throw ValidationError("--k must be 1, 2 or 3") }
        if onlySets && noSets { throw ValidationError("--srlg runs only the failure sets; it cannot be combined with --no-sets") }
        if let verify, verify < 1 { throw ValidationError("--verify needs a number of scenarios of at least 1") }
        if silent, !timeline, failOn?.isTransient != true {
            throw ValidationError("--silent changes the timeline: give --timeline or --fail-on transient:DURATION")
        }
        if resolution.dpi != nil {
            guard draw != nil else { throw ValidationError("--dpi sets the resolution of the --draw diagrams; give --draw DIR --draw-format png") }
            try resolution.check(format: drawFormat)
        }
        if timeline && format != .text && format != .json {
            throw ValidationError("--timeline adds to the text or JSON report (timelines[]); use --format text or json")
        }
        if try parsedShard != nil, suggest || draw != nil || verify != nil {
            throw ValidationError("--shard writes a partial report: --suggest, --draw and --verify run on the merged one (routesim merge)")
        }
    }

    func run() throws {
        let (network, warnings) = source.load()
        printWarnings(warnings)
        var options = FailureAnalysis.Options()
        options.enumeration = ScenarioEnumeration(maximumFailures: k, includeSets: !noSets, includeRouters: !linksOnly, onlySets: onlySets)
        try budget.check(options.enumeration, on: network)
        options.reuseBaseline = !naive
        options.ribChanges = rib
        options.bgpChanges = bgp
        let progress = ProgressLine()
        if let shard = try parsedShard {
            let part = FailureAnalysis.run(network, options: options, shard: shard) { done, total in progress.update(done, total) }
            progress.finish()
            try emit(bytes: JSONOutput.bytes(part), to: output)
            return
        }
        var report = FailureAnalysis.run(network, options: options) { done, total in progress.update(done, total) }
        progress.finish()
        if timings, let measured = report.timings {
            let stages = ["igp+static", "sessions", "bgp", "rsvp-te", "trace+classify"].compactMap { name in
                measured.stageSeconds[name].map { String(format: "%@ %.1f s", name, $0) }
            }.joined(separator: ", ")
            let message = String(format: "timings: %d scenarios in %.2f s (baseline %.2f s); summed over scenarios: %@; BGP prefix results reused %d, session checks reused %d\n",
                                 report.scenariosRun, measured.totalSeconds, measured.baselineSeconds, stages, measured.reusedPrefixes, measured.reusedSessionChecks)
            writeError(message)
        }
        if suggest { report.suggestions = MitigationSuggester.suggest(network, report: report, options: options) }
        let timelines = timeline ? RouteSim.timelines(network, report: report, enumeration: options.enumeration, all: showAll, suggest: suggest, silentLinks: silent) : nil
        switch format {
        case .json:
            report.timelines = timelines?.map { TimelineReport(scenario: $0.scenario.name, timeline: $0.timeline, flows: $0.flows, suggestions: $0.suggestions) }
            try emit(bytes: JSONOutput.bytes(report), to: output)
        case .text:
            var text = FailureTextReport.render(report, showAll: showAll)
            if let timelines { text += RouteSim.timelineText(timelines) }
            try emit(text, to: output)
        default:
            let codes = failOn?.codes ?? []
            let options = FindingWriterOptions(root: FileManager.default.currentDirectoryPath) { codes.contains($0.code) }
            let findings = report.findingReport(network: network, source: source.topology ?? source.configs.first ?? ".")
            try emit(findings.rendered(as: format, options: options) ?? "", to: output)
        }
        if let draw { drawProblems(network: network, report: report, enumeration: options.enumeration, into: draw) }
        if let verify {
            let result = SweepVerifier.verify(network, report: report, options: options, count: verify)
            writeError(SweepVerifier.describe(result))
            if !result.passed { throw ExitCode(3) }
        }
        if case .transient(let limit)? = failOn {
            let over = RouteSim.transientDrops(network, report: report, enumeration: options.enumeration, longerThan: limit, silentLinks: silent)
            for line in over { writeError("transient: \(line)\n") }
            if !over.isEmpty { throw ExitCode(1) }
            return
        }
        if let failOn, failOn.isFound(in: report) { throw ExitCode(1) }
    }
}

extension FailOn {
    /// `transient:DURATION`: decided from the timelines, not the converged report.
    var isTransient: Bool { if case .transient = self { true } else { false } }

    /// The finding codes this level fails on (`FailureReport.findingCodes`).
    var codes: Set<String> {
        switch self {
        case .blackhole: ["FAILURE-BLACKHOLE"]
        case .loop: ["FAILURE-LOOP"]
        case .noRoute: ["FAILURE-NO-ROUTE"]
        case .oscillation: ["NON-CONVERGENCE"]
        case .any: ["FAILURE-BLACKHOLE", "FAILURE-LOOP", "FAILURE-NO-ROUTE", "NON-CONVERGENCE"]
        case .transient: []
        }
    }

    func isFound(in report: FailureReport) -> Bool {
        switch self {
        case .blackhole: report.has(.blackHoled)
        case .loop: report.has(.loop)
        case .noRoute: report.has(.noRoute)
        case .oscillation: report.hasNonConvergence
        case .any: report.has(.blackHoled) || report.has(.loop) || report.has(.noRoute) || report.hasNonConvergence
        case .transient: false   // decided from the timelines (`RouteSim.transientDrops`)
        }
    }
}

extension Failures {
    /// One diagram per problem scenario, `NNN-<scenario>.<format>`, and an index.html linking them.
    func drawProblems(network: Network, report: FailureReport, enumeration: ScenarioEnumeration, into directory: String) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            writeError("error: cannot create \(directory): \(error.localizedDescription)\n")
            Foundation.exit(2)
        }
        var files: [(scenario: ScenarioOutcome, file: String)] = []
        var options = diagram.options
        options.dpi = resolution.dpi
        let diagrams = RouteSim.lazyProblemDiagrams(network, report: report, enumeration: enumeration, options: options)
        for (index, item) in diagrams.enumerated() {
            let name = String(format: "%03d-%@.%@", index + 1, RouteSim.slug(item.scenario.name), drawFormat.rawValue)
            let written = writeDiagram(item.diagram().dot(), format: drawFormat, to: (directory as NSString).appendingPathComponent(name))
            files.append((item.scenario, (written as NSString).lastPathComponent))
        }
        let index = (directory as NSString).appendingPathComponent("index.html")
        do {
            try OutputFile.write(Array(ReviewReport.index(network: network, report: report, files: files).utf8), to: index)
        } catch {
            writeError("error: cannot write \(index): \(error.localizedDescription)\n")
            Foundation.exit(2)
        }
        writeError("wrote \(files.count) diagram\(files.count == 1 ? "" : "s") and \(index)\n")
    }
}
