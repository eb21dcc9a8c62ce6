/// A router's MPLS settings (docs/mpls.md). LDP runs on every interface of an LDP router whose
/// `ldp` flag is on (the default), as `mpls ip` under each core interface does on IOS; a
/// link written `ldp: false` is the classic mistake: one core link without `mpls ip`.
public struct MPLSConfig: Sendable, Equatable {
    /// LDP (RFC 5036) runs on this router.
    public var ldp: Bool
    /// The LDP transport address (the LDP router ID by default); nil: the router ID.
    public var transportAddress: IPv4Address?
    public var location: SourceLocation

    public init(ldp: Bool, location: SourceLocation) {
        self.ldp = ldp
        self.location = location
    }
}
