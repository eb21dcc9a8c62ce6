import Diagnostics
import NetPrimitives

/// Questions several rules ask of one device's config.
extension DeviceConfig {
    /// A neighbor's settings with its peer group's filled in where the neighbor has none.
    public func effective(_ neighbor: NeighborConfig) -> NeighborConfig { effective(neighbor, in: bgp) }

    /// The same with the peer groups of `facts` (a VRF's BGP keeps its own groups; IOS peer
    /// groups are global, so a VRF's neighbor falls back to them).
    func effective(_ neighbor: NeighborConfig, in facts: BGPConfigFacts?) -> NeighborConfig {
        guard let group = neighbor.peerGroup,
              let parent = facts?.neighbors.first(where: { $0.key == group }) ?? bgp?.neighbors.first(where: { $0.key == group }) else { return neighbor }
        var merged = neighbor
        merged.remoteAS = merged.remoteAS ?? parent.remoteAS
        merged.routeMapIn = merged.routeMapIn ?? parent.routeMapIn
        merged.routeMapOut = merged.routeMapOut ?? parent.routeMapOut
        if merged.prefixListIn == nil { merged.prefixListIn = parent.prefixListIn; merged.listKindIn = parent.listKindIn }
        if merged.prefixListOut == nil { merged.prefixListOut = parent.prefixListOut; merged.listKindOut = parent.listKindOut }
        merged.maximumPrefix = merged.maximumPrefix ?? parent.maximumPrefix
        merged.ebgpMultihop = merged.ebgpMultihop ?? parent.ebgpMultihop
        merged.ttlSecurityHops = merged.ttlSecurityHops ?? parent.ttlSecurityHops
        merged.disableConnectedCheck = merged.disableConnectedCheck || parent.disableConnectedCheck
        merged.weight = merged.weight ?? parent.weight
        merged.allowASIn = merged.allowASIn ?? parent.allowASIn
        merged.asOverride = merged.asOverride || parent.asOverride
        if merged.localAS == nil {
            merged.localAS = parent.localAS
            merged.localASNoPrepend = parent.localASNoPrepend
            merged.localASReplaceAS = parent.localASReplaceAS
        }
        if !merged.defaultOriginate { merged.defaultOriginate = parent.defaultOriginate; merged.defaultOriginateRouteMap = parent.defaultOriginateRouteMap }
        if merged.exportChain.isEmpty { merged.exportChain = parent.exportChain }
        if merged.importChain.isEmpty { merged.importChain = parent.importChain }
        merged.updateSource = merged.updateSource ?? parent.updateSource
        merged.nextHopSelf = merged.nextHopSelf || parent.nextHopSelf
        merged.vpnv4 = merged.vpnv4 || parent.vpnv4
        merged.ipv4Unicast = merged.ipv4Unicast ?? parent.ipv4Unicast
        merged.ipv6Unicast = merged.ipv6Unicast || parent.ipv6Unicast
        merged.vpnv4ReflectorClient = merged.vpnv4ReflectorClient || parent.vpnv4ReflectorClient
        merged.vpnv6 = merged.vpnv6 || parent.vpnv6
        merged.timers.keepalive = merged.timers.keepalive ?? parent.timers.keepalive
        merged.timers.hold = merged.timers.hold ?? parent.timers.hold
        merged.timers.bfd = merged.timers.bfd || parent.timers.bfd
        merged.timers.bfdSettings = merged.timers.bfdSettings ?? parent.timers.bfdSettings
        merged.vpnv6ReflectorClient = merged.vpnv6ReflectorClient || parent.vpnv6ReflectorClient
        merged.shutdown = merged.shutdown || parent.shutdown
        merged.routeReflectorClient = merged.routeReflectorClient || parent.routeReflectorClient
        merged.advertiseMap = merged.advertiseMap ?? parent.advertiseMap
        merged.existMap = merged.existMap ?? parent.existMap
        merged.nonExistMap = merged.nonExistMap ?? parent.nonExistMap
        return merged
    }

    /// Sessions (not peer-group templates), with inherited settings.
    public var sessions: [NeighborConfig] { (bgp?.neighbors ?? []).filter { !$0.isPeerGroup }.map(effective) }

    /// The neighbors of VRF `vrf`'s BGP, peer groups resolved.
    public func sessions(inVRF vrf: String) -> [NeighborConfig] {
        (vrfBGP[vrf]?.neighbors ?? []).filter { !$0.isPeerGroup }.map { effective($0, in: vrfBGP[vrf]) }
    }

    /// eBGP when the remote AS differs from ours (`external` in FRR); unknown remote AS: not eBGP.
    public func isEBGP(_ neighbor: NeighborConfig) -> Bool {
        guard let bgp, let remote = neighbor.remoteAS else { return false }
        if remote == "external" { return true }
        if remote == "internal" { return false }
        return ASN(remote).map { $0 != bgp.asn } ?? false
    }

    public var ebgpSessions: [NeighborConfig] { sessions.filter(isEBGP) }

    /// Prefixes of up interfaces of the global table (its connected routes).
    public var connectedPrefixes: Set<Prefix> {
        Set(interfaces.filter { !$0.shutdown && $0.vrf == nil }.flatMap { $0.addresses.map(\.prefix) })
    }

    /// The routing policies this config defines, by name, at their first line: route-maps (IOS,
    /// EOS, FRR) and policy-statements (Junos), each dialect's own model. Reference rules check
    /// names against this, whatever the dialect.
    public var policyDefinitions: [String: SourceLocation] {
        var definitions: [String: SourceLocation] = [:]
        for (name, entries) in routeMaps { if let first = entries.first { definitions[name] = first.location } }
        for (name, terms) in junosPolicies { if let first = terms.first, definitions[name] == nil { definitions[name] = first.location } }
        return definitions
    }

    /// What the dialect calls a routing policy, for messages.
    public var policyNoun: String { dialect == .junos ? "policy-statement" : "route-map" }

    /// Every policy match on a prefix-list (route-map entries, Junos terms), policies in name order.
    public var policyPrefixListMatches: [(policy: String, prefixList: String, location: SourceLocation)] {
        let routeMapMatches = routeMaps.keys.sorted().flatMap { name in
            (routeMaps[name] ?? []).flatMap { entry in
                entry.references.filter { $0.kind == "prefix-list" }.map { (name, $0.name, $0.location) }
            }
        }
        let termMatches = junosPolicies.keys.sorted().flatMap { name in
            (junosPolicies[name] ?? []).flatMap { term in term.prefixLists.map { (name, $0.name, term.location) } }
        }
        return routeMapMatches + termMatches
    }
}

extension NeighborConfig {
    /// The neighbor's `prefix-list` filters (not distribute- or filter-lists), by direction.
    public var prefixListFilters: [(direction: String, prefixList: String)] {
        [("in", prefixListIn, listKindIn), ("out", prefixListOut, listKindOut)].compactMap { direction, name, kind in
            guard let name, kind == "prefix-list" else { return nil }
            return (direction, name)
        }
    }
}
