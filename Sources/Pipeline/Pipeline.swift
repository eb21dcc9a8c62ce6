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

    /// The command-line arguments that name `spec`'s failures again: `--fail LINK`,
    /// `--fail-router ROUTER` (the inverse of `failures(links:routers:in:)`).
    public static func arguments(for spec: FailureSpec, in network: Network) -> String {
        (spec.links.sorted().map { "--fail \(network.links[$0].name)" } + spec.routers.sorted().map { "--fail-router \(network.routers[$0].name)" })
            .joined(separator: " ")
    }

    /// A trace endpoint: a host or router name, or an address.
    /// An address, or a host's or router's (first loopback's) address: its first, or the one in
    /// `family` when given.
    public static func destination(_ text: String, in network: Network, family: AddressFamily? = nil) -> Result<(IPAddress, String?), Failure> {
        if let address = IPAddress(text) { return .success((address, nil)) }
        func named(_ address: IPAddress?) -> Result<(IPAddress, String?), Failure> {
            guard let address else { return .failure(.badArgument("'\(text)' has no \(family?.displayName ?? "") address")) }
            return .success((address, text))
        }
        if let h = network.hostIndex[text] { return named(family.map { network.hosts[h].address(in: $0) } ?? network.hosts[h].address) }
        if let router = network.router(named: text), let loopback = router.primaryLoopback {
            return named(family.map { loopback.assignment(in: $0)?.address } ?? loopback.address)
        }
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
