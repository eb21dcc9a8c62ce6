import Foundation

/// The design-review page (`routesim report`) and the index of `failures --draw`: one
/// self-contained HTML file each, no external reference. Every text from the model is
/// HTML-escaped; diagrams are Graphviz SVG (which escapes its own text) inlined after its XML
/// prologue, or DOT text in a <pre> when no renderer exists. The review page's one inline
/// script (pan, zoom, search, click to fail) builds its DOM from text nodes only.
public enum ReviewReport {
    public static func escape(_ text: String) -> String { Markup.escape(text) }

    /// A diagram for HTML: inline SVG, or the DOT text with a note when it could not be rendered.
    public static func figure(_ dot: String, caption: String) -> String {
        let body: String
        var zoomable = false
        if let rendered = try? RouteSim.render(dot, as: .svg), rendered.format == .svg {
            body = GraphRenderers.inlineSVG(rendered.bytes)
            zoomable = true
        } else {
            body = "<p class=\"note\">No Graphviz renderer on this machine (apt-get install -y graphviz); the diagram's DOT text:</p><pre>\(escape(dot))</pre>"
        }
        return "<figure\(zoomable ? " class=\"zoom\"" : "")>\(body)<figcaption>\(escape(caption))</figcaption></figure>\n"
    }

    /// The page's size budget: scenario diagrams stop being embedded once the page would pass
    /// it, so a sweep with hundreds of problem scenarios still gives a page a browser opens at
    /// once (and a mail server takes); the rest are listed with the command that draws them.
    static let pageBudget = 4_500_000

    /// The networks drawn whole on the page: up to the layout's cluster limit. Above it the
    /// topology is one node per AS with each AS drawn on its own.
    static func drawnWhole(_ network: Network) -> Bool {
        network.routers.count + network.hosts.count <= DiagramOptions.automaticDotLimit
    }

    /// The topology section: the whole network, or the AS view and one drill-down per AS (in
    /// closed `<details>`, which the browser does not lay out until opened).
    static func topologySection(_ topology: TopologyDiagram) -> (html: String, drillDowns: [String: String]) {
        let network = topology.network
        var diagram = topology
        guard !drawnWhole(network) else {
            diagram.options.elementIDs = "t"
            return ("<h2>Topology</h2>\n" + figure(diagram.dot(), caption: "The network without failures. Wheel or buttons to zoom, drag to pan, click an element to fail it."), [:])
        }
        var body = "<h2>Topology</h2>\n<p>\(network.routers.count) routers are too many to read in one drawing: here one node per AS "
        body += "(click one, or open it below, to see its routers); each scenario's diagram below shows only the failure's neighbourhood.</p>\n"
        body += figure(ASDiagram(network: network, baseline: topology.baseline, elementIDs: "asv").dot(), caption: "The ASes and the links and eBGP sessions between them.")
        var drillDowns: [String: String] = [:]
        for asn in Set(network.routers.map(\.asn)).sorted() {
            var drill = topology
            drill.options.focus = DiagramFocus.autonomousSystem(asn, in: network)
            drill.options.elementIDs = "a\(asn)"
            let id = "as-\(asn)"
            drillDowns[String(asn)] = id
            let name = network.autonomousSystems[asn]?.name.map { " \($0)" } ?? ""
            let count = network.routers.filter { $0.asn == asn }.count
            body += "<details id=\"\(id)\"><summary>AS \(asn)\(escape(name)): \(count) routers</summary>\n"
            body += figure(drill.dot(), caption: "AS \(asn)\(name) without failures.") + "</details>\n"
        }
        return (body, drillDowns)
    }

    static let style = """
    body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;padding:0 1.5em;max-width:1200px;color:#1a202c;line-height:1.4}
    h1{font-size:1.6em}h2{border-bottom:1px solid #cbd5e0;padding-bottom:.2em;margin-top:2em}h3{margin-top:1.5em}
    table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #e2e8f0;padding:.25em .6em;text-align:left;vertical-align:top}
    th{background:#f7fafc}.bad{color:#c53030;font-weight:bold}.ok{color:#2f855a;font-weight:bold}.warn{color:#dd6b20}
    figure{margin:1em 0;overflow-x:auto}figure svg{max-width:100%;height:auto}figcaption{color:#4a5568;font-size:.9em}
    ol.chain li{margin:.2em 0}pre{background:#f7fafc;padding:.6em;overflow-x:auto;font-size:.8em}.note{color:#718096}
    figure.zoom{border:1px solid #e2e8f0;position:relative}figure.zoom svg{max-width:none;touch-action:none;cursor:grab}
    .zoombar{position:absolute;right:.3em;top:.3em}.zoombar button{margin-left:.2em;min-width:2.2em}
    g.node,g.edge{cursor:pointer}g.hit>*{stroke:#dd6b20;stroke-width:5px}g.chosen>path,g.chosen>polygon{stroke:#e53e3e;stroke-width:6px}
    #searchbar{position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #e2e8f0;z-index:1}
    #fail-panel{border-left:4px solid #cbd5e0;padding-left:1em}details{margin:.4em 0}summary{cursor:pointer}
    [id],figure{scroll-margin-top:3.5em}
    """

    static func page(title: String, body: String, script: Bool = false) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:\(script ? "; script-src 'unsafe-inline'" : "")">
        <title>\(escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// A warning paragraph listing what did not settle (empty when it did).
    static func nonConvergence(_ title: String, _ lines: [String]?) -> String {
        guard let lines else { return "" }
        return "<p class=\"bad\">\(escape(title)); the results show one of the states it cycles through:</p><ul>"
            + lines.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
    }

    static func summaryTable(_ report: FailureReport) -> String {
        var rows = "<table><tr><th>scenarios run</th><td>\(report.scenariosRun)</td></tr><tr><th>flows checked per scenario</th><td>\(report.flows)</td></tr>"
        if report.pruned > 0 { rows += "<tr><th>combinations pruned</th><td>\(report.pruned)</td></tr>" }
        for kind in FlowClass.allCases where kind != .delivered {
            let count = report.summary[kind.rawValue] ?? 0
            let css = count == 0 ? "ok" : (kind == .rerouted || kind == .isolated ? "warn" : "bad")
            rows += "<tr><th>scenarios with a flow \(escape(kind.rawValue))</th><td class=\"\(css)\">\(count)</td></tr>"
        }
        return rows + "</table>\n"
    }

    static func flowTable(_ flows: [FlowOutcome]) -> String {
        var out = "<table><tr><th>flow</th><th>outcome</th><th>where and why</th><th>path</th></tr>"
        for flow in flows {
            let css = flow.classification.isProblem ? "bad" : "warn"
            out += "<tr><td>\(escape(flow.flow))</td><td class=\"\(css)\">\(escape(flow.classification.rawValue))</td><td>\(escape(flow.detail))</td><td>\(escape(flow.path.joined(separator: " → ")))</td></tr>"
        }
        return out + "</table>\n"
    }

    /// A problem scenario, its failed elements and its diagram, made when drawn.
    public struct Problem: Sendable {
        public var scenario: ScenarioOutcome
        public var spec: FailureSpec
        public var diagram: @Sendable () -> TopologyDiagram
        public init(scenario: ScenarioOutcome, spec: FailureSpec, diagram: @escaping @Sendable () -> TopologyDiagram) {
            self.scenario = scenario
            self.spec = spec
            self.diagram = diagram
        }
    }

    /// The whole review: topology, summary, click to fail, every problem scenario with its
    /// flows, cause chains, diagram and the mitigations tried for it.
    /// `scenarios`: the sweep's scenarios (their failed elements key the click-to-fail view);
    /// `timelines`: those computed, shown there per scenario.
    public static func html(network: Network, report: FailureReport, topology: TopologyDiagram,
                            problems: [Problem], mpls: MPLSState? = nil,
                            scenarios: [FailureScenario] = [], timelines: [ScenarioTimeline] = []) -> String {
        var body = "<div id=\"searchbar\"><label>Find <input id=\"search\" type=\"search\" placeholder=\"router, host, AS or address\" size=\"32\"></label> "
        body += "<span id=\"search-status\" class=\"note\"></span> <a href=\"#explore\">click to fail</a></div>\n"
        body += "<h1>Failure review: \(escape(network.name))</h1>\n"
        body += "<p>Generated by routesim from <code>\(escape(network.sourceFile))</code>: \(network.routers.count) routers, \(network.links.count) links, "
        body += "\(network.hosts.count) hosts. Every scenario is simulated (IGP, BGP, statics, tracks) and every flow traced against the no-failure baseline.</p>\n"
        body += "<h2>Summary</h2>\n" + summaryTable(report)
        let baselineProblems = report.baseline.filter { $0.classification.isProblem }
        body += baselineProblems.isEmpty
            ? "<p class=\"ok\">Without failures every flow is delivered.</p>\n"
            : "<p class=\"bad\">Even without failures \(baselineProblems.count) flow(s) fail:</p>\n" + flowTable(baselineProblems)
        body += nonConvergence("Without failures the control plane does not converge", report.baselineNonConvergence)
        let unsettled = report.scenarios.filter { !$0.converged }
        if !unsettled.isEmpty {
            body += "<p class=\"bad\">\(unsettled.count) scenario(s) do not converge: \(escape(unsettled.prefix(20).map(\.name).joined(separator: ", ")))"
                + "\(unsettled.count > 20 ? ", ..." : "").</p>\n"
        }
        let (topologyHTML, drillDowns) = topologySection(topology)
        body += topologyHTML
        if let mpls, !mpls.isEmpty { body += mplsSection(mpls) }
        let sections = Set(problems.map { RouteSim.slug($0.scenario.name) })
        let data = explorerData(network: network, report: report, scenarios: scenarios, timelines: timelines, sections: sections, drillDowns: drillDowns)
        body += explorerSection(data)
        body += "<h2>Problem scenarios</h2>\n"
        if problems.isEmpty { body += "<p class=\"ok\">No scenario black-holes, loops or loses a flow.</p>\n" }
        let tail = dataElement(data) + "<script>\n" + script + "\n</script>\n"
        // What the scenarios' text needs besides their diagrams, roughly: kept out of the budget.
        let scenarioText = problems.reduce(0) { $0 + 600 + 400 * $1.scenario.flows.count }
        let diagramBudget = pageBudget - body.utf8.count - tail.utf8.count - scenarioText
        var diagramBytes = 0, notDrawn = 0, budgetSpent = false
        for (index, problem) in problems.enumerated() {
            let scenario = problem.scenario
            let anchor = RouteSim.slug(scenario.name)
            body += "<h3 id=\"\(escape(anchor))\">\(escape(scenario.name))</h3>\n"
            let counts = FlowClass.allCases.filter { $0.isProblem }.compactMap { kind -> String? in
                let n = scenario.count(kind)
                return n == 0 ? nil : "\(n) \(kind.rawValue)"
            }
            body += "<p>Failed: \(escape(scenario.failed.joined(separator: ", "))). <span class=\"bad\">\(escape(counts.joined(separator: ", ")))</span>"
            body += scenario.sessionsDown > 0 ? "; \(scenario.sessionsDown) BGP session end(s) down.</p>\n" : ".</p>\n"
            body += nonConvergence("This scenario does not converge", scenario.nonConvergence)
            if let changes = scenario.lspChanges {
                body += "<p><b>RSVP-TE LSPs in this scenario:</b></p><ul>" + changes.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
            }
            body += flowTable(scenario.flows)
            for flow in scenario.flows {
                guard let cause = flow.cause else { continue }
                body += "<p><b>Why \(escape(flow.flow)) is black-holed:</b></p><ol class=\"chain\">"
                for step in cause.chain { body += "<li>\(escape(step))</li>" }
                body += "</ol>\n"
            }
            if let suggestions = report.suggestions?.filter({ $0.scenario == scenario.name }), !suggestions.isEmpty {
                body += "<p><b>Mitigations tried</b> (each applied to a copy of the network, the sweep re-run):</p>"
                body += "<table><tr><th>flow</th><th>mitigation</th><th>change</th><th>verdict</th></tr>"
                for suggestion in suggestions {
                    let verdict = suggestion.recommended ? "<span class=\"ok\">fixes it</span>"
                        : suggestion.removesBlackHole ? "<span class=\"warn\">fixes it but creates: \(escape(suggestion.newProblems.prefix(3).joined(separator: "; ")))</span>"
                        : "<span class=\"bad\">does not fix it</span>"
                    body += "<tr><td>\(escape(suggestion.flow))</td><td>\(escape(suggestion.mitigation.rawValue))</td><td>\(escape(suggestion.change))\(suggestion.configuration.map { "<pre>! \(escape($0.router)) (\(escape($0.dialect)))\n\(escape($0.lines.joined(separator: "\n")))</pre>" }.joined())</td><td>\(verdict)</td></tr>"
                }
                body += "</table>\n"
            }
            // Once one diagram does not fit, none after it is drawn (nor simulated).
            var diagram = budgetSpent ? nil : problem.diagram()
            diagram?.options.elementIDs = "s\(index)"
            if let drawn = diagram.map({ figure($0.dot(), caption: "\(scenario.name): failed elements in red, flows along their paths.") }),
               diagramBytes + drawn.utf8.count <= diagramBudget {
                diagramBytes += drawn.utf8.count
                body += drawn
            } else {
                budgetSpent = true
                notDrawn += 1
                body += "<p class=\"note\">Diagram not embedded (the page's size budget is spent): <code>routesim draw ... \(escape(RouteSim.arguments(for: problem.spec, in: network)))</code> draws it.</p>\n"
            }
        }
        if notDrawn > 0 {
            body += "<p class=\"warn\">\(notDrawn) scenario diagram(s) not embedded to keep the page small; <code>routesim failures --draw DIR</code> draws every one.</p>\n"
        }
        body += tail
        return page(title: "routesim review: \(network.name)", body: body, script: true)
    }


    /// MPLS without failures: LDP sessions and RSVP-TE LSPs, from the no-failure plane.
    public struct MPLSState: Sendable {
        public var ldpSessions: [LDPSession]
        public var lsps: [LSPState]
        public var isEmpty: Bool { ldpSessions.isEmpty && lsps.isEmpty }
        public init(plane: DataPlane) {
            ldpSessions = plane.switchesLabels ? plane.ldpSessions() : []
            lsps = plane.lspStates()
        }
    }

    /// The MPLS section: sessions down (with why) and each LSP's path, standby and protection.
    static func mplsSection(_ mpls: MPLSState) -> String {
        var body = "<h2>MPLS without failures</h2>\n"
        if !mpls.ldpSessions.isEmpty {
            let down = mpls.ldpSessions.filter { !$0.up }
            body += "<p>LDP sessions: \(mpls.ldpSessions.count - down.count) of \(mpls.ldpSessions.count) links up.</p>\n"
            if !down.isEmpty {
                body += "<table><tr><th>link</th><th>LDP session down because</th></tr>"
                for session in down { body += "<tr><td>\(escape(session.link))</td><td>\(escape(session.reason ?? "down"))</td></tr>" }
                body += "</table>\n"
            }
        }
        if !mpls.lsps.isEmpty {
            body += "<p>RSVP-TE LSPs: \(mpls.lsps.filter(\.up).count) of \(mpls.lsps.count) up.</p>\n"
            body += "<table><tr><th>LSP</th><th>path</th><th>standby secondary</th><th>link protection</th></tr>"
            for lsp in mpls.lsps {
                let path = lsp.up ? "\(lsp.path ?? "path"): \(lsp.routers.joined(separator: " > "))" : "down: \(lsp.reason ?? "no path")"
                let standby = lsp.standby.map { $0.up ? $0.routers.joined(separator: " > ") : ($0.reason ?? "down") } ?? "none"
                let protection = lsp.protection.map { links in
                    let unprotected = links.filter(\.bypass.isEmpty).map(\.link)
                    return "\(links.count - unprotected.count) of \(links.count) links" + (unprotected.isEmpty ? "" : " (not: \(unprotected.joined(separator: ", ")))")
                } ?? "not asked"
                body += "<tr><td>\(escape(lsp.head))/\(escape(lsp.name)) to \(escape(lsp.tail))</td><td class=\"\(lsp.up ? "ok" : "bad")\">\(escape(path))</td>"
                body += "<td>\(escape(standby))</td><td>\(escape(protection))</td></tr>"
            }
            body += "</table>\n"
        }
        return body
    }

    /// The index page of `failures --draw`: one line per problem scenario, linking its diagram.
    public static func index(network: Network, report: FailureReport, files: [(scenario: ScenarioOutcome, file: String)]) -> String {
        var body = "<h1>Failure diagrams: \(escape(network.name))</h1>\n" + summaryTable(report)
        if files.isEmpty { body += "<p class=\"ok\">No scenario black-holes, loops or loses a flow: nothing to draw.</p>\n" }
        body += "<table><tr><th>scenario</th><th>worst outcome</th><th>flows</th></tr>"
        for (scenario, file) in files {
            let flows = scenario.flows.filter { $0.classification.isProblem }.map { "\($0.flow): \($0.classification.rawValue)" }
            body += "<tr><td><a href=\"\(escape(file))\">\(escape(scenario.name))</a></td><td class=\"bad\">\(escape(scenario.worst.rawValue))</td><td>\(escape(flows.joined(separator: "; ")))</td></tr>"
        }
        body += "</table>\n"
        return page(title: "routesim failure diagrams: \(network.name)", body: body)
    }
}
