import NetworkModel

extension NetworkBuilder {
    func readPolicies(_ node: YAMLNode, _ what: String) -> PolicySet {
        var set = PolicySet()
        guard let view = reader.mapping(node, what, keys: ["prefix-lists", "community-lists", "as-path-lists", "route-maps"]) else { return set }
        if let n = view["prefix-lists"] {
            for (name, key, value) in reader.namedEntries(n, "prefix-lists") {
                let entries = reader.sequence(value, "prefix-list \(name)").compactMap { readPrefixListEntry($0, list: name) }
                set.prefixLists[name] = PrefixList(name: name, entries: entries, location: reader.location(key))
            }
        }
        if let n = view["community-lists"] {
            for (name, key, value) in reader.namedEntries(n, "community-lists") {
                var entries: [(action: PolicyAction, communities: [Community])] = []
                for item in reader.sequence(value, "community-list \(name)") {
                    guard let (action, rest) = actionAndRest(item, "community-list \(name) entry", valueKey: "communities") else { continue }
                    let communities = rest.compactMap { text -> Community? in
                        guard let community = Community(text) else {
                            reader.error("LOAD005", "'\(text)' in community-list \(name) is not a community", at: item, hint: "write communities as ASN:VALUE, e.g. 65001:100")
                            return nil
                        }
                        return community
                    }
                    entries.append((action, communities))
                }
                set.communityLists[name] = CommunityList(name: name, entries: entries, location: reader.location(key))
            }
        }
        if let n = view["as-path-lists"] {
            for (name, key, value) in reader.namedEntries(n, "as-path-lists") {
                var entries: [(action: PolicyAction, regex: String)] = []
                for item in reader.sequence(value, "as-path-list \(name)") {
                    guard let (action, rest) = actionAndRest(item, "as-path-list \(name) entry", valueKey: "regex") else { continue }
                    let pattern = rest.joined(separator: " ")
                    do {
                        _ = try ASPathRegex(pattern)
                    } catch {
                        reader.error("LOAD005", "as-path-list \(name) regex '\(pattern)' does not compile: \(error)", at: item, hint: "use Cisco AS-path regex syntax, e.g. ^65002_")
                        continue
                    }
                    entries.append((action, pattern))
                }
                set.asPathLists[name] = ASPathList(name: name, entries: entries, location: reader.location(key))
            }
        }
        if let n = view["route-maps"] {
            for (name, key, value) in reader.namedEntries(n, "route-maps") {
                var entries: [RouteMapEntry] = []
                var sequences: Set<Int> = []
                for (position, item) in reader.sequence(value, "route-map \(name)").enumerated() {
                    guard let entry = readRouteMapEntry(item, map: name, defaultSequence: (position + 1) * 10) else { continue }
                    if !sequences.insert(entry.sequence).inserted {
                        reader.error("LOAD006", "route-map \(name) has two entries with seq \(entry.sequence)", at: item)
                        continue
                    }
                    entries.append(entry)
                }
                set.routeMaps[name] = RouteMap(name: name, entries: entries, location: reader.location(key))
            }
        }
        return set
    }

    /// `permit 10.0.0.0/8 le 24` or `{ action: permit, prefix: 10.0.0.0/8, le: 24 }`.
    func readPrefixListEntry(_ node: YAMLNode, list: String) -> PrefixListEntry? {
        var action: PolicyAction?
        var prefixText: String?
        var ge: Int?, le: Int?
        if case .scalar(let scalar) = node {
            let words = scalar.string.split(separator: " ").map(String.init)
            guard words.count >= 2, words.count % 2 == 0 else {
                reader.error("LOAD005", "prefix-list \(list) entry '\(scalar.string)' is malformed", at: node, hint: "write 'permit 10.0.0.0/8 le 24'")
                return nil
            }
            action = PolicyAction(rawValue: words[0])
            prefixText = words[1]
            var index = 2
            while index + 1 < words.count {
                guard let number = Int(words[index + 1]) else {
                    reader.error("LOAD005", "prefix-list \(list) entry: '\(words[index + 1])' after \(words[index]) is not a number", at: node, hint: "write 'ge 16' or 'le 24'")
                    return nil
                }
                switch words[index] {
                case "ge": ge = number
                case "le": le = number
                default:
                    reader.error("LOAD005", "prefix-list \(list) entry has unknown word '\(words[index])'", at: node, hint: "only 'ge N' and 'le N' may follow the prefix")
                    return nil
                }
                index += 2
            }
            if action == nil { reader.error("LOAD005", "prefix-list \(list) entry must start with permit or deny", at: node); return nil }
        } else {
            guard let view = reader.mapping(node, "prefix-list \(list) entry", keys: ["action", "prefix", "ge", "le"]) else { return nil }
            action = view["action"].flatMap { reader.choice($0, "action", PolicyAction.self) } ?? .permit
            prefixText = view["prefix"].flatMap { reader.string($0, "prefix") }
            ge = view["ge"].flatMap { reader.integer($0, "ge", range: 0...128) }
            le = view["le"].flatMap { reader.integer($0, "le", range: 0...128) }
        }
        guard let action, let prefixText else { return nil }
        guard let parsed = Prefix.parse(prefixText), parsed.address == parsed.prefix.network else {
            reader.error("LOAD005", "prefix-list \(list) prefix '\(prefixText)' is not a valid prefix", at: node, hint: "write address/len with no host bits (IPv4 or IPv6)")
            return nil
        }
        let prefix = parsed.prefix
        // An entry matches only its own family (IOS keeps `ipv6 prefix-list` apart; one list may
        // hold both families here).
        let longest = Int(prefix.family.maxLength)
        if let g = ge, !(Int(prefix.length)...longest).contains(g) { reader.error("LOAD005", "prefix-list \(list): ge \(g) must be from \(prefix.length) to \(longest)", at: node); return nil }
        if let l = le, !(Int(prefix.length)...longest).contains(l) || (ge.map { l < $0 } ?? false) {
            reader.error("LOAD005", "prefix-list \(list): le \(l) must be from \(max(Int(prefix.length), ge ?? 0)) to \(longest)", at: node); return nil
        }
        return PrefixListEntry(action: action, prefix: prefix, ge: ge.map(UInt8.init), le: le.map(UInt8.init), location: reader.location(node))
    }

    /// `permit WORDS...` or `{ action: permit, <valueKey>: ... }`.
    func actionAndRest(_ node: YAMLNode, _ what: String, valueKey: String) -> (PolicyAction, [String])? {
        if case .scalar(let scalar) = node {
            let words = scalar.string.split(separator: " ").map(String.init)
            guard words.count >= 2, let action = PolicyAction(rawValue: words[0]) else {
                reader.error("LOAD005", "\(what) '\(scalar.string)' must be 'permit ...' or 'deny ...'", at: node)
                return nil
            }
            return (action, Array(words.dropFirst()))
        }
        guard let view = reader.mapping(node, what, keys: ["action", valueKey]) else { return nil }
        let action = view["action"].flatMap { reader.choice($0, "action", PolicyAction.self) } ?? .permit
        guard let valueNode = view[valueKey] else { reader.error("LOAD004", "\(what) has no '\(valueKey)'", at: node); return nil }
        return (action, reader.stringList(valueNode, valueKey).map(\.0))
    }

    func readRouteMapEntry(_ node: YAMLNode, map: String, defaultSequence: Int) -> RouteMapEntry? {
        guard let view = reader.mapping(node, "route-map \(map) entry", keys: ["seq", "action", "match", "set"]) else { return nil }
        let sequence = view["seq"].flatMap { reader.integer($0, "seq", range: 1...65535) } ?? defaultSequence
        let action = view["action"].flatMap { reader.choice($0, "action", PolicyAction.self) } ?? .permit
        var matches: [RouteMapMatch] = []
        if let n = view["match"], let match = reader.mapping(n, "route-map \(map) match", keys: ["prefix-list", "community-list", "as-path-list"]) {
            if let v = match["prefix-list"].flatMap({ reader.string($0, "prefix-list") }) { matches.append(.prefixList(v)) }
            if let v = match["community-list"].flatMap({ reader.string($0, "community-list") }) { matches.append(.communityList(v)) }
            if let v = match["as-path-list"].flatMap({ reader.string($0, "as-path-list") }) { matches.append(.asPathList(v)) }
        }
        var sets: [RouteMapSet] = []
        if let n = view["set"], let set = reader.mapping(n, "route-map \(map) set", keys: ["local-preference", "med", "prepend", "community", "community-additive", "weight", "next-hop"]) {
            if let v = set["local-preference"].flatMap({ reader.integer($0, "local-preference", range: 0...Int(UInt32.max)) }) { sets.append(.localPreference(UInt32(v))) }
            if let v = set["med"].flatMap({ reader.integer($0, "med", range: 0...Int(UInt32.max)) }) { sets.append(.med(UInt32(v))) }
            if let v = set["weight"].flatMap({ reader.integer($0, "weight", range: 0...65535) }) { sets.append(.weight(UInt32(v))) }
            if let n = set["prepend"] {
                // `prepend: 2` prepends the router's own AS twice; `prepend: [65001, 65001]` prepends those ASNs.
                if case .scalar = n, let count = reader.integer(n, "prepend count", range: 1...32) {
                    sets.append(.prependAS(nil, count: count))
                } else if case .sequence = n {
                    for item in reader.sequence(n, "prepend").reversed() {
                        if let asn = reader.asn(item, "prepended ASN") { sets.append(.prependAS(asn, count: 1)) }
                    }
                }
            }
            if let n = set["next-hop"], let text = reader.string(n, "next-hop") {
                // An address, or `peer-address` (the neighbor inbound, this router's session address outbound).
                if text == "peer-address" { sets.append(.nextHop(.peerAddress)) }
                else if let address = reader.address(n, "next-hop") { sets.append(.nextHop(.address(address))) }
            }
            if let n = set["community"] {
                let communities = reader.stringList(n, "community").compactMap { text, item -> Community? in
                    guard let community = Community(text) else { reader.error("LOAD005", "'\(text)' is not a community", at: item, hint: "write ASN:VALUE"); return nil }
                    return community
                }
                let additive = set["community-additive"].flatMap { reader.bool($0, "community-additive") } ?? false
                sets.append(additive ? .addCommunities(communities) : .replaceCommunities(communities))
            }
        }
        return RouteMapEntry(sequence: sequence, action: action, matches: matches, sets: sets, location: reader.location(node))
    }
}
