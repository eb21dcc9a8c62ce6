import NetworkModel

extension NetworkBuilder {
    struct EndpointSpec {
        var router: Int
        var interfaceName: String?
        var address: (Prefix, IPAddress)?
        /// The endpoint's IPv6 address on a dual-stack link.
        var ipv6: (Prefix, IPAddress)?
        var cost: UInt32?
        var igp: IGPParticipation?
        var ldp: Bool?
        var ldpIGPSync: Bool?
        var rsvpBandwidth: UInt64?
        var teMetric: UInt32?
        var adminGroups: Set<String>?
        var linkProtection = true
        var timers = InterfaceTimerSettings()
        var node: YAMLNode
    }

    mutating func readLinks(_ node: YAMLNode) {
        for item in reader.sequence(node, "links") {
            var endpoints: [EndpointSpec] = []
            var explicitName: String?
            var cost: UInt32?
            var subnet: Prefix?
            var subnetIPv6: Prefix?
            var igp: IGPParticipation?
            var ldp: Bool?
            var ldpIGPSync: Bool?
            var rsvpBandwidth: UInt64?
            var teMetric: UInt32?
            var adminGroups: Set<String>?
            var linkProtection: Bool?
            var timers = InterfaceTimerSettings()
            switch item {
            case .scalar:
                guard let text = reader.string(item, "a link") else { continue }
                guard let pair = splitShorthand(text, at: item) else { continue }
                endpoints = [EndpointSpec(router: pair.0, node: item), EndpointSpec(router: pair.1, node: item)]
            default:
                guard let view = reader.mapping(item, "a link", keys: ["name", "endpoints", "cost", "subnet", "ipv6-subnet", "igp", "ldp", "ldp-igp-sync", "rsvp-bandwidth", "te-metric", "admin-groups", "link-protection", "timers"]) else { continue }
                if let n = view["link-protection"] { linkProtection = reader.bool(n, "link link-protection") }
                if let n = view["timers"] { timers = readInterfaceTimers(n, "link timers") }
                if let n = view["admin-groups"] { adminGroups = Set(reader.stringList(n, "link admin-groups").map(\.0)) }
                if let n = view["rsvp-bandwidth"] { rsvpBandwidth = reader.bandwidth(n, "link rsvp-bandwidth") }
                if let n = view["te-metric"] { teMetric = reader.integer(n, "link te-metric", range: 1...16_777_215).map(UInt32.init) }
                if let n = view["ldp"] { ldp = reader.bool(n, "link ldp") }
                if let n = view["ldp-igp-sync"] { ldpIGPSync = reader.bool(n, "link ldp-igp-sync") }
                if let n = view["name"] { explicitName = reader.string(n, "link name") }
                if let n = view["cost"], let value = reader.integer(n, "link cost", range: 1...16_777_215) { cost = UInt32(value) }
                if let n = view["subnet"], let parsed = reader.prefix(n, "link subnet") {
                    let room = parsed.prefix.family.maxLength - 1
                    if parsed.prefix.length > room { reader.error("LOAD005", "link subnet \(parsed.prefix) has no room for two addresses", at: n, hint: "use a /\(room) or shorter") } else { subnet = parsed.prefix }
                }
                if let n = view["ipv6-subnet"], let parsed = reader.prefix(n, "link ipv6-subnet") {
                    if parsed.prefix.isIPv4 || parsed.prefix.length > 127 {
                        reader.error("LOAD005", "link ipv6-subnet \(parsed.prefix) is not an IPv6 subnet with room for two addresses", at: n, hint: "use a /127 or /64")
                    } else { subnetIPv6 = parsed.prefix }
                }
                if let n = view["igp"] { igp = reader.choice(n, "link igp", IGPParticipation.self) }
                guard let endpointsNode = view["endpoints"] else {
                    reader.error("LOAD004", "link has no 'endpoints'", at: item, hint: "write 'endpoints: [R1, R2]' or the shorthand '- R1-R2'")
                    continue
                }
                let list = reader.sequence(endpointsNode, "link endpoints")
                if list.count != 2 {
                    // An empty or null list is reported too: a link must never vanish silently.
                    reader.error("LOAD005", "a link has exactly two endpoints, found \(list.count)", at: endpointsNode,
                                 hint: list.isEmpty ? "write 'endpoints: [R1, R2]' or delete the link" : "model a LAN with 'interfaces' or 'hosts'")
                    continue
                }
                endpoints = list.compactMap { readEndpoint($0) }
            }
            guard endpoints.count == 2 else { continue }
            if endpoints[0].router == endpoints[1].router {
                reader.error("LOAD005", "link connects \(drafts[endpoints[0].router].name) to itself", at: item)
                continue
            }
            if let ldp { for i in endpoints.indices where endpoints[i].ldp == nil { endpoints[i].ldp = ldp } }
            if let ldpIGPSync { for i in endpoints.indices where endpoints[i].ldpIGPSync == nil { endpoints[i].ldpIGPSync = ldpIGPSync } }
            for i in endpoints.indices {
                endpoints[i].rsvpBandwidth = endpoints[i].rsvpBandwidth ?? rsvpBandwidth
                endpoints[i].teMetric = endpoints[i].teMetric ?? teMetric
                endpoints[i].adminGroups = endpoints[i].adminGroups ?? adminGroups
                endpoints[i].linkProtection = linkProtection ?? true
                endpoints[i].timers = timers
            }
            addLink(endpoints, name: explicitName, cost: cost, subnet: subnet, subnetIPv6: subnetIPv6, igp: igp, node: item)
        }
    }

    /// `R1-R2`; router names may contain '-', so every split point is tried.
    func splitShorthand(_ text: String, at node: YAMLNode) -> (Int, Int)? {
        let characters = Array(text)
        var matches: [(Int, Int)] = []
        for (offset, character) in characters.enumerated() where character == "-" {
            let left = String(characters[..<offset]), right = String(characters[(offset + 1)...])
            if let a = draftIndex[left], let b = draftIndex[right] { matches.append((a, b)) }
        }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            reader.error("LOAD005", "link '\(text)' can be split into router names in more than one way", at: node, hint: "use 'endpoints: [A, B]'")
            return nil
        }
        let parts = text.split(separator: "-", maxSplits: 1).map(String.init)
        let unknown = parts.first { draftIndex[$0] == nil } ?? text
        let hint = Suggestion.didYouMean(unknown, in: draftIndex.keys) ?? "write links as ROUTER-ROUTER with declared router names"
        reader.error("LOAD007", "link '\(text)' does not name two declared routers ('\(unknown)' is unknown)", at: node, hint: hint)
        return nil
    }

    func readEndpoint(_ node: YAMLNode) -> EndpointSpec? {
        if case .scalar = node {
            return routerRef(node, "link endpoint").map { EndpointSpec(router: $0, node: node) }
        }
        guard let view = reader.mapping(node, "a link endpoint", keys: ["router", "interface", "address", "ipv6", "cost", "igp", "ldp", "ldp-igp-sync", "rsvp-bandwidth", "te-metric"]) else { return nil }
        guard let routerNode = view["router"] else {
            reader.error("LOAD004", "link endpoint has no 'router'", at: node)
            return nil
        }
        guard let router = routerRef(routerNode, "link endpoint router") else { return nil }
        var spec = EndpointSpec(router: router, node: node)
        if let n = view["interface"] { spec.interfaceName = reader.string(n, "endpoint interface") }
        if let n = view["address"] { spec.address = readInterfaceAddress(n, "endpoint address", defaultLength: nil) }
        if let n = view["ipv6"], let parsed = readInterfaceAddress(n, "endpoint ipv6", defaultLength: nil) {
            if parsed.0.isIPv4 { reader.error("LOAD005", "endpoint ipv6 \(parsed.1) is an IPv4 address", at: n, hint: "IPv4 goes under 'address'") } else { spec.ipv6 = parsed }
        }
        if let n = view["cost"], let value = reader.integer(n, "endpoint cost", range: 1...16_777_215) { spec.cost = UInt32(value) }
        if let n = view["igp"] { spec.igp = reader.choice(n, "endpoint igp", IGPParticipation.self) }
        if let n = view["ldp"] { spec.ldp = reader.bool(n, "endpoint ldp") }
        if let n = view["ldp-igp-sync"] { spec.ldpIGPSync = reader.bool(n, "endpoint ldp-igp-sync") }
        if let n = view["rsvp-bandwidth"] { spec.rsvpBandwidth = reader.bandwidth(n, "endpoint rsvp-bandwidth") }
        if let n = view["te-metric"] { spec.teMetric = reader.integer(n, "endpoint te-metric", range: 1...16_777_215).map(UInt32.init) }
        return spec
    }

    mutating func addLink(_ endpoints: [EndpointSpec], name explicitName: String?, cost: UInt32?, subnet: Prefix?, subnetIPv6: Prefix? = nil,
                          igp: IGPParticipation?, node: YAMLNode) {
        let location = reader.location(node)
        let a = endpoints[0], b = endpoints[1]
        var name = explicitName ?? "\(drafts[a.router].name)-\(drafts[b.router].name)"
        if explicitName == nil {
            var counter = 2
            while linkIndex[name] != nil { name = "\(drafts[a.router].name)-\(drafts[b.router].name)#\(counter)"; counter += 1 }
        } else if let existing = linkIndex[name] {
            reader.error("LOAD006", "link name '\(name)' is used twice (first at \(links[existing].location))", at: node)
            return
        }
        // Addresses: explicit per endpoint, else from the link subnet, else the next /31 of the pool.
        var addresses: [(Prefix, IPAddress)] = []
        if let first = a.address, let second = b.address {
            if first.0 != second.0 {
                reader.error("LOAD005", "link \(name) endpoints are in different subnets (\(first.0) and \(second.0))", at: node, hint: "give both ends addresses in one subnet")
                return
            }
            addresses = [first, second]
        } else if a.address != nil || b.address != nil {
            reader.error("LOAD004", "link \(name) gives an address for one endpoint only", at: node, hint: "give both endpoint addresses, or neither to allocate a /31")
            return
        } else if let subnet {
            let base = subnet.network.advanced(by: subnet.length >= subnet.family.maxLength - 1 ? 0 : 1)
            addresses = [(subnet, base), (subnet, base.advanced(by: 1))]
        } else {
            let offset = p2pNext * 2
            guard offset + 1 < p2pPool.addressCount else {
                reader.error("LOAD011", "p2p pool \(p2pPool) has no /31 left for link \(name)", at: node, hint: "use a larger addressing.p2p pool")
                return
            }
            p2pNext += 1
            let base = p2pPool.network.advanced(by: UInt64(offset))
            let prefix = Prefix(network: base, length: p2pPool.family.maxLength - 1)
            addresses = [(prefix, base), (prefix, base.advanced(by: 1))]
        }
        guard let addressesIPv6 = linkAddressesIPv6(a, b, name: name, subnet: subnetIPv6, primary: addresses[0].0, node: node) else { return }
        let sameAS = drafts[a.router].asn == drafts[b.router].asn
        var refs: [InterfaceRef] = []
        for (position, endpoint) in endpoints.enumerated() {
            var draft = drafts[endpoint.router]
            let interfaceName: String
            if let requested = endpoint.interfaceName {
                if draft.interfaces.contains(where: { $0.name == requested }) {
                    reader.error("LOAD006", "interface \(requested) of \(draft.name) is used twice", at: endpoint.node)
                    return
                }
                interfaceName = requested
            } else {
                interfaceName = draft.allocateName(prefix: "eth")
            }
            let participation = endpoint.igp ?? igp ?? (sameAS ? .active : .off)
            draft.interfaces.append(Interface(name: interfaceName, kind: .link, address: addresses[position].1, prefix: addresses[position].0,
                                              igp: participation, cost: endpoint.cost ?? cost ?? 10, location: reader.location(endpoint.node)))
            if addressesIPv6.indices.contains(position) {
                let v6 = addressesIPv6[position]
                draft.interfaces[draft.interfaces.count - 1].ipv6 = InterfaceAddress(address: v6.1, prefix: v6.0)
            }
            if let ldp = endpoint.ldp { draft.interfaces[draft.interfaces.count - 1].ldp = ldp }
            draft.interfaces[draft.interfaces.count - 1].ldpIGPSync = endpoint.ldpIGPSync
            draft.interfaces[draft.interfaces.count - 1].rsvpBandwidth = endpoint.rsvpBandwidth
            draft.interfaces[draft.interfaces.count - 1].teMetric = endpoint.teMetric
            draft.interfaces[draft.interfaces.count - 1].adminGroups = endpoint.adminGroups ?? []
            draft.interfaces[draft.interfaces.count - 1].linkProtection = endpoint.linkProtection
            draft.interfaces[draft.interfaces.count - 1].timers = endpoint.timers
            refs.append(InterfaceRef(router: endpoint.router, interface: draft.interfaces.count - 1))
            drafts[endpoint.router] = draft
        }
        linkIndex[name] = links.count
        links.append(Link(name: name, a: refs[0], b: refs[1], location: location))
    }

    /// A link's IPv6 addresses: per endpoint, else from `ipv6-subnet`, else the next /127 of the
    /// IPv6 pool when one is set; none on an IPv6-only link (its first addresses are IPv6).
    /// nil: an error was reported.
    mutating func linkAddressesIPv6(_ a: EndpointSpec, _ b: EndpointSpec, name: String, subnet: Prefix?, primary: Prefix, node: YAMLNode) -> [(Prefix, IPAddress)]? {
        let given = [a.ipv6, b.ipv6].compactMap { $0 }
        if !primary.isIPv4 {
            if !given.isEmpty || subnet != nil {
                reader.error("LOAD005", "link \(name) is IPv6 already (\(primary)); it takes no second IPv6 address", at: node, hint: "give the IPv4 addresses under 'address'/'subnet'")
                return nil
            }
            return []
        }
        if given.count == 2 {
            guard given[0].0 == given[1].0 else {
                reader.error("LOAD005", "link \(name) endpoints are in different IPv6 subnets (\(given[0].0) and \(given[1].0))", at: node, hint: "give both ends addresses in one subnet")
                return nil
            }
            return given
        }
        if given.count == 1 {
            reader.error("LOAD004", "link \(name) gives an IPv6 address for one endpoint only", at: node, hint: "give both endpoint ipv6 addresses, or neither")
            return nil
        }
        if let subnet {
            let base = subnet.network.advanced(by: subnet.length == 127 ? 0 : 1)
            return [(subnet, base), (subnet, base.advanced(by: 1))]
        }
        guard let pool = p2pPoolIPv6 else { return [] }
        let offset = p2pNextIPv6 * 2
        guard pool.length >= 64 ? offset + 1 < pool.addressCount : true else {
            reader.error("LOAD011", "p2p-ipv6 pool \(pool) has no /127 left for link \(name)", at: node, hint: "use a larger addressing.p2p-ipv6 pool")
            return nil
        }
        p2pNextIPv6 += 1
        let base = pool.network.advanced(by: offset)
        let prefix = Prefix(network: base, length: 127)
        return [(prefix, base), (prefix, base.advanced(by: 1))]
    }

    /// A dual-stack host's IPv6 address: on its LAN's IPv6 subnet, which the LAN takes from the
    /// first host that gives one (gateway: `gateway-ipv6`, else the subnet's first address).
    func hostIPv6(_ node: YAMLNode, _ gatewayNode: YAMLNode?, host name: String, lan: inout Interface) -> IPAddress? {
        guard let (prefix, address) = readInterfaceAddress(node, "ipv6 of host \(name)", defaultLength: nil) else { return nil }
        guard !prefix.isIPv4, lan.address.isIPv4, prefix.length <= 126 else {
            reader.error("LOAD005", "ipv6 of host \(name) must be an IPv6 address with room for a gateway, on a host whose 'address' is IPv4", at: node,
                         hint: "for example ipv6: 2001:db8:1::10/64")
            return nil
        }
        if let existing = lan.ipv6 {
            guard existing.prefix == prefix else {
                reader.error("LOAD005", "host \(name) ipv6 \(prefix) is not the LAN's IPv6 subnet \(existing.prefix)", at: node, hint: "hosts on one LAN share its subnet")
                return nil
            }
        } else {
            var gateway = prefix.network.advanced(by: 1)
            if let gatewayNode, let given = reader.address(gatewayNode, "gateway-ipv6 of host \(name)") {
                guard prefix.contains(given) else { reader.error("LOAD005", "gateway-ipv6 \(given) of host \(name) is outside \(prefix)", at: gatewayNode); return nil }
                gateway = given
            }
            lan.ipv6 = InterfaceAddress(address: gateway, prefix: prefix)
        }
        if lan.ipv6?.address == address {
            reader.error("LOAD005", "host \(name) has the IPv6 gateway address \(address)", at: node, hint: "pick another host address or set 'gateway-ipv6'")
            return nil
        }
        return address
    }

    mutating func readHosts(_ node: YAMLNode) {
        for (name, keyNode, value) in reader.namedEntries(node, "hosts") {
            if hostIndex[name] != nil || draftIndex[name] != nil {
                reader.error("LOAD006", "host name '\(name)' is already used by a \(draftIndex[name] != nil ? "router" : "host")", at: keyNode)
                continue
            }
            guard let view = reader.mapping(value, "host \(name)", keys: ["router", "address", "gateway", "interface", "ipv6", "gateway-ipv6"]) else { continue }
            guard let routerNode = view["router"], let addressNode = view["address"] else {
                reader.error("LOAD004", "host \(name) needs 'router' and 'address'", at: keyNode, hint: "for example { router: R1, address: 198.51.100.10/25 }")
                continue
            }
            guard let router = routerRef(routerNode, "router of host \(name)"),
                  let (prefix, address) = readInterfaceAddress(addressNode, "address of host \(name)", defaultLength: nil) else { continue }
            if prefix.length > prefix.family.maxLength - 2 {
                reader.error("LOAD005", "host \(name) subnet \(prefix) leaves no room for a gateway", at: addressNode, hint: "use a /\(prefix.family.maxLength - 2) or larger LAN")
                continue
            }
            var draft = drafts[router]
            let interfaceIndex: Int
            if let existing = draft.interfaces.firstIndex(where: { $0.kind == .lan && $0.prefix == prefix }) {
                interfaceIndex = existing
            } else {
                var gateway = prefix.network.advanced(by: 1)
                if let n = view["gateway"], let value = reader.address(n, "gateway of host \(name)") {
                    if !prefix.contains(value) { reader.error("LOAD005", "gateway \(value) of host \(name) is outside \(prefix)", at: n); continue }
                    gateway = value
                }
                var interfaceName = draft.allocateName(prefix: "lan")
                if let n = view["interface"], let requested = reader.string(n, "interface of host \(name)") { interfaceName = requested }
                draft.interfaces.append(Interface(name: interfaceName, kind: .lan, address: gateway, prefix: prefix, igp: .passive, location: reader.location(keyNode)))
                interfaceIndex = draft.interfaces.count - 1
            }
            if draft.interfaces[interfaceIndex].address == address {
                reader.error("LOAD005", "host \(name) has the gateway address \(address) of \(draft.name)", at: addressNode, hint: "pick another host address or set 'gateway'")
                continue
            }
            var host = Host(name: name, attachment: InterfaceRef(router: router, interface: interfaceIndex), address: address, location: reader.location(keyNode))
            if let n = view["ipv6"] {
                guard let v6 = hostIPv6(n, view["gateway-ipv6"], host: name, lan: &draft.interfaces[interfaceIndex]) else { continue }
                host.ipv6 = v6
            }
            drafts[router] = draft
            hostIndex[name] = hosts.count
            hosts.append(host)
        }
    }

    mutating func readFlows(_ node: YAMLNode) -> [Flow] {
        var flows: [Flow] = []
        var names: Set<String> = []
        for item in reader.sequence(node, "flows") {
            guard let view = reader.mapping(item, "a flow", keys: ["name", "from", "to", "family"]) else { continue }
            guard let fromNode = view["from"], let toNode = view["to"] else {
                reader.error("LOAD004", "a flow needs 'from' and 'to'", at: item, hint: "for example { from: client, to: 203.0.113.10 }")
                continue
            }
            guard let source = reader.string(fromNode, "flow source") else { continue }
            if hostIndex[source] == nil && draftIndex[source] == nil {
                let hint = Suggestion.didYouMean(source, in: Array(hostIndex.keys) + Array(draftIndex.keys)) ?? "name a host or router"
                reader.error("LOAD007", "flow source '\(source)' is not a host or router", at: fromNode, hint: hint)
                continue
            }
            let family = view["family"].flatMap { reader.choice($0, "flow family", AddressFamily.self) }
            guard let (destination, destinationName) = endpointAddress(toNode, "flow destination", family: family) else { continue }
            var name = "\(source)->\(destinationName ?? destination.description)"
            if family == .ipv6, destinationName != nil, view["name"] == nil { name += " (ipv6)" }
            if let n = view["name"], let given = reader.string(n, "flow name") { name = given }
            if names.contains(name) {
                reader.error("LOAD006", "flow name '\(name)' is used twice", at: item)
                continue
            }
            names.insert(name)
            flows.append(Flow(name: name, source: source, destination: destination, destinationName: destinationName, location: reader.location(item)))
        }
        return flows
    }

    /// A host name, a router name (its first loopback) or an address; for a name, its address in
    /// `family` (nil: its first address).
    func endpointAddress(_ node: YAMLNode, _ what: String, family: AddressFamily? = nil) -> (IPAddress, String?)? {
        guard let text = reader.string(node, what) else { return nil }
        if let address = IPAddress(text) { return (address, nil) }
        func named(_ address: IPAddress?) -> (IPAddress, String?)? {
            guard let address else {
                reader.error("LOAD007", "\(what) '\(text)' has no \(family?.displayName ?? "") address", at: node, hint: "give it one, or drop 'family'")
                return nil
            }
            return (address, text)
        }
        if let host = hostIndex[text] { return named(family.map { hosts[host].address(in: $0) } ?? hosts[host].address) }
        if let router = draftIndex[text], let loopback = drafts[router].interfaces.first(where: { $0.kind == .loopback }) {
            return named(family.map { loopback.assignment(in: $0)?.address } ?? loopback.address)
        }
        let hint = Suggestion.didYouMean(text, in: Array(hostIndex.keys) + Array(draftIndex.keys)) ?? "give an address, a host or a router"
        reader.error("LOAD007", "\(what) '\(text)' is not an address, host or router", at: node, hint: hint)
        return nil
    }

    mutating func readFailureSets(_ node: YAMLNode) -> [FailureSet] {
        var sets: [FailureSet] = []
        for (name, keyNode, value) in reader.namedEntries(node, "failure-sets") {
            guard let view = reader.mapping(value, "failure set \(name)", keys: ["links", "routers"]) else { continue }
            var linkNames: [String] = [], routerNames: [String] = []
            if let n = view["links"] {
                for (linkName, item) in reader.stringList(n, "links of failure set \(name)") {
                    if let index = Link.lookup(linkName, in: linkIndex) { linkNames.append(links[index].name) } else {
                        let hint = Suggestion.didYouMean(linkName, in: linkIndex.keys) ?? "link names are listed by 'routesim simulate'"
                        reader.error("LOAD007", "failure set \(name) names unknown link '\(linkName)'", at: item, hint: hint)
                    }
                }
            }
            if let n = view["routers"] {
                for (routerName, item) in reader.stringList(n, "routers of failure set \(name)") {
                    if draftIndex[routerName] != nil { routerNames.append(routerName) } else {
                        let hint = Suggestion.didYouMean(routerName, in: draftIndex.keys)
                        reader.error("LOAD007", "failure set \(name) names unknown router '\(routerName)'", at: item, hint: hint)
                    }
                }
            }
            sets.append(FailureSet(name: name, links: linkNames, routers: routerNames, location: reader.location(keyNode)))
        }
        return sets
    }
}
