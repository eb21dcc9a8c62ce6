import ConfigParsers
import Diagnostics
import NetPrimitives

public enum LintSeverity: String, Sendable, Codable, Comparable, CaseIterable {
    case info, warning, error
    var rank: Int { switch self { case .info: 0; case .warning: 1; case .error: 2 } }
    public static func < (a: LintSeverity, b: LintSeverity) -> Bool { a.rank < b.rank }
}

/// Everything a rule says about itself: the single source for `routesim rules`, the
/// rules/<CODE>.md pages (generated, checked for staleness) and the example tests.
public struct RuleDescription: Sendable {
    public var code: String
    public var name: String
    public var severity: LintSeverity
    public var summary: String
    public var rationale: String
    public var remediation: String
    /// Configs (IOS syntax) that must trigger the rule, and ones that must not.
    public var triggering: [String]
    public var clean: [String]
}

public struct LintFinding: Sendable, Codable {
    public var code: String
    public var severity: LintSeverity
    public var message: String
    public var file: String
    public var line: Int
    public var column: Int
    /// The offending line as written.
    public var text: String?
}

/// What rules see: every parsed device of the run, and an index of which devices have an up,
/// non-loopback interface in each subnet (links inferred from shared subnets), built once.
public struct LintContext: Sendable {
    public var devices: [DeviceConfig]
    /// Subnet -> the files of the devices with an address in it.
    public let subnetMembers: [Prefix: [String]]
    /// File -> its BGP AS.
    public let asnOfFile: [String: ASN]
    /// The simulated failure sweep of the network these configs form (lazy).
    public let simulation: LintSimulation

    public init(devices: [DeviceConfig]) {
        self.devices = devices
        var members: [Prefix: [String]] = [:]
        var asns: [String: ASN] = [:]
        for device in devices {
            if let asn = device.bgp?.asn { asns[device.file] = asn }
            for interface in device.interfaces where !interface.shutdown && !interface.isLoopback && interface.vrf == nil {
                for (_, prefix) in interface.addresses where prefix.length < 32 { members[prefix, default: []].append(device.file) }
            }
        }
        subnetMembers = members
        asnOfFile = asns
        simulation = LintSimulation(devices: devices)
    }
}

public protocol LintRule: Sendable {
    static var description: RuleDescription { get }
    init()
    func check(_ device: DeviceConfig, in context: LintContext) -> [LintFinding]
}

extension LintRule {
    func finding(_ message: String, at location: SourceLocation) -> LintFinding {
        LintFinding(code: Self.description.code, severity: Self.description.severity, message: message,
                    file: location.file, line: location.line, column: location.column, text: nil)
    }
}

/// Every built-in rule, in catalogue order.
public enum RuleRegistry {
    public static let all: [any LintRule.Type] = [
        NullPinUnconditionalRule.self, NullPinSingleUplinkRule.self, StaticTrackUndefinedRule.self, TrackSLAUndefinedRule.self, SLASelfTargetRule.self,
        ConditionalMapUndefinedRule.self, ConditionalAlwaysDecidedRule.self, NetworkWithoutRouteRule.self, EBGPWithoutPolicyRule.self, EBGPWithoutMaximumPrefixRule.self,
        RouteMapUndefinedRule.self, RouteMapUnusedRule.self, PrefixListUndefinedRule.self, PrefixListUnusedRule.self, FailureBlackHoleRule.self, NonConvergenceRule.self,
        ConfigNotModelledRule.self, EBGPRequiresPolicyRule.self,
    ]
    public static func rule(code: String) -> (any LintRule.Type)? { all.first { $0.description.code == code.uppercased() } }
}
