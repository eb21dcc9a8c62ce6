/// A router's MPLS settings (docs/mpls.md). LDP runs on every interface of an LDP router whose
/// `ldp` flag is on (the default), as `mpls ip` under each core interface does on IOS; a
/// link written `ldp: false` is the classic mistake: one core link without `mpls ip`.
public struct MPLSConfig: Sendable, Equatable {
    /// LDP (RFC 5036) runs on this router.
    public var ldp: Bool
    /// The LDP transport address (the LDP router ID by default); nil: the router ID.
    public var transportAddress: IPv4Address?
    public var location: SourceLocation

    /// LDP-IGP synchronisation (RFC 5443) on every IGP interface of the router, unless the
    /// interface turns it off (`Interface.ldpIGPSync`).
    public var igpSync = false

    public init(ldp: Bool, location: SourceLocation) {
        self.ldp = ldp
        self.location = location
    }
}

extension Router {
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
