import Foundation

extension RouteSim {
    /// Loads every config under `paths` and builds the network (exit-2 failures for unreadable input).
    public static func loadConfigs(_ paths: [String], dialect: ConfigDialect? = nil, overlay: String? = nil) -> Result<(Network, [Diagnostic]), Failure> {
        let (files, missing, _) = ConfigFiles.collect(paths)
        if !missing.isEmpty { return .failure(.badArgument(missing.map { "\($0): no such file or directory" }.joined(separator: "\n"))) }
        // One network at a time: two networks' routers would meet on their shared addressing.
        let networks = ConfigNetworks.group(files)
        if networks.count > 1 {
            let list = networks.map { "\($0.network.isEmpty ? "." : $0.network) (\($0.files.count) file\($0.files.count == 1 ? "" : "s"))" }
            return .failure(.badArgument("\(paths.joined(separator: ", ")) holds \(networks.count) networks: \(list.joined(separator: ", ")); give one of them to --configs"))
        }
        let results = ConfigFiles.parseAll(files, dialect: dialect)
        var diagnostics: [Diagnostic] = results.compactMap { result in
            result.error.map { Diagnostic(.warning, "CFG003", "\($0); file skipped", at: SourceLocation(file: result.path, line: 1, column: 1)) }
        }
        let devices = DeviceConfig.mergingSplitDaemonFiles(results.compactMap(\.device))
        guard !devices.isEmpty else { return .failure(.badArgument("no readable config under \(paths.joined(separator: ", "))")) }
        let (network, built) = ConfigNetworkBuilder.build(devices, name: paths.count == 1 ? paths[0] : "configs")
        diagnostics += built
        guard let network else { return .failure(.badInput(diagnostics)) }
        guard let overlay else { return .success((network, diagnostics)) }
        // Hosts, flows and failure sets for the configs' network (docs/topology-format.md, "Overlay").
        let layered = TopologyLoader.loadOverlay(path: overlay, onto: network)
        diagnostics += layered.diagnostics
        guard let withOverlay = layered.network else { return .failure(.badInput(diagnostics)) }
        return .success((withOverlay, diagnostics))
    }
}
