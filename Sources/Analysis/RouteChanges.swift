/// Per scenario, the routes that differ from the baseline's (`failures --rib` / `--bgp`): what
/// each router installs (main RIB) or chose as its BGP best path before and after the failure.
/// Routers the scenario takes down are left out (the scenario names them).
public struct RouteChange: Sendable, Codable, Equatable {
    public var router: String
    public var prefix: String
    /// nil: no route before (added) or after (removed).
    public var before: String?
    public var after: String?

    public init(router: String, prefix: String, before: String?, after: String?) {
        self.router = router
        self.prefix = prefix
        self.before = before
        self.after = after
    }
}

public enum RouteChanges {
    /// Main-RIB routes that differ: protocol, forwarding or metric.
    public static func rib(baseline: DataPlane, scenario: DataPlane) -> [RouteChange] {
        changes(baseline: baseline, scenario: scenario) { plane, r, prefix in
            plane.mainRIBEntry(router: r, prefix: prefix).map { describe($0, router: r, network: plane.network) }
        }
    }

    /// BGP best paths that differ in source or attributes (not only in IGP cost or deciding step).
    public static func bgp(baseline: DataPlane, scenario: DataPlane) -> [RouteChange] {
        changes(baseline: baseline, scenario: scenario) { plane, r, prefix in
            plane.bgpTables[r][prefix].map { describe($0, network: plane.network) }
        }
    }

    /// BGP best paths that differ between two networks (a change's before and after), routers
    /// matched by name; a router only in one of them shows all its paths added or removed.
    public static func bgp(from base: DataPlane, to head: DataPlane) -> [RouteChange] {
        let names = Set(base.network.routers.map(\.name)).union(head.network.routers.map(\.name)).sorted()
        var list: [RouteChange] = []
        for name in names {
            let b = base.network.routers.firstIndex { $0.name == name }, h = head.network.routers.firstIndex { $0.name == name }
            let prefixes = (b.map { base.knownPrefixes(router: $0) } ?? []).union(h.map { head.knownPrefixes(router: $0) } ?? [])
            for prefix in prefixes.sorted() {
                let before = b.flatMap { base.bgpTables[$0][prefix] }.map { describe($0, network: base.network) }
                let after = h.flatMap { head.bgpTables[$0][prefix] }.map { describe($0, network: head.network) }
                if before != after { list.append(RouteChange(router: name, prefix: prefix.description, before: before, after: after)) }
            }
        }
        return list
    }

    static func changes(baseline: DataPlane, scenario: DataPlane, text: (DataPlane, Int, Prefix) -> String?) -> [RouteChange] {
        let network = scenario.network
        var list: [RouteChange] = []
        for r in network.routers.indices where scenario.liveness.routerUp[r] {
            let candidates = scenario.prefixesThatMayDiffer(router: r)
                ?? baseline.knownPrefixes(router: r).union(scenario.knownPrefixes(router: r))
            for prefix in candidates.sorted() {
                let before = text(baseline, r, prefix), after = text(scenario, r, prefix)
                if before != after { list.append(RouteChange(router: network.routers[r].name, prefix: prefix.description, before: before, after: after)) }
            }
        }
        return list
    }

    /// `ospf via 10.0.0.1 (eth1), metric 20`; `static Null0, metric 0`; `connected attached eth0, metric 0`.
    static func describe(_ entry: RIBEntry, router r: Int, network: Network) -> String {
        "\(entry.protocolKind.rawValue) \(entry.forwarding.text(at: network.routers[r])), metric \(entry.metric)"
    }

    /// `ibgp from R1, path 65100, next hop 10.0.0.1, local-pref 300, med 10`.
    static func describe(_ route: BGPRoute, network: Network) -> String {
        let a = route.attributes
        var parts: [String]
        switch route.source {
        case .local(let kind): parts = ["local (\(kind.rawValue))"]
        case .learned(_, let peer, _, let ebgp): parts = ["\(ebgp ? "ebgp" : "ibgp") from \(network.routers[peer].name)"]
        }
        parts.append("path \(a.asPath.description.isEmpty ? "(empty)" : a.asPath.description)")
        if !a.nextHop.isUnspecified { parts.append("next hop \(a.nextHop)") }
        parts.append("local-pref \(a.localPreference)")
        if let med = a.med { parts.append("med \(med)") }
        if a.origin != .igp { parts.append("origin \(a.origin.description)") }
        if a.weight != 0 { parts.append("weight \(a.weight)") }
        if !a.communities.isEmpty { parts.append("communities \(a.communities.map(\.description).joined(separator: " "))") }
        return parts.joined(separator: ", ")
    }
}
