import NetworkModel

/// Turns the composed YAML tree into a Network. Reads in dependency order: ASes and shared
/// policies, routers' addressing, links, hosts, then everything that refers to those.
struct NetworkBuilder {
    var reader: YAMLReader

    struct RouterDraft {
        var name: String
        var node: YAMLNode
        var view: MappingView
        var asn: ASN
        var routerID: IPAddress?
        var role: RouterRole = .generic
        var interfaces: [Interface] = []
        var nextEthernet = 1
        var nextLAN = 1
        var location: SourceLocation

        mutating func allocateName(prefix: String) -> String {
            while true {
                let candidate: String
                if prefix == "eth" { candidate = "eth\(nextEthernet)"; nextEthernet += 1 } else { candidate = "lan\(nextLAN)"; nextLAN += 1 }
                if !interfaces.contains(where: { $0.name == candidate }) { return candidate }
            }
        }
    }

    var networkName = "network"
    /// `vendor:` at the top: every router's dialect unless it names its own (Cisco IOS by default).
    var networkDialect = VendorDialect.ios
    var ases: [ASN: AutonomousSystem] = [:]
    var declaredASes = false
    var globalPolicies = PolicySet()
    var p2pPool = Prefix(network: IPAddress(0x0AFE_0000), length: 16)       // 10.254.0.0/16
    var loopbackPool = Prefix(network: IPAddress(0x0AFF_0000), length: 16)  // 10.255.0.0/16
    /// IPv6 pools (`addressing.p2p-ipv6`, `addressing.loopback-ipv6`): when set, every link
    /// without IPv6 addresses gets the next /127 (RFC 6164) and every router's automatic
    /// loopback a /128 as well (a dual-stack network).
    var p2pPoolIPv6: Prefix?
    var loopbackPoolIPv6: Prefix?
    var p2pNextIPv6: UInt64 = 0
    var p2pNext: UInt64 = 0
    var drafts: [RouterDraft] = []
    var draftIndex: [String: Int] = [:]
    var links: [Link] = []
    var linkIndex: [String: Int] = [:]
    var hosts: [Host] = []
    var hostIndex: [String: Int] = [:]
    /// Drafts that are VRF instances (`vrfs:` of a router), by draft index.
    var vrfOfDraft: [Int: VRFInstance] = [:]

    init(reader: YAMLReader) { self.reader = reader }

    static let topKeys = ["name", "description", "vendor", "addressing", "ases", "policies", "routers", "links", "hosts", "flows", "failure-sets"]

    mutating func build(_ root: YAMLNode) -> Network? {
        guard let top = reader.mapping(root, "the topology", keys: Self.topKeys) else { return nil }
        if let node = top["name"], let name = reader.string(node, "name") { networkName = name }
        if let node = top["description"] { _ = reader.string(node, "description") }
        if let node = top["vendor"], let dialect = reader.choice(node, "vendor", VendorDialect.self) { networkDialect = dialect }
        if let node = top["addressing"] { readAddressing(node) }
        if let node = top["ases"] { readASes(node) }
        if let node = top["policies"] { globalPolicies = readPolicies(node, "policies") }
        guard let routersNode = top["routers"] else {
            reader.error("LOAD004", "the topology has no 'routers' section", at: root, hint: "declare at least one router; see docs/topology-format.md")
            return nil
        }
        readRouterAddressing(routersNode)
        if let node = top["links"] { readLinks(node) }
        if let node = top["hosts"] { readHosts(node) }
        var routers: [Router] = []
        for index in drafts.indices { routers.append(finishRouter(index)) }
        for (index, instance) in vrfOfDraft {
            // An instance speaks for its PE: same dialect and router ID.
            routers[index].vrf = instance
            routers[index].dialect = routers[instance.host].dialect
            routers[index].routerID = routers[instance.host].routerID
            // The PE's IGP is the core's; a VRF's interfaces are not in it.
            for i in routers[index].interfaces.indices { routers[index].interfaces[i].igp = .off }
        }
        var flows: [Flow] = []
        if let node = top["flows"] { flows = readFlows(node) }
        var failureSets: [FailureSet] = []
        if let node = top["failure-sets"] { failureSets = readFailureSets(node) }
        var routersPerAS: [ASN: Int] = [:]
        for router in routers { routersPerAS[router.asn, default: 0] += 1 }
        for router in routers where ases[router.asn] == nil {
            // A single-router AS needs no IGP; several routers in an undeclared AS usually mean a typo.
            if declaredASes && routersPerAS[router.asn, default: 0] > 1 {
                reader.bag.warning("LOAD012", "AS \(router.asn) of \(router.name) is not declared under 'ases'; it runs no IGP",
                                   at: router.location, hint: "declare it under 'ases' with an igp, or check the number")
            }
            ases[router.asn] = AutonomousSystem(asn: router.asn, location: router.location)
        }
        var network = Network(name: networkName, sourceFile: reader.file, autonomousSystems: ases, routers: routers,
                              links: links, hosts: hosts, flows: flows, failureSets: failureSets)
        network.connectingVPNs()
        return network
    }

    // MARK: addressing and ASes

    mutating func readAddressing(_ node: YAMLNode) {
        guard let view = reader.mapping(node, "addressing", keys: ["p2p", "loopback", "p2p-ipv6", "loopback-ipv6"]) else { return }
        func pool(_ key: String, _ family: AddressFamily, room: UInt8) -> Prefix? {
            guard let n = view[key], let pool = reader.prefix(n, "addressing.\(key)")?.prefix else { return nil }
            guard pool.family == family else {
                reader.error("LOAD005", "addressing.\(key) \(pool) is not an \(family.displayName) prefix", at: n,
                             hint: family == .ipv4 ? "IPv6 pools go under p2p-ipv6 and loopback-ipv6" : "for example 2001:db8:ffff::/64")
                return nil
            }
            guard pool.length <= room else {
                reader.error("LOAD005", "addressing.\(key) \(pool) is too small for a /\(room == 31 || room == 127 ? room : room + 1)", at: n)
                return nil
            }
            return pool
        }
        if let p = pool("p2p", .ipv4, room: 31) { p2pPool = p }
        if let p = pool("loopback", .ipv4, room: 31) { loopbackPool = p }
        p2pPoolIPv6 = pool("p2p-ipv6", .ipv6, room: 127)
        loopbackPoolIPv6 = pool("loopback-ipv6", .ipv6, room: 127)
    }

    mutating func readASes(_ node: YAMLNode) {
        declaredASes = true
        for (number, keyNode, value) in reader.numberedEntries(node, "ases", label: "AS number", range: 1...Int(UInt32.max)) {
            let asn = ASN(number)
            let location = reader.location(keyNode)
            var system = AutonomousSystem(asn: asn, location: location)
            if !reader.isNull(value), let view = reader.mapping(value, "AS \(asn)", keys: ["name", "igp"]) {
                if let n = view["name"] { system.name = reader.string(n, "AS \(asn) name") }
                if let n = view["igp"] { system.igp = readIGP(n, asn: asn) }
            }
            ases[asn] = system
        }
    }

    func readIGP(_ node: YAMLNode, asn: ASN) -> IGPConfig? {
        let what = "igp of AS \(asn)"
        if case .scalar(let scalar) = node {
            if scalar.string.lowercased() == "none" { return nil }
            guard let kind = reader.choice(node, what, IGPProtocol.self) else { return nil }
            return IGPConfig(protocolKind: kind, location: reader.location(node))
        }
        guard let view = reader.mapping(node, what, keys: ["protocol", "redistribute", "metric"]) else { return nil }
        guard let protocolNode = view["protocol"] else {
            reader.error("LOAD004", "\(what) needs 'protocol' (ospf or isis)", at: node)
            return nil
        }
        guard let kind = reader.choice(protocolNode, "\(what) protocol", IGPProtocol.self) else { return nil }
        var config = IGPConfig(protocolKind: kind, location: reader.location(node))
        if let n = view["redistribute"] {
            for (source, item) in reader.stringList(n, "\(what) redistribute") {
                switch source.lowercased() {
                case "static": config.redistributeStatic = true
                case "connected": config.redistributeConnected = true
                default:
                    reader.error("LOAD005", "\(what) cannot redistribute '\(source)'", at: item, hint: "use static or connected")
                }
            }
        }
        if let n = view["metric"], let metric = reader.integer(n, "\(what) metric", range: 0...16_777_215) {
            config.externalMetric = UInt32(metric)
        }
        return config
    }

    // MARK: routers, phase 1: identity and interfaces

    static let routerKeys = ["asn", "router-id", "role", "vendor", "loopbacks", "interfaces", "static-routes", "ip-sla", "tracks",
                             "policies", "bgp", "distances", "mpls", "lsps", "vrfs", "timers"]

    mutating func readRouterAddressing(_ node: YAMLNode) {
        let entries = reader.namedEntries(node, "routers")
        if entries.isEmpty && !reader.isNull(node) { return }
        if entries.isEmpty { reader.error("LOAD004", "'routers' is empty", at: node, hint: "declare at least one router"); return }
        for (position, (name, keyNode, value)) in entries.enumerated() {
            if let existing = draftIndex[name] {
                reader.error("LOAD006", "router '\(name)' is declared twice (first at \(drafts[existing].location))", at: keyNode)
                continue
            }
            if name.contains(where: { $0.isWhitespace }) {
                reader.error("LOAD005", "router name '\(name)' contains white space", at: keyNode, hint: "use letters, digits, '-', '_' or '.'")
                continue
            }
            guard let view = reader.mapping(value, "router \(name)", keys: Self.routerKeys) else { continue }
            // A router with a bad or missing asn is still registered (as AS 0) so that references
            // to it do not cascade into more errors; the error already blocks the load.
            var asn: ASN = 0
            if let asnNode = view["asn"] {
                asn = reader.asn(asnNode, "asn of \(name)") ?? 0
            } else {
                reader.error("LOAD004", "router \(name) has no 'asn'", at: keyNode, hint: "add 'asn: <number>'")
            }
            var draft = RouterDraft(name: name, node: value, view: view, asn: asn, location: reader.location(keyNode))
            if let n = view["role"], let role = reader.choice(n, "role of \(name)", RouterRole.self) { draft.role = role }
            if let n = view["router-id"] { draft.routerID = reader.address(n, "router-id of \(name)") }
            if let n = view["loopbacks"] {
                for (interfaceName, key, value) in reader.namedEntries(n, "loopbacks of \(name)") {
                    // One address, or a list of one per family (dual stack).
                    let items: [YAMLNode] = if case .sequence = value { reader.sequence(value, "loopback \(interfaceName) of \(name)") } else { [value] }
                    let assigned = items.compactMap { item in
                        readInterfaceAddress(item, "loopback \(interfaceName) of \(name)", defaultLength: nil, hostLength: true).map { (InterfaceAddress(address: $0.1, prefix: $0.0), item) }
                    }
                    guard let first = assigned.first?.0 else { continue }
                    var interface = Interface(name: interfaceName, kind: .loopback, address: first.address, prefix: first.prefix,
                                              igp: .passive, cost: 0, location: reader.location(key))
                    if let problem = setSecondFamily(assigned.dropFirst().map(\.0), on: &interface) { reader.error("LOAD005", "loopback \(interfaceName) of \(name) \(problem)", at: assigned[1].1) }
                    draft.interfaces.append(interface)
                }
            } else {
                let offset = UInt64(position + 1)
                if offset < loopbackPool.addressCount - 1 {
                    let address = loopbackPool.network.advanced(by: offset)
                    var loopback = Interface(name: "lo0", kind: .loopback, address: address, prefix: Prefix(network: address, length: 32),
                                             igp: .passive, cost: 0, location: draft.location)
                    if let pool = loopbackPoolIPv6 {
                        if offset < pool.addressCount - 1 {
                            let address = pool.network.advanced(by: offset)
                            loopback.ipv6 = InterfaceAddress(address: address, prefix: Prefix(network: address, length: 128))
                        } else {
                            reader.error("LOAD011", "loopback pool \(pool) has no address left for \(name)", at: keyNode, hint: "use a larger addressing.loopback-ipv6 pool")
                        }
                    }
                    draft.interfaces.append(loopback)
                } else {
                    reader.error("LOAD011", "loopback pool \(loopbackPool) has no address left for \(name)", at: keyNode, hint: "use a larger addressing.loopback pool")
                }
            }
            if let n = view["interfaces"] { readInterfaces(n, into: &draft) }
            draftIndex[name] = drafts.count
            drafts.append(draft)
            if let n = view["vrfs"] { readVRFs(n, host: drafts.count - 1) }
        }
    }

    /// `interfaces:` of a router or VRF: LAN interfaces with their addresses.
    func readInterfaces(_ n: YAMLNode, into draft: inout RouterDraft) {
        let name = draft.name
        for (interfaceName, key, value) in reader.namedEntries(n, "interfaces of \(name)") {
            if draft.interfaces.contains(where: { $0.name == interfaceName }) {
                reader.error("LOAD006", "interface \(interfaceName) is declared twice on \(name)", at: key)
                continue
            }
            guard let view = reader.mapping(value, "interface \(interfaceName) of \(name)", keys: ["address", "ipv6", "igp", "cost", "shutdown", "ldp"]) else { continue }
            guard let addressNode = view["address"] else {
                reader.error("LOAD004", "interface \(interfaceName) of \(name) has no 'address'", at: key, hint: "add 'address: a.b.c.d/len'")
                continue
            }
            guard let (prefix, address) = readInterfaceAddress(addressNode, "address of \(name) \(interfaceName)", defaultLength: nil) else { continue }
            var interface = Interface(name: interfaceName, kind: .lan, address: address, prefix: prefix, igp: .passive, location: reader.location(key))
            if let n = view["ipv6"], let (prefix6, address6) = readInterfaceAddress(n, "ipv6 of \(name) \(interfaceName)", defaultLength: nil),
               let problem = setSecondFamily([InterfaceAddress(address: address6, prefix: prefix6)], on: &interface) {
                reader.error("LOAD005", "interface \(interfaceName) of \(name) \(problem)", at: n, hint: "give its IPv4 address under 'address' and its IPv6 one under 'ipv6'")
            }
            if let n = view["igp"], let igp = reader.choice(n, "igp of \(name) \(interfaceName)", IGPParticipation.self) { interface.igp = igp }
            if let n = view["cost"], let cost = reader.integer(n, "cost of \(name) \(interfaceName)", range: 1...16_777_215) { interface.cost = UInt32(cost) }
            if let n = view["shutdown"], let shutdown = reader.bool(n, "shutdown of \(name) \(interfaceName)") { interface.shutdown = shutdown }
            if let n = view["ldp"], let ldp = reader.bool(n, "ldp of \(name) \(interfaceName)") { interface.ldp = ldp }
            draft.interfaces.append(interface)
        }
    }

    /// `a.b.c.d/len`, or a bare address when a default length applies (loopbacks: /32).
    /// `hostLength`: an address without `/len` is a host route (/32 or /128).
    func readInterfaceAddress(_ node: YAMLNode, _ what: String, defaultLength: UInt8?, hostLength: Bool = false) -> (Prefix, IPAddress)? {
        if defaultLength != nil || hostLength, let text = node.scalar?.string, !text.contains("/") {
            guard let address = reader.address(node, what) else { return nil }
            return (Prefix(network: address, length: hostLength ? address.family.maxLength : defaultLength ?? 32), address)
        }
        guard let parsed = reader.prefix(node, what, allowHostBits: true) else { return nil }
        return (parsed.prefix, parsed.address)
    }

    /// Gives a dual-stack interface its second address: one IPv4 and one IPv6 at most, the
    /// IPv4 one first. Returns what is wrong, if anything.
    func setSecondFamily(_ more: [InterfaceAddress], on interface: inout Interface) -> String? {
        guard let second = more.first else { return nil }
        guard more.count == 1 else { return "has more than two addresses (one per family)" }
        let first = InterfaceAddress(address: interface.address, prefix: interface.prefix)
        guard first.address.family != second.address.family else { return "has two \(first.address.family.displayName) addresses (one per family)" }
        let (v4, v6) = first.address.isIPv4 ? (first, second) : (second, first)
        interface.address = v4.address
        interface.prefix = v4.prefix
        interface.ipv6 = v6
        return nil
    }

    func routerRef(_ node: YAMLNode, _ what: String) -> Int? {
        guard let name = reader.string(node, what) else { return nil }
        if let index = draftIndex[name] { return index }
        let hint = Suggestion.didYouMean(name, in: draftIndex.keys) ?? "declare it under 'routers'"
        reader.error("LOAD007", "unknown router '\(name)' (\(what))", at: node, hint: hint)
        return nil
    }
}
