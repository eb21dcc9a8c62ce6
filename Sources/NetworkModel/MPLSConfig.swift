/// A router's MPLS settings (docs/mpls.md). LDP runs on every interface of an LDP router whose
/// `ldp` flag is on (the default), as `mpls ip` under each core interface does on IOS; a
/// link written `ldp: false` is the classic mistake: one core link without `mpls ip`.
public struct MPLSConfig: Sendable, Equatable {
    /// LDP (RFC 5036) runs on this router.
    public var ldp: Bool
    /// The LDP transport address (the LDP router ID by default); nil: the router ID.
    public var transportAddress: IPAddress?
    public var location: SourceLocation

    /// LDP-IGP synchronisation (RFC 5443) on every IGP interface of the router, unless the
    /// interface turns it off (`Interface.ldpIGPSync`).
    public var igpSync = false

    /// Which prefixes get a local label (nil: the dialect's default; docs/mpls.md).
    public var allocation: LDPLabelAllocation?
    /// The router advertises explicit null (label 0) for its own FECs instead of implicit null
    /// (RFC 3032 section 2.1): the penultimate hop swaps to label 0 rather than popping, and the
    /// egress pops it (IOS `mpls ldp explicit-null`, Junos `explicit-null`, FRR `label local
    /// advertise explicit-null`, EOS `label local-termination explicit-null`).
    public var explicitNull = false
    /// Targeted LDP (RFC 5036 section 2.4.2): the addresses this router sends targeted hellos to,
    /// and whether it answers targeted hellos from routers it does not target itself (IOS, FRR:
    /// `discovery targeted-hello accept`; Junos: yes unless `strict-targeted-hellos`).
    public var targetedNeighbors: [IPAddress] = []
    public var acceptsTargetedHellos = false

    public init(ldp: Bool, location: SourceLocation) {
        self.ldp = ldp
        self.location = location
    }
}

/// The prefixes LDP allocates local labels for (IOS "MPLS LDP Local Label Allocation Filtering").
public enum LDPLabelAllocation: String, Sendable, Equatable, CaseIterable {
    /// Every IGP and static route (IOS, FRR default).
    case allRoutes = "all-routes"
    /// /32 routes only (IOS `allocate global host-routes`, FRR `label local allocate
    /// host-routes`, EOS' default).
    case hostRoutes = "host-routes"
}

extension Router {
    /// Where its LDP sessions end: the configured transport address, else the router ID
    /// (Cisco's and Junos' default LDP transport address is the LDP router ID).
    public var ldpTransportAddress: IPAddress { mpls?.transportAddress ?? routerID }

    /// The IGP metric advertised over interface `i` toward `neighbor` (RFC 5443): with LDP-IGP
    /// synchronisation on and no LDP possible on the link (LDP off at either end, or the
    /// neighbour not running LDP), the maximum metric, so the IGP avoids the link wherever it
    /// has another path (OSPF LSInfinity 65535; IS-IS 2^24 - 2). Computed from configuration
    /// alone: routesim does not model the transport-address condition of the session here.
    public func advertisedCost(interface i: Int, neighbor: Router, neighborInterface j: Int, igp: IGPProtocol) -> UInt32 {
        let interface = interfaces[i]
        guard let mpls, mpls.ldp, interface.ldpIGPSync ?? mpls.igpSync else { return interface.cost }
        let ldpPossible = interface.ldp && neighbor.mpls?.ldp == true && neighbor.interfaces[j].ldp
        if ldpPossible { return interface.cost }
        return igp == .ospf ? 65_535 : 16_777_214
    }
}

/// An RSVP-TE label-switched path, configured on its head-end (docs/mpls.md).
public struct LSP: Sendable {
    public var name: String
    /// The tail-end router (the LSP ends at its router ID).
    public var tail: String
    /// Bandwidth to reserve on every link, bits per second (0: none).
    public var bandwidth: UInt64
    /// 0 (best) to 7: LSPs are placed in this order, so a better setup priority wins bandwidth.
    public var setupPriority: UInt8
    public var holdPriority: UInt8
    /// nil: the primary path is computed by CSPF with no explicit hops.
    public var primary: LSPPath?
    public var secondary: LSPPath?
    /// BGP next hops at the tail resolve over it (Junos inet.3; IOS `autoroute announce`).
    public var routesTraffic = true
    /// Affinities (RFC 3209 section 4.7.4): every link must carry at least one of `includeAny`
    /// (when not empty) and none of `exclude` of its administrative groups.
    public var includeAny: Set<String> = []
    /// Every link must carry all of these (RFC 3209's include-all).
    public var includeAll: Set<String> = []
    public var exclude: Set<String> = []
    /// Facility-backup link protection (RFC 4090): each router on the path bypasses a failed
    /// link to the next router while the head-end re-signals (Junos `link-protection`, IOS
    /// `tunnel mpls traffic-eng fast-reroute`).
    public var linkProtection = false
    public var location: SourceLocation

    public init(name: String, tail: String, bandwidth: UInt64 = 0, setupPriority: UInt8 = 7, holdPriority: UInt8 = 0,
                primary: LSPPath? = nil, secondary: LSPPath? = nil, location: SourceLocation) {
        self.name = name
        self.tail = tail
        self.bandwidth = bandwidth
        self.setupPriority = setupPriority
        self.holdPriority = holdPriority
        self.primary = primary
        self.secondary = secondary
        self.location = location
    }
}

/// A path of an LSP: the routers it must cross, in order (strict: each the next router;
/// loose: reached by CSPF), and for a secondary whether it is signalled in advance and must
/// avoid the primary's shared-risk groups (the topology's failure sets).
public struct LSPPath: Sendable {
    public var hops: [String]
    public var strict: Bool
    public var standby: Bool
    public var srlgDiverse: Bool
    public var location: SourceLocation

    public init(hops: [String], strict: Bool, standby: Bool = false, srlgDiverse: Bool = false, location: SourceLocation) {
        self.hops = hops
        self.strict = strict
        self.standby = standby
        self.srlgDiverse = srlgDiverse
        self.location = location
    }
}
