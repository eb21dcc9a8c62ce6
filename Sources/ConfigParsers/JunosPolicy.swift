import Diagnostics
import NetPrimitives
import NetworkModel

// The Junos dialect's own policy model: policy-statements as Junos evaluates them, before the
// translation into the neutral route-map model (ConfigNetworkBuilder+Junos.swift).
// Semantics (Junos "Routing Policies, Firewall Filters and Traffic Policers" guide, "How a
// Routing Policy Is Evaluated" and "Route Filter Match Conditions"):
// - a chain `export [ A B C ]` runs its policies in order, each policy its terms in order;
// - a term matches when every kind of `from` condition holds; route lists (`route-filter`,
//   `route-filter-list`, `prefix-list`, `prefix-list-filter`) are one condition, met when any
//   of them matches;
// - among a term's route filters, only the longest-prefix filter that contains the route is
//   tried (its match type decides; shorter filters are not tried when it fails);
// - a matching term applies its actions; `accept` / `reject` end the chain, `next policy`
//   skips to the next policy, anything else (or `next term`) goes on with the next term;
// - when the chain ends without a decision, the protocol's default policy applies (BGP
//   export: BGP routes are accepted, others rejected; BGP import: accept).

/// `route-filter P exact|orlonger|longer|upto /N|prefix-length-range /A-/B [action]`.
public struct JunosRouteFilter: Sendable, Equatable {
    public var prefix: Prefix
    public var kind: String
    /// Route lengths the filter accepts.
    public var low: UInt8
    public var high: UInt8
    /// An action written on the filter itself (`route-filter P exact accept`), if any.
    public var action: String?

    public init(prefix: Prefix, kind: String, low: UInt8, high: UInt8, action: String? = nil) {
        self.prefix = prefix
        self.kind = kind
        self.low = low
        self.high = high
        self.action = action
    }

    /// Parses the words after `route-filter` (or inside a route-filter-list): prefix, match type
    /// and its argument, optional action. Nil when the prefix does not parse.
    public init?(_ words: [String]) {
        guard let first = words.first, let prefix = ConfigSource.interfaceAddress(first)?.prefix else { return nil }
        let kind = words.count > 1 ? words[1] : "exact"
        var low = prefix.length, high = prefix.length
        var used = 2
        switch kind {
        case "orlonger": high = 32
        case "longer": low = min(32, prefix.length + 1); high = 32
        case "upto" where words.count > 2:
            high = UInt8(words[2].dropFirst()) ?? 32
            used = 3
        case "prefix-length-range" where words.count > 2:
            let bounds = words[2].split(separator: "-").compactMap { UInt8($0.dropFirst()) }
            if bounds.count == 2 { low = bounds[0]; high = bounds[1] }
            used = 3
        default: break
        }
        self.init(prefix: prefix, kind: kind, low: low, high: high, action: words.count > used ? words[used] : nil)
    }

    func admits(_ route: Prefix) -> Bool { route.length >= low && route.length <= high }
}

/// What a term does when it matches.
public enum JunosFlow: String, Sendable {
    case accept, reject, nextTerm = "next term", nextPolicy = "next policy"
}

/// One term of a Junos policy-statement (the unnamed term of `policy-statement P from/then ...` is "").
public struct JunosPolicyTerm: Sendable {
    public var name: String
    // from
    /// `from protocol X` values (any protocol when empty).
    public var protocols: [String] = []
    /// `from family inet|inet6` (any when empty).
    public var families: [String] = []
    /// `from route-type external|internal`.
    public var routeTypes: [String] = []
    public var routeFilters: [JunosRouteFilter] = []
    public var routeFilterLists: [String] = []
    /// `from prefix-list N` (exact) and `from prefix-list-filter N exact|longer|orlonger`.
    public var prefixLists: [(name: String, kind: String)] = []
    /// `from community N` (any of them; each matches when the route carries all its members).
    public var communities: [String] = []
    /// `from condition C`: the term only matches while the condition holds (conditional advertisement).
    public var conditions: [String] = []
    /// Other `from` conditions (as-path, neighbor, ...), which routesim does not evaluate.
    public var otherMatches: [String] = []
    // then
    public var flow: JunosFlow?
    /// Attribute changes the neutral model carries (next-hop, local-preference, metric, communities, prepends).
    public var sets: [RouteMapSet] = []
    /// `then community add|set N`, resolved against the community definitions at translation.
    public var communityActions: [(operation: String, name: String)] = []
    /// `then` actions routesim does not model, with their text.
    public var unmodelledActions: [String] = []
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }

    /// `then accept` (true) / `then reject` (false); nil: the chain goes on.
    public var accept: Bool? {
        switch flow {
        case .accept: true
        case .reject: false
        default: nil
        }
    }

    /// The unicast families its `from family` admits (nil: any); empty when it names only
    /// families routesim does not route (inet-vpn, ...), so the term matches no route.
    public var unicastFamilies: Set<AddressFamily>? {
        guard !families.isEmpty else { return nil }
        return Set(families.compactMap { $0 == "inet" ? .ipv4 : $0 == "inet6" ? .ipv6 : nil })
    }

    /// Whether the term can match a route of `family`.
    public func admits(_ family: AddressFamily) -> Bool { unicastFamilies?.contains(family) ?? true }

    /// The route sources its `from protocol` / `route-type` conditions admit (nil: any).
    public var sources: Set<RouteSource>? {
        var result: Set<RouteSource>?
        if !protocols.isEmpty {
            result = Set(protocols.flatMap { protocolName -> [RouteSource] in
                switch protocolName {
                case "bgp": [.ebgp, .ibgp]
                case "static": [.static]
                case "direct": [.connected]
                case "ospf", "ospf2", "isis": [.igp]
                case "aggregate": [.aggregate]
                default: []   // local, rip, evpn, ...: no route of the model comes from them
                }
            })
        }
        if !routeTypes.isEmpty {
            let typed = Set(routeTypes.flatMap { type -> [RouteSource] in
                type == "external" ? [.ebgp] : type == "internal" ? [.ibgp, .igp] : []
            })
            result = result.map { $0.intersection(typed) } ?? typed
        }
        return result
    }

    /// Whether the route lists admit `prefix` (true when the term has none).
    public func routeListsMatch(_ prefix: Prefix, in device: DeviceConfig) -> Bool {
        let alternatives = routeListAlternatives(in: device)
        return alternatives.isEmpty || alternatives.contains { list in Self.firstMatch(list, prefix) == .permit }
    }

    /// The term's route lists as prefix-list entries, one list per alternative (any may match):
    /// the route filters (longest-prefix filter decides), each route-filter-list likewise, each
    /// prefix-list. First matching entry decides, as in the neutral model's prefix-lists.
    public func routeListAlternatives(in device: DeviceConfig) -> [[PrefixListEntry]] {
        var alternatives: [[PrefixListEntry]] = []
        if !routeFilters.isEmpty { alternatives.append(Self.longestMatchEntries(routeFilters, location)) }
        for name in routeFilterLists {
            alternatives.append(Self.longestMatchEntries(device.junosRouteFilterLists[name] ?? [], location))
        }
        for (name, kind) in prefixLists {
            let prefixes = (device.prefixListEntries[name] ?? []).map(\.prefix)
            alternatives.append(prefixes.map { prefix in
                let (low, high): (UInt8, UInt8) = switch kind {
                case "orlonger": (prefix.length, 32)
                case "longer": (min(32, prefix.length + 1), 32)
                default: (prefix.length, prefix.length)
                }
                return PrefixListEntry(action: .permit, prefix: prefix, ge: low, le: high, location: location)
            })
        }
        return alternatives
    }

    /// Junos tries only the longest filter prefix containing the route: for each filter prefix,
    /// longest first, its filters' ranges permit and a catch-all for the rest of that prefix denies.
    static func longestMatchEntries(_ filters: [JunosRouteFilter], _ location: SourceLocation) -> [PrefixListEntry] {
        var entries: [PrefixListEntry] = []
        let prefixes = Set(filters.map(\.prefix)).sorted { ($0.length, $0) > ($1.length, $1) }
        for prefix in prefixes {
            for filter in filters where filter.prefix == prefix {
                entries.append(PrefixListEntry(action: .permit, prefix: prefix, ge: filter.low, le: filter.high, location: location))
            }
            entries.append(PrefixListEntry(action: .deny, prefix: prefix, ge: prefix.length, le: 32, location: location))
        }
        return entries
    }

    static func firstMatch(_ entries: [PrefixListEntry], _ prefix: Prefix) -> PolicyAction? {
        entries.first { $0.matches(prefix) }?.action
    }
}

/// The decision a chain takes for a locally originated route (static or direct), found by
/// walking the Junos model: what the translator redistributes and what the Null0 rules read.
public enum JunosChainDecision: Sendable, Equatable {
    case accept(policy: String, term: String)
    /// Accepted by a term that also needs `from condition` (conditional advertisement).
    case conditional(conditions: [String], policy: String, term: String)
    case reject(policy: String, term: String)
    /// No term decided: the protocol's default applies (BGP export rejects non-BGP routes).
    case fallThrough
}

extension DeviceConfig {
    /// Walks `chain` for a locally originated route to `prefix` (`source` static or connected).
    /// Terms that need conditions routesim does not evaluate (`otherMatches`) are skipped, as the
    /// translator skips them (and warns); community matches fail (local routes carry none).
    public func junosDecision(for prefix: Prefix, source: RouteSource, chain: [String]) -> JunosChainDecision {
        for name in chain {
            termLoop: for term in junosPolicies[name] ?? [] {
                guard term.otherMatches.isEmpty, term.communities.isEmpty, term.admits(prefix.family),
                      term.sources.map({ $0.contains(source) }) ?? true,
                      term.routeListsMatch(prefix, in: self) else { continue }
                switch term.flow {
                case .accept:
                    return term.conditions.isEmpty ? .accept(policy: name, term: term.name)
                        : .conditional(conditions: term.conditions, policy: name, term: term.name)
                case .reject: return .reject(policy: name, term: term.name)
                case .nextPolicy: break termLoop
                case .nextTerm, nil: continue
                }
            }
        }
        return .fallThrough
    }
}

extension NeighborConfig {
    /// The export chain Junos runs for this session (`export [ A B ]`, or one policy).
    public var junosExportChain: [String] { exportChain.isEmpty ? (routeMapOut.map { [$0] } ?? []) : exportChain }
    /// The import chain likewise.
    public var junosImportChain: [String] { importChain.isEmpty ? (routeMapIn.map { [$0] } ?? []) : importChain }
}
