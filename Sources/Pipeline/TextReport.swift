/// Human-readable renderings of the reports: summary first, then details.
public enum TextReport {
    /// Text output lists BGP best paths only up to this many, unless asked (JSON always has them).
    public static let bgpListLimit = 1000

    public static func simulation(_ report: SimulationReport, showRIB: Bool, listAllBGP: Bool = false) -> String {
        var out = "network \(report.network): \(report.routers.count) routers"
        out += report.failures.isEmpty ? ", no failures\n" : ", failed: \(report.failures.joined(separator: ", "))\n"
        out += nonConvergenceText(report.converged ? nil : report.nonConvergence ?? [])
        for diagnostic in report.diagnostics { out += "\(diagnostic.severity): \(diagnostic.message) [\(diagnostic.code)]\n" }
        // VPN adjacencies (VRF to VRF by route target, docs/vrf.md) are not configured sessions: counted apart.
        let configured = report.sessions.filter { $0.type != "vpn" }, vpn = report.sessions.filter { $0.type == "vpn" }
        out += "\nBGP sessions: \(configured.filter(\.established).count) of \(configured.count) configured ends established\n"
        for session in configured where !session.established {
            out += "  down  \(session.router) -> \(session.peer ?? session.peerAddress) (\(session.peerAddress), \(session.type)): \(session.reason ?? "")\n"
        }
        if !vpn.isEmpty {
            out += "VPN adjacencies (VRF to VRF by route target): \(vpn.filter(\.established).count) of \(vpn.count) ends up\n"
            for session in vpn where !session.established {
                out += "  down  \(session.router) -> \(session.peer ?? session.peerAddress): \(session.reason ?? "")\n"
            }
        }
        if let sessions = report.ldpSessions {
            let ldp = sessions.filter { $0.targeted != true }, targeted = sessions.filter { $0.targeted == true }
            out += "\nLDP sessions: \(ldp.filter(\.up).count) of \(ldp.count) links up\n"
            for session in ldp where !session.up { out += "  down  \(session.link): \(session.reason ?? "")\n" }
            if !targeted.isEmpty {
                out += "targeted LDP sessions: \(targeted.filter(\.up).count) of \(targeted.count) up (reported only: nothing is forwarded over them)\n"
                for session in targeted { out += session.up ? "  up    \(session.link)\n" : "  down  \(session.link): \(session.reason ?? "")\n" }
            }
        }
        if let lsps = report.lsps {
            out += "\nRSVP-TE LSPs: \(lsps.filter(\.up).count) of \(lsps.count) up\n"
            for lsp in lsps {
                let state = lsp.up ? "up    \(lsp.head)/\(lsp.name) -> \(lsp.tail) on its \(lsp.path ?? "path"): \(lsp.routers.joined(separator: " > "))"
                    : "down  \(lsp.head)/\(lsp.name) -> \(lsp.tail)"
                out += "  \(state)\(lsp.reason.map { " (\($0))" } ?? "")\n"
                for protected in lsp.protection ?? [] {
                    out += protected.bypass.isEmpty ? "        link \(protected.link) unprotected: \(protected.reason ?? "no bypass")\n"
                        : "        link \(protected.link) protected by bypass \(protected.bypass.joined(separator: " > "))\n"
                }
                if let standby = lsp.standby {
                    out += standby.up ? "        standby secondary up: \(standby.routers.joined(separator: " > "))\n"
                        : "        \(standby.reason ?? "standby secondary down")\n"
                }
            }
        }
        out += "\nRoutes per router (main RIB by protocol):\n"
        let width = max(6, (report.routers.map(\.name.count).max() ?? 0) + 2)
        for router in report.routers {
            let counts = router.routeCounts.keys.sorted().map { "\($0) \(router.routeCounts[$0] ?? 0)" }.joined(separator: ", ")
            out += "  \(pad(router.name, width))AS\(router.asn)  \(router.up ? counts : "DOWN")"
            if let tracks = router.tracks { out += "  tracks: " + tracks.keys.sorted().map { "\($0) \(tracks[$0] == true ? "up" : "down")" }.joined(separator: ", ") }
            out += "\n"
        }
        let totalPaths = report.routers.reduce(0) { $0 + $1.bgpPathCount }
        out += "\nBGP best paths: \(totalPaths)\n"
        if totalPaths > bgpListLimit && !listAllBGP {
            out += "  (more than \(bgpListLimit): not listed; use --bgp to list them, or --format json)\n"
        }
        for router in report.routers where !router.bgp.isEmpty && (totalPaths <= bgpListLimit || listAllBGP) {
            for path in router.bgp {
                let via = path.from.map { "\(path.source) from \($0)" } ?? path.source
                out += "  \(pad(router.name, width))\(pad(path.prefix, 20))path \(pad(path.asPath.isEmpty ? (path.from == nil ? "(local)" : "(empty)") : path.asPath, 14)) next hop \(pad(path.nextHop, 15)) \(via); decided by \(path.decidedBy)\n"
                if listAllBGP { out += "  \(pad("", width))\(pad("", 20))\(attributes(path))\n" }
            }
        }
        if let findings = report.severalStableStates {
            out += findings.isEmpty ? "\nStable states: both message orders reach the same best paths (no second stable state found)\n"
                : "\nSeveral stable states: with messages in another order BGP settles elsewhere; which state the network is in depends on history:\n"
            for finding in findings { out += "  \(finding.prefix): best paths differ at \(finding.routers.joined(separator: ", "))\n" }
        }
        for adjacency in report.adjacencies ?? [] {
            if adjacency.prefix == report.adjacencies?.first?.prefix { out += "\nAdjacencies of \(adjacency.router) (what it receives and sends, and why not):\n" }
            out += "  \(adjacency.prefix)\n"
            func line(_ direction: String, _ e: AdjacencyReport.Entry) -> String {
                var text = "    \(direction) \(e.neighbor) (\(e.address)): \(e.status)"
                if let path = e.asPath { text += "; path \(path.isEmpty ? "(empty)" : path), next hop \(e.nextHop ?? "?"), local-pref \(e.localPreference ?? 100), med \(e.med.map(String.init) ?? "none")" }
                return text + "\n"
            }
            for e in adjacency.received { out += line("from", e) }
            for e in adjacency.advertised { out += line("to  ", e) }
        }
        if showRIB {
            for router in report.routers {
                out += "\nRIB of \(router.name):\n"
                for route in router.rib ?? [] {
                    out += "  \(pad(route.prefix, 20))\(pad(route.protocolName, 10))[\(route.distance)/\(route.metric)] \(pad(route.forwarding, 16)) \(route.origin)\n"
                }
            }
        }
        if !report.flows.isEmpty {
            out += "\nFlows:\n"
            for flow in report.flows { out += self.flow(flow, indent: "  ") }
        }
        return out
    }

    public static func flow(_ flow: FlowReport, indent: String = "") -> String {
        var out = "\(indent)\(flow.name): \(flow.from) -> \(flow.to): \(flow.disposition.uppercased())\n"
        for (index, path) in flow.paths.enumerated() {
            let label = flow.paths.count > 1 ? "branch \(index + 1): " : ""
            out += "\(indent)  \(label)\(pathText(path)): \(path.detail)\n"
        }
        return out
    }

    public static func trace(_ report: TraceReport) -> String {
        var out = "trace \(report.flow.from) -> \(report.flow.to) in \(report.network)"
        out += report.failures.isEmpty ? "" : " with \(report.failures.joined(separator: ", ")) failed"
        switch report.instant {
        case "fast-reroute"?: out += ", at the fast-reroute instant (nothing reconverged yet; RSVP-TE bypasses in use)\n"
        case let instant?: out += ", at \(instant)\n"
        case nil: out += "\n"
        }
        out += nonConvergenceText(report.nonConvergence)
        for (index, path) in report.flow.paths.enumerated() {
            out += report.flow.paths.count > 1 ? "branch \(index + 1) of \(report.flow.paths.count):\n" : ""
            for (hopIndex, hop) in path.hops.enumerated() { out += "  \(hopIndex + 1). \(hop.node): \(hop.action)\n" }
            out += "  => \(path.disposition.uppercased()): \(path.detail)\n"
        }
        return out
    }

    /// The warning block every report prints when the control plane did not settle (nil: it did).
    public static func nonConvergenceText(_ lines: [String]?) -> String {
        guard let lines else { return "" }
        var out = "WARNING: the control plane did not converge; results show one of the states it cycles through:\n"
        for line in lines { out += "  - \(line)\n" }
        return out
    }

    /// `R4[eth1] > R3[eth1] > R2`: the out-interface tells ECMP branches apart.
    static func pathText(_ path: PathReport) -> String {
        path.hops.map { hop in hop.outInterface.map { "\(hop.node)[\($0)]" } ?? hop.node }.joined(separator: " > ")
    }

    /// Every attribute of a best path, for `simulate --bgp`: an absent MED is "none", not 0.
    static func attributes(_ path: BGPPathReport) -> String {
        var parts = ["local-pref \(path.localPreference)\(path.localPreferenceSource.map { " (\($0))" } ?? "")", "med \(path.med.map(String.init) ?? "none")", "origin \(path.origin)", "weight \(path.weight)"]
        if let cost = path.igpCost { parts.append("igp cost \(cost)") }
        if let communities = path.communities { parts.append("communities \(communities.joined(separator: " "))") }
        if let originator = path.originatorID { parts.append("originator \(originator)") }
        if let clusters = path.clusterList { parts.append("cluster list \(clusters.joined(separator: " "))") }
        return parts.joined(separator: ", ")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
