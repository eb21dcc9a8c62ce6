/// Evaluates one router's route-maps (Cisco / FRR semantics): entries in sequence order, the
/// first whose matches all hold decides; permit applies its sets; no matching entry denies.
public struct PolicyEvaluator: Sendable {
    public let policies: PolicySet
    /// The router's own AS, for `prepend: N` with no explicit ASN.
    public let localAS: ASN
    /// Compiled once per evaluator; an expression that does not compile matches nothing (the
    /// loaders report it at its line).
    private let regexes: [String: [(PolicyAction, ASPathRegex?)]]

    public init(policies: PolicySet, localAS: ASN) {
        self.policies = policies
        self.localAS = localAS
        var compiled: [String: [(PolicyAction, ASPathRegex?)]] = [:]
        for (name, list) in policies.asPathLists { compiled[name] = list.entries.map { ($0.action, try? ASPathRegex($0.regex)) } }
        regexes = compiled
    }

    public enum Outcome: Sendable, Equatable {
        case permitted(BGPAttributes, entry: Int?)
        case denied(entry: Int?)
    }

    /// Applies `routeMapName` to a route; an undefined map denies (IOS and FRR drop everything then).
    /// `peerAddress`: what `set ip next-hop peer-address` stands for where the map is applied
    /// (the neighbor's address inbound, the session's local address outbound; nil elsewhere,
    /// where the clause changes nothing). `source`: how the route entered the BGP table, for
    /// `source` matches (nil: unknown, such matches fail).
    public func apply(_ routeMapName: String, prefix: Prefix, attributes: BGPAttributes, peerAddress: IPAddress? = nil,
                      source: RouteSource? = nil) -> Outcome {
        guard let routeMap = policies.routeMaps[routeMapName] else { return .denied(entry: nil) }
        var result = attributes
        var index = 0
        let entries = routeMap.entries
        while index < entries.count {
            let entry = entries[index]
            index += 1
            guard entry.matches.allSatisfy({ matches($0, prefix: prefix, attributes: result, source: source) }) else { continue }
            guard entry.action == .permit else { return .denied(entry: entry.sequence) }
            for set in entry.sets {
                switch set {
                case .localPreference(let value): result.localPreference = value
                case .med(let value): result.med = value
                case .weight(let value): result.weight = value
                case .prependAS(let asn, let count): result.asPath = result.asPath.prepending(asn ?? localAS, times: count)
                case .nextHop(.address(let address)): result.nextHop = address
                case .nextHop(.peerAddress): if let peerAddress { result.nextHop = peerAddress }
                case .addCommunities(let communities): result.communities = Array(Set(result.communities + communities)).sorted()
                case .replaceCommunities(let communities): result.communities = Array(Set(communities)).sorted()
                }
            }
            switch entry.continuation {
            case .stop: return .permitted(result, entry: entry.sequence)
            case .next(let atLeast):
                // Sequences only grow, so a goto never revisits an entry: the walk ends.
                if let atLeast { while index < entries.count && entries[index].sequence < atLeast { index += 1 } }
            }
        }
        return .denied(entry: nil)
    }

    /// True when the route-map would permit the prefix (used for advertise-map and exist-map matching).
    public func permits(_ routeMapName: String, prefix: Prefix, attributes: BGPAttributes, source: RouteSource? = nil) -> Bool {
        if case .permitted = apply(routeMapName, prefix: prefix, attributes: attributes, source: source) { return true }
        return false
    }

    func matches(_ match: RouteMapMatch, prefix: Prefix, attributes: BGPAttributes, source: RouteSource?) -> Bool {
        switch match {
        case .source(let sources):
            return source.map { sources.contains($0) } ?? false
        case .family(let families):
            return families.contains(prefix.family)
        case .prefixList(let name):
            guard let list = policies.prefixLists[name] else { return false }
            for entry in list.entries where entry.matches(prefix) { return entry.action == .permit }
            return false
        case .communityList(let name):
            guard let list = policies.communityLists[name] else { return false }
            let carried = Set(attributes.communities)
            for entry in list.entries where entry.communities.allSatisfy({ carried.contains($0) }) { return entry.action == .permit }
            return false
        case .asPathList(let name):
            guard let entries = regexes[name] else { return false }
            let text = attributes.asPath.description
            for (action, regex) in entries {
                if let regex, regex.matches(text) { return action == .permit }
            }
            return false
        }
    }
}
