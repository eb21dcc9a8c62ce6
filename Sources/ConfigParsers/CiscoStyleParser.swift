import Foundation
import Diagnostics
import NetPrimitives
import NetworkModel

/// IOS / IOS-XE, EOS and FRR: indentation-structured configs. Each top-level statement opens
/// a context (interface, router bgp, route-map, ip sla, ...) whose indented lines are read by
/// that context's handler; FRR's `exit` lines and unindented children are handled. Every
/// non-blank line is counted as modelled, recognised-and-ignored, or unrecognised.
public struct CiscoStyleParser {
    public let dialect: ConfigDialect

    public init(dialect: ConfigDialect) { self.dialect = dialect }

    enum Context {
        case none
        case interface(Int)
        case bgp
        case igp
        case sla(Int)
        case track(Int)
        case routeMap(String, Int)
        case prefixList(String)
        /// FRR `vrf NAME` blocks hold that VRF's static routes.
        case vrf(String)
        /// IOS `vrf definition NAME` / `ip vrf NAME`.
        case vrfDefinition(String)
        /// A block routesim recognises and does not model (line vty, crypto, class-map, ...): children are ignored.
        case ignoredBlock
        /// FRR's and EOS' `mpls ldp` block.
        case mplsLDP
        /// IOS `ip explicit-path name X`.
        case explicitPath(String)
        /// A block whose opening line was not recognised: children are unrecognised too.
        case unknownBlock
        /// A block routesim recognises and cannot model yet (FRR `router bgp N vrf V`): each
        /// child is unsupported with this reason, never read into the global table.
        case unmodelledBlock(String)
    }

    struct State {
        var device: DeviceConfig
        var context: Context = .none
        var banner: Substring?       // delimiter while inside a banner
        /// Codes from a `routesim: disable=` comment waiting for the line they apply to.
        var pendingSuppression: (codes: Set<String>, comment: SourceLocation)?
        /// A suppression on a block opener: it covers the block, up to the next top-level line.
        var openBlockSuppression: (codes: Set<String>, comment: SourceLocation, start: Int)?
        var lastLine = 0
        /// Inside `router bgp`: the address family or VRF the following lines configure, when it
        /// is not IPv4 unicast of the global table (those lines are unsupported, not misread as
        /// global IPv4), and the indentation that opened it (EOS `vrf V` blocks end by indentation).
        var bgpScope: (what: String, indent: Int)?
        /// Inside `router bgp`: the VRF whose BGP the following lines configure (IOS
        /// `address-family ipv4 vrf V`, EOS `vrf V`), read into `DeviceConfig.vrfBGP`.
        var bgpVRF: (name: String, indent: Int)?
        /// The VRF's lines are its IPv6 unicast family's (IOS `address-family ipv6 vrf V`, EOS
        /// `vrf V` > `address-family ipv6`, FRR `router bgp N vrf V` > `address-family ipv6 unicast`).
        var bgpVRFIPv6 = false
        /// Inside `vrf definition V`: its `address-family ipv6` (route targets there are IPv6's).
        var vrfDefinitionIPv6 = false
    }

    public func parse(_ text: String, file: String) -> DeviceConfig {
        parse(lines: ConfigSource.lines(text), file: file)
    }

    /// The same from lines already split (the linter splits once for detection and parsing).
    public func parse(lines: [Substring], file: String) -> DeviceConfig {
        var state = State(device: DeviceConfig(file: file, dialect: dialect))
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let trimmed = ConfigSource.trimmed(raw)
            if let delimiter = state.banner {
                state.device.lines.ignored += trimmed.isEmpty ? 0 : 1
                if trimmed.contains(delimiter) || (delimiter == "EOF" && trimmed == "EOF") { state.banner = nil }
                continue
            }
            if trimmed.isEmpty { continue }
            let indent = raw.utf8.prefix { $0 == 32 || $0 == 9 }.count
            let location = SourceLocation(file: file, line: number, column: indent + 1)
            if let codes = Self.suppressionCodes(trimmed) {
                state.pendingSuppression = ((state.pendingSuppression?.codes ?? []).union(codes), state.pendingSuppression?.comment ?? location)
                state.device.lines.ignored += 1
                continue
            }
            let isComment = Self.isComment(trimmed)
            if !isComment && indent == 0, let open = state.openBlockSuppression {
                state.device.suppressions.append(Suppression(codes: open.codes, lines: open.start...max(open.start, state.lastLine), comment: open.comment))
                state.openBlockSuppression = nil
            }
            if !isComment, let pending = state.pendingSuppression {
                if indent == 0 {
                    state.openBlockSuppression = (pending.codes, pending.comment, number)
                } else {
                    state.device.suppressions.append(Suppression(codes: pending.codes, lines: number...number, comment: pending.comment))
                }
                state.pendingSuppression = nil
            }
            if !isComment { state.lastLine = number }
            let words = ConfigSource.words(trimmed)
            let outcome = handle(words: words, indent: indent, location: location, state: &state)
            switch outcome {
            case .modelled: state.device.lines.modelled += 1
            case .ignored: state.device.lines.ignored += 1
            case .unrecognized: state.device.lines.unrecognized.append((number, String(trimmed)))
            case .unsupported(let reason): state.device.lines.unsupported.append((number, String(trimmed), reason))
            }
        }
        if let open = state.openBlockSuppression {
            state.device.suppressions.append(Suppression(codes: open.codes, lines: open.start...max(open.start, state.lastLine), comment: open.comment))
        }
        return state.device
    }

    /// A `!` or `#` comment (first byte; runs for every line, so no generic string comparison).
    static func isComment(_ text: Substring) -> Bool {
        let first = text.utf8.first
        return first == UInt8(ascii: "!") || first == UInt8(ascii: "#")
    }

    /// `! routesim: disable=CODE1,CODE2` (also with `#`): the codes, upper-cased; nil for other lines.
    static func suppressionCodes(_ line: Substring) -> Set<String>? {
        guard isComment(line) else { return nil }
        let body = ConfigSource.trimmed(line.drop { $0 == "!" || $0 == "#" })
        guard body.hasPrefix("routesim:") else { return nil }
        let rest = ConfigSource.trimmed(body.dropFirst("routesim:".count))
        guard rest.hasPrefix("disable=") else { return nil }
        let codes = rest.dropFirst("disable=".count).split(separator: ",").map { ConfigSource.trimmed($0).uppercased() }.filter { !$0.isEmpty }
        return codes.isEmpty ? nil : Set(codes)
    }

    enum Outcome { case modelled, ignored, unrecognized, unsupported(String) }

    func handle(words: [Substring], indent: Int, location: SourceLocation, state: inout State) -> Outcome {
        guard let first = words.first else { return .ignored }
        if Self.isComment(first) { return .ignored }
        // FRR closes blocks explicitly; EOS/IOS may too (`exit` inside a block).
        if words.count == 1 && ["exit", "exit-address-family", "exit-vrf", "exit-vnc", "end", "quit"].contains(first) {
            if first != "exit-address-family" && indent == 0 { state.context = .none }
            if first == "exit-address-family" || first == "exit-vrf" || indent == 0 {
                state.bgpScope = nil
                state.bgpVRFIPv6 = false
                // FRR's `router bgp N vrf V` is the VRF's until the block ends.
                if indent == 0 || (state.bgpVRF?.indent ?? 0) >= 0 { state.bgpVRF = nil }
            }
            state.vrfDefinitionIPv6 = false
            return .ignored
        }
        // `do write`, `do clear ip bgp *`: exec commands run from config mode change no configuration.
        if first == "do" && words.count > 1 { return .ignored }
        let topLevel = indent == 0 && !(continuesContext(first, words.count > 1 ? words[1] : "", state.context))
        if !topLevel {
            switch state.context {
            case .none: break   // an indented line outside any block: read it as top level
            case .interface(let i): return interfaceLine(words, location: location, index: i, state: &state)
            case .bgp: return bgpScopedLine(words, indent: indent, location: location, state: &state)
            case .igp: return igpLine(words, location: location, state: &state)
            case .sla(let i): return slaLine(words, index: i, location: location, state: &state)
            case .track(let i): return trackLine(words, index: i, location: location, state: &state)
            case .routeMap(let name, let i): return routeMapLine(words, name: name, index: i, location: location, state: &state)
            case .prefixList(let name): return prefixListEntry(words, name: name, location: location, state: &state) // EOS `seq 10 permit ...`
            case .vrf(let name):
                if words.count >= 3 && words[0] == "ip" && words[1] == "route" {
                    return staticRoute(["vrf", Substring(name)] + Array(words.dropFirst(2)), location: location, state: &state)
                }
                if words.count >= 3 && words[0] == "ipv6" && words[1] == "route" {
                    return staticRoute(["vrf", Substring(name)] + Array(words.dropFirst(2)), family: .ipv6, location: location, state: &state)
                }
                return .ignored
            case .vrfDefinition(let name): return vrfDefinitionLine(words, name: name, location: location, state: &state)
            case .ignoredBlock: return .ignored
            case .mplsLDP: return ldpBlockLine(words, location: location, state: &state)
            case .explicitPath(let name): return explicitPathLine(words, name: name, location: location, state: &state)
            case .unknownBlock: return .unrecognized
            case .unmodelledBlock(let reason): return .unsupported(reason)
            }
        }
        return topLevelLine(words, location: location, state: &state)
    }

    /// Unindented lines that FRR and some generators write inside a block.
    func continuesContext(_ first: Substring, _ second: Substring, _ context: Context) -> Bool {
        switch context {
        case .bgp:
            // `bgp as-path access-list` and `bgp community-list` are global even right after the block.
            if first == "bgp" && ["as-path", "community-list", "large-community-list", "extcommunity-list"].contains(String(second)) { return false }
            return ["neighbor", "network", "address-family", "aggregate-address", "redistribute", "bgp", "no", "maximum-paths", "timers"].contains(first)
        case .routeMap: return first == "match" || first == "set" || first == "on-match" || first == "call" || first == "continue"
        default: return false
        }
    }

    // MARK: top level

    func topLevelLine(_ w: [Substring], location: SourceLocation, state: inout State) -> Outcome {
        state.context = .none
        let first = String(w[0])
        let two = w.count > 1 ? first + " " + w[1] : first
        switch first {
        case "frr" where w.count >= 3 && (w[1] == "version" || w[1] == "defaults"):
            if w[1] == "version" { state.device.frrVersion = String(w[2]) } else { state.device.frrProfile = String(w[2]) }
            return .modelled
        case "hostname" where w.count >= 2:
            state.device.hostname = String(w[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return .modelled
        case "interface" where w.count == 4 && w[2] == "vrf":
            // FRR: `interface eth1 vrf CUST`.
            let index = state.device.interface(named: String(w[1]), at: location)
            state.device.interfaces[index].vrf = String(w[3])
            state.device.interfaces[index].vrfLocation = location
            state.context = .interface(index)
            return .modelled
        case "interface" where w.count >= 2, "int" where w.count >= 2:   // `int` abbreviates it (FRR, IOS)
            state.context = .interface(state.device.interface(named: w[1...].joined(separator: " "), at: location))
            return .modelled
        case "router":
            guard w.count >= 2 else { return .unrecognized }
            switch w[1] {
            case "bgp" where w.count >= 5 && w[3] == "vrf":
                // FRR: a per-VRF BGP instance, the VRF's BGP for the whole block (docs/vrf.md).
                guard let asn = parseASN(w[2]) else { return .unrecognized }
                if state.device.bgp == nil { state.device.bgp = BGPConfigFacts(asn: asn, location: location) }
                state.bgpScope = nil
                state.context = .bgp
                openVRFBGP(String(w[4]), indent: -1, location: location, state: &state)
                return .modelled
            case "bgp":
                guard w.count >= 3, let asn = parseASN(w[2]) else { return .unrecognized }
                if state.device.bgp == nil { state.device.bgp = BGPConfigFacts(asn: asn, location: location) }
                state.bgpScope = nil
                state.context = .bgp
                return .modelled
            case "ospf6", "ospfv3":
                // FRR OSPFv3, IOS-XE `router ospfv3 N`: IPv6 follows the IPv4 IGP's topology (docs/ipv6.md).
                state.context = .unmodelledBlock("OSPFv3 process settings are not read: IPv6 is routed over the IPv4 IGP's topology (docs/ipv6.md)")
                return .modelled
            case "ospf", "isis", "rip", "eigrp":
                state.device.igps.append(IGPFacts(protocolName: String(w[1]), process: w.count > 2 ? String(w[2]) : nil, location: location))
                state.context = .igp
                return .modelled
            default:
                state.context = .ignoredBlock
                return CiscoKeywords.otherRouters.contains(String(w[1])) ? .ignored : .unrecognized
            }
        case "ip" where w.count == 3 && w[1] == "nht" && w[2] == "resolve-via-default":
            state.device.nhtResolveViaDefault = true
            return .modelled
        case "no" where w.count == 4 && w[1] == "ip" && w[2] == "nht" && w[3] == "resolve-via-default":
            state.device.nhtResolveViaDefault = false
            return .modelled
        case "ip" where w.count >= 4 && w[1] == "explicit-path" && w[2] == "name":
            let name = String(w[3])
            if state.device.explicitPaths[name] == nil { state.device.explicitPaths[name] = [] }
            state.context = .explicitPath(name)
            return w.count == 4 || w.count == 5 && w[4] == "enable" ? .modelled : .unsupported("a disabled explicit path is not modelled")
        case "ip", "ipv6":
            return ipLine(w, location: location, state: &state)
        case "track" where w.count >= 3:
            var track = TrackConfig(id: String(w[1]), location: location)
            if w[2] == "ip" && w.count >= 5 && w[3] == "sla" { track.sla = String(w[4]) }
            else if w[2] == "rtr" && w.count >= 4 { track.sla = String(w[3]) }
            else if w[2] == "interface" && w.count >= 4 { track.interface = String(w[3]) }
            else if !["list", "bfd", "stub-object", "ip", "ipv6", "interface"].contains(String(w[2])) { return .unrecognized }
            state.device.tracks.append(track)
            state.context = .track(state.device.tracks.count - 1)
            return .modelled
        case "route-map" where w.count >= 2:
            let name = String(w[1])
            let action = w.count >= 3 ? String(w[2]) : "permit"
            let sequence = w.count >= 4 ? Int(w[3]) : nil
            state.device.routeMaps[name, default: []].append(RouteMapEntry(action: action, sequence: sequence, location: location))
            state.context = .routeMap(name, (state.device.routeMaps[name]?.count ?? 1) - 1)
            return .modelled
        case "vrf" where w.count == 2:
            state.context = .vrf(String(w[1]))
            return .ignored
        case "vrf" where w.count == 3 && (w[1] == "definition" || w[1] == "instance"), "ip" where w.count == 3 && w[1] == "vrf":
            // IOS `vrf definition V` / `ip vrf V`: route distinguisher and route targets; EOS `vrf instance V`.
            let name = String(w[2])
            if state.device.vrfs[name] == nil { state.device.vrfs[name] = VRFFacts(name: name, location: location) }
            state.context = .vrfDefinition(name)
            return .modelled
        case "mpls":
            return mplsLine(w, location: location, state: &state)
        case "segment-routing":
            let reason = "segment routing is not modelled (docs/mpls.md)"
            state.context = .unmodelledBlock(reason)
            return .unsupported(reason)
        case "no":
            // `no banner X` removes a banner (it opens none).
            return w.count >= 2 && (CiscoKeywords.topLevel.contains(String(w[1])) || ["ip", "ipv6", "router", "interface", "route-map", "banner"].contains(String(w[1])))
                ? .ignored : .unrecognized
        case "bgp" where w.count >= 3 && (w[1] == "as-path" || w[1] == "community-list" || w[1] == "large-community-list" || w[1] == "extcommunity-list"):
            // FRR: `bgp as-path access-list NAME ...`, `bgp community-list ...`
            let name = w[1] == "as-path" && w.count >= 4 ? String(w[3]) : String(w[w[2] == "standard" || w[2] == "expanded" ? min(3, w.count - 1) : 2])
            if w[1] == "as-path" { state.device.asPathLists[name] = state.device.asPathLists[name] ?? location } else { state.device.communityLists[name] = state.device.communityLists[name] ?? location }
            if w[1] == "as-path", w.count >= 5, w[2] == "access-list" { recordASPathEntry(w, from: 4, name: name, location: location, state: &state) }
            if w[1] == "community-list" { recordCommunityEntry(w, from: 2, location: location, state: &state) }
            return .modelled
        default:
            if CiscoKeywords.blocks.contains(first) || CiscoKeywords.blocks.contains(two) {
                state.context = .ignoredBlock
                return .ignored
            }
            if first == "banner" {
                // `banner motd ^C ... ^C` (IOS) or `banner login` ... `EOF` (EOS).
                if w.count >= 3 {
                    let delimiter = w[2].prefix(2) == "^C" ? Substring("^C") : w[2].prefix(1)
                    let rest = w[2].dropFirst(delimiter.count) + (w.count > 3 ? " " + w[3...].joined(separator: " ") : "")
                    if !rest.contains(delimiter) { state.banner = delimiter }
                } else {
                    state.banner = "EOF"
                }
                return .ignored
            }
            if CiscoKeywords.topLevel.contains(first) || CiscoKeywords.topLevel.contains(two) {
                state.context = .ignoredBlock
                return .ignored
            }
            state.context = .unknownBlock
            return .unrecognized
        }
    }

    func ipLine(_ w: [Substring], location: SourceLocation, state: inout State) -> Outcome {
        guard w.count >= 2 else { return .unrecognized }
        let v6 = w[0] == "ipv6"
        switch w[1] {
        case "route":
            return staticRoute(Array(w.dropFirst(2)), family: v6 ? .ipv6 : .ipv4, location: location, state: &state)
        case "router" where v6 && w.count >= 3 && ["ospf", "isis", "ospfv3"].contains(String(w[2])):
            // OSPFv3 / IS-IS for IPv6: IPv6 follows the IPv4 IGP's topology (docs/ipv6.md).
            state.context = .unmodelledBlock("OSPFv3 / IS-IS IPv6 process settings are not read: IPv6 is routed over the IPv4 IGP's topology (docs/ipv6.md)")
            return .modelled
        case "sla" where w.count >= 3:
            // `ip sla monitor N` / `ip sla monitor schedule N` is the pre-15.0 IOS spelling.
            var w = w
            if w[2] == "monitor" && w.count >= 4 { w.remove(at: 2) }
            if w[2] == "schedule" {
                if w.count >= 4, let i = state.device.slas.firstIndex(where: { $0.id == w[3] }) { state.device.slas[i].scheduled = true }
                else if w.count >= 4 { state.device.slas.append(SLAConfig(id: String(w[3]), scheduled: true, location: location)) }
                return .modelled
            }
            if let i = state.device.slas.firstIndex(where: { $0.id == w[2] }) {
                state.context = .sla(i)
            } else if Int(w[2]) != nil {
                state.device.slas.append(SLAConfig(id: String(w[2]), location: location))
                state.context = .sla(state.device.slas.count - 1)
            } else {
                state.context = .ignoredBlock   // ip sla responder / logging / ...
                return .ignored
            }
            return .modelled
        case "prefix-list" where w.count >= 3:
            let name = String(w[2])
            // IPv6 lists are not IPv4 policy: kept out of `prefixLists` (their references, `match
            // ipv6 address`, are not read either, so the prefix-list rules would misjudge them).
            // IPv6 lists have their own namespace on the router: kept as `ipv6 NAME`.
            if w[0] == "ipv6" {
                state.device.ipv6PrefixLists.insert(name)
                let key = "ipv6 " + name
                if state.device.prefixLists[key] == nil { state.device.prefixLists[key] = location }
                if w.count == 3 { state.context = .prefixList(key); return .modelled }   // EOS block form
                if w[3] == "description" || w[3] == "sequence-number" { return .modelled }
                guard let entry = Self.prefixListEntry(w, from: 3, family: .ipv6, location: location) else { return .unrecognized }
                state.device.prefixListEntries[key, default: []].append(entry)
                return .modelled
            }
            if state.device.prefixLists[name] == nil { state.device.prefixLists[name] = location }
            if w.count == 3 { state.context = .prefixList(name); return .modelled }   // EOS block form
            if w[3] == "description" || w[3] == "sequence-number" { return .modelled }
            guard let entry = Self.prefixListEntry(w, from: 3, location: location) else { return .unrecognized }
            state.device.prefixListEntries[name, default: []].append(entry)
            return .modelled
        case "community-list" where w.count >= 3, "large-community-list" where w.count >= 3, "extcommunity-list" where w.count >= 3:
            let name = ["standard", "expanded"].contains(String(w[2])) && w.count >= 4 ? String(w[3]) : String(w[2])
            if state.device.communityLists[name] == nil { state.device.communityLists[name] = location }
            if w.count <= 4 { state.context = .ignoredBlock }
            if w[1] == "community-list" { recordCommunityEntry(w, from: 2, location: location, state: &state) }
            return .modelled
        case "as-path" where w.count >= 4 && w[2] == "access-list":
            let name = String(w[3])
            if state.device.asPathLists[name] == nil { state.device.asPathLists[name] = location }
            if w.count == 4 { state.context = .ignoredBlock }
            recordASPathEntry(w, from: 4, name: name, location: location, state: &state)
            return .modelled
        case "access-list", "vrf", "dhcp", "nat", "ssh", "http", "domain", "domain-name", "name-server", "sla", "multicast-routing",
             "cef", "routing", "forwarding", "host", "tftp", "ftp", "scp", "finger", "bootp", "source-route", "classless", "subnet-zero",
             "igmp", "pim", "icmp", "options", "virtual-router", "unicast-routing", "radius", "tacacs", "flow-export", "flow-cache", "flow",
             "arp", "hardware", "load-sharing", "local", "ospf", "rcmd", "telnet", "domain-lookup", "msdp", "mroute", "multicast",
             "protocol", "nht", "import-table", "neighbor", "address", "community", "prefix-list", "nd", "fib", "mfib", "default-gateway",
             "wccp", "gratuitous-arps", "accounting", "auth-proxy", "admission", "inspect", "audit", "device", "dns", "rsvp", "explicit-path",
             "route", "policy", "mtu", "tcp", "udp", "verify", "redirects", "unreachables", "proxy-arp", "router", "authentication", "general-prefix",
             "ssh-server", "ecmp", "hardware-forwarding", "extcommunity-list", "large-community-list", "as-path", "community-list", "igmp-snooping",
             "mcast", "pim-sparse", "nhrp", "sla-responder", "reflexive-list", "traffic-export", "cgmp", "directed-broadcast", "vrrp",
             "bgp-community":
            state.context = .ignoredBlock   // `ip access-list extended X` and friends have children
            return .ignored
        default:
            return .unrecognized
        }
    }

    /// `ip route [vrf V] PREFIX [MASK] TARGET... [distance] [name N] [track T] [tag T] [permanent]`
    /// in the IOS (mask), EOS and FRR (/len) forms; Null0, blackhole and reject discard.
    /// Words that follow a static route's next hop as options, not as its interface.
    static let staticRouteKeywords: Set<String> = ["track", "name", "tag", "description", "global", "onlink", "vrf", "label", "multicast", "table",
                                                   "nexthop-vrf", "metric", "permanent", "bfd", "segments", "tunnel", "dhcp", "reject", "blackhole"]

    func staticRoute(_ w: [Substring], family: AddressFamily = .ipv4, location: SourceLocation, state: inout State) -> Outcome {
        var rest = w[...]
        var vrf: String?
        if rest.first == "vrf", rest.count >= 2 { vrf = String(rest[rest.startIndex + 1]); rest = rest.dropFirst(2) }
        guard let head = rest.first else { return .unrecognized }
        var prefix: Prefix?
        if head.contains("/") {
            prefix = ConfigSource.interfaceAddress(head).map(\.prefix)
            rest = rest.dropFirst()
        } else if rest.count >= 2, let network = IPAddress(head), let mask = IPAddress(rest[rest.startIndex + 1]), let length = Self.maskLength(mask) {
            prefix = Prefix(network: network, length: length)
            rest = rest.dropFirst(2)
        }
        guard let prefix, prefix.family == family, let targetWord = rest.first else {
            return head.lowercased().hasPrefix("::ffff:") ? .unsupported("IPv4-mapped IPv6 prefixes are not routed by routesim") : .unrecognized
        }
        rest = rest.dropFirst()
        let target: StaticRouteConfig.Target
        let lower = targetWord.lowercased()
        if lower == "null0" || lower == "null 0" || lower == "blackhole" || lower == "reject" {
            target = .discard
        } else if let hop = IPAddress(targetWord) {
            target = .nextHop(hop)
        } else if targetWord.first?.isLetter == true {
            var gateway: IPAddress?
            if let next = rest.first, let hop = IPAddress(next) { gateway = hop; rest = rest.dropFirst() }
            target = .interface(String(targetWord), gateway)
        } else {
            return .unrecognized
        }
        var route = StaticRouteConfig(prefix: prefix, target: target, vrf: vrf, location: location)
        // FRR `ip route P GATEWAY IFNAME`: the next hop through that interface.
        if case .nextHop(let hop) = target, let word = rest.first, word.first?.isLetter == true, !Self.staticRouteKeywords.contains(String(word)) {
            route.target = .interface(String(word), hop)
            rest = rest.dropFirst()
        }
        // Options whose meaning the model does not take: the route is kept, the line says so.
        var dropped: [String] = []
        while let word = rest.first {
            rest = rest.dropFirst()
            if let value = UInt8(word) { route.distance = value; continue }
            switch word {
            case "track": if let id = rest.first { route.track = String(id); rest = rest.dropFirst() }
            case "name", "tag", "description":
                // Labels for people and for `match tag` (not modelled); a quoted name may hold spaces.
                if let first = rest.first, first.hasPrefix("\""), !(first.count > 1 && first.hasSuffix("\"")) {
                    while let next = rest.first { rest = rest.dropFirst(); if next != first && next.hasSuffix("\"") { break } }
                } else {
                    rest = rest.dropFirst()
                }
            case "global", "onlink": break   // the global table (the default here); a next hop on the link
            case "vrf":
                // FRR `ip route ... vrf NAME`: the route belongs to that VRF (`default`: the global table).
                if let name = rest.first, name != "default" { route.vrf = String(name) }
                rest = rest.dropFirst()
            case "label":
                rest = rest.dropFirst()
                dropped.append("the MPLS label it pushes (the route is modelled as plain IP)")
            case "multicast":
                // IOS: a route for multicast RPF checks only, never used to forward unicast.
                return .unsupported("a multicast (RPF-only) static route is not a unicast route: left out")
            case "table":
                return .unsupported("a static route in kernel table \(rest.first.map(String.init) ?? "?") is not in the main table: left out")
            case "nexthop-vrf", "metric":
                rest = rest.dropFirst()
                dropped.append("`\(word)`")
            case "permanent":
                dropped.append("`permanent` (the route is withdrawn with its interface, as without it)")
            default:
                dropped.append("`\(word)`")
            }
        }
        state.device.staticRoutes.append(route)
        return dropped.isEmpty ? .modelled : .unsupported("static route option not modelled: \(dropped.joined(separator: ", "))")
    }

    // MARK: blocks

    func interfaceLine(_ w: [Substring], location: SourceLocation, index: Int, state: inout State) -> Outcome {
        if let outcome = modelledInterfaceLine(w, location: location, index: index, state: &state) { return outcome }
        let first = w[0]
        let word = first == "no" && w.count >= 2 ? String(w[1]) : String(first)
        if first == "ip", w.count >= 2, let reason = CiscoKeywords.interfaceIPDropped[String(w[1])] { return .unsupported(reason) }
        return CiscoKeywords.interfaceChildren.contains(word) ? .ignored : .unrecognized
    }

    /// A statement of `interfaceLine` that reaches the model, or nil. One switch on the first
    /// word: each line is compared with each keyword at most once (lint spent a tenth of its
    /// time on repeated `first == "ip"` tests).
    private func modelledInterfaceLine(_ w: [Substring], location: SourceLocation, index: Int, state: inout State) -> Outcome? {
        switch w[0] {
        case "shutdown":
            state.device.interfaces[index].shutdown = true
            return .modelled
        case "no" where w.count >= 2 && w[1] == "mpls":
            return interfaceNoMPLSLine(w, index: index, state: &state)
        case "tunnel":
            return tunnelLine(w, location: location, index: index, state: &state)
        case "no" where w.count == 2 && w[1] == "shutdown":
            state.device.interfaces[index].shutdown = false
            return .modelled
        case "ip":
            return modelledInterfaceIPLine(w, location: location, index: index, state: &state)
        case "ipv6":
            return interfaceIPv6Line(w, location: location, index: index, state: &state)
        case "ospfv3" where w.contains("area"):
            state.device.interfaces[index].ipv6IGP = true
            return .modelled   // IOS-XE `ospfv3 1 ipv6 area A`: the interface's IPv6 is routed as its IPv4 is
        case "ospfv3":
            return .unsupported("OSPFv3 interface settings are not read: IPv6 takes the IPv4 IGP's costs (docs/ipv6.md)")
        case "bfd" where w.count >= 6 && w[1] == "interval" && w[4] == "multiplier" || w.count >= 7 && w[1] == "interval" && w[5] == "multiplier":
            // IOS `bfd interval TX min_rx RX multiplier N`, EOS `bfd interval TX min-rx RX multiplier N` (milliseconds).
            let at = w.firstIndex(of: "multiplier") ?? w.endIndex
            guard let interval = Self.milliseconds(w[2]), at + 1 < w.count, let multiplier = Int(w[at + 1]), multiplier > 0 else { return .unrecognized }
            state.device.interfaces[index].timers.bfd = BFDSettings(interval: StatedTimer(interval, at: location), multiplier: multiplier)
            return .modelled
        case "isis" where w.count >= 2 && w[1] == "enable":
            state.device.interfaces[index].isisEnabled = true
            return .modelled
        case "isis" where w.count >= 3 && (w[1] == "hello-interval" || w[1] == "hello-multiplier"):
            // `isis hello-interval N [level-1|level-2]`, `isis hello-multiplier M [level]`:
            // routesim's IS-IS is one level-2 domain, so a level-1-only value is not its timer.
            if w.count >= 4 && w[3] == "level-1" { return .unsupported("IS-IS level-1 timers are not used: routesim models one level-2 domain") }
            guard w.count == 3 || w.count == 4 && w[3] == "level-2" else { return nil }
            if w[1] == "hello-interval" {
                guard let hello = Self.seconds(w[2]), hello > .zero else {
                    return w[2] == "minimal" ? .unsupported("IS-IS sub-second hellos (hello-interval minimal) are not timed") : nil
                }
                state.device.interfaces[index].timers.isisHello = StatedTimer(hello, at: location)
            } else {
                guard let multiplier = Int(w[2]), (1...1000).contains(multiplier) else { return nil }
                state.device.interfaces[index].timers.isisHelloMultiplier = StatedCount(multiplier, at: location)
            }
            return .modelled
        case "isis" where w.count >= 3 && w[1] == "metric":
            guard let metric = UInt32(w[2]) else { return nil }
            state.device.interfaces[index].isisMetric = metric
            return .modelled
        case "mpls":
            return interfaceMPLSLine(w, location: location, index: index, state: &state)
        // `vrf forwarding V` (IOS, IOS-XE), `vrf V` (EOS; `vrf forwarding V` before 4.23).
        case "vrf" where w.count == 3 && w[1] == "forwarding" || w.count == 2:
            state.device.interfaces[index].vrf = String(w[w.count - 1])
            state.device.interfaces[index].vrfLocation = location
            return .modelled
        default:
            return nil
        }
    }

    /// `ipv6 ...` inside an interface: global addresses; OSPFv3 / IS-IS enablement (IPv6 is
    /// routed over the IPv4 IGP's topology, docs/ipv6.md). nil: not a modelled statement.
    private func interfaceIPv6Line(_ w: [Substring], location: SourceLocation, index: Int, state: inout State) -> Outcome? {
        guard w.count >= 2 else { return nil }
        switch w[1] {
        case "address" where w.count >= 3:
            if w.count >= 4 && w[3] == "link-local" { return .ignored }   // routesim names next hops by global addresses
            if w[2] == "virtual" { return .unsupported("EOS virtual (anycast gateway) addresses are not modelled") }
            if w[2].lowercased().hasPrefix("::ffff:") { return .unsupported("IPv4-mapped IPv6 addresses are not routed by routesim") }
            if w.count >= 4 && w[3] == "eui-64" { return .unsupported("an EUI-64 address depends on the MAC address, which configs do not hold") }
            if w[2] == "autoconfig" || w[2] == "dhcp" { return .unsupported("an IPv6 address learned at run time (SLAAC, DHCPv6) is not modelled") }
            guard let (address, prefix) = ConfigSource.interfaceAddress(w[2]), !address.isIPv4 else { return .unrecognized }
            // Link-local addresses (fe80::/10) are link-scoped: one may repeat on every link.
            if address.isLinkLocal { return .ignored }
            state.device.interfaces[index].addresses.append((address, prefix))
            return .modelled
        case "enable":
            return .ignored   // link-local addressing only: nothing routesim routes
        case "ospf" where w.contains("area"), "ospf6" where w.contains("area"), "router" where w.count >= 3 && w[2] == "isis":
            state.device.interfaces[index].ipv6IGP = true
            return .modelled   // the interface's IPv6 subnet is routed as its IPv4 one is
        case "ospf", "ospf6":
            return .unsupported("OSPFv3 interface settings are not read: IPv6 takes the IPv4 IGP's costs (docs/ipv6.md)")
        default:
            return nil
        }
    }

    /// `ip ...` inside an interface: addresses, OSPF cost/area/passive, IS-IS, `ip vrf forwarding`.
    private func modelledInterfaceIPLine(_ w: [Substring], location: SourceLocation, index: Int, state: inout State) -> Outcome? {
        if w.count >= 3 && w[1] == "rsvp" && w[2] == "bandwidth" {
            // `ip rsvp bandwidth [KBPS [...]]`: reservable bandwidth for RSVP-TE on this interface.
            if w.count >= 4 {
                guard let kbps = UInt64(w[3]) else { return .unrecognized }
                state.device.interfaces[index].rsvpBandwidthKbps = .some(kbps)
            } else {
                state.device.interfaces[index].rsvpBandwidthKbps = .some(nil)
            }
            return .modelled
        }
        if w.count >= 3 && (w[1] == "address" || w[1] == "addr") {
            if let (address, prefix) = ConfigSource.interfaceAddress(w[2]) {
                state.device.interfaces[index].addresses.append((address, prefix))
                return .modelled
            }
            if w.count >= 4, let address = IPAddress(w[2]), let mask = IPAddress(w[3]), let length = Self.maskLength(mask) {
                state.device.interfaces[index].addresses.append((address, Prefix(network: address, length: length)))
                return .modelled
            }
            if w[2] == "virtual" { return .unsupported("EOS virtual (anycast gateway) addresses are not modelled") }
            return w[2] == "dhcp" || w[2] == "negotiated" || w[2] == "unnumbered" ? .ignored : .unrecognized
        }
        // `ip ospf hello-interval N`, `ip ospf dead-interval N` (seconds; `dead-interval minimal` is sub-second: said).
        if w.count == 4 && w[1] == "ospf" && (w[2] == "hello-interval" || w[2] == "dead-interval") {
            guard let value = Self.seconds(w[3]) else { return w[3] == "minimal" ? .unsupported("sub-second OSPF hellos are not modelled") : .unrecognized }
            if w[2] == "hello-interval" {
                state.device.interfaces[index].timers.igpHello = StatedTimer(value, at: location)
            } else {
                state.device.interfaces[index].timers.igpDead = StatedTimer(value, at: location)
            }
            return .modelled
        }
        if w.count >= 4 && w[1] == "ospf" && w[2] == "cost", let cost = UInt32(w[3]) {
            state.device.interfaces[index].ospfCost = cost
            return .modelled
        }
        // `ip ospf [PID] area A` (IOS: with the process id; FRR, EOS: without).
        if w.count >= 4 && w[1] == "ospf", let areaAt = w.firstIndex(of: "area"), areaAt + 1 < w.count, areaAt <= 3 {
            state.device.interfaces[index].ospfArea = String(w[areaAt + 1])
            return .modelled
        }
        if w.count == 3 && w[1] == "ospf" && w[2] == "passive" { state.device.interfaces[index].igpPassive = true; return .modelled }
        if w.count >= 3 && w[1] == "router" && w[2] == "isis" {
            state.device.interfaces[index].isisEnabled = true
            return .modelled
        }
        // `ip vrf forwarding V` (older IOS).
        if w.count == 4 && w[1] == "vrf" && w[2] == "forwarding" {
            state.device.interfaces[index].vrf = String(w[3])
            state.device.interfaces[index].vrfLocation = location
            return .modelled
        }
        return nil
    }

    /// A line inside `router bgp`: IPv4 unicast of the global table is read; other address
    /// families and VRFs are unsupported (not misread as global IPv4 statements).
    func bgpScopedLine(_ w: [Substring], indent: Int, location: SourceLocation, state: inout State) -> Outcome {
        if let scope = state.bgpScope, scope.what.hasPrefix("VRF"), indent <= scope.indent, w[0] != "address-family" {
            state.bgpScope = nil   // EOS: a line at the `vrf V` line's indentation or less ends the block
        }
        if let vrf = state.bgpVRF, state.device.dialect == .eos, indent <= vrf.indent, w[0] != "address-family" {
            state.bgpVRF = nil   // EOS: a line at the `vrf V` line's indentation or less ends the block
        }
        if w[0] == "address-family" {
            // vtysh takes abbreviations: FRR topotests write `address-family ipv4 uni`.
            let family = w.dropFirst().map { $0.count >= 3 && "unicast".hasPrefix($0) ? "unicast" : String($0) }.joined(separator: " ")
            if let vrf = w.firstIndex(of: "vrf"), vrf + 1 < w.count {
                let name = String(w[vrf + 1])
                let unicast = ["vrf \(name)", "unicast vrf \(name)"]
                guard ["ipv4", "ipv6"].contains(w[1]), unicast.contains(w.dropFirst(2).joined(separator: " ")) else {
                    state.bgpScope = ("VRF \(name) (address-family \(family))", indent)
                    return .unsupported("BGP address-family \(family) is not modelled (routesim models IPv4 and IPv6 unicast, in VRFs too, VPN-IPv4 and VPN-IPv6)")
                }
                openVRFBGP(name, indent: indent, location: location, state: &state)
                state.bgpVRFIPv6 = w[1] == "ipv6"
                return .modelled
            } else if family == "ipv4" || family == "ipv4 unicast" || family == "ipv6" || family == "ipv6 unicast" {
                let ipv6 = w[1] == "ipv6"
                if state.bgpScope?.what.hasPrefix("VRF") == true, let scope = state.bgpScope, indent > scope.indent { return .modelled }
                // EOS `vrf V` > `address-family ipv4|ipv6`; FRR `router bgp N vrf V` > `address-family ipv4|ipv6 unicast`.
                if let vrf = state.bgpVRF, state.device.dialect == .eos || vrf.indent < 0 {
                    state.bgpVRFIPv6 = ipv6
                    return .modelled
                }
                state.bgpVRF = nil
                state.bgpScope = ipv6 ? (Self.ipv6UnicastScope, indent) : nil
            } else if let scope = Self.vpnScopes[family] {
                state.bgpVRF = nil
                state.bgpScope = (scope, indent)
            } else {
                state.bgpVRF = nil
                state.bgpScope = ("address-family \(family)", indent)
            }
            return .modelled
        }
        if w[0] == "vrf" && w.count == 2 {
            // EOS `router bgp` > `vrf V`: that VRF's BGP, route distinguisher and route targets.
            state.bgpScope = nil
            openVRFBGP(String(w[1]), indent: indent, location: location, state: &state)
            return .modelled
        }
        if let scope = state.bgpScope, scope.what == Self.vpnv4Scope { return vpnLine(w, family: .ipv4, location: location, state: &state) }
        if let scope = state.bgpScope, scope.what == Self.vpnv6Scope { return vpnLine(w, family: .ipv6, location: location, state: &state) }
        if let scope = state.bgpScope, scope.what == Self.ipv6UnicastScope { return ipv6UnicastLine(w, location: location, state: &state) }
        if let vrf = state.bgpVRF { return vrfBGPLine(w, vrf: vrf.name, location: location, state: &state) }
        if let scope = state.bgpScope {
            return scope.what.hasPrefix("VRF")
                ? .unsupported("BGP in \(scope.what) is not modelled; left out of the global table")
                : .unsupported("BGP \(scope.what) is not modelled (routesim models IPv4 and IPv6 unicast, VPN-IPv4 and VPN-IPv6)")
        }
        return bgpLine(w, location: location, state: &state)
    }

    static let ipv6UnicastScope = "address-family ipv6 unicast"

    /// A line of `address-family ipv6 [unicast]` (IOS, EOS, FRR): activation, IPv6 networks,
    /// aggregates and redistribution; an IPv6 neighbor's policies there are its own (it carries
    /// IPv6 only, unless also activated for IPv4). Policies of a neighbor that carries both
    /// families are per family on the router and not modelled apart: said at the line.
    func ipv6UnicastLine(_ w: [Substring], location: SourceLocation, state: inout State) -> Outcome {
        guard var bgp = state.device.bgp else { return .unrecognized }
        state.device.bgp = nil
        defer { state.device.bgp = bgp }
        let negated = w[0] == "no"
        let words = negated ? Array(w.dropFirst()) : w
        guard let first = words.first else { return .unrecognized }
        switch first {
        case "neighbor" where words.count >= 3 && words[2] == "activate":
            bgp.neighbors[bgp.neighbor(String(words[1]), at: location)].ipv6Unicast = !negated
            return .modelled
        case "neighbor" where words.count >= 3 && negated:
            return CiscoKeywords.neighborOptions.contains(String(words[2])) ? .ignored : .unsupported("no neighbor \(words[2]) in the IPv6 unicast family is not modelled")
        case "neighbor" where words.count >= 3:
            guard let address = IPAddress(words[1]), !address.isIPv4 else {
                if CiscoKeywords.neighborOptions.contains(String(words[2])) && !["route-map", "prefix-list", "filter-list", "distribute-list"].contains(String(words[2])) {
                    return .ignored
                }
                return .unsupported("a policy in the IPv6 family of an IPv4 neighbor or peer group is not modelled apart from its IPv4 policies")
            }
            switch words[2] {
            case "nexthop-local": return .unsupported("link-local next hops are not modelled: routesim names the global next hop")
            case "encapsulation-srv6", "encapsulation-srv6-relax": return .unsupported("SRv6 is not modelled")
            default: break
            }
            // IPv6 prefix-lists live apart from IPv4 ones (`ipv6 NAME`).
            var rewritten = words
            if words[2] == "prefix-list", words.count >= 5 { rewritten[3] = Substring("ipv6 " + words[3]) }
            return neighborLine(rewritten, location: location, bgp: &bgp)
        case "network" where words.count >= 2 && !negated:
            guard let prefix = ConfigSource.interfaceAddress(words[1])?.prefix, !prefix.isIPv4 else { return .unrecognized }
            let routeMap = words.firstIndex(of: "route-map").flatMap { $0 + 1 < words.count ? String(words[$0 + 1]) : nil }
            bgp.networks.append((prefix, routeMap, location))
            return .modelled
        case "aggregate-address" where words.count >= 2 && !negated:
            guard let prefix = ConfigSource.interfaceAddress(words[1])?.prefix, !prefix.isIPv4 else { return .unrecognized }
            bgp.aggregates.append((prefix, words.contains("summary-only"), location))
            return .modelled
        case "redistribute" where words.count >= 2 && !negated:
            let routeMap = words.firstIndex(of: "route-map").flatMap { $0 + 1 < words.count ? String(words[$0 + 1]) : nil }
            bgp.redistributes.append((String(words[1]), routeMap, .ipv6, location))
            return .modelled
        case "bgp" where words.count >= 2:
            // Process options said in the family block: the IPv4 rules (scan-time and the like).
            if let reason = CiscoKeywords.bgpSubDropped[String(words[1])] { return .unsupported(reason) }
            return .ignored
        default:
            return .unsupported("\(first) in the IPv6 unicast family is not modelled")
        }
    }

    func bgpLine(_ w: [Substring], location: SourceLocation, state: inout State) -> Outcome {
        guard var bgp = state.device.bgp else { return .unrecognized }
        // Move it out so that the neighbor list is uniquely referenced while it changes
        // (otherwise every neighbor line copied the whole list).
        state.device.bgp = nil
        defer { state.device.bgp = bgp }
        let first = w[0]
        switch first {
        case "neighbor" where w.count >= 3:
            return neighborLine(w, location: location, bgp: &bgp)
        case "no" where w.count == 4 && w[1] == "neighbor" && w[3] == "activate":
            bgp.neighbors[bgp.neighbor(String(w[2]), at: location)].ipv4Unicast = false
            return .modelled
        case "bgp" where w.count == 3 && w[1] == "default" && w[2] == "ipv4-unicast",
             "no" where w.count == 4 && w[1] == "bgp" && w[2] == "default" && w[3] == "ipv4-unicast":
            bgp.defaultIPv4Unicast = first == "bgp"
            return .modelled
        case "bgp" where w.count == 2 && w[1] == "ebgp-requires-policy", "no" where w.count == 3 && w[1] == "bgp" && w[2] == "ebgp-requires-policy":
            bgp.ebgpRequiresPolicy = first == "bgp"
            return .modelled
        case "timers" where w.count >= 4 && w[1] == "bgp":
            // `timers bgp KEEPALIVE HOLD [MIN-HOLD]` (seconds).
            guard let keepalive = Self.seconds(w[2]), let hold = Self.seconds(w[3]) else { return .unrecognized }
            bgp.timers.bgpKeepalive = StatedTimer(keepalive, at: location)
            bgp.timers.bgpHold = StatedTimer(hold, at: location)
            return .modelled
        case "bgp" where w.count == 3 && w[1] == "scan-time":
            // IOS: the BGP scanner, which also re-evaluates conditional advertisement.
            guard let scan = Self.seconds(w[2]) else { return .unrecognized }
            bgp.timers.conditionalAdvertisementScan = StatedTimer(scan, at: location)
            return .modelled
        case "bgp" where w.count == 4 && w[1] == "conditional-advertisement" && w[2] == "timer":
            guard let scan = Self.seconds(w[3]) else { return .unrecognized }
            bgp.timers.conditionalAdvertisementScan = StatedTimer(scan, at: location)
            return .modelled
        case "maximum-paths" where w.count == 2:
            guard let paths = Int(w[1]), paths >= 1 else { return .unrecognized }
            bgp.maximumPaths = min(paths, 64)
            return .modelled
        case "maximum-paths" where w.count == 3 && w[1] == "ibgp":
            guard let paths = Int(w[2]), paths >= 1 else { return .unrecognized }
            bgp.maximumPathsIBGP = min(paths, 64)
            return .modelled
        case "maximum-paths" where w.count >= 3:
            return .unsupported("only `maximum-paths N` and `maximum-paths ibgp N` are modelled")
        case "bgp" where w.count == 3 && w[1] == "network" && w[2] == "import-check",
             "no" where w.count == 4 && w[1] == "bgp" && w[2] == "network" && w[3] == "import-check":
            bgp.networkImportCheck = first == "bgp"
            return .modelled
        case "bgp" where w.count == 3 && w[1] == "bestpath" && w[2] == "compare-routerid",
             "no" where w.count == 4 && w[1] == "bgp" && w[2] == "bestpath" && w[3] == "compare-routerid":
            bgp.bestPath.compareRouterID = first == "bgp"
            return .modelled
        case "bgp" where w.count == 2 && w[1] == "deterministic-med", "no" where w.count == 3 && w[1] == "bgp" && w[2] == "deterministic-med":
            bgp.bestPath.deterministicMED = first == "bgp"
            return .modelled
        case "bgp" where w.count == 2 && w[1] == "always-compare-med", "no" where w.count == 3 && w[1] == "bgp" && w[2] == "always-compare-med":
            bgp.bestPath.alwaysCompareMED = first == "bgp"
            return .modelled
        case "bgp" where w.count >= 4 && w[1] == "bestpath" && w[2] == "med" && w.contains("missing-as-worst"),
             "no" where w.count >= 5 && w[1] == "bgp" && w[2] == "bestpath" && w[3] == "med" && w.contains("missing-as-worst"):
            // `confed` on the same line (MED between confederation sub-ASes) has no confederations to act on.
            bgp.bestPath.missingMEDAsWorst = first == "bgp"
            return .modelled
        case "bgp" where w.count >= 3 && w[1] == "router-id", "router-id" where w.count >= 2:
            bgp.routerID = IPAddress(w[first == "bgp" ? 2 : 1])
            return .modelled
        case "network" where w.count >= 2:
            var prefix: Prefix?
            var routeMap: String?
            if w[1].contains("/") {
                prefix = ConfigSource.interfaceAddress(w[1]).map(\.prefix)
            } else if let network = IPAddress(w[1]) {
                if w.count >= 4, w[2] == "mask", let mask = IPAddress(w[3]), let length = Self.maskLength(mask) {
                    prefix = Prefix(network: network, length: length)
                } else {
                    prefix = Prefix(network: network, length: Self.classfulLength(network))
                }
            }
            if let i = w.firstIndex(of: "route-map"), i + 1 < w.count { routeMap = String(w[i + 1]) }
            guard let prefix else { return w[1].contains(":") ? .ignored : .unrecognized }
            bgp.networks.append((prefix, routeMap, location))
            return .modelled
        case "aggregate-address" where w.count >= 2:
            var prefix: Prefix?
            if w[1].contains("/") { prefix = ConfigSource.interfaceAddress(w[1]).map(\.prefix) }
            else if w.count >= 3, let network = IPAddress(w[1]), let mask = IPAddress(w[2]), let length = Self.maskLength(mask) { prefix = Prefix(network: network, length: length) }
            guard let prefix else { return w[1].contains(":") ? .ignored : .unrecognized }
            bgp.aggregates.append((prefix, w.contains("summary-only"), location))
            return .modelled
        case "redistribute" where w.count >= 2:
            let routeMap = w.firstIndex(of: "route-map").flatMap { $0 + 1 < w.count ? String(w[$0 + 1]) : nil }
            bgp.redistributes.append((String(w[1]), routeMap, .ipv4, location))
            return .modelled
        default:
            let word = first == "no" && w.count >= 2 ? String(w[1]) : String(first)
            if let reason = CiscoKeywords.bgpDropped[word] { return .unsupported(reason) }
            if word == "bgp", let option = w.dropFirst(first == "no" ? 2 : 1).first {
                if let reason = CiscoKeywords.bgpSubDropped[String(option)] { return .unsupported(reason) }
                if option == "default", w.contains("local-preference") { return .unsupported("a process-wide default local preference is not modelled (100)") }
            }
            return CiscoKeywords.bgpChildren.contains(word) ? .ignored : .unrecognized
        }
    }

    func neighborLine(_ w: [Substring], location: SourceLocation, bgp: inout BGPConfigFacts) -> Outcome {
        let key = String(w[1])
        let index = bgp.neighbor(key, at: location)
        let rest = Array(w.dropFirst(2))
        func word(_ i: Int) -> String? { i < rest.count ? String(rest[i]) : nil }
        let keyword = ["route-map", "prefix-list", "distribute-list", "filter-list"].contains(String(rest[0])) && rest.count >= 3
            ? "\(rest[0]) \(rest[2])" : String(rest[0])
        bgp.neighbors[index].statements[keyword] = location
        switch rest[0] {
        case "activate" where rest.count == 1:
            // Outside any family block or in `address-family ipv4`: IPv4 unicast.
            bgp.neighbors[index].ipv4Unicast = true
        case "remote-as": bgp.neighbors[index].remoteAS = word(1)
        case "peer-group" where rest.count == 1, "peer" where rest.count == 2 && rest[1] == "group":
            bgp.neighbors[index].isPeerGroup = true
        case "peer-group": bgp.neighbors[index].peerGroup = word(1)
        case "peer" where rest.count >= 3 && rest[1] == "group": bgp.neighbors[index].peerGroup = word(2)
        case "update-source": bgp.neighbors[index].updateSource = word(1)
        case "next-hop-self": bgp.neighbors[index].nextHopSelf = true
        case "route-reflector-client": bgp.neighbors[index].routeReflectorClient = true
        case "route-map" where rest.count >= 3:
            if rest[2] == "in" { bgp.neighbors[index].routeMapIn = word(1) } else { bgp.neighbors[index].routeMapOut = word(1) }
        case "prefix-list" where rest.count >= 3, "distribute-list" where rest.count >= 3, "filter-list" where rest.count >= 3:
            if rest[2] == "in" {
                bgp.neighbors[index].prefixListIn = word(1)
                bgp.neighbors[index].listKindIn = String(rest[0])
            } else {
                bgp.neighbors[index].prefixListOut = word(1)
                bgp.neighbors[index].listKindOut = String(rest[0])
            }
        case "ebgp-multihop":
            // IOS/EOS/FRR: no number means 255.
            bgp.neighbors[index].ebgpMultihop = word(1).flatMap { Int($0) }.map { min(max($0, 1), 255) } ?? 255
        case "ttl-security" where rest.count >= 3 && rest[1] == "hops":
            bgp.neighbors[index].ttlSecurityHops = word(2).flatMap { Int($0) }.map { min(max($0, 1), 254) }
        case "disable-connected-check":
            bgp.neighbors[index].disableConnectedCheck = true
        case "weight" where rest.count == 2:
            guard let weight = UInt32(rest[1]), weight <= 65535 else { return .unrecognized }
            bgp.neighbors[index].weight = weight
        case "allowas-in":
            bgp.neighbors[index].allowASIn = word(1).flatMap { Int($0) }.map { min(max($0, 1), 10) } ?? 3
        case "as-override":
            bgp.neighbors[index].asOverride = true
        case "local-as" where rest.count >= 2:
            guard let asn = parseASN(rest[1]) else { return .unrecognized }
            bgp.neighbors[index].localAS = asn
            bgp.neighbors[index].localASNoPrepend = rest.contains("no-prepend")
            bgp.neighbors[index].localASReplaceAS = rest.contains("replace-as")
            // `dual-as` (accept either AS from the peer) is not modelled: the peer must use local-as.
            if rest.contains("dual-as") { return .unsupported("local-as dual-as is not modelled; the peer must use the local-as") }
        case "default-originate":
            bgp.neighbors[index].defaultOriginate = true
            if let i = rest.firstIndex(of: "route-map"), i + 1 < rest.count { bgp.neighbors[index].defaultOriginateRouteMap = String(rest[i + 1]) }
        case "maximum-prefix", "maximum-routes", "maximum-accepted-routes":
            bgp.neighbors[index].maximumPrefix = word(1).flatMap { Int($0) } ?? 0
        case "advertise-map" where rest.count >= 4:
            bgp.neighbors[index].advertiseMap = word(1)
            if rest[2] == "exist-map" { bgp.neighbors[index].existMap = word(3) } else if rest[2] == "non-exist-map" { bgp.neighbors[index].nonExistMap = word(3) }
            bgp.neighbors[index].conditionLocation = location
        case "interface" where rest.count == 2 && IPAddress(key) != nil:
            // FRR `neighbor ADDRESS interface IF`: the interface a (link-local) address is on.
            if IPAddress(key)?.isLinkLocal == true { return .unsupported("BGP sessions to link-local addresses are not modelled (routesim peers by global addresses)") }
            return .ignored   // a global address is on one link: the interface changes nothing
        case "interface":
            // FRR unnumbered: `neighbor swp1 interface [v6only] [remote-as AS | peer-group G]`.
            bgp.neighbors[index].onInterface = true
            var k = 1
            while k < rest.count {
                switch rest[k] {
                case "v6only": k += 1
                case "remote-as" where k + 1 < rest.count: bgp.neighbors[index].remoteAS = word(k + 1); k += 2
                case "peer-group" where k + 1 < rest.count: bgp.neighbors[index].peerGroup = word(k + 1); k += 2
                default: return .unrecognized
                }
            }
        case "timers" where rest.count >= 3 && Self.seconds(rest[1]) != nil:
            // `neighbor X timers KEEPALIVE HOLD [MIN-HOLD]` (seconds). FRR's `timers connect N`
            // and `timers delayopen N` time a session's establishment, not its failure: ignored
            // below with the other options that change no failure's outcome.
            guard let keepalive = Self.seconds(rest[1]), let hold = Self.seconds(rest[2]) else { return .unrecognized }
            bgp.neighbors[index].timers.keepalive = StatedTimer(keepalive, at: location)
            bgp.neighbors[index].timers.hold = StatedTimer(hold, at: location)
        case "bfd" where rest.count == 1, "fall-over" where rest.count == 2 && rest[1] == "bfd":
            // FRR, EOS `neighbor X bfd`; IOS `neighbor X fall-over bfd`: the interface's or default BFD timers.
            bgp.neighbors[index].timers.bfd = true
        case "shutdown" where rest.count == 1:
            bgp.neighbors[index].shutdown = true
        default:
            if let reason = CiscoKeywords.neighborDropped[String(rest[0])] { return .unsupported(reason) }
            return CiscoKeywords.neighborOptions.contains(String(rest[0])) ? .ignored : .unrecognized
        }
        return .modelled
    }

    func igpLine(_ w: [Substring], location: SourceLocation, state: inout State) -> Outcome {
        guard let current = state.device.igps.indices.last else { return .unrecognized }
        // `timers throttle spf START HOLD MAX` (milliseconds; IOS, FRR, EOS), older IOS `timers spf DELAY HOLD` (seconds).
        if w.count >= 4 && w[0] == "timers" && w[1] == "throttle" && w[2] == "spf" {
            guard let start = Self.milliseconds(w[3]) else { return .unrecognized }
            state.device.igps[current].spfDelay = StatedTimer(start, at: location)
            return .modelled
        }
        // EOS `timers spf delay initial START HOLD MAX` (milliseconds).
        if w.count >= 5 && w[0] == "timers" && w[1] == "spf" && w[2] == "delay" && w[3] == "initial" {
            guard let start = Self.milliseconds(w[4]) else { return .unrecognized }
            state.device.igps[current].spfDelay = StatedTimer(start, at: location)
            return .modelled
        }
        if w.count == 4 && w[0] == "timers" && w[1] == "spf", let delay = Self.seconds(w[2]) {
            state.device.igps[current].spfDelay = StatedTimer(delay, at: location)
            return .modelled
        }
        if w[0] == "timers" {
            return .unsupported("this IGP timer is not modelled: timelines take the SPF delay only (docs/timeline.md)")
        }
        // IOS `mpls ldp sync`, EOS `mpls ldp sync default`, FRR `mpls ldp-sync`: LDP-IGP
        // synchronisation on the IGP's interfaces.
        if w[0] == "mpls" && (w.count == 3 && w[1] == "ldp" && w[2] == "sync" || w.count == 2 && w[1] == "ldp-sync"
                              || w.count == 4 && w[1] == "ldp" && w[2] == "sync" && w[3] == "default") {
            state.device.ldpIGPSync = true
            return .modelled
        }
        if w[0] == "mpls" { return .unsupported(Self.mplsNotModelled) }
        if w[0] == "redistribute" && w.count >= 2 && w[1] == "static" {
            state.device.igps[current].redistributeStatic = true
            return w.contains("route-map") ? .unsupported("the route-map on redistribution into the IGP is not modelled; every static is redistributed") : .modelled
        }
        // `network A WILDCARD area X` (IOS) or `network A/LEN area X` (FRR, EOS): OSPF runs on the
        // interfaces whose address it covers.
        if w[0] == "network", state.device.igps[current].protocolName.hasPrefix("ospf"), w.count >= 2 {
            let area = w.firstIndex(of: "area").flatMap { $0 + 1 < w.count ? String(w[$0 + 1]) : nil }
            if let prefix = ConfigSource.interfaceAddress(w[1])?.prefix, w[1].contains("/") {
                state.device.igps[current].networks.append((IPv4Range(prefix: prefix), area, location))
                return .modelled
            }
            if w.count >= 3, let address = IPAddress(w[1]), let wildcard = IPAddress(w[2]) {
                state.device.igps[current].networks.append((IPv4Range(address: address, wildcard: wildcard.ipv4Value), area, location))
                return .modelled
            }
        }
        if w[0] == "passive-interface", w.count >= 2 {
            if w[1] == "default" { state.device.igps[current].passiveByDefault = true } else { state.device.igps[current].passiveInterfaces.insert(String(w[1])) }
            return .modelled
        }
        if w[0] == "no", w.count >= 3, w[1] == "passive-interface" {
            if w[2] == "default" { state.device.igps[current].passiveByDefault = false } else { state.device.igps[current].activeInterfaces.insert(String(w[2])) }
            return .modelled
        }
        let word = w[0] == "no" && w.count >= 2 ? String(w[1]) : String(w[0])
        if let reason = CiscoKeywords.igpDropped[word] { return .unsupported(reason) }
        if word == "area", w.count >= 3, let option = w.dropFirst(w[0] == "no" ? 3 : 2).first, CiscoKeywords.areaDropped.contains(String(option)) {
            return .unsupported("OSPF area \(option) is not modelled: routesim runs one flat area")
        }
        return CiscoKeywords.igpChildren.contains(word) ? .ignored : .unrecognized
    }

    func slaLine(_ w: [Substring], index: Int, location: SourceLocation, state: inout State) -> Outcome {
        // Old syntax: `type echo protocol ipIcmpEcho 10.0.0.1 [source-ipaddr A | source-interface I]`.
        if w[0] == "type" && w.count >= 5 && w[1] == "echo" && w[3].lowercased() == "ipicmpecho", let target = IPAddress(w[4]) {
            state.device.slas[index].target = target
            if let i = w.firstIndex(of: "source-ipaddr"), i + 1 < w.count { state.device.slas[index].sourceAddress = IPAddress(w[i + 1]) }
            if let i = w.firstIndex(of: "source-interface"), i + 1 < w.count { state.device.slas[index].sourceInterface = String(w[i + 1]) }
            return .modelled
        }
        if w[0] == "icmp-echo" && w.count >= 2, let target = IPAddress(w[1]) {
            state.device.slas[index].target = target
            if let i = w.firstIndex(of: "source-ip"), i + 1 < w.count { state.device.slas[index].sourceAddress = IPAddress(w[i + 1]) }
            if let i = w.firstIndex(of: "source-interface"), i + 1 < w.count { state.device.slas[index].sourceInterface = String(w[i + 1]) }
            return .modelled
        }
        if w.count == 2, ["frequency", "timeout", "threshold"].contains(w[0]) {
            // `frequency` in seconds; `timeout` and `threshold` in milliseconds.
            let value = w[0] == "frequency" ? Self.seconds(w[1]) : Self.milliseconds(w[1])
            guard let value else { return .unrecognized }
            let stated = StatedTimer(value, at: location)
            switch w[0] {
            case "frequency": state.device.slas[index].timers.frequency = stated
            case "timeout": state.device.slas[index].timers.timeout = stated
            default: state.device.slas[index].timers.threshold = stated
            }
            return .modelled
        }
        return CiscoKeywords.slaChildren.contains(String(w[0])) ? .ignored : .unrecognized
    }

    /// A line of `track N ...`: `delay down N [up M]` / `delay up M [down N]` (seconds).
    func trackLine(_ w: [Substring], index: Int, location: SourceLocation, state: inout State) -> Outcome {
        guard w[0] == "delay" else { return CiscoKeywords.trackChildren.contains(String(w[0])) ? .ignored : .unrecognized }
        var k = 1
        while k + 1 < w.count {
            guard let value = Self.seconds(w[k + 1]) else { return .unrecognized }
            switch w[k] {
            case "down": state.device.tracks[index].timers.delayDown = StatedTimer(value, at: location)
            case "up": state.device.tracks[index].timers.delayUp = StatedTimer(value, at: location)
            default: return .unrecognized
            }
            k += 2
        }
        return k == w.count ? .modelled : .unrecognized
    }

    /// A whole number of seconds or milliseconds as a configuration writes it.
    static func seconds(_ word: Substring) -> Milliseconds? { Int64(word).flatMap { $0 >= 0 && $0 < 10_000_000 ? .seconds($0) : nil } }
    static func milliseconds(_ word: Substring) -> Milliseconds? { Int64(word).flatMap { $0 >= 0 && $0 < 10_000_000_000 ? Milliseconds($0) : nil } }

    func routeMapLine(_ w: [Substring], name: String, index: Int, location: SourceLocation, state: inout State) -> Outcome {
        guard state.device.routeMaps[name]?.indices.contains(index) == true else { return .unrecognized }
        func unmodelled(_ reason: String) -> Outcome {
            state.device.routeMaps[name]?[index].unmodelled.append((w.joined(separator: " "), reason, location))
            return .modelled
        }
        if w[0] == "match" && w.count >= 4 && w[1] == "ip" && w[2] == "address" {
            let kind = w[3] == "prefix-list" ? "prefix-list" : "access-list"
            let names = w.dropFirst(kind == "prefix-list" ? 4 : 3).map(String.init)
            for name2 in names { state.device.routeMaps[name]?[index].references.append((kind, name2, location)) }
            guard kind == "prefix-list" else { return unmodelled("access-list matches are not modelled") }
            guard names.count == 1 else { return unmodelled("several prefix-lists in one match (any of them) are not modelled") }
            state.device.routeMaps[name]?[index].matches.append(.prefixList(names[0]))
            return .modelled
        }
        if w[0] == "match" && w.count >= 5 && w[1] == "ipv6" && w[2] == "address" && w[3] == "prefix-list" {
            let names = w.dropFirst(4).map { "ipv6 " + $0 }
            for name2 in names { state.device.routeMaps[name]?[index].references.append(("prefix-list", name2, location)) }
            guard names.count == 1 else { return unmodelled("several prefix-lists in one match (any of them) are not modelled") }
            state.device.routeMaps[name]?[index].matches.append(.prefixList(names[0]))
            return .modelled
        }
        if w[0] == "match" && w.count >= 3 && (w[1] == "community" || w[1] == "as-path" || w[1] == "large-community") {
            let names = w.dropFirst(2).filter { $0 != "exact-match" }.map(String.init)
            for name2 in names { state.device.routeMaps[name]?[index].references.append((String(w[1]), name2, location)) }
            if w[1] == "large-community" { return unmodelled("large communities are not modelled") }
            if w.contains("exact-match") { return unmodelled("exact-match is not modelled") }
            guard names.count == 1 else { return unmodelled("several lists in one match (any of them) are not modelled") }
            state.device.routeMaps[name]?[index].matches.append(w[1] == "community" ? .communityList(names[0]) : .asPathList(names[0]))
            return .modelled
        }
        if w[0] == "set" && w.count >= 3 {
            var set: RouteMapSet?
            switch w[1] {
            case "local-preference": set = UInt32(w[2]).map { .localPreference($0) }
            case "metric" where w.count == 3: set = UInt32(w[2]).map { .med($0) }
            case "weight": set = UInt32(w[2]).map { .weight($0) }
            case "ip" where w.count == 4 && w[2] == "next-hop":
                // `set ip next-hop A.B.C.D` / `set ip next-hop peer-address` (IOS, EOS, FRR).
                set = w[3] == "peer-address" ? .nextHop(.peerAddress) : IPAddress(w[3]).flatMap { $0.isIPv4 ? .nextHop(.address($0)) : nil }
            case "ipv6" where w.count == 4 && w[2] == "next-hop":
                // `set ipv6 next-hop X` (IOS, EOS); FRR `set ipv6 next-hop global X`.
                set = w[3] == "peer-address" ? .nextHop(.peerAddress) : IPAddress(w[3]).flatMap { $0.isIPv4 ? nil : .nextHop(.address($0)) }
            case "ipv6" where w.count == 5 && w[2] == "next-hop" && w[3] == "global":
                set = IPAddress(w[4]).flatMap { $0.isIPv4 ? nil : .nextHop(.address($0)) }
            case "as-path" where w.count >= 4 && w[2] == "prepend":
                let asns = w.dropFirst(3).compactMap { parseASN($0) }
                guard asns.count == w.count - 3 else { return unmodelled("only `set as-path prepend ASN...` is modelled") }
                // `prepend A B C` gives A B C <path>: prepend C, then B, then A.
                state.device.routeMaps[name]?[index].sets += asns.reversed().map { .prependAS($0, count: 1) }
                return .modelled
            case "community":
                let values = w.dropFirst(2).filter { $0 != "additive" }
                if values == ["none"] { set = .replaceCommunities([]); break }
                let communities = values.compactMap { Self.community($0) }
                guard communities.count == values.count else { return unmodelled("community values other than ASN:NN and well-known names are not modelled") }
                set = w.contains("additive") ? .addCommunities(communities) : .replaceCommunities(communities)
            default: break
            }
            guard let set else { return unmodelled("this set clause is not modelled") }
            state.device.routeMaps[name]?[index].sets.append(set)
            return .modelled
        }
        if w[0] == "match" { return unmodelled("this match clause is not modelled") }
        if ["continue", "on-match", "call"].contains(String(w[0])) { return unmodelled("route-map flow control is not modelled") }
        return ["set", "description", "exit", "sub-route-map"].contains(String(w[0])) ? .modelled : .unrecognized
    }

    /// EOS block form: `ip prefix-list NAME` then `seq 10 permit 10.0.0.0/8 le 24`.
    func prefixListEntry(_ w: [Substring], name: String, location: SourceLocation, state: inout State) -> Outcome {
        if w[0] == "description" { return .modelled }
        // The same block form serves `ipv6 prefix-list` (kept as `ipv6 NAME`).
        guard let entry = Self.prefixListEntry(w, from: 0, family: name.hasPrefix("ipv6 ") ? .ipv6 : .ipv4, location: location) else { return .unrecognized }
        state.device.prefixListEntries[name, default: []].append(entry)
        return .modelled
    }

    /// `[seq N] permit|deny A.B.C.D/L [ge G] [le L]` starting at word `start`.
    static func prefixListEntry(_ w: [Substring], from start: Int, family: AddressFamily = .ipv4, location: SourceLocation) -> PrefixListEntryConfig? {
        var i = start
        var sequence: Int?
        if i + 1 < w.count && w[i] == "seq" { sequence = Int(w[i + 1]); i += 2 } else if i < w.count, let number = Int(w[i]) { sequence = number; i += 1 }
        // `any` (FRR, EOS) is every prefix of the list's family.
        let any = family == .ipv4 ? Prefix("0.0.0.0/0") : Prefix("::/0")
        guard i + 1 < w.count, let action = PolicyAction(rawValue: String(w[i])), let prefix = w[i + 1] == "any" ? any : Prefix(w[i + 1]),
              prefix.family == family else { return nil }
        var entry = PrefixListEntryConfig(sequence: sequence, action: action, prefix: prefix, ge: nil, le: w[i + 1] == "any" ? family.maxLength : nil, location: location)
        i += 2
        while i + 1 < w.count {
            guard let value = UInt8(w[i + 1]), value <= family.maxLength else { return nil }
            if w[i] == "ge" { entry.ge = value } else if w[i] == "le" { entry.le = value } else if w[i] == "eq" { entry.ge = value; entry.le = value } else { return nil }
            i += 2
        }
        return i == w.count ? entry : nil
    }

    /// `... community-list [standard|expanded|regexp] NAME [seq N] permit|deny VALUES`, from the word after `community-list`.
    func recordCommunityEntry(_ w: [Substring], from start: Int, location: SourceLocation, state: inout State) {
        var i = start
        var kind = "standard"
        if i < w.count, ["standard", "expanded", "regexp"].contains(String(w[i])) { kind = String(w[i]); i += 1 }
        guard i < w.count else { return }
        let name = String(w[i])
        if let number = Int(name), number >= 100 { kind = "expanded" }
        i += 1
        if i + 1 < w.count && w[i] == "seq" { i += 2 }
        guard i + 1 < w.count, let action = PolicyAction(rawValue: String(w[i])) else { return }
        let values = Array(w[(i + 1)...])
        var entry = CommunityListEntryConfig(action: action, communities: [], regex: nil, location: location)
        let communities = values.compactMap { Self.community($0) }
        if kind != "standard" || communities.count != values.count { entry.regex = values.joined(separator: " ") } else { entry.communities = communities }
        state.device.communityListEntries[name, default: []].append(entry)
    }

    /// `... as-path access-list NAME [seq N] permit|deny REGEX [origin]`, from the word after NAME.
    func recordASPathEntry(_ w: [Substring], from start: Int, name: String, location: SourceLocation, state: inout State) {
        var i = start
        if i + 1 < w.count && w[i] == "seq" { i += 2 }
        guard i + 1 < w.count, let action = PolicyAction(rawValue: String(w[i])) else { return }
        var words = Array(w[(i + 1)...])
        // EOS ends the entry with the origin it matches (`any` is the usual one).
        if dialect == .eos, words.count > 1, let last = words.last, ["any", "igp", "egp", "incomplete"].contains(String(last)) { words.removeLast() }
        state.device.asPathListEntries[name, default: []].append(ASPathListEntryConfig(action: action, regex: words.joined(separator: " "), location: location))
    }

    /// `65000:100` or a well-known community name.
    static func community(_ word: Substring) -> Community? { Community(word) }

    // MARK: helpers

    static func maskLength(_ mask: IPAddress) -> UInt8? {
        guard mask.isIPv4 else { return nil }
        let value = mask.ipv4Value
        let length = value.nonzeroBitCount
        let expected: UInt32 = length == 0 ? 0 : ~UInt32(0) << UInt32(32 - length)
        return value == expected ? UInt8(length) : nil
    }

    static func classfulLength(_ address: IPAddress) -> UInt8 {
        let top = address.ipv4Value >> 24
        return top < 128 ? 8 : top < 192 ? 16 : 24
    }

    func parseASN(_ word: Substring) -> ASN? {
        if let value = ASN(word) { return value }
        let parts = word.split(separator: ".")   // asdot 1.10
        if parts.count == 2, let high = ASN(parts[0]), let low = ASN(parts[1]), high <= 0xFFFF, low <= 0xFFFF { return high << 16 | low }
        return nil
    }
}
