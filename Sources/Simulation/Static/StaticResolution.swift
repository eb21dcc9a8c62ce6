/// Static routes: discard and interface routes install while their interface is up; next-hop routes
/// resolve recursively through connected, IGP and other static routes (never through BGP, never
/// through a discard route or themselves). A tracked static installs only while its track is up.
struct StaticResolution {
    struct Installed {
        var route: StaticRoute
        var entry: RIBEntry
    }

    let network: Network
    let liveness: Liveness

    func resolve(router index: Int, connected: [Prefix: RIBEntry], igp: RIBTable, trackUp: (Int) -> Bool) -> [Installed] {
        guard liveness.routerUp[index], !network.routers[index].staticRoutes.isEmpty else { return [] }
        let router = network.routers[index]
        var installed: [Installed] = []
        var pending: [StaticRoute] = []
        for route in router.staticRoutes {
            if let track = route.track, !trackUp(track) { continue }
            let distance = route.distance ?? router.distances.staticRoute
            switch route.target {
            case .discard:
                installed.append(Installed(route: route, entry: RIBEntry(prefix: route.prefix, protocolKind: .static, distance: distance, metric: 0, forwarding: .discard,
                                                                         origin: "static route to Null0\(trackNote(route))", location: route.location)))
            case .interface(let name):
                guard let i = router.interfaceIndex(named: name), liveness.interfaceUp[index][i] else { continue }
                installed.append(Installed(route: route, entry: RIBEntry(prefix: route.prefix, protocolKind: .static, distance: distance, metric: 0,
                                                                         forwarding: .attached(interface: i), origin: "static route via \(name)\(trackNote(route))", location: route.location)))
            case .nextHop:
                pending.append(route)
            }
        }
        // Recursive next hops may resolve through other statics: repeat until nothing new resolves.
        var progress = true
        while progress && !pending.isEmpty {
            progress = false
            var trie = PrefixTrie<RIBEntry>()
            for (prefix, entry) in igp { trie.insert(prefix, entry) }
            for entry in installed.map(\.entry) where !entry.isDiscard && RouteMerge.staticReplaces(trie.exactMatch(entry.prefix), with: entry) {
                trie.insert(entry.prefix, entry)
            }
            for (prefix, entry) in connected where RouteMerge.connectedReplaces(trie.exactMatch(prefix), with: entry) { trie.insert(prefix, entry) }
            var still: [StaticRoute] = []
            for route in pending {
                guard case .nextHop(let gateway) = route.target,
                      let (_, via) = trie.longestMatch(gateway), via.prefix != route.prefix else { still.append(route); continue }
                let forwarding: Forwarding
                switch via.forwarding {
                case .attached(let interface): forwarding = .forward([NextHop(interface: interface, gateway: gateway)])
                case .forward(let hops): forwarding = .forward(hops)
                case .discard: still.append(route); continue
                }
                let distance = route.distance ?? router.distances.staticRoute
                installed.append(Installed(route: route, entry: RIBEntry(prefix: route.prefix, protocolKind: .static, distance: distance, metric: 0, forwarding: forwarding,
                                                                         origin: "static route via \(gateway)\(trackNote(route))", location: route.location)))
                progress = true
            }
            pending = still
        }
        return installed
    }

    private func trackNote(_ route: StaticRoute) -> String {
        route.track.map { " (track \($0) up)" } ?? ""
    }
}
