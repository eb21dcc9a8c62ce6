import NetworkModel

extension NetworkBuilder {
    /// Phase 2 of a router: everything that may refer to interfaces, links or other routers.
    mutating func finishRouter(_ index: Int) -> Router {
        let draft = drafts[index]
        let view = draft.view
        let name = draft.name
        let routerID = draft.routerID ?? draft.interfaces.first(where: { $0.kind == .loopback })?.address
            ?? draft.interfaces.map(\.address).max() ?? IPAddress(0)
        var router = Router(name: name, asn: draft.asn, routerID: routerID, role: draft.role, interfaces: draft.interfaces, location: draft.location)
        router.dialect = view["vendor"].flatMap { reader.choice($0, "vendor of \(name)", VendorDialect.self) } ?? networkDialect
        if let n = view["static-routes"] { router.staticRoutes = readStatics(n, router: name) }
        if let n = view["mpls"], let mpls = reader.mapping(n, "mpls of \(name)", keys: ["ldp", "igp-sync", "label-allocation", "explicit-null", "targeted", "accept-targeted"]) {
            router.mpls = MPLSConfig(ldp: mpls["ldp"].flatMap { reader.bool($0, "mpls ldp of \(name)") } ?? false, location: reader.location(n))
            router.mpls?.igpSync = mpls["igp-sync"].flatMap { reader.bool($0, "mpls igp-sync of \(name)") } ?? false
            router.mpls?.allocation = mpls["label-allocation"].flatMap { reader.choice($0, "mpls label-allocation of \(name)", LDPLabelAllocation.self) }
            router.mpls?.explicitNull = mpls["explicit-null"].flatMap { reader.bool($0, "mpls explicit-null of \(name)") } ?? false
            if let n = mpls["targeted"] {
                router.mpls?.targetedNeighbors = reader.sequence(n, "mpls targeted of \(name)").compactMap { endpointAddress($0, "targeted LDP neighbor of \(name)")?.0 }
            }
            router.mpls?.acceptsTargetedHellos = mpls["accept-targeted"].flatMap { reader.bool($0, "mpls accept-targeted of \(name)") } ?? false
        }
        if let n = view["lsps"] { router.lsps = readLSPs(n, head: name) }
        if let n = view["ip-sla"] {
            for (id, keyNode, value) in reader.numberedEntries(n, "ip-sla of \(name)", label: "ip-sla id", range: 1...Int(Int32.max)) {
                guard let sla = reader.mapping(value, "ip-sla \(id) of \(name)", keys: ["target", "source-interface", "type", "frequency", "timeout", "threshold"]) else { continue }
                guard let targetNode = sla["target"] else { reader.error("LOAD004", "ip-sla \(id) of \(name) has no 'target'", at: keyNode); continue }
                if let n = sla["type"], let type = reader.string(n, "ip-sla type"), type != "icmp-echo" {
                    reader.error("LOAD005", "ip-sla type '\(type)' is not supported", at: n, hint: "use icmp-echo")
                }
                guard let target = reader.address(targetNode, "target of ip-sla \(id)") else { continue }
                let source = sla["source-interface"].flatMap { reader.string($0, "source-interface of ip-sla \(id)") }
                var probe = IPSLA(id: id, target: target, sourceInterface: source, location: reader.location(keyNode))
                probe.timers.frequency = sla["frequency"].flatMap { reader.duration($0, "frequency of ip-sla \(id)") }
                probe.timers.timeout = sla["timeout"].flatMap { reader.duration($0, "timeout of ip-sla \(id)") }
                probe.timers.threshold = sla["threshold"].flatMap { reader.duration($0, "threshold of ip-sla \(id)") }
                router.ipSLAs.append(probe)
            }
        }
        if let n = view["tracks"] {
            for (id, keyNode, value) in reader.numberedEntries(n, "tracks of \(name)", label: "track id", range: 1...Int(Int32.max)) {
                guard let track = reader.mapping(value, "track \(id) of \(name)", keys: ["ip-sla", "delay-down", "delay-up"]) else { continue }
                guard let slaNode = track["ip-sla"], let sla = reader.integer(slaNode, "ip-sla of track \(id)", range: 1...Int(Int32.max)) else {
                    if track["ip-sla"] == nil { reader.error("LOAD004", "track \(id) of \(name) has no 'ip-sla'", at: keyNode) }
                    continue
                }
                var modelled = Track(id: id, sla: sla, location: reader.location(keyNode))
                modelled.timers.delayDown = track["delay-down"].flatMap { reader.duration($0, "delay-down of track \(id)") }
                modelled.timers.delayUp = track["delay-up"].flatMap { reader.duration($0, "delay-up of track \(id)") }
                router.tracks.append(modelled)
            }
        }
        var policies = globalPolicies
        if let n = view["policies"] {
            let own = readPolicies(n, "policies of \(name)")
            policies.prefixLists.merge(own.prefixLists) { $1 }
            policies.communityLists.merge(own.communityLists) { $1 }
            policies.asPathLists.merge(own.asPathLists) { $1 }
            policies.routeMaps.merge(own.routeMaps) { $1 }
        }
        router.policies = policies
        if let n = view["distances"] { router.distances = readDistances(n, router: name) }
        if let n = view["bgp"] { router.bgp = readBGP(n, routerIndex: index, router: router) }
        if let n = view["timers"], let timers = reader.mapping(n, "timers of \(name)", keys: ["bgp-keepalive", "bgp-hold", "conditional-advertisement-scan", "spf-delay"]) {
            router.timers.bgpKeepalive = timers["bgp-keepalive"].flatMap { reader.duration($0, "bgp-keepalive of \(name)") }
            router.timers.bgpHold = timers["bgp-hold"].flatMap { reader.duration($0, "bgp-hold of \(name)") }
            router.timers.conditionalAdvertisementScan = timers["conditional-advertisement-scan"].flatMap { reader.duration($0, "conditional-advertisement-scan of \(name)") }
            router.timers.spfDelay = timers["spf-delay"].flatMap { reader.duration($0, "spf-delay of \(name)") }
        }
        return router
    }

    /// A link's `timers`: IGP `hello` and `dead`, `bfd-interval` and `bfd-multiplier` (docs/timeline.md).
    func readInterfaceTimers(_ node: YAMLNode, _ what: String) -> InterfaceTimerSettings {
        var settings = InterfaceTimerSettings()
        guard let view = reader.mapping(node, what, keys: ["hello", "dead", "bfd-interval", "bfd-multiplier"]) else { return settings }
        settings.igpHello = view["hello"].flatMap { reader.duration($0, "hello of \(what)") }
        settings.igpDead = view["dead"].flatMap { reader.duration($0, "dead of \(what)") }
        if let n = view["bfd-interval"], let interval = reader.duration(n, "bfd-interval of \(what)") {
            let multiplier = view["bfd-multiplier"].flatMap { reader.integer($0, "bfd-multiplier of \(what)", range: 1...255) } ?? 3
            settings.bfd = BFDSettings(interval: interval, multiplier: multiplier)
        } else if let n = view["bfd-multiplier"] {
            reader.error("LOAD004", "\(what) has bfd-multiplier but no bfd-interval", at: n, hint: "BFD needs an interval (e.g. bfd-interval: 300ms)")
        }
        return settings
    }

    func readStatics(_ node: YAMLNode, router: String) -> [StaticRoute] {
        var routes: [StaticRoute] = []
        for item in reader.sequence(node, "static-routes of \(router)") {
            guard let view = reader.mapping(item, "a static route of \(router)", keys: ["prefix", "next-hop", "interface", "discard", "distance", "track"]) else { continue }
            guard let prefixNode = view["prefix"], let prefix = reader.prefix(prefixNode, "static route prefix")?.prefix else {
                if view["prefix"] == nil { reader.error("LOAD004", "static route of \(router) has no 'prefix'", at: item) }
                continue
            }
            var targets: [StaticTarget] = []
            if let n = view["next-hop"], let address = reader.address(n, "static route next-hop") {
                guard address.family == prefix.family else {
                    reader.error("LOAD005", "static route \(prefix) of \(router) has the \(address.family.displayName) next hop \(address)", at: n,
                                 hint: "a next hop is of the prefix's family (IPv4-mapped next hops are not modelled)")
                    continue
                }
                targets.append(.nextHop(address))
            }
            if let n = view["interface"], let interface = reader.string(n, "static route interface") {
                let lowered = interface.lowercased()
                targets.append(["null0", "discard", "blackhole"].contains(lowered) ? .discard : .interface(interface))
            }
            if let n = view["discard"], let discard = reader.bool(n, "static route discard"), discard { targets.append(.discard) }
            let given = ["next-hop", "interface", "discard"].filter { view[$0] != nil }.count
            if given == 1 && targets.isEmpty { continue }   // the value was bad and is reported already
            guard given == 1, targets.count == 1 else {
                reader.error("LOAD005", "static route \(prefix) of \(router) needs exactly one of next-hop, interface or discard: true", at: item,
                             hint: "a Null0 route is 'discard: true' (or 'interface: Null0')")
                continue
            }
            var route = StaticRoute(prefix: prefix, target: targets[0], location: reader.location(item))
            if let n = view["distance"], let value = reader.integer(n, "static route distance", range: 1...255) { route.distance = UInt8(value) }
            if let n = view["track"], let value = reader.integer(n, "static route track", range: 1...Int(Int32.max)) { route.track = value }
            routes.append(route)
        }
        return routes
    }

    func readDistances(_ node: YAMLNode, router: String) -> AdminDistances {
        var distances = AdminDistances()
        guard let view = reader.mapping(node, "distances of \(router)", keys: ["connected", "static", "ebgp", "ibgp", "ospf", "isis", "bgp-local"]) else { return distances }
        func value(_ key: String) -> UInt8? {
            view[key].flatMap { reader.integer($0, "\(key) distance of \(router)", range: 0...255) }.map { UInt8($0) }
        }
        if let v = value("connected") { distances.connected = v }
        if let v = value("static") { distances.staticRoute = v }
        if let v = value("ebgp") { distances.ebgp = v }
        if let v = value("ibgp") { distances.ibgp = v }
        if let v = value("ospf") { distances.ospf = v }
        if let v = value("isis") { distances.isis = v }
        if let v = value("bgp-local") { distances.localBGP = v }
        return distances
    }

    static let neighborKeys = ["peer", "address", "remote-as", "description", "update-source", "ebgp-multihop", "ttl-security",
                               "disable-connected-check", "allowas-in", "as-override", "default-originate", "local-as", "local-as-no-prepend",
                               "local-as-replace-as", "next-hop-self",
                               "route-reflector-client", "weight", "import", "export", "advertise-map", "exist-map", "non-exist-map", "vpnv4", "vpnv6",
                               "transport", "families", "timers", "bfd"]

    func readBGP(_ node: YAMLNode, routerIndex: Int, router: Router) -> BGPConfig? {
        let name = router.name
        guard let view = reader.mapping(node, "bgp of \(name)", keys: ["networks", "aggregates", "redistribute", "neighbors", "cluster-id", "bestpath", "next-hop-resolve-via-default", "network-import-check", "maximum-paths", "maximum-paths-ibgp"]) else { return nil }
        var bgp = BGPConfig(location: reader.location(node))
        if let n = view["networks"] {
            for item in reader.sequence(n, "bgp networks of \(name)") {
                if let prefix = reader.prefix(item, "bgp network")?.prefix { bgp.networks.append(BGPNetworkStatement(prefix: prefix, location: reader.location(item))) }
            }
        }
        if let n = view["aggregates"] {
            for item in reader.sequence(n, "bgp aggregates of \(name)") {
                if case .scalar = item {
                    if let prefix = reader.prefix(item, "aggregate")?.prefix { bgp.aggregates.append(BGPAggregate(prefix: prefix, summaryOnly: false, location: reader.location(item))) }
                    continue
                }
                guard let aggregate = reader.mapping(item, "an aggregate of \(name)", keys: ["prefix", "summary-only"]),
                      let prefixNode = aggregate["prefix"], let prefix = reader.prefix(prefixNode, "aggregate prefix")?.prefix else { continue }
                let summaryOnly = aggregate["summary-only"].flatMap { reader.bool($0, "summary-only") } ?? false
                bgp.aggregates.append(BGPAggregate(prefix: prefix, summaryOnly: summaryOnly, location: reader.location(item)))
            }
        }
        if let n = view["redistribute"] {
            for item in reader.sequence(n, "bgp redistribute of \(name)") {
                if case .scalar = item {
                    if let source = reader.choice(item, "redistribute source", RedistributionSource.self) {
                        bgp.redistributions.append(BGPRedistribution(source: source, routeMap: nil, location: reader.location(item)))
                    }
                    continue
                }
                guard let entry = reader.mapping(item, "a redistribution of \(name)", keys: ["source", "route-map"]),
                      let sourceNode = entry["source"], let source = reader.choice(sourceNode, "redistribute source", RedistributionSource.self) else { continue }
                let routeMap = entry["route-map"].flatMap { reader.string($0, "redistribute route-map") }
                bgp.redistributions.append(BGPRedistribution(source: source, routeMap: routeMap, location: reader.location(item)))
            }
        }
        if let n = view["cluster-id"] { bgp.clusterID = reader.address(n, "cluster-id of \(name)") }
        if let n = view["maximum-paths"], let v = reader.integer(n, "maximum-paths of \(name)", range: 1...64) { bgp.maximumPaths = v }
        if let n = view["maximum-paths-ibgp"], let v = reader.integer(n, "maximum-paths-ibgp of \(name)", range: 1...64) { bgp.maximumPathsIBGP = v }
        if let n = view["network-import-check"] { bgp.networkImportCheck = reader.bool(n, "network-import-check of \(name)") }
        if let n = view["next-hop-resolve-via-default"] { bgp.nextHopResolveViaDefault = reader.bool(n, "next-hop-resolve-via-default of \(name)") }
        if let n = view["bestpath"], let options = reader.mapping(n, "bgp bestpath of \(name)", keys: ["deterministic-med", "always-compare-med", "med-missing-as-worst", "compare-routerid"]) {
            bgp.bestPath.deterministicMED = options["deterministic-med"].flatMap { reader.bool($0, "deterministic-med of \(name)") }
            bgp.bestPath.alwaysCompareMED = options["always-compare-med"].flatMap { reader.bool($0, "always-compare-med of \(name)") }
            bgp.bestPath.missingMEDAsWorst = options["med-missing-as-worst"].flatMap { reader.bool($0, "med-missing-as-worst of \(name)") }
            bgp.bestPath.compareRouterID = options["compare-routerid"].flatMap { reader.bool($0, "compare-routerid of \(name)") }
        }
        if let n = view["neighbors"] {
            for item in reader.sequence(n, "bgp neighbors of \(name)") {
                if let neighbor = readNeighbor(item, routerIndex: routerIndex, router: router) { bgp.neighbors.append(neighbor) }
            }
        }
        return bgp
    }

    func readNeighbor(_ node: YAMLNode, routerIndex: Int, router: Router) -> BGPNeighbor? {
        let name = router.name
        let view: MappingView
        if case .scalar = node {
            // Shorthand: a bare router name.
            view = MappingView(node: node, values: ["peer": node], keyNodes: ["peer": node])
        } else {
            guard let parsed = reader.mapping(node, "a bgp neighbor of \(name)", keys: Self.neighborKeys) else { return nil }
            view = parsed
        }
        let location = reader.location(node)
        var remoteAS = view["remote-as"].flatMap { reader.asn($0, "remote-as") }
        let multihop = view["ebgp-multihop"].flatMap { reader.integer($0, "ebgp-multihop", range: 1...255) }
        let ttlSecurity = view["ttl-security"].flatMap { reader.integer($0, "ttl-security hops", range: 1...254) }
        let disableConnectedCheck = view["disable-connected-check"].flatMap { reader.bool($0, "disable-connected-check") } ?? false
        var updateSource = view["update-source"].flatMap { reader.string($0, "update-source") }
        // The family the session runs over, when the peer is given by name.
        let transport = view["transport"].flatMap { reader.choice($0, "transport", AddressFamily.self) } ?? .ipv4
        func peerAddress(_ interface: Interface, _ what: String, at node: YAMLNode) -> IPAddress? {
            guard let address = interface.assignment(in: transport)?.address else {
                reader.error("LOAD007", "\(what) has no \(transport.displayName) address for a session over \(transport.displayName)", at: node,
                             hint: transport == .ipv6 ? "give it an IPv6 address (loopbacks: a list of one address per family; links: 'ipv6' or addressing.p2p-ipv6)" : "drop 'transport'")
                return nil
            }
            return address
        }
        var address: IPAddress?
        var peerName: String?
        switch (view["peer"], view["address"]) {
        case (let peerNode?, nil):
            guard let peer = routerRef(peerNode, "neighbor of \(name)") else { return nil }
            if peer == routerIndex { reader.error("LOAD005", "\(name) lists itself as a bgp neighbor", at: peerNode); return nil }
            let peerDraft = drafts[peer]
            peerName = peerDraft.name
            if let given = remoteAS, given != peerDraft.asn {
                reader.error("LOAD005", "remote-as \(given) of neighbor \(peerDraft.name) does not match its asn \(peerDraft.asn)", at: view["remote-as"] ?? node,
                             hint: "drop remote-as; it is taken from the peer router (if \(peerDraft.name) uses local-as toward this router, give the neighbor by address with that remote-as)")
                return nil
            }
            remoteAS = peerDraft.asn
            let peerLoopback = peerDraft.interfaces.first { $0.kind == .loopback }
            if peerDraft.asn == router.asn || multihop != nil || ttlSecurity != nil || disableConnectedCheck {
                guard let peerLoopback else {
                    reader.error("LOAD007", "\(peerDraft.name) has no loopback to peer with", at: peerNode, hint: "give it 'loopbacks' or peer by address")
                    return nil
                }
                address = peerAddress(peerLoopback, "\(peerDraft.name) \(peerLoopback.name)", at: peerNode)
                if updateSource == nil { updateSource = router.primaryLoopback?.name }
            } else if let link = links.first(where: { ($0.a.router == routerIndex && $0.b.router == peer) || ($0.b.router == routerIndex && $0.a.router == peer) }) {
                let peerSide = link.a.router == peer ? link.a : link.b
                address = peerAddress(drafts[peer].interfaces[peerSide.interface], "\(peerDraft.name) \(drafts[peer].interfaces[peerSide.interface].name)", at: peerNode)
            } else {
                reader.error("LOAD007", "eBGP neighbor \(peerDraft.name) of \(name) shares no link with it", at: peerNode,
                             hint: "add a link \(name)-\(peerDraft.name), or set ebgp-multihop to peer between loopbacks")
                return nil
            }
        case (nil, let addressNode?):
            address = reader.address(addressNode, "neighbor address")
            if remoteAS == nil, view["remote-as"] == nil {
                reader.error("LOAD004", "neighbor \(address?.description ?? "") of \(name) needs 'remote-as'", at: addressNode)
                return nil
            }
        case (.some, .some):
            reader.error("LOAD005", "a neighbor of \(name) gives both 'peer' and 'address'", at: node, hint: "use one: peer (a router name) or address")
            return nil
        case (nil, nil):
            reader.error("LOAD004", "a neighbor of \(name) needs 'peer' or 'address'", at: node)
            return nil
        }
        guard let address, let remoteAS else { return nil }
        var neighbor = BGPNeighbor(address: address, remoteAS: remoteAS, peerName: peerName, updateSource: updateSource,
                                   ebgpMultihop: multihop, ttlSecurityHops: ttlSecurity, location: location)
        neighbor.disableConnectedCheck = disableConnectedCheck
        if let n = view["allowas-in"] {
            // `allowas-in: true` is IOS/FRR's bare `allowas-in` (3 times); a number says how many.
            if case .scalar(let scalar) = n, scalar.string == "true" || scalar.string == "false" {
                neighbor.allowASIn = reader.bool(n, "allowas-in") == true ? 3 : nil
            } else if let times = reader.integer(n, "allowas-in", range: 1...10) {
                neighbor.allowASIn = times
            }
        }
        if let n = view["as-override"], let v = reader.bool(n, "as-override") { neighbor.asOverride = v }
        if let n = view["default-originate"], let v = reader.bool(n, "default-originate") { neighbor.defaultOriginate = v }
        if let n = view["local-as"] { neighbor.localAS = reader.asn(n, "local-as") }
        if let n = view["local-as-no-prepend"], let v = reader.bool(n, "local-as-no-prepend") { neighbor.localASNoPrepend = v }
        if let n = view["local-as-replace-as"], let v = reader.bool(n, "local-as-replace-as") { neighbor.localASReplaceAS = v }
        if let n = view["description"] { neighbor.description = reader.string(n, "description") }
        if let n = view["next-hop-self"], let v = reader.bool(n, "next-hop-self") { neighbor.nextHopSelf = v }
        if let n = view["route-reflector-client"], let v = reader.bool(n, "route-reflector-client") { neighbor.routeReflectorClient = v }
        if let n = view["vpnv4"], let v = reader.bool(n, "vpnv4") { neighbor.vpnv4 = v }
        if let n = view["vpnv6"], let v = reader.bool(n, "vpnv6") {
            neighbor.vpnv6 = v
            if v && !neighbor.vpnv4 { reader.error("LOAD005", "vpnv6 on a neighbor of \(name) without vpnv4", at: n, hint: "VPN-IPv6 rides the VPN-IPv4 sessions in routesim: set vpnv4: true too") }
        }
        if let n = view["families"] {
            let listed = reader.stringList(n, "families").compactMap { text, item -> AddressFamily? in
                guard let family = AddressFamily(rawValue: text) else {
                    reader.error("LOAD005", "unknown address family '\(text)'", at: item, hint: "use ipv4 and/or ipv6")
                    return nil
                }
                return family
            }
            if reader.stringList(n, "families").isEmpty {
                reader.error("LOAD005", "families of a neighbor of \(name) lists no family", at: n, hint: "list ipv4 and/or ipv6, or leave 'families' out")
            }
            neighbor.unicastFamilies = Set(listed)
        }
        if let n = view["weight"], let v = reader.integer(n, "weight", range: 0...65535) { neighbor.weight = UInt32(v) }
        if let n = view["timers"], let timers = reader.mapping(n, "neighbor timers", keys: ["keepalive", "hold"]) {
            neighbor.timers.keepalive = timers["keepalive"].flatMap { reader.duration($0, "neighbor keepalive") }
            neighbor.timers.hold = timers["hold"].flatMap { reader.duration($0, "neighbor hold") }
        }
        if let n = view["bfd"] { neighbor.timers.bfd = reader.bool(n, "neighbor bfd") ?? false }
        if let n = view["import"] { neighbor.importPolicy = reader.string(n, "import route-map") }
        if let n = view["export"] { neighbor.exportPolicy = reader.string(n, "export route-map") }
        let advertise = view["advertise-map"].flatMap { reader.string($0, "advertise-map") }
        let exist = view["exist-map"].flatMap { reader.string($0, "exist-map") }
        let nonExist = view["non-exist-map"].flatMap { reader.string($0, "non-exist-map") }
        switch (advertise, exist, nonExist) {
        case (nil, nil, nil): break
        case (let a?, let e?, nil): neighbor.conditionalAdvertisement = ConditionalAdvertisement(advertiseMap: a, condition: .exist(e))
        case (let a?, nil, let n?): neighbor.conditionalAdvertisement = ConditionalAdvertisement(advertiseMap: a, condition: .nonExist(n))
        default:
            reader.error("LOAD005", "neighbor \(address) of \(name): advertise-map needs exactly one of exist-map or non-exist-map", at: node)
        }
        return neighbor
    }
}
