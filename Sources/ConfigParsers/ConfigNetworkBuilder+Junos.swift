import Diagnostics
import NetPrimitives
import NetworkModel

/// Junos BGP policy in the neutral model. Junos has no `network` statement: a static or direct
/// route reaches BGP only when a group's export policy accepts it, per group; BGP-learned routes
/// are exported by default. The model originates into the router's BGP table and filters per
/// neighbor, so the translation is:
/// - every static / direct prefix that some session's export chain accepts (walked in the Junos
///   model, JunosPolicy.swift) is redistributed into BGP;
/// - each distinct chain becomes one route-map: a term becomes one entry per route-list
///   alternative, its `from protocol` / `route-type` a `source` match, `next term` / `next
///   policy` / no terminating action an entry that continues at the next term or policy, and
///   the chain ends in Junos's default (export: BGP routes accepted, others rejected; import:
///   accept), so every route takes the path through the chain that Junos takes;
/// - a term accepted under `from condition C` with `C if-route-exists P` becomes conditional
///   advertisement of the local prefixes it accepts while P is in the routing table.
/// Match conditions and actions routesim does not evaluate are CFG001 warnings at the term,
/// which is left out (matches) or kept without the action (actions).
struct JunosPolicyTranslator {
    let device: DeviceConfig
    private(set) var policies = PolicySet()
    private(set) var diagnostics: [Diagnostic] = []
    private var warnedTerms: Set<String> = []
    /// Local prefixes that some session exports, with how they reach BGP.
    private(set) var originated: [(prefix: Prefix, source: RouteSource)] = []

    init(device: DeviceConfig, sessions: [NeighborConfig]) {
        self.device = device
        var seen: Set<Prefix> = []
        for (prefix, source) in candidates {
            let exported = sessions.contains { session in
                switch device.junosDecision(for: prefix, source: source, chain: session.junosExportChain) {
                case .accept, .conditional: true
                case .reject, .fallThrough: false
                }
            }
            if exported && seen.insert(prefix).inserted { originated.append((prefix, source)) }
        }
    }

    /// Static routes (main instance) and up interface subnets, in config order.
    var candidates: [(Prefix, RouteSource)] {
        device.staticRoutes.filter { $0.vrf == nil }.map { ($0.prefix, RouteSource.static) }
            + device.interfaces.filter { !$0.shutdown && $0.vrf == nil }.flatMap { $0.addresses.map { ($0.prefix, RouteSource.connected) } }
    }

    private mutating func warn(_ message: String, _ at: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, "CFG001", message, at: at))
    }

    /// Redistributions that put the exported local prefixes into the BGP table.
    mutating func redistributions() -> [BGPRedistribution] {
        var result: [BGPRedistribution] = []
        for (source, redistribution) in [(RouteSource.static, RedistributionSource.static), (.connected, .connected)] {
            let prefixes = originated.filter { $0.source == source }.map(\.prefix)
            guard !prefixes.isEmpty else { continue }
            let name = "junos: \(source == .static ? "static" : "direct") routes some export policy accepts"
            policies.prefixLists[name] = PrefixList(name: name, entries: prefixes.map { exact($0) }, location: fileLocation)
            policies.routeMaps[name] = RouteMap(name: name, entries: [NetworkModel.RouteMapEntry(sequence: 10, action: .permit, matches: [.prefixList(name)], sets: [], location: fileLocation)],
                                                location: fileLocation)
            result.append(BGPRedistribution(source: redistribution, routeMap: name, location: fileLocation))
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
        let chain = session.junosExportChain
        guard !chain.isEmpty || !originated.isEmpty else { return (nil, nil) }
        let name = compile(chain, direction: .export)
        var conditionalPrefixes: [Prefix] = []
        var condition: String?
        for (prefix, source) in originated {
            if case .conditional(let names, _, _) = device.junosDecision(for: prefix, source: source, chain: chain) {
                conditionalPrefixes.append(prefix)
                if condition == nil { condition = names.first }
            }
        }
        var conditional: ConditionalAdvertisement?
        if let condition, !conditionalPrefixes.isEmpty {
            if let watched = device.junosConditions[condition] {
                let map = "junos conditional \(conditionalPrefixes.map(\.description).joined(separator: " "))"
                policies.prefixLists[map] = PrefixList(name: map, entries: conditionalPrefixes.map { exact($0) }, location: fileLocation)
                policies.routeMaps[map] = RouteMap(name: map, entries: [NetworkModel.RouteMapEntry(sequence: 10, action: .permit, matches: [.prefixList(map)], sets: [], location: fileLocation)],
                                                   location: fileLocation)
                conditional = ConditionalAdvertisement(advertiseMap: map, condition: .routeExists(watched.prefix))
            } else {
                warn("export to \(session.key): condition \(condition) has no `if-route-exists` routesim reads; the prefixes are exported unconditionally", session.location)
            }
        }
        return (name, conditional)
    }

    /// The session's import route-map (nil: no import policy, Junos accepts everything).
    mutating func importPolicy(for session: NeighborConfig) -> String? {
        let chain = session.junosImportChain
        return chain.isEmpty ? nil : compile(chain, direction: .import)
    }

    enum Direction: String { case export, `import` }

    /// The route-map for a chain, compiled once per chain and direction.
    private mutating func compile(_ chain: [String], direction: Direction) -> String {
        let name = "junos \(direction.rawValue) \(chain.isEmpty ? "(default)" : chain.joined(separator: " "))"
        guard policies.routeMaps[name] == nil else { return name }
        // Lay out the sequences first: a term continues at the next term's or next policy's first entry.
        var layout: [(policy: String, terms: [PlacedTerm], first: Int)] = []
        var sequence = 10
        for policy in chain {
            guard let terms = device.junosPolicies[policy] else {
                warn("policy \(policy) is not defined; Junos refuses such a configuration (modelled as no policy)", fileLocation)
                continue
            }
            var placed: [PlacedTerm] = []
            let policyFirst = sequence
            for term in terms where evaluable(term, policy: policy) {
                // The route lists, built once: their count places the term, their entries fill it.
                let alternatives = term.routeListAlternatives(in: device)
                placed.append(PlacedTerm(term: term, alternatives: alternatives, first: sequence))
                sequence += 10 * max(1, alternatives.count)
            }
            layout.append((policy, placed, policyFirst))
        }
        let tail = sequence
        var entries: [NetworkModel.RouteMapEntry] = []
        for (p, policy) in layout.enumerated() {
            let nextPolicy = p + 1 < layout.count ? layout[p + 1].first : tail
            for (t, placed) in policy.terms.enumerated() {
                let nextTerm = t + 1 < policy.terms.count ? policy.terms[t + 1].first : nextPolicy
                entries += termEntries(placed, policy: policy.policy, nextTerm: nextTerm, nextPolicy: nextPolicy)
            }
        }
        switch direction {
        case .export:
            entries.append(NetworkModel.RouteMapEntry(sequence: tail, action: .permit, matches: [.source(RouteSource.bgp)], sets: [], location: fileLocation))
            entries.append(NetworkModel.RouteMapEntry(sequence: tail + 10, action: .deny, matches: [], sets: [], location: fileLocation))
        case .import:
            entries.append(NetworkModel.RouteMapEntry(sequence: tail, action: .permit, matches: [], sets: [], location: fileLocation))
        }
        policies.routeMaps[name] = RouteMap(name: name, entries: entries, location: fileLocation)
        return name
    }

    /// Whether the term can be compiled; warns (once per term) about what cannot.
    private mutating func evaluable(_ term: JunosPolicyTerm, policy: String) -> Bool {
        let key = "\(policy)/\(term.name)"
        let label = "policy \(policy) term \(term.name.isEmpty ? "(unnamed)" : term.name)"
        let first = warnedTerms.insert(key).inserted
        if term.unicastFamilies?.isEmpty == true || term.sources?.isEmpty == true { return false }   // matches no route of the model
        let filterActions = term.routeFilters.compactMap(\.action)
        if !term.otherMatches.isEmpty || !filterActions.isEmpty {
            let what = term.otherMatches + filterActions.map { "route-filter ... \($0)" }
            if first { warn("\(label): `from \(what.joined(separator: ", "))` is not evaluated; the term is left out", term.location) }
            return false
        }
        guard first else { return true }
        for action in term.unmodelledActions {
            warn("\(label): `then \(action)` is not modelled; the term applies its other actions", term.location)
        }
        for (_, name) in term.communityActions where device.junosCommunities[name] == nil {
            warn("\(label): community \(name) has no `members` routesim reads; the action is left out", term.location)
        }
        if !term.conditions.isEmpty && (term.sources.map { !$0.isDisjoint(with: RouteSource.bgp) } ?? true) {
            warn("\(label): `from condition` is evaluated for the static and direct routes the term exports (conditional advertisement); BGP routes it matches are treated as if the condition held", term.location)
        }
        return true
    }

    /// A term with its route-list alternatives and its first sequence number in the chain's route-map.
    private struct PlacedTerm {
        var term: JunosPolicyTerm
        var alternatives: [[PrefixListEntry]]
        var first: Int
    }

    private mutating func termEntries(_ placed: PlacedTerm, policy: String, nextTerm: Int, nextPolicy: Int) -> [NetworkModel.RouteMapEntry] {
        let term = placed.term, first = placed.first
        var common: [RouteMapMatch] = []
        if let sources = term.sources { common.append(.source(sources)) }
        if let families = term.unicastFamilies, families.count < AddressFamily.allCases.count { common.append(.family(families)) }
        if !term.communities.isEmpty {
            let list = "junos community " + term.communities.joined(separator: " ")
            policies.communityLists[list] = CommunityList(name: list, entries: term.communities.compactMap { name in
                device.junosCommunities[name].map { (PolicyAction.permit, $0) }
            }, location: term.location)
            common.append(.communityList(list))
        }
        var sets = term.sets
        for (operation, name) in term.communityActions {
            guard let members = device.junosCommunities[name] else { continue }
            sets.append(operation == "set" ? .replaceCommunities(members) : .addCommunities(members))
        }
        let action: PolicyAction = term.flow == .reject ? .deny : .permit
        let continuation: RouteMapContinuation = switch term.flow {
        case .accept, .reject: .stop
        case .nextPolicy: .next(atLeast: nextPolicy)
        case .nextTerm, nil: .next(atLeast: nextTerm)
        }
        let alternatives = placed.alternatives
        guard !alternatives.isEmpty else {
            return [NetworkModel.RouteMapEntry(sequence: first, action: action, matches: common, sets: sets, continuation: continuation, location: term.location)]
        }
        return alternatives.enumerated().map { index, prefixEntries in
            let list = "junos \(policy)/\(term.name) routes \(index + 1)"
            policies.prefixLists[list] = PrefixList(name: list, entries: prefixEntries, location: term.location)
            return NetworkModel.RouteMapEntry(sequence: first + 10 * index, action: action, matches: common + [.prefixList(list)], sets: sets,
                                              continuation: continuation, location: term.location)
        }
    }
}
