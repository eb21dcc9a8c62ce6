/// How a flow fares in one scenario, compared with the no-failure baseline.
public enum FlowClass: String, Sendable, Codable, CaseIterable, Comparable {
    /// Delivered on the same path as in the baseline.
    case delivered
    /// Delivered on a different path.
    case rerouted
    /// Dropped by a Null0 / discard route: traffic attracted by an announcement nobody can honour.
    case blackHoled = "black-holed"
    /// No route, or an unresolvable BGP next hop, somewhere on the path.
    case noRoute = "no-route"
    case loop
    /// No path can exist: the failure cut the source or the destination off. No configuration fixes it.
    case isolated
    /// Other ends (for example an address nobody owns on a LAN).
    case other

    /// Problems worse first; used to pick a flow's class from its ECMP branches.
    var severity: Int {
        switch self {
        case .blackHoled: 6
        case .loop: 5
        case .noRoute: 4
        case .other: 3
        case .isolated: 2
        case .rerouted: 1
        case .delivered: 0
        }
    }

    public var isProblem: Bool { ![.delivered, .rerouted].contains(self) }

    public static func < (a: FlowClass, b: FlowClass) -> Bool { a.severity < b.severity }
}

public struct FlowOutcome: Sendable, Codable {
    public var flow: String
    public var from: String
    public var to: String
    /// The destination address (`to` may show a host name with it).
    public var destination: IPAddress
    public var classification: FlowClass
    /// Where it ended and why (the worst branch).
    public var detail: String
    public var at: String
    public var path: [String]
    public var baselinePath: [String]?
    public var cause: BlackHoleCause?
    /// MPLS: where the traffic left the label path before it was dropped (`off-label-path`).
    public var labelPathExit: LabelPathExit? = nil
    /// MPLS: what each hop of `path` did to the label stack (`push`, `swap`, `pop`, `untagged`;
    /// nil where nothing), absent when no hop switched labels. Diagrams write it on the path.
    public var labelOperations: [String?]? = nil
}

/// The hop where labeled traffic was sent on unlabeled, and why (docs/mpls.md).
public struct LabelPathExit: Sendable, Codable, Hashable {
    public var router: String
    /// Its interface toward the next hop.
    public var interface: String?
    public var fec: String
    public var reason: String
    /// The RSVP-TE LSP (`HEAD/NAME`) whose being down sent it on unlabeled, if that was why.
    public var downLSP: String?

    /// From a path that ended `off-label-path`, else nil.
    public init?(_ path: TracePath) {
        guard case .offLabelPath(_, let fec, let leftAt, let reason, let downLSP) = path.disposition else { return nil }
        self.downLSP = downLSP
        router = leftAt
        interface = path.hops.last { hop in
            if hop.node == leftAt, case .untagged? = hop.labelOperation { return true }
            return false
        }?.outInterface
        self.fec = fec.description
        self.reason = reason
    }
}
