import ConfigParsers
import Diagnostics
import NetPrimitives

/// Everything a rule says about itself: the single source for `routesim rules`, the
/// rules/<CODE>.md pages (generated, checked for staleness) and the example tests.
public struct RuleDescription: Sendable {
    public var code: String
    public var name: String
    public var severity: Severity
    public var summary: String
    public var rationale: String
    public var remediation: String
    /// Configs (IOS syntax) that must trigger the rule, and ones that must not.
    public var triggering: [String]
    public var clean: [String]
}

/// What a network rule sees once every router of the network has been read: which routers have
/// an up, non-loopback interface in each subnet (links inferred from shared subnets), each
/// router's AS, and the simulated network (only for networks small enough to simulate in lint).
/// Built from a few facts per router, so lint need not keep every parsed config.
public struct LintNetwork: Sendable {
    /// Subnet -> the files of the devices with an address in it.
    public let subnetMembers: [Prefix: [String]]
    /// File -> its BGP AS.
    public let asnOfFile: [String: ASN]
    /// Route targets exported / imported by some VRF, with the files that do (docs/vrf.md).
    public let exportedTargets: [RouteTarget: Set<String>]
    public let importedTargets: [RouteTarget: Set<String>]
    /// Files that define a VRF with route targets (a VPN rule needs two to say anything).
    public let vpnFiles: Set<String>
    /// Route distinguishers, with the files whose VRFs use them.
    public let distinguisherFiles: [RouteDistinguisher: Set<String>]
    /// The simulated failure sweep of the network these configs form (lazy).
    public let simulation: LintSimulation

    /// What the network index needs from one router.
    public struct RouterFacts: Sendable {
        var file: String
        var asn: ASN?
        var subnets: [Prefix]
        var imports: [RouteTarget] = []
        var exports: [RouteTarget] = []
        var distinguishers: [RouteDistinguisher] = []
        public init(_ device: DeviceConfig) {
            file = device.file
            asn = device.bgp?.asn
            distinguishers = device.vrfs.values.compactMap(\.routeDistinguisher)
            for name in device.vrfs.keys {
                let targets = device.routeTargets(ofVRF: name)
                imports += targets.imports
                exports += targets.exports
            }
            // One subnet per interface (its IPv4 one, else its IPv6 one), as links are inferred:
            // a dual-stack link is one link, not two.
            subnets = device.interfaces.filter { !$0.shutdown && !$0.isLoopback && $0.vrf == nil }.compactMap { interface in
                let first = interface.addresses.first { $0.address.isIPv4 } ?? interface.addresses.first
                return first.map(\.prefix).flatMap { $0.length < $0.family.maxLength ? $0 : nil }
            }
        }
    }

    /// `devices` are the parsed routers when the network is small enough to simulate, else nil
    /// (`routers` says how many there were, for the note that says what was not run).
    public init(facts: [RouterFacts], devices: [DeviceConfig]?, routers: Int) {
        var members: [Prefix: [String]] = [:]
        var asns: [String: ASN] = [:]
        var exported: [RouteTarget: Set<String>] = [:], imported: [RouteTarget: Set<String>] = [:]
        var distinguisherFiles: [RouteDistinguisher: Set<String>] = [:]
        for router in facts {
            if let asn = router.asn { asns[router.file] = asn }
            for prefix in router.subnets { members[prefix, default: []].append(router.file) }
            for target in router.exports { exported[target, default: []].insert(router.file) }
            for target in router.imports { imported[target, default: []].insert(router.file) }
            for rd in router.distinguishers { distinguisherFiles[rd, default: []].insert(router.file) }
        }
        subnetMembers = members
        asnOfFile = asns
        exportedTargets = exported
        importedTargets = imported
        vpnFiles = Set(facts.filter { !$0.imports.isEmpty || !$0.exports.isEmpty }.map(\.file))
        self.distinguisherFiles = distinguisherFiles
        simulation = LintSimulation(devices: devices, routers: routers, firstFile: facts.map(\.file).min() ?? "")
    }

    public init(devices: [DeviceConfig]) {
        self.init(facts: devices.map(RouterFacts.init), devices: devices, routers: devices.count)
    }
}

/// A rule that judges one router from its own config.
public protocol LintRule: Sendable {
    static var description: RuleDescription { get }
    init()
    func check(_ device: DeviceConfig) -> [Finding]
}

/// What a network rule keeps of one router (only what it needs, never the whole config) and
/// decides once every router of the network has been read.
public typealias NetworkCheck = @Sendable (LintNetwork) -> [Finding]

/// A rule that looks across the routers of a network (links, ASes, the simulated network).
public protocol NetworkLintRule: LintRule {
    /// Nil when this router cannot give a finding whatever the rest of the network is.
    func deferred(_ device: DeviceConfig) -> NetworkCheck?
}

extension NetworkLintRule {
    public func check(_ device: DeviceConfig) -> [Finding] { [] }
}

extension LintRule {
    func finding(_ message: String, at location: SourceLocation) -> Finding {
        Finding(code: Self.description.code, severity: Self.description.severity, message: message,
                    file: location.file, line: location.line, column: location.column, text: nil)
    }
}

/// Every built-in rule, in catalogue order.
public enum RuleRegistry {
    public static let all: [any LintRule.Type] = [
        NullPinUnconditionalRule.self, NullPinSingleUplinkRule.self, StaticTrackUndefinedRule.self, TrackSLAUndefinedRule.self, SLASelfTargetRule.self,
        ConditionalMapUndefinedRule.self, ConditionalAlwaysDecidedRule.self, NetworkWithoutRouteRule.self, EBGPWithoutPolicyRule.self, EBGPWithoutMaximumPrefixRule.self,
        RouteMapUndefinedRule.self, RouteMapUnusedRule.self, PrefixListUndefinedRule.self, PrefixListUnusedRule.self, FailureBlackHoleRule.self, NonConvergenceRule.self,
        ConfigNotModelledRule.self, EBGPRequiresPolicyRule.self, UnusedSuppressionRule.self, IGPWithoutLDPRule.self, LDPWithoutIGPSyncRule.self, FailureLabelBlackHoleRule.self,
        LSPExplicitPathUnknownRule.self, LSPNoSecondaryRule.self, LSPSharedRiskRule.self, LSPUnprotectedLinkRule.self,
        VRFRouteTargetUnmatchedRule.self, VRFDistinguisherSharedRule.self,
    ]
    public static func rule(code: String) -> (any LintRule.Type)? { all.first { $0.description.code == code.uppercased() } }
}
