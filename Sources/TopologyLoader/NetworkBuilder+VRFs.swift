import NetworkModel

extension NetworkBuilder {
    static let vrfKeys = ["rd", "route-targets", "import-policy", "export-policy", "interfaces", "static-routes", "bgp", "policies", "distances"]

    /// `vrfs:` of a PE: each VRF becomes a router entry `PE/NAME` (a routing instance with its
    /// own interfaces, statics and BGP neighbors) that links, hosts and neighbors name like any
    /// router (docs/vrf.md).
    mutating func readVRFs(_ node: YAMLNode, host: Int) {
        let hostName = drafts[host].name
        for (vrfName, keyNode, value) in reader.namedEntries(node, "vrfs of \(hostName)") {
            let name = VRFInstance.instanceName(host: hostName, vrf: vrfName)
            if vrfName.contains(where: { $0.isWhitespace || $0 == "/" }) {
                reader.error("LOAD005", "VRF name '\(vrfName)' of \(hostName) contains white space or '/'", at: keyNode, hint: "use letters, digits, '-', '_' or '.'")
                continue
            }
            if let existing = draftIndex[name] {
                reader.error("LOAD006", "'\(name)' is declared twice (first at \(drafts[existing].location))", at: keyNode)
                continue
            }
            let view = reader.isNull(value) ? MappingView(node: value, values: [:], keyNodes: [:])
                : reader.mapping(value, "VRF \(vrfName) of \(hostName)", keys: Self.vrfKeys)
            guard let view else { continue }
            let location = reader.location(keyNode)
            var instance = VRFInstance(host: host, name: vrfName, location: location)
            if let n = view["rd"] {
                if let text = reader.string(n, "rd of VRF \(vrfName)") {
                    if let rd = RouteDistinguisher(text) { instance.routeDistinguisher = rd } else {
                        reader.error("LOAD005", "rd '\(text)' of VRF \(vrfName) on \(hostName) is not ASN:number or address:number", at: n,
                                     hint: "e.g. 65000:1 or 192.0.2.1:1 (a 4-byte AS or an address takes a number up to 65535)")
                    }
                }
            }
            if let n = view["route-targets"] { readRouteTargets(n, into: &instance, what: "route-targets of VRF \(vrfName) on \(hostName)") }
            if let n = view["import-policy"] { instance.importPolicy = reader.string(n, "import-policy of VRF \(vrfName)") }
            if let n = view["export-policy"] { instance.exportPolicy = reader.string(n, "export-policy of VRF \(vrfName)") }
            var draft = RouterDraft(name: name, node: value, view: view, asn: drafts[host].asn, location: location)
            draft.role = .edge
            draft.routerID = drafts[host].routerID ?? drafts[host].interfaces.first(where: { $0.kind == .loopback })?.address
            if let n = view["interfaces"] { readInterfaces(n, into: &draft) }
            vrfOfDraft[drafts.count] = instance
            draftIndex[name] = drafts.count
            drafts.append(draft)
        }
    }

    /// `route-targets: 65000:1` (import and export) or `{import: [...], export: [...], both: [...]}`.
    func readRouteTargets(_ node: YAMLNode, into instance: inout VRFInstance, what: String) {
        func targets(_ node: YAMLNode, _ what: String) -> [RouteTarget] {
            reader.stringList(node, what).compactMap { text, item in
                if let target = RouteTarget(text) { return target }
                reader.error("LOAD005", "route target '\(text)' (\(what)) is not ASN:number or address:number", at: item, hint: "e.g. 65000:1")
                return nil
            }
        }
        if case .mapping = node {} else {
            let both = Array(Set(targets(node, what))).sorted()
            instance.importTargets = both
            instance.exportTargets = both
            return
        }
        guard let view = reader.mapping(node, what, keys: ["import", "export", "both"]) else { return }
        let both = view["both"].map { targets($0, "\(what) both") } ?? []
        instance.importTargets = Array(Set(both + (view["import"].map { targets($0, "\(what) import") } ?? []))).sorted()
        instance.exportTargets = Array(Set(both + (view["export"].map { targets($0, "\(what) export") } ?? []))).sorted()
    }
}
