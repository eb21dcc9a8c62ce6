/// The façade the CLI and library users call: load, resolve failures, simulate, report.
public enum RouteSim {
    public enum Failure: Error, Sendable {
        /// The input could not be loaded; the diagnostics say why (exit code 2).
        case badInput([Diagnostic])
        /// A command-line argument names something the network does not have (exit code 2).
        case badArgument(String)
    }

    public static func load(_ path: String) -> Result<(Network, [Diagnostic]), Failure> {
        let result = TopologyLoader.load(path: path)
        guard let network = result.network else { return .failure(.badInput(result.diagnostics)) }
        return .success((network, result.diagnostics))
    }

    public static func failures(links: [String], routers: [String], in network: Network) -> Result<FailureSpec, Failure> {
        let (spec, errors) = FailureSpec.resolve(links: links, routers: routers, in: network)
        if !errors.isEmpty { return .failure(.badArgument(errors.joined(separator: "\n"))) }
        return .success(spec)
    }

    /// A trace endpoint: a host or router name, or an address.
    public static func destination(_ text: String, in network: Network) -> Result<(IPAddress, String?), Failure> {
        if let address = IPAddress(text) { return .success((address, nil)) }
        if let h = network.hostIndex[text] { return .success((network.hosts[h].address, text)) }
        if let router = network.router(named: text), let loopback = router.primaryLoopback { return .success((loopback.address, text)) }
        let names = network.hosts.map(\.name) + network.routers.map(\.name)
        let hint = Suggestion.didYouMean(text, in: names).map { "; \($0)" } ?? ""
        return .failure(.badArgument("'\(text)' is not an address, host or router\(hint)"))
    }

    public static func source(_ text: String, in network: Network) -> Result<String, Failure> {
        if network.hostIndex[text] != nil || network.routerIndex[text] != nil { return .success(text) }
        let names = network.hosts.map(\.name) + network.routers.map(\.name)
        let hint = Suggestion.didYouMean(text, in: names).map { "; \($0)" } ?? ""
        return .failure(.badArgument("trace source '\(text)' is not a host or router\(hint)"))
    }
}
