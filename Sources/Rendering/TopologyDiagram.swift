import Analysis
import NetPrimitives
import NetworkModel
import Simulation

/// The network as a Graphviz graph: ASes as clusters, routers with role and loopback, links with
/// interface names and IGP costs, BGP sessions, hosts, a legend; optionally a failure overlay
/// (failed links and routers, sessions it took down) and flow paths coloured by outcome.
/// The DOT text is deterministic: everything is emitted in model order.
public struct TopologyDiagram: Sendable {
    public var network: Network
    /// Sessions come from this run (the no-failure baseline).
    public var baseline: DataPlane
    /// The run with the failure, when drawing one.
    public var scenario: DataPlane?
    /// Flows to draw along their paths (from the failure analysis or a trace).
    public var flows: [FlowOutcome]
    public var options: DiagramOptions

    public init(network: Network, baseline: DataPlane, scenario: DataPlane? = nil, flows: [FlowOutcome] = [], options: DiagramOptions = DiagramOptions()) {
        self.network = network
        self.baseline = baseline
        self.scenario = scenario
        self.flows = flows
        self.options = options
    }

    static func routerID(_ r: Int) -> String { "r\(r)" }

    /// The engine the options and the network's size call for.
    public var layoutEngine: DiagramOptions.Layout { layoutEngine(for: drawnFocus) }

    func layoutEngine(for focus: DiagramFocus?) -> DiagramOptions.Layout {
        if options.layout != .automatic { return options.layout }
        let drawn = focus.map { $0.routers.count + $0.hosts.count } ?? network.routers.count + network.hosts.count
        return drawn <= DiagramOptions.automaticDotLimit ? .dot : .sfdp
    }

    /// What a drawing keeps: everything, or a focus's routers and hosts.
    struct Shown {
        var focus: DiagramFocus?
        func router(_ r: Int) -> Bool { focus?.routers.contains(r) ?? true }
        func host(_ h: Int) -> Bool { focus?.hosts.contains(h) ?? true }
    }

    /// `id=...` for an element when the options ask for ids.
    func elementID(_ local: String) -> [(String, String)] {
        options.elementIDs.map { [("id", DOTText.quoted("\($0)-\(local)"))] } ?? []
    }
    static func hostID(_ h: Int) -> String { "h\(h)" }

    public func dot() -> String {
        var out: [String] = []
        let failure = scenario?.failures ?? .none
        let failedLinks = failure.links, failedRouters = failure.routers
        let focus = drawnFocus, shown = Shown(focus: focus), layoutEngine = layoutEngine(for: focus)
        var caption = [options.title ?? ([network.name] + (failure.isEmpty ? [] : ["failed: " + failure.describe(in: network).joined(separator: ", ")])).joined(separator: " — ")]
        if let focus { caption.append(focus.description) }
        out.append("graph routesim {")
        var graphAttributes: [(String, String)] = [
            ("label", DOTText.lines(caption)), ("labelloc", "t"), ("fontname", DOTText.quoted(DiagramStyle.font)), ("fontsize", "14"),
            ("layout", layoutEngine.rawValue), ("outputorder", "edgesfirst"),
        ]
        if layoutEngine == .dot {
            graphAttributes += [("rankdir", "TB"), ("newrank", "true"), ("nodesep", "0.5"), ("ranksep", "0.8"), ("splines", "true")]
        } else {
            // Force-directed: straight edges (routed splines cost seconds here), no overlapping nodes.
            graphAttributes += [("overlap", "prism"), ("splines", "line")]
        }
        if let dpi = options.dpi { graphAttributes.append(("dpi", "\(dpi)")) }
        out.append("  graph" + DOTText.attributes(graphAttributes) + ";")
        out.append("  node" + DOTText.attributes([
            ("fontname", DOTText.quoted(DiagramStyle.font)), ("fontsize", "10"), ("shape", "box"), ("style", "\"rounded,filled\""),
            ("fillcolor", "\"#ffffff\""), ("color", "\"#4a5568\""),
        ]) + ";")
        out.append("  edge" + DOTText.attributes([("fontname", DOTText.quoted(DiagramStyle.font)), ("fontsize", "8"), ("color", DOTText.quoted(DiagramStyle.link))]) + ";")

        // ASes as clusters, in AS number order; routers in model order inside each.
        var byAS: [ASN: [Int]] = [:]
        for (r, router) in network.routers.enumerated() where shown.router(r) { byAS[router.asn, default: []].append(r) }
        for asn in byAS.keys.sorted() {
            let name = network.autonomousSystems[asn]?.name
            out.append("  subgraph \(DOTText.quoted("cluster_as\(asn)")) {")
            out.append("    graph" + DOTText.attributes([
                ("label", DOTText.quoted("AS \(asn)" + (name.map { " \($0)" } ?? ""))), ("style", "\"rounded,filled\""),
                ("fillcolor", "\"#f7fafc\""), ("color", "\"#a0aec0\""), ("fontsize", "12"),
            ]) + ";")
            // Hosts sit in the AS of the router they hang off, so the cluster holds its LANs.
            for (h, host) in network.hosts.enumerated() where shown.host(h) && network.routers[host.attachment.router].asn == asn {
                out.append("    \(Self.hostID(h))" + DOTText.attributes([
                    ("label", DOTText.lines([host.name, host.address.description])), ("shape", "ellipse"), ("style", "filled"), ("fillcolor", "\"#edf2f7\""),
                ] + elementID("h\(h)")) + ";")
            }
            // A PE and its VRF instances share a box of their own (docs/vrf.md).
            let instancesOf = Dictionary(grouping: (byAS[asn] ?? []).filter { network.routers[$0].vrf != nil }) { network.routers[$0].vrf?.host ?? $0 }
            for r in byAS[asn] ?? [] where network.routers[r].vrf == nil {
                guard let instances = instancesOf[r] else { out.append("    " + routerNode(r)); continue }
                out.append("    subgraph \(DOTText.quoted("cluster_pe\(r)")) {")
                out.append("      graph" + DOTText.attributes([("label", "\"\""), ("style", "\"rounded,dashed\""), ("color", "\"#a0aec0\"")]) + ";")
                out.append("      " + routerNode(r))
                for instance in instances { out.append("      " + routerNode(instance)) }
                out.append("    }")
            }
            // A VRF whose PE is in another AS cluster (not possible from YAML or configs) still shows.
            for r in byAS[asn] ?? [] where network.routers[r].vrf.map({ network.routers[$0.host].asn != asn }) == true { out.append("    " + routerNode(r)) }
            out.append("  }")
        }

        // Physical links, then host attachments.
        for (l, link) in network.links.enumerated() where shown.router(link.a.router) && shown.router(link.b.router) {
            let a = network.routers[link.a.router].interfaces[link.a.interface], b = network.routers[link.b.router].interfaces[link.b.interface]
            var attributes: [(String, String)] = []
            let down = failedLinks.contains(l) || failedRouters.contains(link.a.router) || failedRouters.contains(link.b.router)
            var label: [String] = []
            if options.showCosts && a.igp != .off && b.igp != .off && network.routers[link.a.router].asn == network.routers[link.b.router].asn {
                label.append(a.cost == b.cost ? "\(a.cost)" : "\(a.cost)/\(b.cost)")
            }
            if failedLinks.contains(l) { label.append("FAILED") }
            // Interface names go in the link's own label, which the layout places clear of other
            // labels; head and tail labels are placed blind and piled onto each other.
            let ends = options.showInterfaces
                ? ["\(network.routers[link.a.router].name) \(a.name) · \(b.name) \(network.routers[link.b.router].name)"] : []
            let lines = ends + (label.isEmpty ? [] : [label.joined(separator: " ")])
            if !lines.isEmpty { attributes.append(("label", DOTText.lines(lines))) }
            if failedLinks.contains(l) {
                attributes += [("color", DOTText.quoted(DiagramStyle.failed)), ("fontcolor", DOTText.quoted(DiagramStyle.failed)), ("style", "dashed"), ("penwidth", "3")]
            } else if down {
                attributes += [("style", "dashed"), ("color", "\"#cbd5e0\"")]
            } else {
                attributes.append(("penwidth", "1.5"))
            }
            out.append("  \(Self.routerID(link.a.router)) -- \(Self.routerID(link.b.router))" + DOTText.attributes(attributes + elementID("l\(l)")) + ";")
        }
        for (h, host) in network.hosts.enumerated() where shown.host(h) && shown.router(host.attachment.router) {
            let interface = network.routers[host.attachment.router].interfaces[host.attachment.interface]
            var attributes: [(String, String)] = [("penwidth", "1.5")]
            if options.showInterfaces { attributes.append(("label", DOTText.quoted("\(network.routers[host.attachment.router].name) \(interface.name)"))) }
            out.append("  \(Self.routerID(host.attachment.router)) -- \(Self.hostID(h))" + DOTText.attributes(attributes) + ";")
        }

        out += sessionLines(shown)
        out += lspLines(shown)
        out += flowLines(shown)
        if options.legend { out += legendLines() }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    /// One router's node: name, role or VRF, loopback; failed routers marked.
    func routerNode(_ r: Int) -> String {
        let router = network.routers[r]
        var lines = [router.name]
        if let vrf = router.vrf { lines.append("VRF \(vrf.name)") } else if router.role != .generic { lines.append(router.role.rawValue) }
        if let loopback = router.primaryLoopback { lines.append(loopback.address.description) }
        let fill = router.vrf == nil ? DiagramStyle.fill(for: router.role.rawValue) : DiagramStyle.vrfFill
        var attributes: [(String, String)] = [("label", DOTText.lines(lines)), ("fillcolor", DOTText.quoted(fill))]
        let failed = (scenario?.failures ?? .none).routers.contains(r) || router.vrf.map { (scenario?.failures ?? .none).routers.contains($0.host) } == true
        if failed {
            attributes = [("label", DOTText.lines(lines + ["FAILED"])), ("fillcolor", "\"#fed7d7\""), ("color", DOTText.quoted(DiagramStyle.failed)),
                          ("penwidth", "2.5"), ("style", "\"rounded,filled,dashed\"")]
        }
        return Self.routerID(r) + DOTText.attributes(attributes + elementID("r\(r)")) + ";"
    }

    struct SessionPair: Hashable { var a: Int; var b: Int }
    struct DrawnSession { var pair: SessionPair; var ebgp: Bool; var upInBaseline: Bool; var vpn: Bool }

    /// Sessions between two modelled routers, once per pair (both ends report them).
    func allSessions() -> [DrawnSession] {
        var seen: Set<SessionPair> = []
        var sessions: [DrawnSession] = []
        for session in baseline.sessions {
            guard let peer = session.peerRouter else { continue }
            let pair = SessionPair(a: min(session.router, peer), b: max(session.router, peer))
            guard seen.insert(pair).inserted else { continue }
            sessions.append(DrawnSession(pair: pair, ebgp: session.ebgp, upInBaseline: session.established, vpn: session.isVPNAdjacency))
        }
        return sessions
    }

    /// The sessions the options ask for.
    func shownSessions() -> [DrawnSession] {
        let sessions = allSessions()
        switch options.sessions {
        case .none: return []
        case .ebgp: return sessions.filter(\.ebgp)
        case .all: return sessions
        case .automatic: return sessions.count <= DiagramOptions.automaticSessionLimit ? sessions : sessions.filter(\.ebgp)
        }
    }

    /// One edge per session, never a layout constraint (the physical links shape the drawing).
    func sessionLines(_ drawn: Shown) -> [String] {
        typealias Pair = SessionPair
        let shown = shownSessions().filter { drawn.router($0.pair.a) && drawn.router($0.pair.b) }
        var upNow: Set<Pair> = []
        if let scenario {
            for session in scenario.sessions where session.established {
                if let peer = session.peerRouter { upNow.insert(Pair(a: min(session.router, peer), b: max(session.router, peer))) }
            }
        }
        return shown.map { item in
            let vpn = item.vpn
            var attributes: [(String, String)] = [
                ("style", item.ebgp ? "dashed" : "dotted"),
                ("color", DOTText.quoted(vpn ? DiagramStyle.vpn : item.ebgp ? DiagramStyle.ebgp : DiagramStyle.ibgp)),
                ("constraint", "false"), ("penwidth", "1.2"),
            ]
            if !item.upInBaseline {
                attributes += [("xlabel", "\"session down\""), ("fontcolor", DOTText.quoted(DiagramStyle.isolated))]
            } else if scenario != nil && !upNow.contains(item.pair) {
                attributes = [("style", "dashed"), ("color", DOTText.quoted(DiagramStyle.failed)), ("constraint", "false"),
                              ("xlabel", DOTText.quoted("\(vpn ? "VPN" : item.ebgp ? "eBGP" : "iBGP") down")), ("fontcolor", DOTText.quoted(DiagramStyle.failed))]
            }
            return "  \(Self.routerID(item.pair.a)) -- \(Self.routerID(item.pair.b))" + DOTText.attributes(attributes) + ";"
        }
    }

    func nodeID(_ name: String, _ shown: Shown) -> String? {
        if let r = network.routerIndex[name] { return shown.router(r) ? Self.routerID(r) : nil }
        if let h = network.hostIndex[name] { return shown.host(h) ? Self.hostID(h) : nil }
        return nil
    }

    /// Consecutive hops of a path whose both ends are drawn (a hidden router breaks the path
    /// rather than joining its neighbours).
    func drawnHops(_ names: [String], _ shown: Shown) -> [(String, String)] {
        let ids = names.map { nodeID($0, shown) }
        return zip(ids, ids.dropFirst()).compactMap { a, b in
            guard let a, let b, a != b else { return nil }
            return (a, b)
        }
    }

    func color(for kind: FlowClass) -> String {
        switch kind {
        case .delivered: DiagramStyle.delivered
        case .rerouted: DiagramStyle.rerouted
        case .isolated, .other: DiagramStyle.isolated
        case .blackHoled, .noRoute, .loop: DiagramStyle.problem
        }
    }

    /// Diagrams draw every RSVP-TE LSP up to this many; beyond, the picture would be only LSPs.
    static let lspLimit = 24

    /// RSVP-TE LSPs in the drawn state: each up LSP along its path (solid on its primary, dashed
    /// on its secondary), labelled HEAD/NAME on its first hop; a down LSP as a note at its head.
    func lspLines(_ shown: Shown) -> [String] {
        let states = (scenario ?? baseline).lspStates()
        guard !states.isEmpty, states.count <= Self.lspLimit else { return [] }
        var out: [String] = []
        let color = DOTText.quoted(DiagramStyle.lsp)
        var drawnBypasses: Set<[String]> = []   // facility backup: one bypass serves many LSPs
        for (index, state) in states.enumerated() {
            let name = "\(state.head)/\(state.name)"
            guard state.up else {
                guard let head = nodeID(state.head, shown) else { continue }
                out.append("  lsp\(index)" + DOTText.attributes([("shape", "note"), ("color", color), ("fontcolor", color), ("fontsize", "9"),
                                                                   ("label", DOTText.lines(["LSP \(name) down", state.reason ?? ""]))]) + ";")
                out.append("  \(head) -- lsp\(index)" + DOTText.attributes([("color", color), ("style", "dotted"), ("arrowhead", "none")]) + ";")
                continue
            }
            out += pathLines(state.routers, shown, label: name, style: state.path == "secondary" ? "dashed" : "solid", width: "1.6")
            if let standby = state.standby, standby.up {
                out += pathLines(standby.routers, shown, label: "\(name) standby", style: "dashed", width: "1.0")
            }
            for protected in state.protection ?? [] where !protected.bypass.isEmpty && drawnBypasses.insert(protected.bypass).inserted {
                out += pathLines(protected.bypass, shown, label: "bypass \(protected.link)", style: "dotted", width: "1.2")
            }
        }
        return out
    }

    /// One LSP-coloured directed edge per hop of `routers`, the label on the first.
    private func pathLines(_ routers: [String], _ shown: Shown, label: String, style: String, width: String) -> [String] {
        let color = DOTText.quoted(DiagramStyle.lsp)
        return drawnHops(routers, shown).enumerated().map { hop, pair in
            var attributes: [(String, String)] = [("dir", "forward"), ("color", color), ("penwidth", width), ("constraint", "false"),
                                                  ("style", style), ("arrowsize", "0.6")]
            if hop == 0 { attributes += [("label", DOTText.quoted(label)), ("fontcolor", color), ("fontsize", "8")] }
            return "  \(pair.0) -- \(pair.1)" + DOTText.attributes(attributes) + ";"
        }
    }

    /// Each flow's path as directed overlay edges; a problem ends in a note at the dropping router.
    func flowLines(_ shown: Shown) -> [String] {
        var out: [String] = []
        var notes: [ProblemNote] = []
        for (f, flow) in flows.enumerated() {
            let color = DOTText.quoted(color(for: flow.classification))
            var path = flow.path
            if flow.classification == .delivered || flow.classification == .rerouted, let last = path.last, last != flow.at, nodeID(flow.at, shown) != nil {
                path.append(flow.at)
            }
            // A drawn flow's path lies in the focus (the neighbourhood holds every path).
            let ids = path.compactMap { nodeID($0, shown) }
            if flow.classification == .rerouted, let before = flow.baselinePath?.compactMap({ nodeID($0, shown) }), before.count > 1 {
                for (a, b) in zip(before, before.dropFirst()) where a != b {
                    out.append("  \(a) -- \(b)" + DOTText.attributes([("dir", "forward"), ("style", "dotted"), ("color", DOTText.quoted(DiagramStyle.baselinePath)),
                                                                      ("constraint", "false"), ("arrowsize", "0.6")]) + ";")
                }
            }
            for (index, (a, b)) in zip(ids, ids.dropFirst()).enumerated() where a != b {
                var attributes: [(String, String)] = [("dir", "forward"), ("color", color), ("penwidth", "2.5"), ("constraint", "false")]
                // The flow's name on its first hop; elsewhere what the hop did to the label stack.
                let operation = flow.labelOperations.flatMap { index < $0.count ? $0[index] : nil }
                if index == 0 {
                    attributes += [("label", DOTText.quoted(operation.map { "\(flow.flow) (\($0))" } ?? flow.flow)), ("fontcolor", color), ("fontsize", "9")]
                } else if let operation {
                    attributes += [("label", DOTText.quoted(operation)), ("fontcolor", color), ("fontsize", "8")]
                }
                out.append("  \(a) -- \(b)" + DOTText.attributes(attributes) + ";")
            }
            guard flow.classification.isProblem, let at = nodeID(flow.at, shown) ?? ids.last else { continue }
            let key = ProblemNote.Key(at: at, classification: flow.classification, detail: flow.detail)
            if let existing = notes.firstIndex(where: { $0.key == key }) { notes[existing].flows.append(flow.flow) } else {
                notes.append(ProblemNote(key: key, flows: [flow.flow], id: "x\(f)"))
            }
        }
        // Flows that die at the same router for the same reason share one note.
        for note in notes {
            let color = DOTText.quoted(color(for: note.key.classification))
            let flows = note.flows.count <= 4 ? note.flows.joined(separator: ", ")
                : note.flows.prefix(3).joined(separator: ", ") + " and \(note.flows.count - 3) more flows"
            out.append("  \(note.id)" + DOTText.attributes([
                ("shape", "note"), ("style", "filled"), ("fillcolor", "\"#fff5f5\""), ("color", color), ("fontcolor", color),
                ("label", DOTText.lines(["\(flows): \(note.key.classification.rawValue)", note.key.detail])),
            ]) + ";")
            out.append("  \(note.key.at) -- \(note.id)" + DOTText.attributes([("color", color), ("style", "dashed"), ("arrowhead", "none")]) + ";")
        }
        return out
    }

    /// One note per place and reason a flow is dropped.
    struct ProblemNote {
        struct Key: Equatable { var at: String; var classification: FlowClass; var detail: String }
        var key: Key
        var flows: [String]
        var id: String
    }

    /// A fixed legend (an HTML-like table; only our own text goes in it), listing only what is drawn.
    func legendLines() -> [String] {
        var rows: [(String, String, String)] = [("━━", DiagramStyle.link, options.showInterfaces
            ? "link (label: each end's interface, IGP cost)" : "link (label: IGP cost)")]
        let sessions = shownSessions()
        if sessions.contains(where: \.ebgp) { rows.append(("╌╌", DiagramStyle.ebgp, "eBGP session")) }
        if sessions.contains(where: { !$0.ebgp && !$0.vpn }) { rows.append(("┈┈", DiagramStyle.ibgp, "iBGP session")) }
        if sessions.contains(where: \.vpn) { rows.append(("┈┈", DiagramStyle.vpn, "VPN routes between VRFs (route targets)")) }
        if scenario != nil { rows.append(("╌╌", DiagramStyle.failed, "failed link / router / session")) }
        let lsps = (scenario ?? baseline).lspStates()
        if !lsps.isEmpty && lsps.count <= Self.lspLimit {
            if lsps.contains(where: { $0.up && $0.path != "secondary" }) { rows.append(("━▶", DiagramStyle.lsp, "RSVP-TE LSP on its primary path")) }
            if lsps.contains(where: { $0.up && $0.path == "secondary" }) { rows.append(("╌▶", DiagramStyle.lsp, "RSVP-TE LSP on its secondary path")) }
            if lsps.contains(where: { $0.standby?.up == true }) { rows.append(("╌▶", DiagramStyle.lsp, "standby secondary path (thin)")) }
            if lsps.contains(where: { $0.protection?.contains { !$0.bypass.isEmpty } == true }) {
                rows.append(("┈▶", DiagramStyle.lsp, "bypass of a protected link (fast reroute)"))
            }
            if lsps.contains(where: { !$0.up }) { rows.append(("┈", DiagramStyle.lsp, "RSVP-TE LSP down (note: why)")) }
        }
        let kinds = Set(flows.map(\.classification))
        if kinds.contains(.delivered) { rows.append(("━▶", DiagramStyle.delivered, "flow delivered")) }
        if kinds.contains(.rerouted) {
            rows.append(("━▶", DiagramStyle.rerouted, "flow rerouted by the failure"))
            rows.append(("┈▶", DiagramStyle.baselinePath, "its path before the failure"))
        }
        if kinds.contains(where: { [.blackHoled, .noRoute, .loop].contains($0) }) { rows.append(("━▶", DiagramStyle.problem, "flow black-holed / no route / loop")) }
        if kinds.contains(.isolated) || kinds.contains(.other) { rows.append(("━▶", DiagramStyle.isolated, "flow isolated (no path can exist)")) }
        if flows.contains(where: { $0.labelOperations != nil }) {
            rows.append(("push", DiagramStyle.link, "on a flow hop: its MPLS label operation (push, swap, pop, untagged)"))
        }
        var table = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\"><TR><TD COLSPAN=\"2\"><B>legend</B></TD></TR>"
        for (glyph, color, text) in rows {
            table += "<TR><TD><FONT COLOR=\"\(color)\">\(DOTText.html(glyph))</FONT></TD><TD ALIGN=\"LEFT\">\(DOTText.html(text))</TD></TR>"
        }
        table += "</TABLE>"
        return ["  legend [shape=box, style=\"rounded\", color=\"#cbd5e0\", fontsize=9, label=<\(table)>];"]
    }
}
