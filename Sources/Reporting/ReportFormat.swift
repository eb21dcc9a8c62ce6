import Diagnostics

/// Every output format routesim writes, for every command: `text`, `json` and `markdown` are each
/// report's own; the CI formats are written from a `FindingReport` by one writer each, so a new
/// CI format is added here once and every command has it.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, markdown, sarif, junit, github, gitlab, checkstyle

    /// The formats written from findings (the rest are each report's own).
    public static let findingFormats: [ReportFormat] = [.sarif, .junit, .github, .gitlab, .checkstyle]

    public var isFindingFormat: Bool { Self.findingFormats.contains(self) }

    /// One line per format, for `--help`.
    public var summary: String {
        switch self {
        case .text: "text"
        case .json: "JSON"
        case .markdown: "Markdown"
        case .sarif: "SARIF 2.1.0 for code scanning"
        case .junit: "JUnit XML"
        case .github: "GitHub Actions annotations"
        case .gitlab: "GitLab Code Quality JSON"
        case .checkstyle: "Checkstyle XML"
        }
    }

    /// `formats` as help text: "text, json, sarif (SARIF 2.1.0 (code scanning)), ...".
    public static func helpList(_ formats: [ReportFormat]) -> String {
        formats.map { $0.isFindingFormat ? "\($0.rawValue) (\($0.summary))" : $0.rawValue }.joined(separator: ", ")
    }
}

/// How the finding writers place and judge findings.
public struct FindingWriterOptions: Sendable {
    /// Paths under it are written relative to it (SARIF `SRCROOT`, GitLab paths).
    public var root: String
    /// Whether a finding fails the run (JUnit failures); the command's `--fail-on`.
    public var fails: @Sendable (Finding) -> Bool

    public init(root: String, fails: @escaping @Sendable (Finding) -> Bool = { $0.severity == .error }) {
        self.root = root
        self.fails = fails
    }
}

extension FindingReport {
    /// The report in a CI format; nil for the formats each report writes itself.
    public func rendered(as format: ReportFormat, options: FindingWriterOptions) -> String? {
        switch format {
        case .sarif: sarif(options)
        case .junit: junit(options)
        case .github: githubAnnotations()
        case .gitlab: gitlabCodeQuality(options)
        case .checkstyle: checkstyle()
        case .text, .json, .markdown: nil
        }
    }
}
