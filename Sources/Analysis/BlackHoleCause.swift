/// Why traffic was black-holed: who attracted it, what kept the announcement alive, and what
/// reachability the dropping router lost. `chain` says the same in sentences, in order.
public struct BlackHoleCause: Sendable, Codable {
    public struct Announcement: Sendable, Codable {
        /// The router that forwards the traffic...
        public var receiver: String
        /// ...toward the router that announced the prefix to it.
        public var announcer: String
        public var session: String
        public var prefix: String
        public var asPath: String
        /// Other valid paths the receiver had, each with the step at which it lost: the
        /// announcement that could have been used instead.
        public var alternatives: [String]?
    }

    public var droppingRouter: String
    public var droppingRoute: String
    public var droppingRouteLocation: String?
    public var prefix: String?
    public var announcements: [Announcement]
    public var keptAliveBy: String
    public var missingReachability: String
    public var failedElements: [String]
    public var chain: [String]
}

enum CauseAnalysis {
    /// The prefix a router announces itself (its own BGP path) that covers `destination`,
    /// most specific first: what attracts traffic it may be unable to deliver.
    static func locallyAnnounced(covering destination: IPAddress, at r: Int, plane: DataPlane) -> Prefix? {
        plane.bgpTables[r].filter { $0.value.isLocal && $0.key.contains(destination) }.map(\.key).max { $0.length < $1.length }
    }

    /// A drop for lack of a route at a router that announces a prefix covering the destination
    /// itself (a `network` statement without the import check): the same black hole as a Null0
    /// pin, without the Null0 route.
    static func isUnhonouredAnnouncement(_ disposition: Disposition, destination: IPAddress, plane: DataPlane) -> Bool {
        guard case .noRoute(let name) = disposition, let r = plane.network.routerIndex[name] else { return false }
        return locallyAnnounced(covering: destination, at: r, plane: plane) != nil
    }

    /// Builds the cause of the black hole on `path` (which must end null-routed, or with no
    /// route at a router that announces the destination itself).
    static func explain(path: TracePath, destination: IPAddress, plane: DataPlane, baseline: DataPlane) -> BlackHoleCause? {
        let routerName: String, routeText: String, location: SourceLocation?
        switch path.disposition {
        case .nullRouted(let name, let text, let source): (routerName, routeText, location) = (name, text, source)
        case .noRoute(let name) where isUnhonouredAnnouncement(path.disposition, destination: destination, plane: plane):
            (routerName, routeText, location) = (name, "no route for \(destination)", nil)
        default: return nil
        }
        guard let x = plane.network.routerIndex[routerName] else { return nil }
        let network = plane.network
        var announcements: [BlackHoleCause.Announcement] = []
        var attractingPrefix: Prefix?
        for hop in path.hops.dropLast() {
            guard let r = network.routerIndex[hop.node], let prefix = hop.prefix,
                  hop.protocolKind == .ebgp || hop.protocolKind == .ibgp,
                  let route = plane.bgpTables[r][prefix], case .learned(_, let peer, _, let ebgp) = route.source else { continue }
            attractingPrefix = prefix
            let alternatives = (plane.adjacency(router: r, prefix: prefix)?.received ?? []).compactMap { entry -> String? in
                guard let step = entry.lostAt, let path = entry.path else { return nil }
                return "a path from \(entry.neighbor) (AS path \(path.asPath.description.isEmpty ? "empty" : path.asPath.description)), which lost at \(step.rawValue)"
            }
            announcements.append(.init(receiver: hop.node, announcer: network.routers[peer].name,
                                       session: "\(ebgp ? "eBGP" : "iBGP") \(network.routers[peer].name)-\(hop.node)",
                                       prefix: prefix.description, asPath: route.attributes.asPath.description,
                                       alternatives: alternatives.isEmpty ? nil : alternatives))
        }
        let dropped = plane.lookupWithoutFIB(router: x, address: destination)
        let prefix = attractingPrefix ?? dropped?.prefix ?? locallyAnnounced(covering: destination, at: x, plane: plane)
        let dropper = network.routers[x]
        var keptAlive = "\(routerName) holds \(routeText)"
        if let prefix, let best = plane.bgpTables[x][prefix], case .local(let kind) = best.source {
            switch kind {
            case .network:
                if let pin = plane.nonBGPRoutes[x][prefix] {
                    keptAlive = "\(routerName) announces \(prefix) from its network statement, which stays matched by its \(pin.origin) \(prefix)\(pin.location.map { " (\($0))" } ?? "")"
                } else {
                    let statement = dropper.bgp?.networks.first { $0.prefix == prefix }
                    keptAlive = "\(routerName) announces \(prefix) from its network statement\(statement.map { " (\($0.location))" } ?? "") although its RIB has no route for it: "
                        + "its network import check is off (FRR `no bgp network import-check`)"
                }
            case .aggregate:
                keptAlive = "\(routerName) announces aggregate \(prefix): a more-specific remains in its BGP table, and the aggregate's Null0 route catches the rest"
            default:
                keptAlive = "\(routerName) originates \(prefix) by \(kind.rawValue) from a route it still has"
            }
        }
        let failed = plane.failures.describe(in: network)
        var missing: String
        if let before = baseline.lookupWithoutFIB(router: x, address: destination), !before.isDiscard {
            let via: String
            switch before.forwarding {
            case .forward(let hops): via = hops.compactMap { hop in nextRouterName(hop, from: x, plane: baseline) }.joined(separator: ", ")
            case .attached(let i): via = "its interface \(dropper.interfaces[i].name)"
            case .discard: via = "Null0"
            }
            missing = "in the baseline \(routerName) forwarded \(destination) by its \(before.protocolKind.rawValue) route \(before.prefix) toward \(via); that route is gone"
        } else {
            missing = "\(routerName) has no route to \(destination) other than the discard route"
        }
        let adjacent = adjacentFailures(of: x, plane: plane)
        if !adjacent.isEmpty { missing += " since \(adjacent.joined(separator: " and ")) failed" } else if !failed.isEmpty { missing += " (failed: \(failed.joined(separator: ", ")))" }
        var chain = announcements.map { announcement in
            var sentence = "\(announcement.receiver) sends \(announcement.prefix) toward \(announcement.announcer) because \(announcement.announcer) announces it over the "
                + "\(announcement.session) session (AS path \(announcement.asPath.isEmpty ? "empty" : announcement.asPath))"
            if let alternatives = announcement.alternatives { sentence += "; it also had \(alternatives.joined(separator: ", "))" }
            return sentence
        }
        chain.append(keptAlive)
        chain.append(missing)
        return BlackHoleCause(droppingRouter: routerName, droppingRoute: routeText, droppingRouteLocation: location?.description,
                              prefix: prefix?.description, announcements: announcements, keptAliveBy: keptAlive,
                              missingReachability: missing, failedElements: failed, chain: chain)
    }

    static func nextRouterName(_ hop: NextHop, from r: Int, plane: DataPlane) -> String? {
        switch plane.owners[hop.gateway, from: r] {
        case .router(let ref)?: return plane.network.routers[ref.router].name
        case .host(let h)?: return plane.network.hosts[h].name
        case nil: return hop.gateway.description
        }
    }

    /// Failed links touching the router, and failed neighbours.
    static func adjacentFailures(of r: Int, plane: DataPlane) -> [String] {
        let network = plane.network
        var names: [String] = []
        for l in plane.failures.links.sorted() where network.links[l].a.router == r || network.links[l].b.router == r {
            names.append("link \(network.links[l].name)")
        }
        for n in plane.failures.routers.sorted() where network.links.contains(where: { ($0.a.router == r && $0.b.router == n) || ($0.b.router == r && $0.a.router == n) }) {
            names.append("router \(network.routers[n].name)")
        }
        return names
    }
}
