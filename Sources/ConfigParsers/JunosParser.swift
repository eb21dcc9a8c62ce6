import Diagnostics
import NetPrimitives
import NetworkModel

/// Junos, in the hierarchical (braces) and the `set` form. Both are flattened into statements
/// (the path of words from the top, with the line the statement ends on), which are then read
/// like `set` lines. Every non-blank line is counted: statements under hierarchies routesim
/// knows are modelled or recognised-and-ignored, closing braces and comments are ignored,
/// anything else is unrecognised.
public struct JunosParser {
    public init() {}

    struct Statement {
        var words: [Substring]
        var line: Int
        /// False for the second and later statements of a one-line block (each line counts once).
        var counts = true
    }

    public func parse(_ text: String, file: String) -> DeviceConfig {
        var device = DeviceConfig(file: file, dialect: .junos)
        var statements: [Statement] = []
        // The open blocks' words, flattened, and how many words each level added.
        var path: [Substring] = []
        var blocks = OpenBlocks()
        var inComment = false
        var openList: (text: String, line: Int)?
        let lines = ConfigSource.lines(text)
        for (index, raw) in lines.enumerated() {
            var number = index + 1
            if blocks.depth > Self.maximumDepth {
                // Real configs nest about ten deep; this is a broken or hostile file.
                device.lines.unsupported.append((number, "lines \(number)-\(lines.count) not read",
                                                 "nesting deeper than \(Self.maximumDepth) levels; the rest of the file is not read"))
                break
            }
            var line = ConfigSource.trimmed(raw)
            if line.isEmpty { continue }
            // A `[ ... ]` list over several lines is read as one line (netlab writes `export [`,
            // the names, then `]`).
            // The list's later lines count as ignored; its statement is reported at its first line.
            if let opened = openList {
                device.lines.ignored += 1
                guard line.contains("]") else { openList = (opened.text + " " + line, opened.line); continue }
                openList = nil
                line = Substring(opened.text + " " + line)
                number = opened.line
            } else if line.contains("["), !line.contains("]"), !inComment {
                openList = (String(line), number)
                continue
            }
            if inComment {
                device.lines.ignored += 1
                if line.contains("*/") { inComment = false }
                continue
            }
            if line.hasPrefix("/*") { device.lines.ignored += 1; if !line.contains("*/") { inComment = true }; continue }
            if line.hasPrefix("#") { device.lines.ignored += 1; continue }
            // `set` form.
            if line.hasPrefix("set ") || line.hasPrefix("deactivate ") || line.hasPrefix("delete ") || line.hasPrefix("activate ") {
                let words = Self.words(line)
                if words.first == "set" {
                    statements.append(Statement(words: Array(words.dropFirst()), line: number))
                } else {
                    device.lines.ignored += 1
                }
                continue
            }
            // Braces form: strip a trailing comment, then read the line's tokens; blocks and
            // statements may share a line in any layout (`term t { from { family inet; } then accept; }`).
            if let hash = line.firstIndex(of: "#"), !line[..<hash].contains("\"") { line = ConfigSource.trimmed(line[..<hash]) }
            var emitted = false
            var current: [Substring] = []
            func emit(_ words: [Substring]) {
                if blocks.skipping {
                    if !emitted { device.lines.ignored += 1 }
                } else {
                    statements.append(Statement(words: path + words, line: number, counts: !emitted))
                }
                emitted = true
            }
            /// A statement's `inactive:` / `delete:` tags: such configuration is not applied.
            func untagged(_ words: [Substring]) -> (words: [Substring], applied: Bool) {
                var words = words
                var applied = true
                while let first = words.first, first.hasSuffix(":"), ["inactive:", "delete:", "protect:", "replace:"].contains(first) {
                    if first == "inactive:" || first == "delete:" { applied = false }
                    words.removeFirst()
                }
                return (words, applied)
            }
            for token in Self.tokens(line) {
                switch token {
                case "{":
                    let (words, applied) = untagged(current)
                    current = []
                    if blocks.skipping || !applied {
                        if !emitted { device.lines.ignored += 1 }
                        emitted = true
                        blocks.open(words.count, skipped: true)
                    } else {
                        emit(words)
                        blocks.open(words.count, skipped: false)
                    }
                    path += words
                case ";", "}":
                    if !current.isEmpty {
                        let (words, applied) = untagged(current)
                        current = []
                        if applied { emit(words) } else if !emitted { device.lines.ignored += 1; emitted = true }
                    }
                    if token == "}", let added = blocks.close() { path.removeLast(added) }
                default: current.append(token)
                }
            }
            // Junos accepts a statement without its final `;` at the end of a line.
            if !current.isEmpty {
                let (words, applied) = untagged(current)
                if applied { emit(words) } else if !emitted { device.lines.ignored += 1; emitted = true }
            }
            if !emitted { device.lines.ignored += 1 }   // closing braces only
        }
        var positions = Positions()
        // Interfaces first (keeping every other statement's order): `protocols ... interface all`
        // then means every interface of the config, wherever its stanza is.
        let ordered = statements.filter { $0.words.first == "interfaces" } + statements.filter { $0.words.first != "interfaces" }
        for statement in ordered { read(statement, file: file, into: &device, positions: &positions) }
        return device
    }

    public static let maximumDepth = 128

    /// The names of a value that may be a `[ A B ]` list (kept as one word by `words`).
    static func listItems(_ words: [Substring]) -> [String] {
        var items: [String] = []
        for word in words {
            let inner = word.hasPrefix("[") ? word.dropFirst() : word
            let trimmed = inner.hasSuffix("]") ? inner.dropLast() : inner
            for item in trimmed.split(separator: " ") where item != "[" && item != "]" { items.append(String(item.trimmingQuotes)) }
        }
        return items
    }

    /// Words, with `"quoted strings"` and `[ lists ]` kept together as one word each (the `set`
    /// form, where braces and semicolons are not punctuation).
    static func words(_ line: Substring) -> [Substring] { tokens(line, punctuation: false) }

    /// Words and the braces form's punctuation (`{`, `}`, `;` each a token of its own unless
    /// `punctuation` is false), with `"quoted strings"` and `[ lists ]` kept together as one word each.
    static func tokens(_ line: Substring, punctuation: Bool = true) -> [Substring] {
        var tokens: [Substring] = []
        var index = line.startIndex
        func isPunctuation(_ c: Character) -> Bool { punctuation && (c == "{" || c == "}" || c == ";") }
        func isBreak(_ c: Character) -> Bool { c == " " || c == "\t" || isPunctuation(c) }
        while index < line.endIndex {
            let c = line[index]
            if c == " " || c == "\t" { index = line.index(after: index); continue }
            let start = index
            if isPunctuation(c) {
                index = line.index(after: index)
            } else if c == "\"" {
                index = line.index(after: index)
                while index < line.endIndex && line[index] != "\"" { index = line.index(after: index) }
                if index < line.endIndex { index = line.index(after: index) }
            } else if c == "[" {
                while index < line.endIndex && line[index] != "]" { index = line.index(after: index) }
                if index < line.endIndex { index = line.index(after: index) }
            } else {
                while index < line.endIndex && !isBreak(line[index]) { index = line.index(after: index) }
            }
            tokens.append(line[start..<index])
        }
        return tokens
    }

    /// The open blocks of the braces form: how many path words each added, and whether it is
    /// configuration Junos does not apply (`inactive:`, `delete:`), whose contents are skipped.
    struct OpenBlocks {
        private var levels: [(words: Int, skipped: Bool)] = []
        private var skippedLevels = 0
        var depth: Int { levels.count }
        var skipping: Bool { skippedLevels > 0 }
        mutating func open(_ words: Int, skipped: Bool) {
            levels.append((words, skipped))
            if skipped { skippedLevels += 1 }
        }
        /// The number of path words to drop; nil for an unbalanced `}`.
        mutating func close() -> Int? {
            guard let last = levels.popLast() else { return nil }
            if last.skipped { skippedLevels -= 1 }
            return last.words
        }
    }

    /// Top-level hierarchies whose statements routesim recognises (modelled or deliberately ignored).
    static let known: Set<Substring> = [
        "version", "system", "chassis", "interfaces", "snmp", "routing-options", "protocols", "policy-options", "firewall",
        "class-of-service", "security", "services", "forwarding-options", "routing-instances", "groups", "apply-groups", "event-options",
        "access", "vlans", "bridge-domains", "switch-options", "ethernet-switching-options", "poe", "virtual-chassis", "applications",
        "logical-systems", "multi-chassis", "accounting-options", "dynamic-profiles", "schedulers", "smtp", "fabric", "tenants",
        "access-profile", "apply-macro", "protocols-mpls", "jsrc", "diameter", "wlan", "unified-edge", "session-limit-group",
    ]

    /// Where each static route already is in the device, by (prefix, instance): looking them up
    /// by scanning made reading quadratic (interfaces: `DeviceConfig.interface(named:at:)`).
    struct Positions {
        struct StaticKey: Hashable { var prefix: Prefix; var instance: String? }
        var statics: [StaticKey: Int] = [:]
    }

    func read(_ statement: Statement, file: String, into device: inout DeviceConfig, positions: inout Positions, instance: String? = nil) {
        // `routing-instances R ...`, `logical-systems L ...`, `groups G ...` hold the same statements.
        if let first = statement.words.first, ["routing-instances", "logical-systems", "groups"].contains(first), statement.words.count > 2 {
            var inner = statement
            inner.words = Array(statement.words.dropFirst(2))
            read(inner, file: file, into: &device, positions: &positions, instance: first == "groups" ? instance : String(statement.words[1]))
            return
        }
        let w = statement.words
        let location = SourceLocation(file: file, line: statement.line, column: 1)
        guard let top = w.first else { device.lines.ignored += 1; return }
        var modelled = false
        /// Why a statement's meaning does not reach the model (then it is unsupported, not modelled).
        var dropped: String?
        func at(_ i: Int) -> Substring? { i < w.count ? w[i] : nil }
        // Inside a routing instance (docs/vrf.md): its interfaces, static routes, VRF identity
        // and BGP, each kept in the instance; the rest would be misread as the main instance's.
        if let instance, !(top == "routing-options" && at(1) == "static") {
            // BGP first: the nested read counts the line itself (statements of a one-line block
            // share one line, and only one of them counts it).
            if top == "protocols" && at(1) == "bgp" {
                // The instance's BGP, read by the same rules as the main instance's.
                let global = device.bgp
                device.bgp = device.vrfBGP[instance] ?? BGPConfigFacts(asn: global?.asn ?? 0, location: location)
                read(statement, file: file, into: &device, positions: &positions)
                device.vrfBGP[instance] = device.bgp
                device.bgp = global
                return
            }
            // Every statement is read; a line is tallied once (by its counting statement).
            let tally = device.lines
            let reason = readInstanceStatement(w, instance: instance, location: location, device: &device)
            if !statement.counts { device.lines = tally } else if let reason { device.lines.unsupported.append((statement.line, w.joined(separator: " "), reason)) }
            return
        }
        switch top {
        case "system" where at(1) == "host-name":
            if let name = at(2) { device.hostname = String(name.trimmingQuotes); modelled = true }
        case "interfaces":
            // `ge-0/0/0 unit 0 family inet ...`, or the unit in the name: `lo0.0 family inet ...`.
            if let name = at(1), at(2) == "unit" && at(3) != nil || w.last == "disable" || name.contains(".") && at(2) == "family" {
                var full = String(name)
                // `ge-0/0/0 unit 3` is ge-0/0/0.3; cRPD names Linux interfaces that already carry
                // a unit (`lo0.0 unit 0`), which its protocols call lo0.0.
                if at(2) == "unit", let unit = at(3), !(name.contains(".") && unit == "0") { full += ".\(unit)" }
                let index = device.interface(named: full, at: location)
                if let i = w.firstIndex(of: "address"), at(i - 1) == "inet" || at(i - 1) == "inet6", let text = at(i + 1),
                   let (address, prefix) = ConfigSource.interfaceAddress(text), address.isIPv4 == (at(i - 1) == "inet"), !address.isLinkLocal,
                   !device.interfaces[index].addresses.contains(where: { $0.address == address }) {
                    device.interfaces[index].addresses.append((address, prefix))
                }
                if w.last == "disable" { device.interfaces[index].shutdown = true }
                if let i = w.firstIndex(of: "family"), at(i + 1) == "mpls" { device.junosMPLS.familyMPLS.insert(full) }
                modelled = true
            } else if at(1) != nil {
                modelled = true   // physical options, the block openers
            }
        case "routing-options":
            // IPv6 statics live in `rib inet6.0 static`; the rest of that RIB's options are not read.
            let ipv6Statics = at(1) == "rib" && at(2) == "inet6.0"
            let base = ipv6Statics ? 3 : 1
            if at(1) == "rib", !ipv6Statics || at(3) != nil && at(3) != "static" {
                device.lines.unsupported.append((statement.line, w.joined(separator: " "), "options of routing table \(at(2) ?? "") other than IPv6 static routes are not modelled"))
                return
            }
            if at(base) == "static", at(base + 1) == "route", let prefixText = at(base + 2), prefixText.contains(":") != ipv6Statics {
                if statement.counts {
                    device.lines.unsupported.append((statement.line, w.joined(separator: " "), ipv6Statics ? "an IPv4 route in inet6.0" : "an IPv6 route belongs in rib inet6.0"))
                }
                return
            }
            if at(base) == "static", at(base + 1) == "route", let prefixText = at(base + 2), let prefix = ConfigSource.interfaceAddress(prefixText)?.prefix {
                let rest = w.dropFirst(base + 3)
                var target: StaticRouteConfig.Target?
                if rest.contains("discard") || rest.contains("reject") { target = .discard }
                else if let i = rest.firstIndex(of: "next-hop"), i + 1 < w.count, let hop = IPAddress(w[i + 1]) { target = .nextHop(hop) }
                if let target {
                    let key = Positions.StaticKey(prefix: prefix, instance: instance)
                    if let existing = positions.statics[key] {
                        device.staticRoutes[existing].target = target
                    } else {
                        positions.statics[key] = device.staticRoutes.count
                        device.staticRoutes.append(StaticRouteConfig(prefix: prefix, target: target, vrf: instance, location: location))
                    }
                }
                modelled = true
            } else if at(1) == "autonomous-system", let asn = at(2).flatMap({ ASN($0) }) {
                if device.bgp == nil { device.bgp = BGPConfigFacts(asn: asn, location: location) } else { device.bgp?.asn = asn }
                modelled = true
            } else if at(1) == "router-id", let id = at(2).flatMap({ IPAddress($0) }) {
                if device.bgp != nil { device.bgp?.routerID = id }
                modelled = true
            }
        case "protocols":
            switch at(1) {
            case "bgp":
                if device.bgp == nil { device.bgp = BGPConfigFacts(asn: 0, location: location) }
                if at(2) == "path-selection" {
                    // Junos groups paths by neighbouring AS unless told to behave as Cisco IOS does.
                    if w.contains("cisco-non-deterministic") { device.bgp?.bestPath.deterministicMED = false }
                    if w.contains("always-compare-med") { device.bgp?.bestPath.alwaysCompareMED = true }
                    if w.contains("external-router-id") { device.bgp?.bestPath.compareRouterID = true }
                }
                if at(2) == "hold-time", let seconds = at(3).flatMap({ Int64($0) }) {
                    device.bgp?.timers.bgpHold = StatedTimer(.seconds(seconds), at: location)
                }
                if at(2) == "group", let group = at(3) {
                    var bgp = device.bgp ?? BGPConfigFacts(asn: 0, location: location)
                    let groupIndex = bgp.neighbor(String(group), at: location)
                    bgp.neighbors[groupIndex].isPeerGroup = true
                    var target = groupIndex
                    var rest = w.dropFirst(4)
                    if rest.first == "neighbor", rest.count >= 2 {
                        let address = String(rest[rest.startIndex + 1])
                        target = bgp.neighbor(address, at: location)
                        bgp.neighbors[target].peerGroup = String(group)
                        rest = rest.dropFirst(2)
                    }
                    if let option = rest.first {
                        let value = rest.count >= 2 ? String(rest[rest.startIndex + 1]).trimmingQuotes : nil
                        switch option {
                        case "peer-as": bgp.neighbors[target].remoteAS = value
                        case "type" where value == "internal": bgp.neighbors[target].remoteAS = bgp.neighbors[target].remoteAS ?? "internal"
                        case "type" where value == "external": bgp.neighbors[target].remoteAS = bgp.neighbors[target].remoteAS ?? "external"
                        case "export":
                            // `export [ A B ]` is a chain evaluated in order.
                            let names = Self.listItems(Array(rest.dropFirst()))
                            bgp.neighbors[target].routeMapOut = names.first ?? value
                            bgp.neighbors[target].exportChain = names
                        case "import":
                            let names = Self.listItems(Array(rest.dropFirst()))
                            bgp.neighbors[target].routeMapIn = names.first ?? value
                            bgp.neighbors[target].importChain = names
                        case "local-address": bgp.neighbors[target].updateSource = value
                        case "hold-time":
                            if let seconds = value.flatMap({ Int64($0) }) { bgp.neighbors[target].timers.hold = StatedTimer(.seconds(seconds), at: location) }
                        case "bfd-liveness-detection":
                            // `minimum-interval MS` and `multiplier N` (Junos' default multiplier is 3).
                            bgp.neighbors[target].timers.bfd = true
                            let interval = rest.firstIndex(of: "minimum-interval").flatMap { $0 + 1 < rest.endIndex ? Int64(rest[$0 + 1]) : nil }
                            let multiplier = rest.firstIndex(of: "multiplier").flatMap { $0 + 1 < rest.endIndex ? Int(rest[$0 + 1]) : nil }
                            if let interval {
                                let stated = StatedTimer(Milliseconds(interval), at: location)
                                bgp.neighbors[target].timers.bfdSettings = BFDSettings(interval: stated, multiplier: multiplier ?? bgp.neighbors[target].timers.bfdSettings?.multiplier ?? 3)
                            } else if let multiplier, let existing = bgp.neighbors[target].timers.bfdSettings {
                                bgp.neighbors[target].timers.bfdSettings = BFDSettings(interval: existing.interval, multiplier: multiplier)
                            }
                        case "cluster": bgp.neighbors[target].routeReflectorClient = true
                        case "multihop":
                            // `multihop;` or `multihop { ttl N; }`: Junos' default TTL is 64.
                            let ttl = rest.firstIndex(of: "ttl").flatMap { $0 + 1 < rest.endIndex ? Int(rest[$0 + 1]) : nil }
                            bgp.neighbors[target].ebgpMultihop = ttl ?? bgp.neighbors[target].ebgpMultihop ?? 64
                        case "family" where rest.count >= 2 && ["inet", "inet6", "inet-vpn", "inet6-vpn"].contains(rest[rest.startIndex + 1])
                            && !rest.contains("prefix-limit") && (rest.count == 2 || rest.contains("unicast")):
                            // Families said replace the default (inet unicast only when none is said).
                            if bgp.neighbors[target].ipv4Unicast == nil { bgp.neighbors[target].ipv4Unicast = false }
                            switch rest[rest.startIndex + 1] {
                            case "inet": bgp.neighbors[target].ipv4Unicast = true
                            case "inet6": bgp.neighbors[target].ipv6Unicast = true
                            // `family inet-vpn unicast`: the session carries VPN-IPv4 routes (docs/vrf.md).
                            case "inet-vpn": bgp.neighbors[target].vpnv4 = true
                            // `family inet6-vpn unicast`: VPN-IPv6 (6VPE, docs/ipv6.md).
                            default: bgp.neighbors[target].vpnv6 = true
                            }
                        case "family" where rest.contains("prefix-limit"):
                            if let i = rest.firstIndex(of: "maximum"), i + 1 < rest.endIndex { bgp.neighbors[target].maximumPrefix = Int(rest[i + 1]) ?? 0 }
                        default: break
                        }
                    }
                    device.bgp = bgp
                }
                modelled = true
            case "ospf", "ospf3", "isis":
                let name = String(at(1) ?? "")
                let igp = device.igps.firstIndex { $0.protocolName == name } ?? {
                    device.igps.append(IGPFacts(protocolName: name, process: nil, location: location))
                    return device.igps.count - 1
                }()
                if w.contains("export") { device.igps[igp].redistributeStatic = true }
                // `spf-options delay MS`.
                if at(2) == "spf-options", let i = w.firstIndex(of: "delay"), i + 1 < w.count, let delay = Int64(w[i + 1]) {
                    device.igps[igp].spfDelay = StatedTimer(Milliseconds(delay), at: location)
                }
                // `ospf area A interface I [passive]`, `isis interface I [passive]`: the interfaces
                // the protocol runs on (all of them for `interface all`).
                if name == "ospf3", let i = w.firstIndex(of: "interface"), i + 1 < w.count {
                    // OSPFv3 runs on it: its IPv6 is in the IGP (routed over the IPv4 topology, docs/ipv6.md).
                    let target = Self.logicalInterface(w[i + 1])
                    let targets = target == "all" ? Array(device.interfaces.indices) : [device.interface(named: target, at: location)]
                    for index in targets { device.interfaces[index].ipv6IGP = true }
                }
                if name != "ospf3", let i = w.firstIndex(of: "interface"), i + 1 < w.count {
                    let target = Self.logicalInterface(w[i + 1])
                    let area = w.firstIndex(of: "area").flatMap { $0 + 1 < w.count ? String(w[$0 + 1]) : nil }
                    let passive = w[(i + 2)...].contains("passive")
                    let targets = target == "all" ? Array(device.interfaces.indices) : [device.interface(named: target, at: location)]
                    // `ldp-synchronization` (RFC 5443) on the interface.
                    let sync = w[(i + 2)...].contains("ldp-synchronization")
                    // `hello-interval N`, `dead-interval N` (seconds).
                    let hello = w.firstIndex(of: "hello-interval").flatMap { $0 + 1 < w.count ? Int64(w[$0 + 1]) : nil }
                    let dead = w.firstIndex(of: "dead-interval").flatMap { $0 + 1 < w.count ? Int64(w[$0 + 1]) : nil }
                    // IS-IS: `[level N] hello-interval S`, `hold-time S`; routesim's IS-IS is one
                    // level-2 domain, so level 1's timers are not its own.
                    let level = w.firstIndex(of: "level").flatMap { $0 + 1 < w.count ? String(w[$0 + 1]) : nil }
                    let hold = name == "isis" ? w.firstIndex(of: "hold-time").flatMap { $0 + 1 < w.count ? Int64(w[$0 + 1]) : nil } : nil
                    for index in targets {
                        if name == "isis" {
                            if level != "1", let hello { device.interfaces[index].timers.isisHello = StatedTimer(.seconds(hello), at: location) }
                            if level != "1", let hold { device.interfaces[index].timers.isisHold = StatedTimer(.seconds(hold), at: location) }
                        } else if let hello {
                            device.interfaces[index].timers.igpHello = StatedTimer(.seconds(hello), at: location)
                        }
                        if let dead { device.interfaces[index].timers.igpDead = StatedTimer(.seconds(dead), at: location) }
                        if name == "isis" { device.interfaces[index].isisEnabled = true } else { device.interfaces[index].ospfArea = area ?? "0.0.0.0" }
                        if passive { device.interfaces[index].igpPassive = true }
                        if sync { device.interfaces[index].ldpIGPSync = true }
                    }
                }
                modelled = true
            case "mpls", "ldp", "rsvp":
                // `protocols ldp|mpls interface NAME|all`: where LDP runs and labels are switched
                // (docs/mpls.md); anything else there is not modelled yet.
                let protocolName = String(at(1) ?? "")
                if protocolName == "ldp" && device.ldp == nil { device.ldp = LDPFacts(location: location) }
                if protocolName == "rsvp", at(2) == "interface", let named = at(3), w.count == 5, at(4) == "link-protection" {
                    // `protocols rsvp interface I link-protection`: dynamic bypasses around I's link.
                    device.junosLinkProtection.insert(Self.logicalInterface(named))
                    if device.junosRSVPInterfaces[Self.logicalInterface(named)] == nil { device.junosRSVPInterfaces[Self.logicalInterface(named)] = .some(nil) }
                    modelled = true
                } else if protocolName == "rsvp", at(2) == "interface", let named = at(3), w.count == 4 || w.count == 6 && at(4) == "bandwidth" {
                    // `protocols rsvp interface I [bandwidth B]`: RSVP-TE on I.
                    let full = Self.logicalInterface(named)
                    let bandwidth = at(5).flatMap { Self.junosBandwidth(String($0)) }
                    if w.count == 6 && bandwidth == nil { device.lines.unrecognized.append((statement.line, w.joined(separator: " "))); return }
                    device.junosRSVPInterfaces[full] = .some(bandwidth)
                    modelled = true
                } else if protocolName == "mpls", at(2) == "label-switched-path", let name = at(3) {
                    if Self.junosLSPLine(w, name: String(name), location: location, into: &device) { modelled = true } else {
                        if statement.counts { device.lines.unsupported.append((statement.line, w.joined(separator: " "), "LSP option not modelled (docs/mpls.md)")) }
                        return
                    }
                } else if protocolName == "mpls", at(2) == "admin-groups", w.count == 3 {
                    modelled = true   // the block opener
                } else if protocolName == "mpls", at(2) == "admin-groups", let name = at(3), let bit = at(4).flatMap({ Int($0) }), w.count == 5, (0...31).contains(bit) {
                    device.junosAdminGroups[String(name)] = bit
                    modelled = true
                } else if protocolName == "mpls", at(2) == "interface", let named = at(3), at(4) == "admin-group", w.count >= 6 {
                    let full = Self.logicalInterface(named)
                    device.junosInterfaceGroups[full, default: ([], location)].names += Self.listItems(Array(w.dropFirst(5)))
                    device.junosMPLS.mplsInterfaces.insert(full)
                    modelled = true
                } else if protocolName == "mpls", at(2) == "path", let name = at(3) {
                    // `path P { A strict; B loose; }` (a hop without a keyword is strict).
                    if w.count == 4 { device.explicitPaths[String(name)] = device.explicitPaths[String(name)] ?? []; modelled = true }
                    else if let address = at(4).flatMap({ IPAddress($0) }) {
                        device.explicitPaths[String(name), default: []].append(ExplicitHopFacts(address: address, loose: at(5) == "loose", location: location))
                        modelled = true
                    }
                } else if protocolName != "rsvp", at(2) == "interface", let named = at(3), w.count == 4 {
                    let full = Self.logicalInterface(named)
                    if protocolName == "ldp" {
                        if full == "all" { device.ldp?.allInterfaces = true } else if device.ldp?.interfaces[full] == nil { device.ldp?.interfaces[full] = location }
                    } else {
                        if full == "all" { device.junosMPLS.mplsAll = true } else { device.junosMPLS.mplsInterfaces.insert(full) }
                    }
                    modelled = true
                } else if protocolName == "ldp", w.count == 3, at(2) == "strict-targeted-hellos" {
                    device.ldp?.acceptsTargetedHellos = false   // answer only configured neighbours
                    modelled = true
                } else if protocolName == "mpls", w.count == 3, at(2) == "ipv6-tunneling" {
                    device.junosMPLS.ipv6Tunneling = true
                    modelled = true
                } else if protocolName == "ldp", w.count == 3, at(2) == "explicit-null" {
                    device.ldp?.explicitNull = true   // label 0 instead of implicit null for its egress FECs
                    modelled = true
                } else if w.count == 2 {
                    modelled = true   // the block opener
                } else {
                    let reason = protocolName == "rsvp" ? "RSVP statement not modelled (docs/mpls.md)" : "MPLS statement not modelled yet (docs/mpls.md)"
                    if statement.counts { device.lines.unsupported.append((statement.line, w.joined(separator: " "), reason)) }
                    return
                }
            default: break
            }
        case "policy-options":
            if at(1) == "policy-statement", let name = at(2) {
                Self.recordTerm(w, policy: String(name), location: location, into: &device)
                modelled = true
            } else if at(1) == "prefix-list", let name = at(2) {
                if device.prefixLists[String(name)] == nil { device.prefixLists[String(name)] = location }
                if let text = at(3), let prefix = ConfigSource.interfaceAddress(text)?.prefix {
                    device.prefixListEntries[String(name), default: []].append(PrefixListEntryConfig(sequence: nil, action: .permit, prefix: prefix, ge: nil, le: nil, location: location))
                }
                modelled = true
            } else if at(1) == "condition", let name = at(2) {
                // `condition C if-route-exists P table inet.0`: the Junos form of conditional advertisement.
                if let i = w.firstIndex(of: "if-route-exists"), let prefix = w[(i + 1)...].lazy.compactMap({ ConfigSource.interfaceAddress($0)?.prefix ?? IPAddress($0).map { Prefix(network: $0, length: 32) } }).first {
                    device.junosConditions[String(name)] = (prefix, location)
                }
                if let i = w.firstIndex(of: "table"), i + 1 < w.count, w[i + 1] != "inet.0" {
                    dropped = "condition \(name) watches table \(w[i + 1]); routesim evaluates conditions against inet.0 (the main IPv4 table)"
                } else if w.contains("if-route-exists"), w.contains(where: { $0.contains(":") }) {
                    dropped = "IPv6 condition \(name) (conditions are evaluated against inet.0)"
                } else if w.contains("if-route-exists"), let i = w.firstIndex(of: "address-family"), i + 1 < w.count, w[i + 1] != "inet" {
                    dropped = "condition \(name) on address family \(w[i + 1]) (conditions are evaluated against inet.0)"
                }
                modelled = true
            } else if at(1) == "community", let name = at(2) {
                if device.communityLists[String(name)] == nil { device.communityLists[String(name)] = location }
                if at(3) == "members" {
                    let items = Self.listItems(Array(w.dropFirst(4)))
                    device.junosCommunities[String(name), default: []] += items.compactMap { CiscoStyleParser.community(Substring($0)) }
                    // Extended communities `target:A:N` are route targets (vrf-import / vrf-export).
                    device.junosTargetCommunities[String(name), default: []] += items.filter { $0.hasPrefix("target:") }.compactMap { RouteTarget($0) }
                }
                modelled = true
            } else if at(1) == "route-filter-list", let name = at(2) {
                if let filter = JunosRouteFilter(Array(w.dropFirst(3)).map(String.init)) {
                    device.junosRouteFilterLists[String(name), default: []].append(filter)
                } else if w.count > 3 {
                    device.lines.unrecognized.append((location.line, w.joined(separator: " ")))
                }
                modelled = true
            } else if at(1) == "as-path", let name = at(2) {
                if device.asPathLists[String(name)] == nil { device.asPathLists[String(name)] = location }
                modelled = true
            }
        case "services" where at(1) == "rpm":
            // `services rpm probe P test T target address A`: an IP SLA equivalent.
            if let probe = at(3), at(2) == "probe" {
                let id = String(probe) + (at(4) == "test" ? "/" + String(at(5) ?? "") : "")
                let index = device.slas.firstIndex { $0.id == id } ?? {
                    device.slas.append(SLAConfig(id: id, scheduled: true, location: location))
                    return device.slas.count - 1
                }()
                if let i = w.firstIndex(of: "target"), i + 2 < w.count, w[i + 1] == "address", let target = IPAddress(w[i + 2]) { device.slas[index].target = target }
            }
            modelled = true
        case "services" where at(1) == "ip-monitoring":
            if at(2) == "policy", let name = at(3), !device.tracks.contains(where: { $0.id == String(name) }) {
                device.tracks.append(TrackConfig(id: String(name), location: location))
            }
            modelled = true
        default: break
        }
        guard statement.counts else { return }
        if let dropped { device.lines.unsupported.append((statement.line, w.joined(separator: " "), dropped)) }
        else if modelled { device.lines.modelled += 1 }
        else if Self.known.contains(top) { device.lines.ignored += 1 }
        else { device.lines.unrecognized.append((statement.line, w.joined(separator: " "))) }
    }
}

extension JunosParser {
    /// `policy-options policy-statement P [term T] from|then ...`: one fact of a term.
    /// An interface as a protocol names it: without a unit it means unit 0 (Junos: `ge-0/0/0` is
    /// ge-0/0/0.0); `all` stays `all`.
    static func logicalInterface(_ named: Substring) -> String {
        named == "all" || named.contains(".") ? String(named) : named + ".0"
    }

    /// Junos bandwidth: bits per second with an optional k, m or g suffix (`400m`, `1g`).
    static func junosBandwidth(_ text: String) -> UInt64? {
        let lower = text.lowercased()
        let scale: UInt64 = lower.hasSuffix("g") ? 1_000_000_000 : lower.hasSuffix("m") ? 1_000_000 : lower.hasSuffix("k") ? 1_000 : 1
        let digits = scale == 1 ? lower : String(lower.dropLast())
        guard let value = UInt64(digits) else { return nil }
        let (bits, overflow) = value.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bits
    }

    /// One `protocols mpls label-switched-path NAME ...` statement; false when not modelled.
    static func junosLSPLine(_ w: [Substring], name: String, location: SourceLocation, into device: inout DeviceConfig) -> Bool {
        var lsp = device.junosLSPs[name] ?? TETunnelFacts(name: name, location: location, routesTraffic: true, isTE: true)
        defer { device.junosLSPs[name] = lsp }
        let rest = w.dropFirst(4).map(String.init)
        switch rest.first {
        case nil: return true
        case "to" where rest.count == 2:
            guard let address = IPAddress(rest[1]) else { return false }
            lsp.destination = address
            return true
        case "bandwidth" where rest.count == 2:
            guard let bits = junosBandwidth(rest[1]) else { return false }
            lsp.bandwidth = bits
            return true
        case "priority" where rest.count == 3:
            guard let setup = UInt8(rest[1]), let hold = UInt8(rest[2]), setup <= 7, hold <= 7 else { return false }
            (lsp.setupPriority, lsp.holdPriority) = (setup, hold)
            return true
        case "primary" where rest.count == 2:
            lsp.pathOptions.insert((1, rest[1], location), at: 0)
            return true
        case "admin-group" where rest.count >= 3 && ["include-any", "include-all", "exclude"].contains(rest[1]):
            let names = listItems(Array(rest.dropFirst(2)).map { Substring($0) })
            switch rest[1] {
            case "include-any": lsp.includeAny.formUnion(names)
            case "include-all": lsp.includeAll.formUnion(names)
            default: lsp.exclude.formUnion(names)
            }
            return true
        case "link-protection" where rest.count == 1:
            lsp.linkProtection = true
            return true
        case "secondary" where rest.count >= 2:
            if !lsp.pathOptions.contains(where: { $0.explicit == rest[1] && $0.number == 2 }) { lsp.pathOptions.append((2, rest[1], location)) }
            if rest.count == 3 && rest[2] == "standby" { lsp.secondaryStandby = true; return true }
            return rest.count == 2
        default:
            return false
        }
    }

    static func recordTerm(_ w: [Substring], policy: String, location: SourceLocation, into device: inout DeviceConfig) {
        var i = 3
        var termName = ""
        if i + 1 < w.count && w[i] == "term" { termName = String(w[i + 1]); i += 2 }
        guard i < w.count, w[i] == "from" || w[i] == "then" || w[i] == "to" else { return }
        var terms = device.junosPolicies[policy] ?? []
        let index = terms.firstIndex { $0.name == termName } ?? {
            terms.append(JunosPolicyTerm(name: termName, location: location))
            return terms.count - 1
        }()
        let clause = listItems(Array(w[(i + 1)...]))
        if w[i] == "then" {
            recordAction(clause, into: &terms[index])
        } else if w[i] == "to" {
            terms[index].otherMatches.append("to " + clause.joined(separator: " "))
        } else if let kind = clause.first {
            let values = Array(clause.dropFirst())
            switch kind {
            case "protocol": terms[index].protocols += values
            case "family": terms[index].families += values
            case "route-type": terms[index].routeTypes += values
            case "prefix-list": for name in values { terms[index].prefixLists.append((name, "exact")) }
            case "prefix-list-filter" where !values.isEmpty:
                terms[index].prefixLists.append((values[0], values.count > 1 ? values[1] : "exact"))
            case "community": terms[index].communities += values
            case "condition": if let first = values.first { terms[index].conditions.append(first) }
            case "route-filter-list": if let first = values.first { terms[index].routeFilterLists.append(first) }
            case "route-filter" where !values.isEmpty:
                if let filter = JunosRouteFilter(values) { terms[index].routeFilters.append(filter) }
                else { terms[index].otherMatches.append("route-filter " + values.joined(separator: " ")) }
            default: terms[index].otherMatches.append(kind)
            }
        }
        device.junosPolicies[policy] = terms
    }

    /// One `then` statement: flow control, or an attribute action.
    static func recordAction(_ clause: [String], into term: inout JunosPolicyTerm) {
        guard let first = clause.first else { return }
        let value = clause.count > 1 ? clause[1] : nil
        switch first {
        case "accept": term.flow = .accept
        case "reject": term.flow = .reject
        case "next" where value == "policy": term.flow = .nextPolicy
        case "next" where value == "term": term.flow = .nextTerm
        case "next-hop" where value == "self": term.sets.append(.nextHop(.peerAddress))
        case "next-hop" where value.flatMap(IPAddress.init) != nil:
            if let address = value.flatMap(IPAddress.init) { term.sets.append(.nextHop(.address(address))) }
        case "local-preference" where value.flatMap(UInt32.init) != nil:
            if let number = value.flatMap(UInt32.init) { term.sets.append(.localPreference(number)) }
        case "metric" where value.flatMap(UInt32.init) != nil:
            if let number = value.flatMap(UInt32.init) { term.sets.append(.med(number)) }
        case "as-path-prepend" where value != nil:
            // `as-path-prepend "65001 65001"`: the ASNs in the order they end up first.
            let asns = String(clause.dropFirst().joined(separator: " ").filter { $0 != "\"" }).split(separator: " ").compactMap { ASN($0) }
            if asns.isEmpty { term.unmodelledActions.append(clause.joined(separator: " ")) }
            for asn in asns.reversed() { term.sets.append(.prependAS(asn, count: 1)) }
        case "community" where (value == "add" || value == "set") && clause.count > 2:
            term.communityActions.append((value ?? "add", clause[2]))
        default: term.unmodelledActions.append(clause.joined(separator: " "))
        }
    }
}

extension StringProtocol {
    var trimmingQuotes: String {
        var text = String(self)
        if text.hasPrefix("\"") && text.hasSuffix("\"") && text.count >= 2 { text = String(text.dropFirst().dropLast()) }
        return text
    }
}
