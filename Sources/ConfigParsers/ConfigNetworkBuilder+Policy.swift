import Diagnostics
import NetPrimitives
import NetworkModel

/// A session's policies in the model's terms.
struct SessionPolicies {
    var importPolicy: String?
    var exportPolicy: String?
    var conditional: ConditionalAdvertisement?
}

/// Turns one router's route-maps and lists (IOS, EOS, FRR) into the model's PolicySet. Only
/// what the router uses (session policies, redistribution, conditional advertisement) is
/// translated, and what the simulator cannot take is a CFG001 warning at its line, never
/// silently dropped. Where the vendors differ, the dialect's behaviour is modelled:
/// - a route-map that is not defined denies every route (IOS, EOS and FRR alike);
/// - a `match` on a list that is not defined is ignored by IOS and EOS (the entry matches every
///   route) and fails in FRR (the entry matches nothing);
/// - a neighbor `prefix-list` / `filter-list` that is not defined filters nothing;
/// - a neighbor with both a route-map and a prefix-list in one direction needs both to permit.
/// Junos policy is JunosPolicyTranslator's.
struct PolicyTranslator {
    let device: DeviceConfig
    private(set) var policies = PolicySet()
    private(set) var diagnostics: [Diagnostic] = []
    private var translated: Set<String> = []

    init(device: DeviceConfig) { self.device = device }

    private mutating func warn(_ message: String, _ at: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, "CFG001", message, at: at, hint: hint))
    }

    /// A reference to something the config does not define, and what the vendor does then
    /// (CFG005; lint says it with its reference rules, ROUTE-MAP-UNDEFINED and PREFIX-LIST-UNDEFINED).
    private mutating func undefined(_ message: String, _ at: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, "CFG005", message, at: at, hint: hint))
    }

    private var vendor: String { device.dialect.displayName }

    /// The model's name for route-map `name` once translated; nil when `name` is nil or cannot be modelled.
    mutating func routeMap(_ name: String?, usedAt: SourceLocation) -> String? {
        guard let name else { return nil }
        if translated.contains(name) { return name }
        translated.insert(name)
        guard let entries = device.routeMaps[name], let first = entries.first else {
            undefined("route-map \(name) is not defined; \(vendor) denies every route it is applied to", usedAt,
                 hint: "define the route-map, or remove the reference")
            policies.routeMaps[name] = RouteMap(name: name, entries: [], location: usedAt)
            return name
        }
        var modelled: [NetworkModel.RouteMapEntry] = []
        for (index, entry) in entries.enumerated() {
            for clause in entry.unmodelled {
                warn("route-map \(name): `\(clause.text)`: \(clause.reason); the entry is modelled without it", clause.location)
            }
            let action = PolicyAction(rawValue: entry.action) ?? .permit
            if PolicyAction(rawValue: entry.action) == nil { warn("route-map \(name) entry action '\(entry.action)' is not permit or deny; modelled as permit", entry.location) }
            var matches: [RouteMapMatch] = []
            for match in entry.matches {
                if let kept = translate(match, routeMap: name, at: entry.location) { matches.append(kept) }
            }
            modelled.append(NetworkModel.RouteMapEntry(sequence: entry.sequence ?? (index + 1) * 10, action: action, matches: matches, sets: entry.sets,
                                                       location: entry.location))
        }
        policies.routeMaps[name] = RouteMap(name: name, entries: modelled, location: first.location)
        return name
    }

    /// A match clause with its list translated; nil when the dialect ignores the clause.
    private mutating func translate(_ match: RouteMapMatch, routeMap: String, at: SourceLocation) -> RouteMapMatch? {
        let (kind, list, defined): (String, String, Bool)
        switch match {
        case .prefixList(let name): (kind, list, defined) = ("prefix-list", name, ensurePrefixList(name))
        case .communityList(let name): (kind, list, defined) = ("community-list", name, ensureCommunityList(name))
        case .asPathList(let name): (kind, list, defined) = ("as-path access-list", name, ensureASPathList(name))
        case .source, .family: return match
        }
        if defined { return match }
        if device.dialect == .frr {
            undefined("route-map \(routeMap) matches \(kind) \(list), which is not defined; FRR's match fails, so the entry matches no route", at)
            switch match {
            case .prefixList: policies.prefixLists[list] = PrefixList(name: list, entries: [], location: at)
            case .communityList: policies.communityLists[list] = CommunityList(name: list, entries: [], location: at)
            case .asPathList: policies.asPathLists[list] = ASPathList(name: list, entries: [], location: at)
            case .source, .family: break
            }
            return match
        }
        undefined("route-map \(routeMap) matches \(kind) \(list), which is not defined; \(vendor) ignores the match, so the entry matches every route", at)
        return nil
    }

    private mutating func ensurePrefixList(_ name: String) -> Bool {
        if policies.prefixLists[name] != nil { return true }
        guard let defined = device.prefixLists[name] else { return false }
        // IOS numbers entries without `seq` 5, 10, 15, ... in the order given.
        let entries = (device.prefixListEntries[name] ?? []).enumerated()
            .map { (sequence: $0.element.sequence ?? ($0.offset + 1) * 5, order: $0.offset, entry: $0.element) }
            .sorted { ($0.sequence, $0.order) < ($1.sequence, $1.order) }
            .map { PrefixListEntry(action: $0.entry.action, prefix: $0.entry.prefix, ge: $0.entry.ge, le: $0.entry.le, location: $0.entry.location) }
        policies.prefixLists[name] = PrefixList(name: name, entries: entries, location: defined)
        return true
    }

    private mutating func ensureCommunityList(_ name: String) -> Bool {
        if policies.communityLists[name] != nil { return true }
        guard let defined = device.communityLists[name] else { return false }
        var entries: [(action: PolicyAction, communities: [Community])] = []
        for entry in device.communityListEntries[name] ?? [] {
            if let regex = entry.regex {
                warn("community-list \(name) entry `\(regex)`: expanded (regular-expression) community lists are not modelled; the entry matches nothing", entry.location)
                continue
            }
            entries.append((entry.action, entry.communities))
        }
        policies.communityLists[name] = CommunityList(name: name, entries: entries, location: defined)
        return true
    }

    private mutating func ensureASPathList(_ name: String) -> Bool {
        if policies.asPathLists[name] != nil { return true }
        guard let defined = device.asPathLists[name] else { return false }
        var entries: [(action: PolicyAction, regex: String)] = []
        for entry in device.asPathListEntries[name] ?? [] {
            do {
                _ = try ASPathRegex(entry.regex)
                entries.append((entry.action, entry.regex))
            } catch {
                warn("as-path access-list \(name) entry `\(entry.regex)` does not compile (\(error)); the entry matches nothing", entry.location)
            }
        }
        policies.asPathLists[name] = ASPathList(name: name, entries: entries, location: defined)
        return true
    }

    /// Everything a session's statements say about policy: its route-maps and lists in both
    /// directions, FRR's `bgp ebgp-requires-policy` (`requiresPolicy`: an eBGP session of an
    /// instance that has it), and conditional advertisement.
    mutating func sessionPolicies(for neighbor: NeighborConfig, requiresPolicy: Bool) -> SessionPolicies {
        var session = SessionPolicies(
            importPolicy: sessionPolicy(routeMap: neighbor.routeMapIn, list: neighbor.prefixListIn, kind: neighbor.listKindIn, direction: "in", neighbor: neighbor),
            exportPolicy: sessionPolicy(routeMap: neighbor.routeMapOut, list: neighbor.prefixListOut, kind: neighbor.listKindOut, direction: "out", neighbor: neighbor))
        if requiresPolicy {
            for (direction, hasFilter) in [("in", neighbor.routeMapIn != nil || neighbor.prefixListIn != nil), ("out", neighbor.routeMapOut != nil || neighbor.prefixListOut != nil)] where !hasFilter {
                diagnostics.append(Diagnostic(.warning, "CFG002", "neighbor \(neighbor.key) has no \(direction == "in" ? "inbound" : "outbound") filter: FRR's bgp ebgp-requires-policy (the default since 7.4) \(direction == "in" ? "accepts no route from it" : "announces no route to it")",
                                              at: neighbor.statements["remote-as"] ?? neighbor.location, hint: "add a route-map or prefix-list \(direction), or `no bgp ebgp-requires-policy`"))
                if direction == "in" { session.importPolicy = denyAll() } else { session.exportPolicy = denyAll() }
            }
        }
        if let advertise = neighbor.advertiseMap {
            let at = neighbor.conditionLocation ?? neighbor.location
            let advertiseMap = routeMap(advertise, usedAt: at) ?? advertise
            if let exist = neighbor.existMap {
                session.conditional = ConditionalAdvertisement(advertiseMap: advertiseMap, condition: .exist(routeMap(exist, usedAt: at) ?? exist))
            } else if let nonExist = neighbor.nonExistMap {
                session.conditional = ConditionalAdvertisement(advertiseMap: advertiseMap, condition: .nonExist(routeMap(nonExist, usedAt: at) ?? nonExist))
            } else {
                warn("neighbor \(neighbor.key) advertise-map \(advertise) has neither exist-map nor non-exist-map; not modelled", at)
            }
        }
        return session
    }

    /// A route-map that denies every route (FRR's ebgp-requires-policy without a filter).
    mutating func denyAll() -> String {
        let name = "(ebgp-requires-policy: no filter)"
        if policies.routeMaps[name] == nil { policies.routeMaps[name] = RouteMap(name: name, entries: [], location: SourceLocation(file: device.file, line: 1, column: 1)) }
        return name
    }

    /// A session's policy in one direction: its route-map, its prefix-list / filter-list, or
    /// both combined (every permit entry of the route-map also needs the list to permit: a route
    /// the list denies then matches no permit entry and is denied, as on the router).
    mutating func sessionPolicy(routeMap: String?, list: String?, kind: String, direction: String, neighbor: NeighborConfig) -> String? {
        let mapName = self.routeMap(routeMap, usedAt: neighbor.statements["route-map \(direction)"] ?? neighbor.location)
        guard let list else { return mapName }
        let at = neighbor.statements["\(kind) \(direction)"] ?? neighbor.location
        let match: RouteMapMatch
        switch kind {
        case "prefix-list":
            guard ensurePrefixList(list) else {
                undefined("neighbor \(neighbor.key) prefix-list \(list) \(direction): the list is not defined, so it filters nothing", at)
                return mapName
            }
            match = .prefixList(list)
        case "filter-list":
            guard ensureASPathList(list) else {
                undefined("neighbor \(neighbor.key) filter-list \(list) \(direction): the AS-path list is not defined, so it filters nothing", at)
                return mapName
            }
            match = .asPathList(list)
        default:
            warn("neighbor \(neighbor.key) \(kind) \(list) \(direction): access-list filters are not modelled; the session runs without it", at)
            return mapName
        }
        let combined = mapName.map { "\($0) + \(kind) \(list) \(direction)" } ?? "\(kind) \(list) \(direction)"
        if policies.routeMaps[combined] != nil { return combined }
        let entries: [NetworkModel.RouteMapEntry]
        if let mapName, let map = policies.routeMaps[mapName] {
            entries = map.entries.map { entry in
                var entry = entry
                if entry.action == .permit { entry.matches.append(match) }
                return entry
            }
        } else {
            entries = [NetworkModel.RouteMapEntry(sequence: 10, action: .permit, matches: [match], sets: [], location: at)]
        }
        policies.routeMaps[combined] = RouteMap(name: combined, entries: entries, location: at)
        return combined
    }
}

extension DeviceConfig {
    /// The named route-maps (and the lists they match) as the simulator models them, with the
    /// dialect's semantics for undefined references (for rules that evaluate a policy).
    public func modelledPolicies(routeMaps names: [String]) -> PolicySet {
        var translator = PolicyTranslator(device: self)
        for name in names { _ = translator.routeMap(name, usedAt: SourceLocation(file: file, line: 1, column: 1)) }
        return translator.policies
    }
}
