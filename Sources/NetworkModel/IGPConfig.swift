public enum IGPProtocol: String, Sendable, Codable, CaseIterable { case ospf, isis }

/// One link-state IGP instance per AS: a single OSPF area 0 or IS-IS level-2 domain.
public struct IGPConfig: Sendable {
    public var protocolKind: IGPProtocol
    public var redistributeStatic: Bool
    public var redistributeConnected: Bool
    /// Metric given to redistributed routes (OSPF: type-2 external metric, default 20; IS-IS: added to the path cost, default 0).
    public var externalMetric: UInt32
    public var location: SourceLocation

    public init(protocolKind: IGPProtocol, redistributeStatic: Bool = false, redistributeConnected: Bool = false,
                externalMetric: UInt32? = nil, location: SourceLocation) {
        self.protocolKind = protocolKind
        self.redistributeStatic = redistributeStatic
        self.redistributeConnected = redistributeConnected
        self.externalMetric = externalMetric ?? (protocolKind == .ospf ? 20 : 0)
        self.location = location
    }
}

/// Administrative distances (Cisco IOS defaults); lower wins between protocols.
public struct AdminDistances: Sendable, Equatable {
    public var connected: UInt8 = 0
    public var staticRoute: UInt8 = 1
    public var ebgp: UInt8 = 20
    public var ospf: UInt8 = 110
    public var isis: UInt8 = 115
    public var ibgp: UInt8 = 200
    /// Locally originated BGP routes (aggregates), as IOS and FRR install them.
    public var localBGP: UInt8 = 200
    public init() {}
}
