import Foundation

extension RouteSim {
    /// Loads every config under `paths` and builds the network (exit-2 failures for unreadable input).
    public static func loadConfigs(_ paths: [String], dialect: ConfigDialect? = nil) -> Result<(Network, [Diagnostic]), Failure> {
        let (files, missing) = Linter.collect(paths)
        if !missing.isEmpty { return .failure(.badArgument(missing.map { "\($0): no such file or directory" }.joined(separator: "\n"))) }
        let results = Linter.parseAll(files, dialect: dialect)
        var diagnostics: [Diagnostic] = results.compactMap { result in
            result.error.map { Diagnostic(.warning, "CFG002", "\($0); file skipped", at: SourceLocation(file: result.path, line: 1, column: 1)) }
        }
        let devices = DeviceConfig.mergingSplitDaemonFiles(results.compactMap(\.device))
        guard !devices.isEmpty else { return .failure(.badArgument("no readable config under \(paths.joined(separator: ", "))")) }
        let (network, built) = ConfigNetworkBuilder.build(devices, name: paths.count == 1 ? paths[0] : "configs")
        diagnostics += built
        guard let network else { return .failure(.badInput(diagnostics)) }
        return .success((network, diagnostics))
    }
}
