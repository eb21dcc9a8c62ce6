/// What makes a router entry a VRF routing instance of another router (a PE): its own
/// interfaces, statics and BGP neighbors (the CEs), its own RIB, and the VPN identity that
/// carries its routes to other PEs (RFC 4364). The instance shares the PE's AS, router ID and
/// liveness; traffic between PEs crosses the PE's global table with a VPN label under the
/// transport label.
public struct VRFInstance: Sendable {
    /// The PE whose VRF this is (a router index).
    public var host: Int
    /// The VRF's name on the PE (`red`); the instance router is named `PE/red`.
    public var name: String
    public var routeDistinguisher: RouteDistinguisher?
    public var importTargets: [RouteTarget]
    public var exportTargets: [RouteTarget]
    /// Route-maps applied to VPN routes imported into / exported from this VRF.
    public var importPolicy: String?
    public var exportPolicy: String?
    public var location: SourceLocation

    public init(host: Int, name: String, routeDistinguisher: RouteDistinguisher? = nil, importTargets: [RouteTarget] = [],
                exportTargets: [RouteTarget] = [], location: SourceLocation) {
        self.host = host
        self.name = name
        self.routeDistinguisher = routeDistinguisher
        self.importTargets = importTargets
        self.exportTargets = exportTargets
        self.location = location
    }

    /// The instance router's name: `PE1/red`.
    public static func instanceName(host: String, vrf: String) -> String { "\(host)/\(vrf)" }
}
