public enum PolicyAction: String, Sendable, Codable, CaseIterable { case permit, deny }

/// The named policy objects of one router (route-maps and the lists they match on).
public struct PolicySet: Sendable {
    public var prefixLists: [String: PrefixList] = [:]
    public var communityLists: [String: CommunityList] = [:]
    public var asPathLists: [String: ASPathList] = [:]
    public var routeMaps: [String: RouteMap] = [:]
    public init() {}
}

public struct PrefixList: Sendable {
    public var name: String
    public var entries: [PrefixListEntry]
    public var location: SourceLocation
    public init(name: String, entries: [PrefixListEntry], location: SourceLocation) {
        self.name = name
        self.entries = entries
        self.location = location
    }
}

/// `permit P [ge G] [le L]`: without ge/le only P itself matches (Cisco semantics).
public struct PrefixListEntry: Sendable {
    public var action: PolicyAction
    public var prefix: Prefix
    public var ge: UInt8?
    public var le: UInt8?
    public var location: SourceLocation
    public init(action: PolicyAction, prefix: Prefix, ge: UInt8?, le: UInt8?, location: SourceLocation) {
        self.action = action
        self.prefix = prefix
        self.ge = ge
        self.le = le
        self.location = location
    }

    public func matches(_ candidate: Prefix) -> Bool {
        guard prefix.contains(candidate) else { return false }
        if ge == nil && le == nil { return candidate.length == prefix.length }
        let low = ge ?? prefix.length
        let high = le ?? prefix.family.maxLength
        return candidate.length >= low && candidate.length <= high
    }
}

public struct CommunityList: Sendable {
    public var name: String
    /// Each entry matches a route carrying all of its communities.
    public var entries: [(action: PolicyAction, communities: [Community])]
    public var location: SourceLocation
    public init(name: String, entries: [(action: PolicyAction, communities: [Community])], location: SourceLocation) {
        self.name = name
        self.entries = entries
        self.location = location
    }
}

public struct ASPathList: Sendable {
    public var name: String
    /// Cisco-style regular expressions over the AS path text (`_` matches a delimiter).
    public var entries: [(action: PolicyAction, regex: String)]
    public var location: SourceLocation
    public init(name: String, entries: [(action: PolicyAction, regex: String)], location: SourceLocation) {
        self.name = name
        self.entries = entries
        self.location = location
    }
}

public struct RouteMap: Sendable {
    public var name: String
    /// Evaluated in sequence order; a route matching no entry is denied.
    public var entries: [RouteMapEntry]
    public var location: SourceLocation
    public init(name: String, entries: [RouteMapEntry], location: SourceLocation) {
        self.name = name
        self.entries = entries.sorted { $0.sequence < $1.sequence }
        self.location = location
    }
}

public enum RouteMapMatch: Sendable, Equatable {
    case prefixList(String)
    case communityList(String)
    case asPathList(String)
    /// How the route reached this router's BGP table (Junos `from protocol` / `route-type`,
    /// Cisco `match source-protocol`, EOS `match route-type`): holds when it is one of these.
    case source(Set<RouteSource>)
    /// The route's address family is one of these (Junos `from family inet6`).
    case family(Set<AddressFamily>)
}

/// Where a route in a router's BGP table came from, as policy matches see it.
public enum RouteSource: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Learned over an eBGP / iBGP session.
    case ebgp, ibgp
    /// Originated locally: a `network` statement, an aggregate, or redistributed from the
    /// static, connected or IGP routes of the main table.
    case network, aggregate, `static`, connected, igp
    public static let bgp: Set<RouteSource> = [.ebgp, .ibgp]
    /// A route learned over a session.
    public static func learned(ebgp: Bool) -> RouteSource { ebgp ? .ebgp : .ibgp }
    public static func < (a: RouteSource, b: RouteSource) -> Bool { a.rawValue < b.rawValue }
}

/// What an entry does after it matched and (permit) applied its sets.
public enum RouteMapContinuation: Sendable, Equatable {
    /// The entry decides (Cisco/FRR default, Junos `accept` / `reject`).
    case stop
    /// Carry on at the first later entry whose sequence is at least this one (FRR
    /// `on-match goto N`, Cisco `continue N`; Junos `next policy`), or at the next entry when nil
    /// (Junos `next term`, a term without a terminating action). routesim's translators end such
    /// chains with an entry that matches everything; a route that runs off the end anyway is
    /// denied, like any route that matches no entry.
    case next(atLeast: Int?)
}

/// What `set ip next-hop` names.
public enum NextHopSetting: Sendable, Equatable {
    case address(IPAddress)
    /// `peer-address`: inbound, the neighbor's address; outbound, the session's local address.
    case peerAddress
}

public enum RouteMapSet: Sendable, Equatable {
    case localPreference(UInt32)
    case med(UInt32)
    /// Prepend `asn` (nil: the router's own AS) `count` times.
    case prependAS(ASN?, count: Int)
    case nextHop(NextHopSetting)
    case addCommunities([Community])
    case replaceCommunities([Community])
    case weight(UInt32)
}

public struct RouteMapEntry: Sendable {
    public var sequence: Int
    public var action: PolicyAction
    /// All matches must hold (logical AND); none means match everything.
    public var matches: [RouteMapMatch]
    public var sets: [RouteMapSet]
    /// Permit entries only: whether a match ends the evaluation.
    public var continuation: RouteMapContinuation
    public var location: SourceLocation
    public init(sequence: Int, action: PolicyAction, matches: [RouteMapMatch], sets: [RouteMapSet],
                continuation: RouteMapContinuation = .stop, location: SourceLocation) {
        self.sequence = sequence
        self.action = action
        self.matches = matches
        self.sets = sets
        self.continuation = continuation
        self.location = location
    }
}
