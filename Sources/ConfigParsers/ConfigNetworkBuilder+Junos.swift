import Diagnostics
import NetPrimitives
import NetworkModel

/// Junos BGP policy in the model. Junos has no `network` statement: a static or direct route
/// reaches BGP only when a group's export policy accepts it, per group; BGP-learned routes are
/// exported by default. The model originates into the router's BGP table and filters per
/// neighbor, so the translation is:
/// - every static / direct prefix that some session's export chain accepts (or accepts under a
///   `from condition`) is redistributed into BGP (exact prefix-list);
/// - each session's export route-map first permits the local prefixes its own chain accepts and
///   denies the other local ones, then carries the chain's terms that apply to BGP routes
///   (`from protocol bgp` or no protocol; route-filter and prefix-list matches; accept / reject),
///   then permits the rest (Junos's default BGP export);
/// - a term accepted under `from condition C` with `C if-route-exists P` becomes conditional
///   advertisement of those prefixes while P is in the routing table (`.routeExists`);
/// - import chains the same way for BGP routes, default accept.
/// Terms with other match conditions (community, as-path, neighbor, ...) and `then` actions other
/// than accept/reject are not evaluated: each is a CFG001 warning at the term.
struct JunosPolicyTranslator {
    let device: DeviceConfig
    private(set) var policies = PolicySet()
    private(set) var diagnostics: [Diagnostic] = []
    private var warnedTerms: Set<String> = []
    /// Local prefixes that some session exports, by protocol.
    private(set) var originated: [(prefix: Prefix, protocolName: String)] = []

    enum Decision { case accept, reject, conditional([String]), none }

    init(device: DeviceConfig, sessions: [NeighborConfig]) {
        self.device = device
        var seen: Set<Prefix> = []
        for (prefix, protocolName) in candidates {
            let exported = sessions.contains { session in
                switch decision(prefix, protocolName, chain: Self.exportChain(session)) {
                case .accept, .conditional: true
                case .reject, .none: false
                }
            }
            if exported && seen.insert(prefix).inserted { originated.append((prefix, protocolName)) }
        }
    }

    static func exportChain(_ session: NeighborConfig) -> [String] {
        session.exportChain.isEmpty ? (session.routeMapOut.map { [$0] } ?? []) : session.exportChain
    }

    /// Static routes (main instance) and up interface subnets, in config order.
    var candidates: [(Prefix, String)] {
        device.staticRoutes.filter { $0.vrf == nil }.map { ($0.prefix, "static") }
            + device.interfaces.filter { !$0.shutdown }.flatMap { $0.addresses.map { ($0.prefix, "direct") } }
    }

    func decision(_ prefix: Prefix, _ protocolName: String, chain: [String]) -> Decision {
        for name in chain {
            for term in device.junosPolicies[name] ?? [] where term.otherMatches.isEmpty && term.matches(prefix, protocol: protocolName, prefixLists: device.prefixListEntries) {
                guard let accept = term.accept else { continue }
                if !accept { return .reject }
                return term.conditions.isEmpty ? .accept : .conditional(term.conditions)
            }
        }
        return .none   // Junos exports only BGP routes by default
    }

    private mutating func warn(_ message: String, _ at: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, "CFG001", message, at: at))
    }

    /// Redistributions that put the exported local prefixes into the BGP table.
    mutating func redistributions() -> [BGPRedistribution] {
        var result: [BGPRedistribution] = []
        for (protocolName, source) in [("static", RedistributionSource.static), ("direct", .connected)] {
            let prefixes = originated.filter { $0.protocolName == protocolName }.map(\.prefix)
            guard !prefixes.isEmpty else { continue }
            let name = "junos: \(protocolName) routes some export policy accepts"
            policies.prefixLists[name] = PrefixList(name: name, entries: prefixes.map { exact($0) }, location: fileLocation)
            policies.routeMaps[name] = RouteMap(name: name, entries: [NetworkModel.RouteMapEntry(sequence: 10, action: .permit, matches: [.prefixList(name)], sets: [], location: fileLocation)],
                                                location: fileLocation)
            result.append(BGPRedistribution(source: source, routeMap: name, location: fileLocation))
        }
        return result
    }

    private var fileLocation: SourceLocation { SourceLocation(file: device.file, line: 1, column: 1) }

    private func exact(_ prefix: Prefix) -> PrefixListEntry {
        PrefixListEntry(action: .permit, prefix: prefix, ge: nil, le: nil, location: fileLocation)
    }

    /// The session's import and export route-maps and conditional advertisement.
    mutating func sessionPolicies(for session: NeighborConfig) -> SessionPolicies {
        let (exportPolicy, conditional) = export(for: session)
        return SessionPolicies(importPolicy: importPolicy(for: session), exportPolicy: exportPolicy, conditional: conditional)
    }

    /// The session's export route-map and conditional advertisement.
    mutating func export(for session: NeighborConfig) -> (policy: String?, conditional: ConditionalAdvertisement?) {
        let chain = Self.exportChain(session)
        guard !chain.isEmpty || !originated.isEmpty else { return (nil, nil) }
        var entries: [NetworkModel.RouteMapEntry] = []
        var conditionalPrefixes: [Prefix] = []
        var condition: String?
        for (prefix, protocolName) in originated {
            let permit: Bool
            switch decision(prefix, protocolName, chain: chain) {
            case .accept: permit = true
            case .conditional(let names):
                permit = true
                conditionalPrefixes.append(prefix)
                if condition == nil { condition = names.first }
            case .reject, .none: permit = false
            }
            let list = "junos: \(prefix)"
            if policies.prefixLists[list] == nil { policies.prefixLists[list] = PrefixList(name: list, entries: [exact(prefix)], location: fileLocation) }
            entries.append(NetworkModel.RouteMapEntry(sequence: (entries.count + 1) * 10, action: permit ? .permit : .deny, matches: [.prefixList(list)], sets: [], location: fileLocation))
        }
        entries += bgpEntries(chain: chain, first: entries.count)
        let name = "junos export \(chain.isEmpty ? "(default)" : chain.joined(separator: " "))"
        policies.routeMaps[name] = RouteMap(name: name, entries: entries, location: fileLocation)
        var conditional: ConditionalAdvertisement?
        if let condition, !conditionalPrefixes.isEmpty {
            if let watched = device.junosConditions[condition] {
                let map = "junos conditional \(conditionalPrefixes.map(\.description).joined(separator: " "))"
                let list = map
                policies.prefixLists[list] = PrefixList(name: list, entries: conditionalPrefixes.map { exact($0) }, location: fileLocation)
                policies.routeMaps[map] = RouteMap(name: map, entries: [NetworkModel.RouteMapEntry(sequence: 10, action: .permit, matches: [.prefixList(list)], sets: [], location: fileLocation)],
                                                   location: fileLocation)
                conditional = ConditionalAdvertisement(advertiseMap: map, condition: .routeExists(watched.prefix))
            } else {
                warn("export to \(session.key): condition \(condition) has no `if-route-exists` routesim reads; the prefixes are exported unconditionally", session.location)
            }
        }
        return (name, conditional)
    }

    /// The session's import route-map (nil: accept everything, Junos's default).
    mutating func importPolicy(for session: NeighborConfig) -> String? {
        guard let first = session.routeMapIn else { return nil }
        let entries = bgpEntries(chain: [first], first: 0)
        let name = "junos import \(first)"
        policies.routeMaps[name] = RouteMap(name: name, entries: entries, location: fileLocation)
        return name
    }

    /// Route-map entries for the chain's terms that apply to BGP routes, then the default permit.
    private mutating func bgpEntries(chain: [String], first: Int) -> [NetworkModel.RouteMapEntry] {
        var entries: [NetworkModel.RouteMapEntry] = []
        func next() -> Int { (first + entries.count + 1) * 10 }
        for name in chain {
            guard let terms = device.junosPolicies[name] else {
                warn("policy \(name) is not defined; Junos rejects the session's configuration (modelled as no policy)", fileLocation)
                continue
            }
            for term in terms where term.protocols.isEmpty || term.protocols.contains("bgp") {
                guard let accept = term.accept else { continue }
                let key = "\(name)/\(term.name)"
                if !term.otherMatches.isEmpty || !term.conditions.isEmpty {
                    if warnedTerms.insert(key).inserted {
                        warn("policy \(name) term \(term.name.isEmpty ? "(unnamed)" : term.name): `from \((term.otherMatches + term.conditions.map { _ in "condition" }).joined(separator: ", "))` is not evaluated for BGP routes; the term is left out", term.location)
                    }
                    continue
                }
                var matches: [RouteMapMatch] = []
                if !term.routeFilters.isEmpty {
                    let list = "junos route-filter \(key)"
                    policies.prefixLists[list] = PrefixList(name: list, entries: term.routeFilters.map {
                        PrefixListEntry(action: .permit, prefix: $0.prefix, ge: $0.low, le: $0.high, location: term.location)
                    }, location: term.location)
                    matches.append(.prefixList(list))
                }
                for list in term.prefixLists {
                    if policies.prefixLists[list] == nil {
                        policies.prefixLists[list] = PrefixList(name: list, entries: (device.prefixListEntries[list] ?? []).map { exact($0.prefix) }, location: term.location)
                    }
                    matches.append(.prefixList(list))
                }
                entries.append(NetworkModel.RouteMapEntry(sequence: next(), action: accept ? .permit : .deny, matches: matches, sets: [], location: term.location))
            }
        }
        entries.append(NetworkModel.RouteMapEntry(sequence: next(), action: .permit, matches: [], sets: [], location: fileLocation))
        return entries
    }
}
