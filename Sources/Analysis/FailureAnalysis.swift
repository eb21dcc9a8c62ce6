import Foundation
import Synchronization

/// Runs every scenario against the baseline and classifies every flow (docs/failure-analysis.md).
public enum FailureAnalysis {
    public struct Options: Sendable {
        public var enumeration = ScenarioEnumeration()
        /// Scenarios evaluated at once (each run is single-threaded inside).
        public var threads = ProcessInfo.processInfo.activeProcessorCount
        /// false: re-simulate every scenario from scratch (the benchmark's naive baseline).
        public var reuseBaseline = true
        /// Also list, per scenario, the main-RIB routes (`--rib`) and BGP best paths (`--bgp`)
        /// that differ from the baseline's.
        public var ribChanges = false
        public var bgpChanges = false
        public init() {}
    }

    /// What every scenario is compared with: the no-failure run, its flows and their traces.
    struct SweepBaseline {
        /// The engine's baseline when scenarios start from it (`recordForReuse`).
        let recorded: Baseline?
        let plane: DataPlane
        let flows: [Flow]
        let traces: [Trace]
        /// What each baseline trace read: a scenario that changed none of it keeps the trace.
        let footprints: [TraceFootprint]
        let outcomes: [FlowOutcome]
        /// RSVP-TE LSPs as signalled without a failure (empty without LSPs).
        let lsps: [LSPState]
        /// The baseline's signalling, reused LSP by LSP in each scenario.
        let lspBaseline: LSPBaseline?

        init(_ network: Network, recordForReuse: Bool) {
            recorded = recordForReuse ? Engine.baseline(network) : nil
            plane = recorded?.plane ?? Engine.run(network)
            flows = FlowSelection.flows(for: network, baseline: plane)
            let tracer = Tracer(plane: plane)
            traces = flows.map { tracer.trace(from: $0.source, to: $0.destination) }
            footprints = recordForReuse ? plane.footprints(of: traces) : []
            lsps = plane.lspStates()
            lspBaseline = recordForReuse ? plane.lspBaseline() : nil
            let components = PhysicalComponents(plane: plane)
            outcomes = zip(flows, traces).map { [plane] flow, trace in
                FailureAnalysis.outcome(flow: flow, trace: trace, baselineTrace: nil, plane: plane, baseline: plane, components: components)
            }
        }

        /// One scenario's outcome from its data plane. Traces the scenario cannot have changed
        /// come from the baseline when `reuseTraces` (the sweep has signalled the scenario's
        /// LSPs against the baseline's first, `signalLSPs(reusing:)`; otherwise the tracer
        /// signals them from scratch and every trace is traced again).
        func outcome(of scenario: FailureScenario, plane: DataPlane, reuseTraces: Bool) -> ScenarioOutcome {
            let network = plane.network
            let tracer = Tracer(plane: plane, usesFIB: false)
            let components = PhysicalComponents(plane: plane)
            let outcomes = flows.indices.map { f in
                let trace = reuseTraces && f < footprints.count && plane.keeps(footprints[f]) ? traces[f] : tracer.trace(from: flows[f].source, to: flows[f].destination)
                return FailureAnalysis.outcome(flow: flows[f], trace: trace, baselineTrace: traces[f], plane: plane, baseline: self.plane, components: components)
            }
            // Flows delivered on their baseline path are only counted: a large sweep keeps what
            // changed. So are flows that fail exactly as they do without any failure (same class,
            // same end): the failure did not break them, and the report lists them once, under
            // the baseline.
            let changed = outcomes.indices.filter { f in
                let now = outcomes[f], before = self.outcomes[f]
                return now.classification != .delivered && !(before.classification == now.classification && before.detail == now.detail)
            }.map { outcomes[$0] }
            return ScenarioOutcome(name: scenario.name, kind: scenario.kind, failed: scenario.spec.describe(in: network),
                                   converged: plane.statistics.converged, nonConvergence: plane.statistics.nonConvergence?.descriptions,
                                   sessionsDown: plane.sessions.filter { !$0.established }.count - self.plane.sessions.filter { !$0.established }.count,
                                   unchanged: outcomes.count - changed.count, flows: changed, lspChanges: lspChanges(in: plane))
        }

        /// What the scenario did to the LSPs: moved to another path or down (nil without LSPs).
        func lspChanges(in plane: DataPlane) -> [String]? {
            guard !lsps.isEmpty else { return nil }
            // Signalled in the same order in every run of the network: compared position by position.
            let now = plane.lspStates()
            // By index, reading fields in place (copying 5,000 states per scenario showed).
            let changes = now.indices.compactMap { i -> String? in
                guard i < lsps.count, now[i].routerIndices != lsps[i].routerIndices || now[i].up != lsps[i].up else { return nil }
                let after = now[i]
                let key = "\(after.head)/\(after.name)"
                if !after.up { return "\(key) down: \(after.reason ?? "no path")" }
                return "\(key) on its \(after.path ?? "path"): \(after.routers.joined(separator: " > "))\(after.reason.map { " (\($0))" } ?? "")"
            }
            return changes.isEmpty ? nil : changes
        }
    }

    static let singleThreaded: SimulationOptions = { var options = SimulationOptions(); options.threads = 1; return options }()

    public static func run(_ network: Network, options: Options = Options(), progress: (@Sendable (Int, Int) -> Void)? = nil) -> FailureReport {
        sweep(network, options: options, shard: nil, progress: progress).report
    }

    /// One shard of the sweep (scenario i of the enumeration belongs to shard i mod count), with
    /// what `merge` needs to put the shards back together.
    public static func run(_ network: Network, options: Options = Options(), shard: Shard, progress: (@Sendable (Int, Int) -> Void)? = nil) -> FailureSweepPart {
        let (report, total, positions) = sweep(network, options: options, shard: shard, progress: progress)
        return FailureSweepPart(shard: shard, scenariosTotal: total, positions: positions, report: report)
    }

    private static func sweep(_ network: Network, options: Options, shard: Shard?, progress: (@Sendable (Int, Int) -> Void)?)
        -> (report: FailureReport, total: Int, positions: [Int]) {
        let started = ContinuousClock.now
        let base = SweepBaseline(network, recordForReuse: options.reuseBaseline)
        let timings = Mutex(SweepTimings(baselineSeconds: seconds(ContinuousClock.now - started)))
        let enumeration = options.enumeration.scenarios(for: network)
        let positions = enumeration.scenarios.indices.filter { position in shard.map { position % $0.count == $0.index } ?? true }
        let scenarios = positions.map { enumeration.scenarios[$0] }
        let slots = Mutex([ScenarioOutcome?](repeating: nil, count: scenarios.count))
        let done = Mutex(0)
        let workers = max(1, min(options.threads, scenarios.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < scenarios.count {
                let scenario = scenarios[index]
                let plane = Engine.run(network, failures: scenario.spec, options: singleThreaded, baseline: base.recorded)
                let signalled = ContinuousClock.now
                if options.reuseBaseline, let lspBaseline = base.lspBaseline { plane.signalLSPs(reusing: lspBaseline) }
                let traced = ContinuousClock.now
                var result = base.outcome(of: scenario, plane: plane, reuseTraces: options.reuseBaseline)
                if options.ribChanges { result.ribChanges = RouteChanges.rib(baseline: base.plane, scenario: plane) }
                if options.bgpChanges { result.bgpChanges = RouteChanges.bgp(baseline: base.plane, scenario: plane) }
                slots.withLock { $0[index] = result }
                var stages = plane.statistics.stageSeconds
                if !base.lsps.isEmpty { stages.append(("rsvp-te", seconds(traced - signalled))) }
                stages.append(("trace+classify", seconds(ContinuousClock.now - traced)))
                timings.withLock { totals in
                    for (name, value) in stages { totals.stageSeconds[name, default: 0] += value }
                    totals.reusedPrefixes += plane.statistics.bgpReusedPrefixes
                    totals.reusedSessionChecks += plane.statistics.reusedSessionChecks
                }
                let finished = done.withLock { $0 += 1; return $0 }
                progress?(finished, scenarios.count)
                index += workers
            }
        }
        let results = slots.withLock { $0.compactMap { $0 } }
        var report = FailureReport(network: network.name, flows: base.flows.count, scenariosRun: results.count, pruned: enumeration.pruned,
                                   baseline: base.outcomes, scenarios: results)
        report.baselineNonConvergence = base.plane.statistics.nonConvergence?.descriptions
        report.timings = timings.withLock { $0 }
        report.timings?.totalSeconds = seconds(ContinuousClock.now - started)
        return (report, enumeration.scenarios.count, positions)
    }

    public enum MergeError: Error, CustomStringConvertible {
        case mismatch(String)
        public var description: String { switch self { case .mismatch(let why): why } }
    }

    /// The report of the whole sweep from its shards: the same as an unsharded run's, scenario for
    /// scenario and byte for byte once encoded.
    public static func merge(_ parts: [FailureSweepPart]) throws(MergeError) -> FailureReport {
        guard let first = parts.first else { throw .mismatch("no shard given") }
        let count = first.shard.count
        for part in parts {
            guard part.shard.count == count, part.scenariosTotal == first.scenariosTotal, part.report.network == first.report.network,
                  part.report.flows == first.report.flows, part.report.pruned == first.report.pruned else {
                throw .mismatch("shard \(part.shard) does not come from the same sweep as shard \(first.shard) (network, flows, scenarios or shard count differ)")
            }
        }
        let indices = parts.map(\.shard.index).sorted()
        guard indices == Array(0..<count) else {
            let missing = Set(0..<count).subtracting(indices).sorted().map { "\($0 + 1)/\(count)" }
            let twice = Dictionary(grouping: indices, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted().map { "\($0 + 1)/\(count)" }
            throw .mismatch("shards missing: \(missing.isEmpty ? "none" : missing.joined(separator: ", ")); given twice: \(twice.isEmpty ? "none" : twice.joined(separator: ", "))")
        }
        var placed = [ScenarioOutcome?](repeating: nil, count: first.scenariosTotal)
        for part in parts {
            guard part.positions.count == part.report.scenarios.count else { throw .mismatch("shard \(part.shard) lists \(part.positions.count) positions for \(part.report.scenarios.count) scenarios") }
            for (position, scenario) in zip(part.positions, part.report.scenarios) {
                guard placed.indices.contains(position), placed[position] == nil else { throw .mismatch("scenario position \(position) is out of range or in two shards") }
                placed[position] = scenario
            }
        }
        let scenarios = placed.compactMap { $0 }
        guard scenarios.count == first.scenariosTotal else { throw .mismatch("\(first.scenariosTotal - scenarios.count) scenarios are in no shard") }
        var report = FailureReport(network: first.report.network, flows: first.report.flows, scenariosRun: scenarios.count, pruned: first.report.pruned,
                                   baseline: first.report.baseline, scenarios: scenarios)
        report.baselineNonConvergence = first.report.baselineNonConvergence
        return report
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Every flow's outcome in `plane` compared with `baseline` (the same classification and
    /// cause chains as a sweep; used to draw one scenario).
    public static func outcomes(of flows: [Flow], in plane: DataPlane, baseline: DataPlane) -> [FlowOutcome] {
        let tracer = Tracer(plane: plane), baseTracer = Tracer(plane: baseline)
        let components = PhysicalComponents(plane: plane)
        return flows.map { flow in
            outcome(flow: flow, trace: tracer.trace(from: flow.source, to: flow.destination),
                    baselineTrace: baseTracer.trace(from: flow.source, to: flow.destination), plane: plane, baseline: baseline, components: components)
        }
    }

    static func outcome(flow: Flow, trace: Trace, baselineTrace: Trace?, plane: DataPlane, baseline: DataPlane,
                        components: PhysicalComponents) -> FlowOutcome {
        let to = flow.destinationName.map { "\($0) (\(flow.destination))" } ?? flow.destination.description
        var worst: (FlowClass, TracePath)?
        for path in trace.paths {
            let kind = classify(path.disposition)
            if worst == nil || kind > (worst?.0 ?? .delivered) { worst = (kind, path) }
        }
        guard let (worstClass, path) = worst else {
            return FlowOutcome(flow: flow.name, from: flow.source, to: to, destination: flow.destination, classification: .other, detail: "no path traced", at: flow.source, path: [],
                               baselinePath: nil, cause: nil)
        }
        var classification = worstClass
        // Traffic attracted by a router's own announcement that it cannot deliver is black-holed
        // there, Null0 route or not (a `network` statement without the import check).
        if classification == .noRoute && CauseAnalysis.isUnhonouredAnnouncement(path.disposition, destination: flow.destination, plane: plane) {
            classification = .blackHoled
        }
        if classification == .delivered, let baselineTrace, Set(baselineTrace.paths.map(\.nodes)) != Set(trace.paths.map(\.nodes)) {
            classification = .rerouted
        }
        if classification.isProblem && isolated(flow: flow, plane: plane, components: components) { classification = .isolated }
        var cause: BlackHoleCause?
        if classification == .blackHoled { cause = CauseAnalysis.explain(path: path, destination: flow.destination, plane: plane, baseline: baseline) }
        var outcome = FlowOutcome(flow: flow.name, from: flow.source, to: to, destination: flow.destination, classification: classification, detail: path.disposition.summary,
                                  at: path.disposition.node, path: path.nodes, baselinePath: baselineTrace?.paths.first?.nodes, cause: cause)
        if classification == .blackHoled { outcome.labelPathExit = LabelPathExit(path) }
        let operations = path.hops.map { $0.labelOperation?.name }
        if operations.contains(where: { $0 != nil }) { outcome.labelOperations = operations }
        return outcome
    }

    static func classify(_ disposition: Disposition) -> FlowClass {
        switch disposition {
        case .delivered: .delivered
        case .nullRouted, .offLabelPath, .failedLink: .blackHoled
        case .noRoute, .unresolvedNextHop: .noRoute
        case .loop: .loop
        case .sourceUnavailable: .isolated
        case .neighborUnreachable: .other
        }
    }

    /// True when no sequence of up links joins the source to the owner of the destination.
    static func isolated(flow: Flow, plane: DataPlane, components: PhysicalComponents) -> Bool {
        let network = plane.network
        func attachment(_ name: String) -> Int? {
            if let h = network.hostIndex[name] {
                let ref = network.hosts[h].attachment
                return plane.liveness.interfaceUp[ref.router][ref.interface] ? ref.router : nil
            }
            return network.routerIndex[name].flatMap { plane.liveness.routerUp[$0] ? $0 : nil }
        }
        guard let start = attachment(flow.source) else { return true }
        let target: Int
        switch plane.owners[flow.destination, from: start] {
        case .router(let ref)?: target = ref.router
        case .host(let h)?:
            let ref = network.hosts[h].attachment
            guard plane.liveness.interfaceUp[ref.router][ref.interface] else { return true }
            target = ref.router
        case nil: return false
        }
        guard plane.liveness.routerUp[target] else { return true }
        return components.component(of: start) != components.component(of: target)
    }
}

/// Which routers the up links join together; built once per scenario, on first need.
final class PhysicalComponents {
    private let plane: DataPlane
    private lazy var ids: [Int] = {
        let network = plane.network
        var neighbors = [[Int]](repeating: [], count: network.routers.count)
        for (l, link) in network.links.enumerated() where plane.liveness.linkUp[l] {
            neighbors[link.a.router].append(link.b.router)
            neighbors[link.b.router].append(link.a.router)
        }
        // A VRF instance is inside its PE.
        for (r, router) in network.routers.enumerated() {
            if let host = router.vrf?.host { neighbors[r].append(host); neighbors[host].append(r) }
        }
        var ids = [Int](repeating: -1, count: network.routers.count)
        for start in ids.indices where ids[start] < 0 {
            ids[start] = start
            var stack = [start]
            while let r = stack.popLast() {
                for n in neighbors[r] where ids[n] < 0 { ids[n] = start; stack.append(n) }
            }
        }
        return ids
    }()

    init(plane: DataPlane) { self.plane = plane }
    func component(of router: Int) -> Int { ids[router] }
}

public struct ScenarioOutcome: Sendable, Codable {
    public var name: String
    public var kind: FailureScenario.Kind
    public var failed: [String]
    public var converged: Bool
    /// What did not settle, when `converged` is false.
    public var nonConvergence: [String]?
    /// Session ends down beyond those already down in the baseline.
    public var sessionsDown: Int
    /// Flows delivered on the same path as in the baseline (not listed).
    public var unchanged: Int
    /// Every flow that did not stay on its baseline path.
    public var flows: [FlowOutcome]
    /// RSVP-TE LSPs the scenario moved or brought down, as text; nil when none changed.
    public var lspChanges: [String]? = nil
    /// With `--rib` / `--bgp`: the routes that differ from the baseline's (RouteChanges).
    public var ribChanges: [RouteChange]?
    public var bgpChanges: [RouteChange]?

    public var worst: FlowClass { flows.map(\.classification).max() ?? .delivered }
    public func count(_ kind: FlowClass) -> Int { flows.filter { $0.classification == kind }.count }
}

public struct FailureReport: Sendable, Codable {
    public var schemaVersion = 1
    public var network: String
    public var flows: Int
    public var scenariosRun: Int
    public var pruned: Int
    public var baseline: [FlowOutcome]
    /// What did not settle without any failure (nil: it converged).
    public var baselineNonConvergence: [String]?
    public var scenarios: [ScenarioOutcome]
    /// Filled by `--suggest` (MitigationSuggester).
    public var suggestions: [MitigationSuggester.Suggestion]?
    /// Filled by `--timeline` (RouteSim.timelines): each changed scenario's events and flows.
    public var timelines: [TimelineReport]?
    /// Where the time went (for `--timings`); never encoded: reports stay deterministic.
    public var timings: SweepTimings?

    enum CodingKeys: String, CodingKey {
        case schemaVersion, network, flows, scenariosRun, pruned, baseline, baselineNonConvergence, scenarios, suggestions, summary, timelines
    }

    /// How many scenarios have at least one flow of each class (unchanged flows count as delivered).
    public var summary: [String: Int]

    init(network: String, flows: Int, scenariosRun: Int, pruned: Int, baseline: [FlowOutcome], scenarios: [ScenarioOutcome]) {
        self.network = network
        self.flows = flows
        self.scenariosRun = scenariosRun
        self.pruned = pruned
        self.baseline = baseline
        self.scenarios = scenarios
        var counts: [String: Int] = [:]
        for kind in FlowClass.allCases {
            counts[kind.rawValue] = scenarios.filter { scenario in
                scenario.flows.contains { $0.classification == kind } || (kind == .delivered && scenario.unchanged > 0)
            }.count
        }
        summary = counts
    }

    public func has(_ kind: FlowClass) -> Bool { scenarios.contains { $0.flows.contains { $0.classification == kind } } }

    /// The baseline or some scenario did not converge.
    public var hasNonConvergence: Bool { baselineNonConvergence != nil || scenarios.contains { !$0.converged } }
}

/// Where a sweep's time went: wall seconds for the baseline and the whole run, and per stage the
/// seconds summed over every scenario (work on both cores, so more than the wall time).
public struct SweepTimings: Sendable {
    public var baselineSeconds: Double
    public var totalSeconds: Double = 0
    public var stageSeconds: [String: Double] = [:]
    /// BGP prefix results taken from the baseline as they were, summed over scenarios.
    public var reusedPrefixes = 0
    /// BGP session checks taken from the baseline, summed over scenarios.
    public var reusedSessionChecks = 0
}

/// Shard `index` of `count` (0-based here; the CLI writes it 1-based, `--shard 1/3`).
public struct Shard: Sendable, Codable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int
    public init(index: Int, count: Int) { self.index = index; self.count = count }
    public var description: String { "\(index + 1)/\(count)" }
}

/// What `failures --shard` writes: its scenarios' outcomes and their positions in the sweep.
public struct FailureSweepPart: Sendable, Codable {
    public var schemaVersion = 1
    public var kind = "routesim failures shard"
    public var shard: Shard
    public var scenariosTotal: Int
    public var positions: [Int]
    public var report: FailureReport
}
