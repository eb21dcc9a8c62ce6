import ConfigParsers
import Diagnostics

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

/// What rules see: every parsed device of the run.
public struct LintContext: Sendable {
    public var devices: [DeviceConfig]
    public init(devices: [DeviceConfig]) { self.devices = devices }
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
        ConditionalMapUndefinedRule.self, NetworkWithoutRouteRule.self, EBGPWithoutPolicyRule.self, EBGPWithoutMaximumPrefixRule.self,
        RouteMapUndefinedRule.self, RouteMapUnusedRule.self,
    ]
    public static func rule(code: String) -> (any LintRule.Type)? { all.first { $0.description.code == code.uppercased() } }
}
