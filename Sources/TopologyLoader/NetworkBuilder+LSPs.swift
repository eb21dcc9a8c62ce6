import NetworkModel

extension NetworkBuilder {
    /// `lsps:` of a head-end router (docs/topology-format.md, docs/mpls.md).
    mutating func readLSPs(_ node: YAMLNode, head: String) -> [LSP] {
        var lsps: [LSP] = []
        for (name, key, value) in reader.namedEntries(node, "lsps of \(head)") {
            let what = "LSP \(name) of \(head)"
            guard let view = reader.mapping(value, what, keys: ["to", "bandwidth", "setup-priority", "hold-priority", "primary", "secondary", "include-any", "include-all", "exclude", "link-protection"]) else { continue }
            guard let toNode = view["to"] else {
                reader.error("LOAD004", "\(what) has no 'to'", at: key, hint: "name the tail-end router: 'to: PE2'")
                continue
            }
            guard let tail = routerRef(toNode, "tail of \(what)") else { continue }
            if drafts[tail].name == head { reader.error("LOAD005", "\(what) ends where it starts", at: toNode); continue }
            var lsp = LSP(name: name, tail: drafts[tail].name, location: reader.location(key))
            if let n = view["bandwidth"], let bits = reader.bandwidth(n, "bandwidth of \(what)") { lsp.bandwidth = bits }
            if let n = view["setup-priority"], let p = reader.integer(n, "setup-priority of \(what)", range: 0...7) { lsp.setupPriority = UInt8(p) }
            if let n = view["hold-priority"], let p = reader.integer(n, "hold-priority of \(what)", range: 0...7) { lsp.holdPriority = UInt8(p) }
            if lsp.holdPriority > lsp.setupPriority {
                // RFC 3209 section 4.7.4: the holding priority should never be lower (numerically higher) than the setup priority.
                reader.error("LOAD005", "\(what): hold-priority \(lsp.holdPriority) is worse than setup-priority \(lsp.setupPriority)", at: view["hold-priority"] ?? key,
                             hint: "RFC 3209 requires hold-priority <= setup-priority (0 is best)")
            }
            if let n = view["include-any"] { lsp.includeAny = Set(reader.stringList(n, "include-any of \(what)").map(\.0)) }
            if let n = view["include-all"] { lsp.includeAll = Set(reader.stringList(n, "include-all of \(what)").map(\.0)) }
            if let n = view["exclude"] { lsp.exclude = Set(reader.stringList(n, "exclude of \(what)").map(\.0)) }
            if let n = view["link-protection"] { lsp.linkProtection = reader.bool(n, "link-protection of \(what)") ?? false }
            if let n = view["primary"] { lsp.primary = readLSPPath(n, "primary path of \(what)", secondary: false) }
            if let n = view["secondary"] { lsp.secondary = readLSPPath(n, "secondary path of \(what)", secondary: true) }
            lsps.append(lsp)
        }
        return lsps
    }

    func readLSPPath(_ node: YAMLNode, _ what: String, secondary: Bool) -> LSPPath? {
        let keys = secondary ? ["hops", "strict", "standby", "srlg-diverse"] : ["hops", "strict"]
        guard let view = reader.mapping(node, what, keys: keys) else { return nil }
        var hops: [String] = []
        if let n = view["hops"] {
            for item in reader.sequence(n, "hops of \(what)") {
                if let r = routerRef(item, "hop of \(what)") { hops.append(drafts[r].name) }
            }
        }
        let strict = view["strict"].flatMap { reader.bool($0, "strict of \(what)") } ?? false
        var path = LSPPath(hops: hops, strict: strict, location: reader.location(node))
        path.standby = view["standby"].flatMap { reader.bool($0, "standby of \(what)") } ?? false
        path.srlgDiverse = view["srlg-diverse"].flatMap { reader.bool($0, "srlg-diverse of \(what)") } ?? false
        return path
    }
}
