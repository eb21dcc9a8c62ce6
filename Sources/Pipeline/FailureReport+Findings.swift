import Foundation

/// A failure sweep's problems as findings, for the CI formats: one per scenario, outcome and the
/// place it happens (the Null0 route that drops a black hole, else the router where the flows
/// end), with the flows it hits and, for black holes, the cause chain as steps.
extension FailureReport {
    /// The codes a sweep reports, worst first, with what each means.
    public static let findingCodes: [(code: String, classification: FlowClass?, severity: Severity, name: String, summary: String, page: String)] = [
        ("FAILURE-BLACKHOLE", .blackHoled, .error, "Failure black-holes traffic",
         "A failure leaves a Null0/discard route attracting traffic that it drops.", "rules/FAILURE-BLACKHOLE.md"),
        ("FAILURE-LOOP", .loop, .error, "Failure causes a forwarding loop",
         "After a failure, traffic loops between routers.", "docs/failure-analysis.md#classification-per-flow-and-scenario-against-the-no-failure-baseline"),
        ("FAILURE-NO-ROUTE", .noRoute, .error, "Failure leaves no route",
         "After a failure a router on the path has no route (or an unresolvable BGP next hop) although a path exists.",
         "docs/failure-analysis.md#classification-per-flow-and-scenario-against-the-no-failure-baseline"),
        ("FAILURE-OTHER", .other, .warning, "Failure ends a flow otherwise",
         "After a failure the flow ends some other way (for example at an address nobody owns on a LAN).",
         "docs/failure-analysis.md#classification-per-flow-and-scenario-against-the-no-failure-baseline"),
        ("FAILURE-ISOLATED", .isolated, .note, "Failure isolates an endpoint",
         "The failure cut the source or destination off: no configuration can fix it.",
         "docs/failure-analysis.md#classification-per-flow-and-scenario-against-the-no-failure-baseline"),
        ("NON-CONVERGENCE", nil, .error, "Routing does not converge",
         "BGP, aggregates and conditions, or tracks keep changing: the network has no stable state.", "rules/NON-CONVERGENCE.md"),
    ]

    /// `source` is the topology file or config folder: findings with no better place point at it.
    public func findingReport(network: Network, source: String, documentationBase: String = RouteSimVersion.documentationBase) -> FindingReport {
        let codes = Dictionary(uniqueKeysWithValues: Self.findingCodes.compactMap { entry in entry.classification.map { ($0, entry) } })
        let fallback = SourceLocation(file: source, line: 1, column: 1)
        var findings: [Finding] = []
        func problems(_ scenario: String, _ flows: [FlowOutcome], converged: Bool, nonConvergence: [String]?) {
            if !converged {
                let what = nonConvergence?.prefix(3).joined(separator: "; ") ?? "routing keeps changing"
                findings.append(Finding(code: "NON-CONVERGENCE", severity: .error, message: "\(scenario): routing does not converge: \(what)",
                                        file: fallback.file, line: 1, column: 1, text: nil))
            }
            struct Place: Hashable { var classification: FlowClass; var location: SourceLocation }
            var groups: [Place: [FlowOutcome]] = [:]
            for flow in flows where flow.classification.isProblem {
                let location = flow.problemLocation(in: network) ?? fallback
                groups[Place(classification: flow.classification, location: location), default: []].append(flow)
            }
            let ordered = groups.sorted { a, b in
                a.key.classification != b.key.classification ? a.key.classification > b.key.classification
                    : a.key.location.description < b.key.location.description
            }
            for (place, flows) in ordered {
                guard let entry = codes[place.classification] else { continue }
                let names = flows.map(\.flow)
                let list = names.prefix(4).joined(separator: ", ") + (names.count > 4 ? ", ..." : "")
                let count = "\(flows.count) flow\(flows.count == 1 ? " is" : "s are")"
                let outcome = switch place.classification {
                case .noRoute: "without a route"
                case .loop: "looping"
                case .other: "ending otherwise"
                default: place.classification.rawValue
                }
                let why = flows[0].cause?.chain.joined(separator: "; ") ?? flows[0].detail
                var finding = Finding(code: entry.code, severity: entry.severity,
                                      message: "\(scenario): \(count) \(outcome) at \(flows[0].at) (\(list)): \(why)",
                                      file: place.location.file, line: place.location.line, column: place.location.column, text: nil)
                // The longest chain (traffic from farthest away) shows every session on the way.
                let richest = flows.compactMap(\.cause).max { $0.announcements.count < $1.announcements.count }
                finding.steps = richest.map { $0.steps(routeAt: $0.droppingRoute(in: network), in: network) }
                findings.append(finding)
            }
        }
        problems("with no failure", baseline, converged: baselineNonConvergence == nil, nonConvergence: baselineNonConvergence)
        for scenario in scenarios {
            problems("when \(scenario.name) fails", scenario.flows, converged: scenario.converged, nonConvergence: scenario.nonConvergence)
        }
        let rules = Self.findingRules(documentationBase: documentationBase,
                                      help: "`routesim trace` with the scenario's --fail shows the path; `routesim failures --suggest` tries the mitigations.")
        let inputs = Self.findingInputs(findings, network: network, source: source)
        return FindingReport(command: "failures", findings: findings, inputs: inputs, rules: rules)
    }

    /// The rules table of the failure codes, each linked to its page under `documentationBase`.
    static func findingRules(documentationBase: String, help: String) -> [FindingReport.Rule] {
        let base = documentationBase.hasSuffix("/") ? documentationBase : documentationBase + "/"
        return findingCodes.map { entry in
            FindingReport.Rule(code: entry.code, name: entry.name, summary: entry.summary, help: help, severity: entry.severity, helpURL: base + entry.page)
        }
    }

    /// Every file the network came from is an input (a passing JUnit suite when nothing broke
    /// there), and every file a finding names; `source` when the network has no router.
    static func findingInputs(_ findings: [Finding], network: Network, source: String) -> [FindingReport.Input] {
        Set(findings.map(\.file)).union(network.routers.map(\.location.file)).union(network.routers.isEmpty ? [source] : [])
            .sorted().map { FindingReport.Input(path: $0) }
    }
}

extension FlowOutcome {
    /// Where a problem flow's cause is written: the Null0 route that drops a black hole, the
    /// interface where MPLS traffic left the label path, else the router where the flow ends.
    public func problemLocation(in network: Network) -> SourceLocation? {
        if let route = cause?.droppingRoute(in: network) { return route }
        if let exit = labelPathExit, let location = network.router(named: exit.router)?.interfaces.first(where: { $0.name == exit.interface })?.location {
            return location
        }
        return network.router(named: at)?.location
    }
}
