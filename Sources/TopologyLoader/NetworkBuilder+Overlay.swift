import NetworkModel

/// An overlay: the `hosts`, `flows` and `failure-sets` sections of the topology format, read
/// onto a network built elsewhere (from router configs), so config users ask the same questions
/// as YAML users. The same readers as a topology file, over the network's routers and links.
extension NetworkBuilder {
    static let overlayKeys = ["name", "description", "hosts", "flows", "failure-sets"]

    mutating func overlay(_ root: YAMLNode, onto network: Network) -> Network? {
        guard let top = reader.mapping(root, "the overlay", keys: Self.overlayKeys) else { return nil }
        if let node = top["description"] { _ = reader.string(node, "description") }
        let empty = YAMLNode.mapping(YAMLNode.Mapping(pairs: [], mark: YAMLNode.Mark(line: 1, column: 1)))
        var linked: Set<InterfaceRef> = []
        for link in network.links { linked.insert(link.a); linked.insert(link.b) }
        for (r, router) in network.routers.enumerated() {
            var draft = RouterDraft(name: router.name, node: empty, view: MappingView(node: empty), asn: router.asn, routerID: router.routerID,
                                    location: router.location)
            // An interface of a config that joins no other router is a stub LAN: hosts attach there.
            draft.interfaces = router.interfaces.enumerated().map { i, interface in
                var interface = interface
                if interface.kind == .link && !linked.contains(InterfaceRef(router: r, interface: i)) { interface.kind = .lan }
                return interface
            }
            draftIndex[router.name] = drafts.count
            drafts.append(draft)
        }
        links = network.links
        for (index, link) in links.enumerated() { linkIndex[link.name] = index }
        if let node = top["hosts"] { readHosts(node) }
        var routers = network.routers
        for (r, draft) in drafts.enumerated() { routers[r].interfaces = draft.interfaces }
        let flows = top["flows"].map { readFlows($0) } ?? network.flows
        let failureSets = top["failure-sets"].map { readFailureSets($0) } ?? network.failureSets
        let name = top["name"].flatMap { reader.string($0, "name") } ?? network.name
        // A new Network: its name indexes (routers, hosts) are built by its initialiser.
        return Network(name: name, sourceFile: network.sourceFile, autonomousSystems: network.autonomousSystems, routers: routers,
                       links: links, hosts: network.hosts + hosts, flows: flows, failureSets: failureSets)
    }
}

extension TopologyLoader {
    /// Reads the overlay at `path` (hosts, flows, failure sets) onto `network`.
    public static func loadOverlay(path: String, onto network: Network) -> LoadResult {
        let text: String
        switch readText(path: path, what: "overlay file", hint: "give the path of a YAML file with hosts, flows or failure-sets") {
        case .failure(let failed): return failed
        case .success(let read): text = read
        }
        let root: YAMLNode
        switch YAMLComposer.compose(text, file: path) {
        case .failure(let failure): return LoadResult(network: nil, diagnostics: failure.diagnostics)
        case .success(nil): return LoadResult(network: network, diagnostics: [])
        case .success(let composed?): root = composed
        }
        var builder = NetworkBuilder(reader: YAMLReader(file: path))
        let result = builder.overlay(root, onto: network)
        var diagnostics = builder.reader.bag.all
        if let result, !diagnostics.contains(where: { $0.severity == .error }) { diagnostics += result.validate(sessionSourcesMayDangle: true) }
        let ok = !diagnostics.contains { $0.severity == .error }
        var bag = DiagnosticBag()
        bag.append(contentsOf: diagnostics)
        return LoadResult(network: ok ? result : nil, diagnostics: bag.sorted)
    }
}
