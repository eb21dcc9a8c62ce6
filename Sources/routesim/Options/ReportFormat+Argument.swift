import ArgumentParser
import Pipeline

extension ReportFormat: ExpressibleByArgument {
    /// No type-wide values list in `--help`: each command says its own formats (and completes them).
    public static var allValueStrings: [String] { [] }
}

extension ReportFormat {
    /// A command's formats are a subset of the one list; say which when asked for another.
    func check(in formats: [ReportFormat], command: String) throws {
        guard formats.contains(self) else {
            throw ValidationError("\(command) writes \(formats.map(\.rawValue).joined(separator: ", ")), not \(rawValue)")
        }
    }
}
