import ConfigParsers
import Diagnostics

/// A `routesim: disable=` comment that names no rule, or silences nothing (as ruff's RUF100).
/// The Linter reports it, since only the Linter sees which findings each comment silenced; the
/// rule type carries the description, the page and the examples.
public struct UnusedSuppressionRule: LintRule {
    public static let description = RuleDescription(
        code: "UNUSED-SUPPRESSION", name: "Suppression that names no rule or silences nothing", severity: .warning,
        summary: "A `! routesim: disable=CODE` comment names a code that is no rule, or a rule that reports nothing on the lines the comment covers.",
        rationale: """
        A misspelt code silences nothing while looking like it does, and a suppression left behind after \
        the config was fixed would hide the next real finding on those lines.
        """,
        remediation: "Fix the code (the message suggests the closest rule) or delete the comment.",
        triggering: [
            "! routesim: disable=NULL-PIN-UNCONDITONAL\nip route 198.51.100.0 255.255.255.0 Null0",
            "! routesim: disable=EBGP-NO-POLICY\nhostname r1",
        ],
        clean: ["router bgp 65001\n ! routesim: disable=EBGP-NO-POLICY,EBGP-NO-MAX-PREFIX\n neighbor 192.0.2.2 remote-as 65002"])
    public init() {}

    /// Reported by the Linter (it needs every finding of the router, the network rules' too).
    public func check(_ device: DeviceConfig) -> [Finding] { [] }

    static let codes = Set(RuleRegistry.all.map { $0.description.code })

    /// What is wrong with `code` in `suppression`, or nil. `ran`: whether that rule ran (an
    /// unselected rule's suppression cannot be judged), `used`: whether it silenced a finding.
    func problem(with code: String, ran: Bool, used: Bool) -> String? {
        if code == "ALL" { return used || !ran ? nil : "`disable=all` silences no finding on the lines it covers" }
        guard Self.codes.contains(code) else {
            return "suppression names \(code), which is no rule; \(Suggestion.didYouMean(code, in: Self.codes) ?? "`routesim rules` lists the codes")"
        }
        return used || !ran ? nil : "suppression of \(code) silences no finding on the lines it covers"
    }
}
