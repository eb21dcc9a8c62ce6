import NetPrimitives

/// Deterministic synthetic topologies for benchmarks: ring + chords inside each AS (OSPF),
/// full-mesh iBGP or route reflectors, eBGP between neighbouring ASes, Null0-pinned prefixes.
/// `mixed` adds what real networks carry, for differential tests of the sweep: session
/// policies (MED, local preference, prepends), aggregates (some summary-only), conditional
/// advertisement, IP SLA tracked pins, default routes sent to eBGP neighbors, and routers with
/// other decision-process knobs.
public enum TopologyGenerator {
    public struct Spec: Sendable {
        public var routers: Int
        public var ases: Int
        public var prefixes: Int
        public var chordsPerRouter: Double
        public var reflectorsPerAS: Int
        public var seed: UInt64
        /// Hosts on LANs of random routers (their LANs are announced in BGP); flows default to host pairs.
        public var hosts: Int = 0
        /// Policies, aggregates, conditional advertisement, tracked statics and dialect knobs.
        public var mixed = false
        /// MPLS: LDP on every router.
        public var ldp = false
        /// MPLS: this many RSVP-TE LSPs between random routers of one AS (10G of RSVP bandwidth
        /// on every intra-AS link, 10M to 200M per LSP, setup priorities 0 to 7).
        public var lsps = 0
        /// VRFs: every router is a PE with this many customer VRFs `c1...cK` (one route target
        /// per customer, a /24 customer LAN in each, announced by the VRF's BGP), and iBGP
        /// sessions carry VPN-IPv4; hosts and flows stay in the global table, so a network and
        /// its VRF version answer the same flows. VPN routes stay within an AS (inter-AS VPN is
        /// not modelled).
        public var vrfs = 0
        /// Dual stack: every link, loopback and host LAN gets an IPv6 address too (pools
        /// fd00:ffff::/64 and fd00:ff::/64), every originated prefix and host LAN an IPv6 twin
        /// announced beside it, and every BGP session carries both families.
        public var ipv6 = false
        public init(routers: Int, ases: Int, prefixes: Int, chordsPerRouter: Double = 0.5, reflectorsPerAS: Int = 0, seed: UInt64 = 1,
                    hosts: Int = 0, mixed: Bool = false) {
            self.hosts = hosts
            self.mixed = mixed
            self.routers = routers
            self.ases = ases
            self.prefixes = prefixes
            self.chordsPerRouter = chordsPerRouter
            self.reflectorsPerAS = reflectorsPerAS
            self.seed = seed
        }
    }

    typealias Random = SplitMix64

    /// About how many bytes `yaml(spec)` writes (an overestimate), known before generating: iBGP
    /// neighbor entries dominate (a full mesh is m² per AS).
    public static func estimatedBytes(_ spec: Spec) -> Int {
        let perAS = spec.routers / max(spec.ases, 1) + 1
        let reflectors = min(spec.reflectorsPerAS, perAS)
        let entriesPerAS = reflectors == 0 ? perAS * (perAS - 1) : reflectors * (perAS - 1) + (perAS - reflectors) * reflectors
        let neighborEntries = entriesPerAS.multipliedReportingOverflow(by: spec.ases)
        guard !neighborEntries.overflow else { return Int.max }
        let links = Int(Double(spec.routers) * (1 + spec.chordsPerRouter)) + spec.ases * 4
        let base = 48 * neighborEntries.partialValue + 400 * spec.routers + 70 * links + 40 * spec.prefixes + 120 * spec.hosts + 100 * spec.lsps
        return spec.ipv6 ? base + 24 * neighborEntries.partialValue + 100 * spec.prefixes + 40 * spec.hosts : base
    }

    public static func yaml(_ spec: Spec) -> String {
        var random = Random(seed: spec.seed)
        let asCount = max(1, min(spec.ases, spec.routers))
        func asn(_ index: Int) -> UInt64 { asCount < 1000 ? UInt64(64512 + index) : UInt64(4_200_000_000) + UInt64(index) }
        var members: [[Int]] = Array(repeating: [], count: asCount)
        for r in 0..<spec.routers { members[r * asCount / spec.routers].append(r) }
        var asOf = [Int](repeating: 0, count: spec.routers)
        for (a, list) in members.enumerated() { for r in list { asOf[r] = a } }
        var links: [(Int, Int)] = []
        var pairs: Set<[Int]> = []
        func addLink(_ a: Int, _ b: Int) {
            guard a != b, pairs.insert([min(a, b), max(a, b)]).inserted else { return }
            links.append((a, b))
        }
        for list in members where list.count > 1 {
            for (i, r) in list.enumerated() { addLink(r, list[(i + 1) % list.count]) }
            let chords = Int((Double(list.count) * spec.chordsPerRouter).rounded())
            var attempts = 0
            var added = 0
            while added < chords && attempts < chords * 10 {
                attempts += 1
                let before = links.count
                addLink(list[random.below(list.count)], list[random.below(list.count)])
                if links.count > before { added += 1 }
            }
        }
        var ebgp: [(Int, Int)] = []
        if asCount > 1 {
            for a in 0..<asCount {
                var targets = [(a + 1) % asCount]
                if asCount > 3 { targets.append(random.below(asCount)) }
                for b in targets where b != a {
                    let x = members[a][random.below(members[a].count)], y = members[b][random.below(members[b].count)]
                    let before = links.count
                    addLink(x, y)
                    if links.count > before { ebgp.append((x, y)) }
                }
            }
        }
        var neighbors = [[String]](repeating: [], count: spec.routers)
        let families = spec.ipv6 ? ", families: [ipv4, ipv6]" : ""
        for list in members where list.count > 1 {
            let reflectorList = Array(list.prefix(spec.reflectorsPerAS))
            let reflectors = Set(reflectorList)
            for r in list {
                if reflectors.isEmpty || reflectors.contains(r) {
                    for peer in list where peer != r {
                        let client = !reflectors.isEmpty && !reflectors.contains(peer)
                        neighbors[r].append("{ peer: r\(peer + 1), next-hop-self: true\(client ? ", route-reflector-client: true" : "")\(spec.vrfs > 0 ? ", vpnv4: true" : "")\(families) }")
                    }
                } else {
                    // A client peers with the reflectors only (walking every member was m² per AS).
                    for peer in reflectorList { neighbors[r].append("{ peer: r\(peer + 1), next-hop-self: true\(spec.vrfs > 0 ? ", vpnv4: true" : "")\(families) }") }
                }
            }
        }
        var originated = [[Int]](repeating: [], count: spec.routers)
        for k in 0..<spec.prefixes { originated[random.below(spec.routers)].append(k) }
        // Mixed: each eBGP end may export through a policy, and an exporting router with its own
        // prefixes may announce them only while a prefix of another router of its AS exists.
        let exportPolicies = ["MED-LOW", "MED-HIGH", "PREPEND", "LOCAL-PREF"]
        var advertised = Set<Int>(), watched = Set<Int>()
        func ebgpNeighbor(_ x: Int, _ y: Int) -> String {
            guard spec.mixed else { return "{ peer: r\(y + 1)\(families) }" }
            var text = "{ peer: r\(y + 1)\(families)"
            let choice = random.below(exportPolicies.count + 2)
            if choice < exportPolicies.count { text += exportPolicies[choice] == "LOCAL-PREF" ? ", import: LOCAL-PREF" : ", export: \(exportPolicies[choice])" }
            let others = members[asOf[x]].filter { $0 != x && !originated[$0].isEmpty }
            if let mine = originated[x].first, !others.isEmpty, random.below(3) == 0 {
                let condition = originated[others[random.below(others.count)]][0]
                advertised.insert(mine)
                watched.insert(condition)
                text += ", advertise-map: ADV-\(mine), exist-map: EXISTS-\(condition)"
            }
            // Every fifth eBGP end also sends a default route (drawn after the rest, so seeds keep their other choices).
            if random.below(5) == 0 { text += ", default-originate: true" }
            return text + " }"
        }
        for (x, y) in ebgp {
            neighbors[x].append(ebgpNeighbor(x, y))
            neighbors[y].append(ebgpNeighbor(y, x))
        }
        // Host h sits on 30.h.0.0/24 (h < 65536) on a random router that announces the LAN.
        var hostLANs = [[Int]](repeating: [], count: spec.routers)
        for h in 0..<min(spec.hosts, 65536) { hostLANs[random.below(spec.routers)].append(h) }
        func lan(_ h: Int) -> String { "\(30 + h / 256).\(h % 256).0.0/24" }
        func prefix(_ k: Int) -> String {
            let value = UInt32(20) << 24 + UInt32(k) << 8
            return "\(value >> 24).\(value >> 16 & 0xff).\(value >> 8 & 0xff).0/24"
        }
        // IPv6 twins: prefix k is fd14:KH:KL::/48 (k's two 16-bit halves), host h's LAN fd1e:H::/64.
        func prefix6(_ k: Int) -> String { "fd14:\(String(k >> 16, radix: 16)):\(String(k & 0xffff, radix: 16))::/48" }
        func lan6(_ h: Int) -> String { "fd1e:\(String(h, radix: 16))::/64" }
        var out = "# generated by: routesim generate --routers \(spec.routers) --ases \(spec.ases) --prefixes \(spec.prefixes) --chords \(spec.chordsPerRouter) --reflectors \(spec.reflectorsPerAS) --hosts \(spec.hosts) --seed \(spec.seed)\(spec.mixed ? " --mixed" : "")\(spec.ldp ? " --ldp" : "")\(spec.lsps > 0 ? " --lsps \(spec.lsps)" : "")\(spec.vrfs > 0 ? " --vrfs \(spec.vrfs)" : "")\(spec.ipv6 ? " --ipv6" : "")\n"
        // RSVP-TE LSPs: head -> [(name, tail, bandwidth in M, priority)], drawn after everything
        // else so that the rest of the topology is the same with or without them.
        var lspsOf: [[(String, Int, Int, Int)]] = Array(repeating: [], count: spec.routers)
        if spec.lsps > 0 {
            var lspRandom = Random(seed: spec.seed ^ 0x5EED_0F_15B5)
            let groups = members.filter { $0.count >= 2 }
            if !groups.isEmpty {
                for n in 0..<spec.lsps {
                    let group = groups[lspRandom.below(groups.count)]
                    let head = group[lspRandom.below(group.count)]
                    var tail = group[lspRandom.below(group.count)]
                    if tail == head, let position = group.firstIndex(of: head) { tail = group[(position + 1) % group.count] }
                    lspsOf[head].append(("lsp\(n + 1)", tail, 10 + lspRandom.below(20) * 10, lspRandom.below(8)))
                }
            }
        }
        out += "name: generated-\(spec.routers)r-\(asCount)as-\(spec.prefixes)p\n"
        if spec.ipv6 { out += "addressing: { p2p-ipv6: \"fd00:ffff::/64\", loopback-ipv6: \"fd00:ff::/64\" }\n" }
        out += "ases:\n"
        for a in 0..<asCount { out += "  \(asn(a)): { igp: ospf }\n" }
        if spec.mixed {
            out += "policies:\n  prefix-lists:\n"
            for k in 0..<spec.prefixes { out += "    P\(k): [ \"permit \(prefix(k))\" ]\n" }
            out += "  route-maps:\n"
            out += "    MED-LOW: [ { set: { med: 10 } } ]\n    MED-HIGH: [ { set: { med: 200 } } ]\n"
            out += "    PREPEND: [ { set: { prepend: 2 } } ]\n    LOCAL-PREF: [ { set: { local-preference: 150 } } ]\n"
            for k in advertised.sorted() { out += "    ADV-\(k): [ { match: { prefix-list: P\(k) } } ]\n" }
            for k in watched.sorted() { out += "    EXISTS-\(k): [ { match: { prefix-list: P\(k) } } ]\n" }
        }
        out += "routers:\n"
        func loopback(_ r: Int) -> String { "10.255.\((r + 1) >> 8).\((r + 1) & 255)" }
        let dialectChoices = ["", "", "", "    vendor: junos\n", "    vendor: frr\n"]
        for r in 0..<spec.routers {
            out += "  r\(r + 1):\n    asn: \(asn(asOf[r]))\n"
            // Mixed: a third of the pins follow a probe to another router of the AS.
            var probe: Int?
            if spec.mixed {
                out += dialectChoices[random.below(dialectChoices.count)]
                let peers = members[asOf[r]].filter { $0 != r }
                if !originated[r].isEmpty, !peers.isEmpty, random.below(3) == 0 { probe = peers[random.below(peers.count)] }
                if let probe { out += "    ip-sla: { 1: { target: \(loopback(probe)) } }\n    tracks: { 1: { ip-sla: 1 } }\n" }
            }
            if spec.ldp { out += "    mpls: { ldp: true }\n" }
            if !lspsOf[r].isEmpty {
                out += "    lsps:\n"
                for (name, tail, megabits, priority) in lspsOf[r] {
                    out += "      \(name): { to: r\(tail + 1), bandwidth: \(megabits)M, setup-priority: \(priority), hold-priority: \(priority) }\n"
                }
            }
            if !originated[r].isEmpty {
                out += "    static-routes:\n"
                for k in originated[r] { out += "      - { prefix: \(prefix(k)), discard: true\(probe != nil && k == originated[r][0] ? ", track: 1" : "") }\n" }
                if spec.ipv6 { for k in originated[r] { out += "      - { prefix: \"\(prefix6(k))\", discard: true }\n" } }
            }
            if spec.vrfs > 0 {
                // Customer k's LAN on router r: 100+k.r/256.r%256.0/24 (each VRF site its own realm).
                out += "    vrfs:\n"
                for k in 1...spec.vrfs {
                    let site = "\(100 + k % 100).\((r + 1) / 256 % 256).\((r + 1) % 256).0"
                    out += "      c\(k): { rd: \"\(asn(asOf[r])):\(k)\", route-targets: \"64512:\(k)\", interfaces: { site: { address: \(site.dropLast(1))1/24 } }, bgp: { networks: [\(site)/24] } }\n"
                }
            }
            if !neighbors[r].isEmpty || !originated[r].isEmpty || !hostLANs[r].isEmpty {
                out += "    bgp:\n"
                let networks = originated[r].map(prefix) + hostLANs[r].map(lan)
                    + (spec.ipv6 ? originated[r].map { "\"\(prefix6($0))\"" } + hostLANs[r].map { "\"\(lan6($0))\"" } : [])
                if !networks.isEmpty { out += "      networks: [\(networks.joined(separator: ", "))]\n" }
                if spec.mixed && random.below(8) == 0 {
                    out += "      bestpath: { deterministic-med: true, always-compare-med: \(random.below(2) == 0) }\n"
                }
                if spec.mixed, let first = originated[r].first, random.below(4) == 0 {
                    // The /20 around its first prefix: announced while some more-specific is in its BGP table.
                    let k = first & ~15
                    let value = UInt32(20) << 24 + UInt32(k) << 8
                    out += "      aggregates: [ { prefix: \(value >> 24).\(value >> 16 & 0xff).\(value >> 8 & 0xff).0/20, summary-only: \(random.below(2) == 0) } ]\n"
                }
                if !neighbors[r].isEmpty {
                    out += "      neighbors:\n"
                    for neighbor in neighbors[r] { out += "        - \(neighbor)\n" }
                }
            }
        }
        out += "links:\n"
        for (a, b) in links {
            out += spec.lsps > 0 && asOf[a] == asOf[b] ? "  - { endpoints: [r\(a + 1), r\(b + 1)], rsvp-bandwidth: 10G }\n" : "  - r\(a + 1)-r\(b + 1)\n"
        }
        if spec.hosts > 0 {
            out += "hosts:\n"
            for (r, list) in hostLANs.enumerated() {
                for h in list {
                    let ipv6 = spec.ipv6 ? ", ipv6: \"fd1e:\(String(h, radix: 16))::10/64\"" : ""
                    out += "  h\(h + 1): { router: r\(r + 1), address: \(30 + h / 256).\(h % 256).0.10/24\(ipv6) }\n"
                }
            }
        }
        return out
    }
}
