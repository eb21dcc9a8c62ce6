/// Turns a data plane into the report values shared by the text and JSON outputs.
public struct ReportBuilder: Sendable {
    public let plane: DataPlane
    public init(plane: DataPlane) { self.plane = plane }

    var network: Network { plane.network }

    /// `includeBGP: false` leaves the per-router path lists empty (their count is still reported).
    public func simulation(includeRIB: Bool, includeBGP: Bool = true, flows: [Flow]? = nil) -> SimulationReport {
        SimulationReport(network: network.name, failures: plane.failures.describe(in: network), converged: plane.statistics.converged,
                         nonConvergence: plane.statistics.nonConvergence?.descriptions,
                         diagnostics: plane.diagnostics.map(DiagnosticReport.init), routers: routers(includeRIB: includeRIB, includeBGP: includeBGP),
                         sessions: sessions(), ldpSessions: network.routers.contains { $0.mpls != nil } ? plane.ldpSessions() : nil,
                         lsps: network.routers.contains { !$0.lsps.isEmpty } ? plane.lspStates() : nil,
                         flows: (flows ?? network.flows).map { flow($0) })
    }

    func routers(includeRIB: Bool, includeBGP: Bool) -> [RouterReport] {
        var sources = includeBGP ? plane.localPreferenceSources() : nil
        return network.routers.indices.map { router($0, includeRIB: includeRIB, includeBGP: includeBGP, sources: &sources) }
    }

    func router(_ r: Int, includeRIB: Bool, includeBGP: Bool, sources: inout LocalPreferenceSources?) -> RouterReport {
        let router = network.routers[r]
        var counts: [String: Int] = [:]
        for (kind, count) in plane.routeCounts(router: r) { counts[kind.rawValue] = count }
        var bgp: [BGPPathReport] = []
        if includeBGP {
            for (prefix, route) in plane.bgpTables[r] {
                var path = bgpPath(prefix, route)
                path.localPreferenceSource = sources?.source(router: r, prefix: prefix)
                bgp.append(path)
            }
        }
        let tracks = router.tracks.isEmpty ? nil : Dictionary(uniqueKeysWithValues: router.tracks.map { (String($0.id), plane.trackStates[r][$0.id] ?? false) })
        return RouterReport(name: router.name, asn: router.asn, up: plane.liveness.routerUp[r], routeCounts: counts, bgpPathCount: plane.bgpTables[r].count, bgp: bgp,
                            rib: includeRIB ? plane.mainRIB(router: r).map(route) : nil, tracks: tracks)
    }

    /// Every prefix any router knows, with what `router` receives and sends for it.
    public func adjacencies(router r: Int) -> [AdjacencyReport] {
        var prefixes = Set<Prefix>()
        for table in plane.bgpTables { prefixes.formUnion(table.keys) }
        for unresolved in plane.inaccessible { prefixes.formUnion(unresolved.keys) }
        func entry(_ e: BGPAdjacency.Entry) -> AdjacencyReport.Entry {
            AdjacencyReport.Entry(neighbor: e.neighbor, address: e.address.description, status: e.status, asPath: e.path.map(\.asPath.description),
                                  nextHop: e.path.map(\.nextHop.description), localPreference: e.path?.localPreference, med: e.path?.med)
        }
        return prefixes.sorted().compactMap { prefix in
            plane.adjacency(router: r, prefix: prefix).map {
                AdjacencyReport(router: network.routers[r].name, prefix: prefix.description, received: $0.received.map(entry), advertised: $0.advertised.map(entry))
            }
        }
    }

    func bgpPath(_ prefix: Prefix, _ route: BGPRoute) -> BGPPathReport {
        var source = "local"
        var from: String?
        switch route.source {
        case .local(let kind): source = kind.rawValue
        case .learned(_, let peer, let address, let ebgp):
            source = ebgp ? "ebgp" : "ibgp"
            from = "\(network.routers[peer].name) (\(address))"
        }
        let a = route.attributes
        return BGPPathReport(prefix: prefix.description, asPath: a.asPath.description, nextHop: a.nextHop.isUnspecified ? "self" : a.nextHop.description,
                             localPreference: a.localPreference, localPreferenceSource: nil, med: a.med, origin: a.origin.description, weight: a.weight, source: source, from: from,
                             decidedBy: route.decidedBy.rawValue, communities: a.communities.isEmpty ? nil : a.communities.map(\.description),
                             originatorID: route.originatorID.map { id in network.routers.first { $0.routerID == id }.map { "\($0.name) (\(id))" } ?? id.description },
                             clusterList: route.clusterList.isEmpty ? nil : route.clusterList.map(\.description),
                             igpCost: route.isLocal ? nil : route.igpCost)
    }

    func route(_ entry: RIBEntry) -> RouteReport {
        RouteReport(prefix: entry.prefix.description, protocolName: entry.protocolKind.rawValue, distance: Int(entry.distance), metric: entry.metric,
                    forwarding: forwardingText(entry, router: nil), origin: entry.origin, location: entry.location?.description)
    }

    public func forwardingText(_ entry: RIBEntry, router: Int?) -> String {
        switch entry.forwarding {
        case .discard: return "Null0"
        case .attached(let interface): return router.map { "attached \(network.routers[$0].interfaces[interface].name)" } ?? "attached"
        case .forward(let hops): return hops.map(\.gateway.description).joined(separator: ", ")
        }
    }

    func sessions() -> [SessionReport] {
        plane.sessions.map { status in
            SessionReport(router: network.routers[status.router].name, peer: status.peerRouter.map { network.routers[$0].name },
                          peerAddress: status.peerAddress.description, localAddress: status.localAddress?.description,
                          type: status.isVPNAdjacency ? "vpn" : status.ebgp ? "ebgp" : "ibgp", established: status.established, reason: status.reason)
        }
    }

    public func flow(_ flow: Flow) -> FlowReport {
        let trace = Tracer(plane: plane).trace(from: flow.source, to: flow.destination)
        return flowReport(name: flow.name, from: flow.source, to: flow.destinationName.map { "\($0) (\(flow.destination))" } ?? flow.destination.description, trace: trace)
    }

    public func flowReport(name: String, from: String, to: String, trace: Trace) -> FlowReport {
        let paths = trace.paths.map { path in
            PathReport(nodes: path.nodes, disposition: path.disposition.kind, at: path.disposition.node, detail: path.disposition.summary,
                       hops: path.hops.map { HopReport(node: $0.node, action: $0.action, outInterface: $0.outInterface, label: $0.labelOperation.map(LabelReport.init)) })
        }
        let kinds = Set(paths.map(\.disposition))
        return FlowReport(name: name, from: from, to: to, disposition: kinds.count == 1 ? kinds.first ?? "none" : "mixed", paths: paths)
    }
}
