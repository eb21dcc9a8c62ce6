@_exported import RoutingPolicy

/// The links and routers that are down for one run, by index into the network.
public struct FailureSpec: Hashable, Sendable {
    public var links: Set<Int>
    public var routers: Set<Int>

    public init(links: Set<Int> = [], routers: Set<Int> = []) {
        self.links = links
        self.routers = routers
    }

    public static let none = FailureSpec()
    public var isEmpty: Bool { links.isEmpty && routers.isEmpty }

    /// Resolves names as a user gives them on the command line (`R1-R2` also matches link `R2-R1`,
    /// and a failure-set name expands to its members). Unknown names come back as errors with suggestions.
    public static func resolve(links linkNames: [String], routers routerNames: [String], in network: Network) -> (FailureSpec, [String]) {
        var spec = FailureSpec()
        var errors: [String] = []
        for name in linkNames {
            if let index = network.linkIndex(named: name) {
                spec.links.insert(index)
            } else if let set = network.failureSets.first(where: { $0.name == name }) {
                for link in set.links { if let index = network.linkIndex[link] { spec.links.insert(index) } }
                for router in set.routers { if let index = network.routerIndex[router] { spec.routers.insert(index) } }
            } else {
                let candidates = network.links.map(\.name) + network.failureSets.map(\.name)
                let hint = Suggestion.didYouMean(name, in: candidates).map { "; \($0)" } ?? "; links are: \(network.links.map(\.name).joined(separator: ", "))"
                errors.append("unknown link or failure set '\(name)'\(hint)")
            }
        }
        for name in routerNames {
            if let index = network.routerIndex[name] { spec.routers.insert(index) } else {
                let hint = Suggestion.didYouMean(name, in: network.routers.map(\.name)).map { "; \($0)" } ?? ""
                errors.append("unknown router '\(name)'\(hint)")
            }
        }
        return (spec, errors)
    }

    /// A failed PE takes its VRF instances down with it.
    func withVRFInstances(in network: Network) -> FailureSpec {
        guard !routers.isEmpty, network.routers.contains(where: { $0.vrf != nil }) else { return self }
        var spec = self
        for (r, router) in network.routers.enumerated() where router.vrf.map({ routers.contains($0.host) }) == true { spec.routers.insert(r) }
        return spec
    }

    public func describe(in network: Network) -> [String] {
        links.sorted().map { "link \(network.links[$0].name)" } + routers.sorted().map { "router \(network.routers[$0].name)" }
    }
}
