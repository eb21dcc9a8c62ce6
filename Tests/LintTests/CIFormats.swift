import Diagnostics
import Foundation
@testable import Lint
@testable import Reporting

/// The CI writers as lint uses them (report -> FindingReport -> format), for the tests.
enum CIFormats {
    static let cwd = FileManager.default.currentDirectoryPath
    static func sarif(_ report: Linter.Report, root: String = cwd) -> String {
        report.findingReport().sarif(FindingWriterOptions(root: root))
    }
    static func junit(_ report: Linter.Report, failOn: Severity? = .error) -> String {
        report.findingReport().junit(FindingWriterOptions(root: cwd) { finding in failOn.map { finding.severity >= $0 } ?? false })
    }
    static func github(_ report: Linter.Report) -> String { report.findingReport().githubAnnotations() }
    static func gitlab(_ report: Linter.Report, root: String = cwd) -> String { report.findingReport().gitlabCodeQuality(FindingWriterOptions(root: root)) }
    static func checkstyle(_ report: Linter.Report) -> String { report.findingReport().checkstyle() }
    static func artifactLocation(_ path: String, root: String) -> [String: Any] { FindingReport.sarifArtifact(path, root: root) }
    static func normalized(_ path: String) -> String { FindingPaths.normalized(path) }
}
