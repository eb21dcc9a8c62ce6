/// Model invariants every front end gets for free: unique addresses, no overlapping subnets
/// between unrelated interfaces, and every name a router refers to is defined on that router.
extension Network {
    /// `sessionSourcesMayDangle`: a BGP `update-source` naming no interface of its router is
    /// not an error (routers accept it from configs, and the session is simply down, with that
    /// reason); for YAML it is a typo to report.
    public func validate(sessionSourcesMayDangle: Bool = false) -> [Diagnostic] {
        var bag = DiagnosticBag()
        validateAddresses(&bag)
        for router in routers { validateReferences(of: router, sessionSourcesMayDangle: sessionSourcesMayDangle, &bag) }
        validateLSPs(&bag)
        validateIPv6Links(&bag)
        return bag.all
    }

    /// /31 and /32 have no network or broadcast address (RFC 3021); IPv6 has no broadcast and
    /// routers accept any address of a subnet (RFC 6164 even numbers /127 links from 0).
    static func isNetworkOrBroadcast(_ address: IPAddress, in prefix: Prefix) -> Bool {
        prefix.isIPv4 && prefix.length < 31 && (address == prefix.network || address == prefix.lastAddress)
    }

    private func validateAddresses(_ bag: inout DiagnosticBag) {
        // Keyed by realm and address: VRF sites may reuse each other's addresses.
        let realms = addressRealms()
        struct Key: Hashable { var realm: Int; var address: IPAddress }
        func key(_ r: Int, _ address: IPAddress) -> Key { Key(realm: realms.indices.contains(r) ? realms[r] : 0, address: address) }
        var owners: [Key: (String, Interface)] = [:]
        for (r, router) in routers.enumerated() {
            for interface in router.interfaces {
                for assigned in interface.assignments {
                    validate(assigned, of: interface, on: router, realm: key(r, assigned.address), &owners, &bag)
                }
            }
        }
        for host in hosts {
            for address in host.addresses {
                if let (otherRouter, other) = owners[key(host.attachment.router, address)] {
                    bag.error("MODEL001", "address \(address) of host \(host.name) is already used by \(otherRouter) \(other.name) (\(other.location))",
                              at: host.location, hint: "give every host its own address")
                }
            }
            if routers.indices.contains(host.attachment.router),
               let subnet = routers[host.attachment.router].interfaces.dropFirst(host.attachment.interface).first?.prefix,
               subnet.length > 0, Self.isNetworkOrBroadcast(host.address, in: subnet) {
                bag.error("MODEL002", "address \(host.address) of host \(host.name) is the network or broadcast address of \(subnet)",
                          at: host.location, hint: "use a host address inside the subnet")
            }
        }
        // Subnets of different segments must not overlap; the two ends of one link share theirs.
        var segments: [(realm: Int, prefix: Prefix, owner: String, segment: String, location: SourceLocation)] = []
        var segmentOf: [InterfaceRef: String] = [:]
        for link in links { segmentOf[link.a] = "link \(link.name)"; segmentOf[link.b] = "link \(link.name)" }
        for (r, router) in routers.enumerated() {
            for (i, interface) in router.interfaces.enumerated() {
                let segment = segmentOf[InterfaceRef(router: r, interface: i)] ?? "\(router.name) \(interface.name)"
                for subnet in interface.subnets where interface.kind != .loopback || subnet.length < subnet.family.maxLength {
                    segments.append((realms[r], subnet, "\(router.name) \(interface.name)", segment, interface.location))
                }
            }
        }
        segments.sort { ($0.realm, $0.prefix) < ($1.realm, $1.prefix) }
        // After sorting by network address, an overlap can only be with an earlier prefix of the
        // same realm that contains this one.
        var open: [(realm: Int, prefix: Prefix, owner: String, segment: String, location: SourceLocation)] = []
        for entry in segments {
            while let last = open.last, last.realm != entry.realm || !last.prefix.contains(entry.prefix.network) { open.removeLast() }
            if let clash = open.last(where: { $0.segment != entry.segment }) {
                bag.error("MODEL003", "subnet \(entry.prefix) of \(entry.owner) overlaps \(clash.prefix) of \(clash.owner) (\(clash.location))",
                          at: entry.location, hint: "interfaces on different links or LANs need disjoint subnets")
            }
            open.append(entry)
        }
    }

    /// One address of an interface: unique in its realm (anycast loopbacks aside), and a usable
    /// host address of its subnet.
    private func validate<Key: Hashable>(_ assigned: InterfaceAddress, of interface: Interface, on router: Router, realm key: Key,
                                         _ owners: inout [Key: (String, Interface)], _ bag: inout DiagnosticBag) {
        if let (otherRouter, other) = owners[key] {
            // Anycast: one loopback address on several routers is legal; each delivers what reaches it.
            let anycast = interface.kind == .loopback && other.kind == .loopback && otherRouter != router.name
            if !anycast {
                bag.error("MODEL001", "address \(assigned.address) of \(router.name) \(interface.name) is already used by \(otherRouter) \(other.name) (\(other.location))",
                          at: interface.location, hint: "give every interface its own address (loopbacks on different routers may share one: anycast)")
            }
        } else {
            owners[key] = (router.name, interface)
        }
        if assigned.prefix.length == 0 {
            bag.error("MODEL002", "\(router.name) \(interface.name) has the prefix \(assigned.prefix), which covers every address",
                      at: interface.location, hint: interface.kind == .loopback ? "give a loopback a /32 (IPv6: /128)" : "use the link's subnet length, e.g. /31 or /30 (IPv6: /127 or /64)")
        } else if Self.isNetworkOrBroadcast(assigned.address, in: assigned.prefix) {
            // Loopbacks too: routers refuse a subnet's network or broadcast address on any interface.
            bag.error("MODEL002", "address \(assigned.address) of \(router.name) \(interface.name) is the network or broadcast address of \(assigned.prefix)",
                      at: interface.location, hint: "use a host address inside the subnet")
        }
    }

    /// One SPF serves both families (docs/ipv6.md): an IGP link between two dual-stack routers
    /// without IPv6 on both ends draws IPv6 paths it cannot carry, which are then lost.
    private func validateIPv6Links(_ bag: inout DiagnosticBag) {
        let dualStack = routers.map { $0.interfaces.contains { $0.ipv6 != nil } }
        for link in links where dualStack[link.a.router] && dualStack[link.b.router] && routers[link.a.router].asn == routers[link.b.router].asn {
            let a = routers[link.a.router].interfaces[link.a.interface], b = routers[link.b.router].interfaces[link.b.interface]
            guard a.igp == .active, b.igp == .active, a.ipv6 == nil || b.ipv6 == nil, a.address.isIPv4, b.address.isIPv4 else { continue }
            bag.warning("MODEL014", "link \(link.name) carries no IPv6 between dual-stack routers \(routers[link.a.router].name) and \(routers[link.b.router].name)",
                        at: link.location, hint: "IPv6 paths the IGP puts on it are lost (one SPF for both families, as IS-IS single topology); give both ends an IPv6 address")
        }
    }

    private func validateReferences(of router: Router, sessionSourcesMayDangle: Bool, _ bag: inout DiagnosticBag) {
        let policies = router.policies
        let trackIDs = Set(router.tracks.map(\.id))
        let slaIDs = Set(router.ipSLAs.map(\.id))
        func undefined(_ kind: String, _ name: String, _ known: some Sequence<String>, at location: SourceLocation) {
            let hint = Suggestion.didYouMean(name, in: known) ?? "define it on \(router.name) or fix the name"
            bag.error("MODEL010", "\(kind) '\(name)' is not defined on \(router.name)", at: location, hint: hint)
        }
        for route in router.staticRoutes {
            if let track = route.track, !trackIDs.contains(track) {
                undefined("track", String(track), trackIDs.sorted().map(String.init), at: route.location)
            }
            if case .interface(let name) = route.target, router.interfaceIndex(named: name) == nil {
                undefined("interface", name, router.interfaces.map(\.name), at: route.location)
            }
        }
        for track in router.tracks where !slaIDs.contains(track.sla) {
            undefined("ip-sla", String(track.sla), slaIDs.sorted().map(String.init), at: track.location)
        }
        for sla in router.ipSLAs {
            if let source = sla.sourceInterface, router.interfaceIndex(named: source) == nil {
                undefined("interface", source, router.interfaces.map(\.name), at: sla.location)
            }
        }
        func checkRouteMap(_ name: String?, at location: SourceLocation) {
            guard let name else { return }
            if policies.routeMaps[name] == nil { undefined("route-map", name, policies.routeMaps.keys, at: location) }
        }
        for routeMap in policies.routeMaps.values {
            for entry in routeMap.entries {
                for match in entry.matches {
                    switch match {
                    case .prefixList(let name) where policies.prefixLists[name] == nil:
                        undefined("prefix-list", name, policies.prefixLists.keys, at: entry.location)
                    case .communityList(let name) where policies.communityLists[name] == nil:
                        undefined("community-list", name, policies.communityLists.keys, at: entry.location)
                    case .asPathList(let name) where policies.asPathLists[name] == nil:
                        undefined("as-path-list", name, policies.asPathLists.keys, at: entry.location)
                    default: break
                    }
                }
            }
        }
        guard let bgp = router.bgp else { return }
        for redistribution in bgp.redistributions { checkRouteMap(redistribution.routeMap, at: redistribution.location) }
        var seen: [IPAddress: SourceLocation] = [:]
        for neighbor in bgp.neighbors where neighbor.vpn == nil {
            if let previous = seen[neighbor.address] {
                bag.error("MODEL011", "neighbor \(neighbor.address) is configured twice on \(router.name) (first at \(previous))", at: neighbor.location)
            }
            seen[neighbor.address] = neighbor.location
            checkRouteMap(neighbor.importPolicy, at: neighbor.location)
            checkRouteMap(neighbor.exportPolicy, at: neighbor.location)
            if let conditional = neighbor.conditionalAdvertisement {
                checkRouteMap(conditional.advertiseMap, at: neighbor.location)
                switch conditional.condition {
                case .exist(let name), .nonExist(let name): checkRouteMap(name, at: neighbor.location)
                case .routeExists: break
                }
            }
            if let source = neighbor.updateSource, router.interfaceIndex(named: source) == nil, !sessionSourcesMayDangle {
                undefined("interface", source, router.interfaces.map(\.name), at: neighbor.location)
            }
            if neighbor.routeReflectorClient && neighbor.remoteAS != router.asn {
                bag.error("MODEL012", "route-reflector-client on eBGP neighbor \(neighbor.address) of \(router.name)", at: neighbor.location,
                          hint: "route reflection applies to iBGP neighbors (same AS) only")
            }
        }
    }
}

extension Network {
    /// An LSP whose primary and secondary explicit strict paths share a link or a failure set
    /// (a shared-risk group): one failure takes both down (MODEL013, a warning).
    func validateLSPs(_ bag: inout DiagnosticBag) {
        func pathLinks(of path: LSPPath?, from head: String, to tail: String) -> [Int]? {
            guard let path, path.strict else { return nil }
            var names = [head] + path.hops
            if names.last != tail { names.append(tail) }
            var result: [Int] = []
            for (a, b) in zip(names, names.dropFirst()) {
                guard let index = links.firstIndex(where: { link in
                    let ends = Set([routers[link.a.router].name, routers[link.b.router].name])
                    return ends == Set([a, b])
                }) else { return nil }
                result.append(index)
            }
            return result
        }
        for router in routers {
            for lsp in router.lsps {
                guard let secondary = lsp.secondary, let first = pathLinks(of: lsp.primary, from: router.name, to: lsp.tail),
                      let second = pathLinks(of: secondary, from: router.name, to: lsp.tail) else { continue }
                let shared = Set(first).intersection(second).map { links[$0].name }.sorted()
                let groups = failureSets.filter { set in
                    let members = Set(set.links.compactMap { Link.lookup($0, in: linkIndex) })
                    return !members.isDisjoint(with: first) && !members.isDisjoint(with: second)
                }.map(\.name).sorted()
                guard !shared.isEmpty || !groups.isEmpty else { continue }
                let what = (shared.map { "link \($0)" } + groups.map { "failure set \($0)" }).joined(separator: ", ")
                let flag = secondary.srlgDiverse ? " although it is marked srlg-diverse" : ""
                bag.warning("MODEL013", "LSP \(router.name)/\(lsp.name): the secondary path shares \(what) with the primary\(flag): one failure takes both down",
                            at: secondary.location, hint: "route the secondary around it (other strict hops, or loose hops CSPF can route)")
            }
        }
    }
}
