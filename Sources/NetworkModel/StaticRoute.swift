public enum StaticTarget: Sendable, Equatable {
    /// Recursive next hop, resolved through the RIB.
    case nextHop(IPAddress)
    /// Directly attached through an interface (installed while the interface is up).
    case interface(String)
    /// Null0 / discard / blackhole: matching traffic is dropped.
    case discard
}

public struct StaticRoute: Sendable {
    public var prefix: Prefix
    public var target: StaticTarget
    public var distance: UInt8?
    /// A track object id; the route is installed only while the track is up.
    public var track: Int?
    public var location: SourceLocation
    public init(prefix: Prefix, target: StaticTarget, distance: UInt8? = nil, track: Int? = nil, location: SourceLocation) {
        self.prefix = prefix
        self.target = target
        self.distance = distance
        self.track = track
        self.location = location
    }
}

/// An IP SLA probe (icmp-echo): up while echo requests from the source reach the target and replies come back.
public struct IPSLA: Sendable {
    public var id: Int
    public var target: IPAddress
    /// Source interface name; the default is the router's first loopback.
    public var sourceInterface: String?
    /// `frequency`, `timeout`, `threshold` (docs/timeline.md).
    public var timers = ProbeTimerSettings()
    public var location: SourceLocation
    public init(id: Int, target: IPAddress, sourceInterface: String?, location: SourceLocation) {
        self.id = id
        self.target = target
        self.sourceInterface = sourceInterface
        self.location = location
    }
}

/// A track object following the reachability of one IP SLA probe.
public struct Track: Sendable {
    public var id: Int
    public var sla: Int
    /// `delay down N up M` (docs/timeline.md).
    public var timers = TrackTimerSettings()
    public var location: SourceLocation
    public init(id: Int, sla: Int, location: SourceLocation) {
        self.id = id
        self.sla = sla
        self.location = location
    }
}
