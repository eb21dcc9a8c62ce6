/// `--suggest`: for each black hole, apply each mitigation that fits it to a copy of the model,
/// re-run the failure, then re-run the whole sweep to check that the change creates no new
/// problem. Only changes that remove the black hole without side effects are recommended.
public enum MitigationSuggester {
    public enum Mitigation: String, Sendable, Codable, CaseIterable {
        case trackedStatic = "tracked-static"
        case conditionalAdvertisement = "conditional-advertisement"
        case pinInCore = "pin-in-core"
        case redundantLink = "redundant-link"
        /// A `network` statement announcing without a RIB route: turn the import check back on.
        case networkImportCheck = "network-import-check"
        /// MPLS: enable LDP on the link where labeled traffic leaves the label path.
        case enableLDP = "enable-ldp"
        /// MPLS: LDP-IGP synchronisation on the AS's LDP routers (RFC 5443).
        case ldpIGPSync = "ldp-igp-sync"
        /// RSVP-TE: a secondary path that CSPF computes, for an LSP that went down because its
        /// paths are pinned (no secondary, or a strict one that failed with the primary).
        case lspDynamicSecondary = "lsp-dynamic-secondary"

        /// The mitigations of a Null0 black hole (the MPLS ones are tried on label-path exits).
        static let forNull0: [Mitigation] = [.trackedStatic, .conditionalAdvertisement, .pinInCore, .redundantLink, .networkImportCheck]
    }

    public struct Suggestion: Sendable, Codable {
        public var scenario: String
        public var flow: String
        public var mitigation: Mitigation
        public var change: String
        /// The change in each router's own configuration language.
        public var configuration: [ConfigChange]
        /// Every flow this router's pin black-holes in that scenario is delivered (or at least
        /// no longer black-holed there) after the change.
        public var removesBlackHole: Bool
        /// Flows that this failure breaks in any way and the change leaves broken (judged on
        /// every flow of the scenario, not only the one named).
        public var stillBroken: [String]
        /// Problems that the change creates in any scenario of the sweep (scenario: flow class).
        public var newProblems: [String]
        public var recommended: Bool { removesBlackHole && newProblems.isEmpty }
    }

    public static func suggest(_ network: Network, report: FailureReport, options: FailureAnalysis.Options) -> [Suggestion] {
        var suggestions: [Suggestion] = []
        var tried: Set<String> = []
        let baseline = Engine.run(network)
        let problemsBefore = problems(in: report)
        for scenario in report.scenarios {
            for flow in scenario.flows where flow.classification == .blackHoled {
                guard let cause = flow.cause, let x = network.routerIndex[cause.droppingRouter],
                      let prefixText = cause.prefix, let prefix = Prefix(prefixText),
                      let core = coreRouter(forDropping: x, destination: flow.destination, baseline: baseline) else { continue }
                // The same change fixes every flow dropped by the same router for the same prefix.
                let key = "\(x) \(prefix) \(core)"
                guard tried.insert(key).inserted else { continue }
                // Every scenario where this pin drops flows: the change is judged on the first it
                // fixes (a failure that cuts the destination off is fixed by none).
                let dropsHere = report.scenarios.compactMap { other -> Judged? in
                    let pinned = Set(other.flows.filter { $0.classification == .blackHoled && $0.cause?.droppingRouter == cause.droppingRouter
                        && $0.cause?.prefix == cause.prefix }.map(\.flow))
                    guard let first = other.flows.first(where: { pinned.contains($0.flow) }) else { return nil }
                    return Judged(scenario: other.name, flow: first.flow, dropped: pinned, broken: Set(other.flows.filter { $0.classification.isProblem }.map(\.flow)))
                }
                for mitigation in Mitigation.forNull0 {
                    guard let (modified, text, configuration) = apply(mitigation, to: network, router: x, core: core, prefix: prefix) else { continue }
                    let change = Change(mitigation: mitigation, network: modified, text: text, configuration: configuration)
                    let after = FailureAnalysis.run(change.network, options: options)
                    let verdicts = dropsHere.map { judge(change, after: after, $0, problemsBefore: problemsBefore) }
                    if let verdict = verdicts.first(where: { $0.removesBlackHole }) ?? verdicts.first { suggestions.append(verdict) }
                }
            }
        }
        suggestions += suggestLabelPathFixes(network, report: report, options: options, problemsBefore: problemsBefore)
        return suggestions
    }

    /// MPLS black holes: for each link where labeled traffic leaves the label path, try enabling
    /// LDP on it and LDP-IGP synchronisation, each on a copy, verified like the others.
    static func suggestLabelPathFixes(_ network: Network, report: FailureReport, options: FailureAnalysis.Options,
                                      problemsBefore: Set<String>) -> [Suggestion] {
        var suggestions: [Suggestion] = []
        var tried: Set<Int> = []
        var triedLSPs: Set<String> = []
        for scenario in report.scenarios {
            for flow in scenario.flows where flow.classification == .blackHoled {
                // An LSP that is down: give it a secondary CSPF can route.
                if let key = flow.labelPathExit?.downLSP, let (head, which) = lsp(named: key, in: network), triedLSPs.insert(key).inserted,
                   let (modified, change, configuration) = applyDynamicSecondary(to: network, head: head, lsp: which) {
                    let downs = Set(scenario.flows.filter { $0.labelPathExit?.downLSP == key }.map(\.flow))
                    let broken = Set(scenario.flows.filter { $0.classification.isProblem }.map(\.flow))
                    suggestions.append(verify(Change(mitigation: .lspDynamicSecondary, network: modified, text: change, configuration: configuration),
                                              scenario: scenario.name, flow: flow.flow, dropped: downs, broken: broken,
                                              options: options, problemsBefore: problemsBefore))
                }
                guard let exit = flow.labelPathExit, let r = network.routerIndex[exit.router],
                      let i = network.routers[r].interfaces.firstIndex(where: { $0.name == exit.interface }),
                      let link = network.links.firstIndex(where: { $0.a == InterfaceRef(router: r, interface: i) || $0.b == InterfaceRef(router: r, interface: i) }),
                      tried.insert(link).inserted else { continue }
                let exits = Set(scenario.flows.filter { $0.labelPathExit.map { $0.router == exit.router && $0.interface == exit.interface } ?? false }.map(\.flow))
                let broken = Set(scenario.flows.filter { $0.classification.isProblem }.map(\.flow))
                for mitigation in [Mitigation.enableLDP, .ldpIGPSync] {
                    guard let (modified, change, configuration) = applyMPLS(mitigation, to: network, link: link) else { continue }
                    suggestions.append(verify(Change(mitigation: mitigation, network: modified, text: change, configuration: configuration),
                                              scenario: scenario.name, flow: flow.flow, dropped: exits, broken: broken,
                                              options: options, problemsBefore: problemsBefore))
                }
            }
        }
        return suggestions
    }

    /// The LSP `HEAD/NAME` as (head, index among its LSPs).
    static func lsp(named key: String, in network: Network) -> (Int, Int)? {
        for (r, router) in network.routers.enumerated() {
            for (i, lsp) in router.lsps.enumerated() where "\(router.name)/\(lsp.name)" == key { return (r, i) }
        }
        return nil
    }

    /// The LSP with a secondary path computed by CSPF (no hops), replacing a pinned one; nil when
    /// its secondary is already dynamic (then CSPF found no path at all and this cannot help).
    static func applyDynamicSecondary(to network: Network, head: Int, lsp which: Int) -> (Network, String, [ConfigChange])? {
        var network = network
        let router = network.routers[head]
        let lsp = router.lsps[which]
        if let secondary = lsp.secondary, secondary.hops.isEmpty { return nil }
        let generated = SourceLocation.generated("suggested by routesim")
        network.routers[head].lsps[which].secondary = LSPPath(hops: [], strict: false, standby: lsp.secondary?.standby ?? false, location: generated)
        let what = lsp.secondary == nil ? "add a secondary path" : "replace the pinned secondary path with one"
        return (network, "LSP \(router.name)/\(lsp.name): \(what) computed by CSPF (no explicit hops)",
                [MitigationSyntax.dynamicSecondary(router.dialect, router: router.name, lsp: lsp.name)])
    }

    static func applyMPLS(_ mitigation: Mitigation, to network: Network, link index: Int) -> (Network, String, [ConfigChange])? {
        var network = network
        let link = network.links[index]
        let ends = [link.a, link.b]
        let generated = SourceLocation.generated("suggested by routesim")
        switch mitigation {
        case .enableLDP:
            var changes: [ConfigChange] = []
            for end in ends {
                let router = network.routers[end.router]
                if router.mpls?.ldp == true && router.interfaces[end.interface].ldp { continue }
                if router.mpls == nil { network.routers[end.router].mpls = MPLSConfig(ldp: true, location: generated) }
                network.routers[end.router].mpls?.ldp = true
                network.routers[end.router].interfaces[end.interface].ldp = true
                changes.append(MitigationSyntax.enableLDP(router.dialect, router: router.name, interface: router.interfaces[end.interface].name))
            }
            guard !changes.isEmpty else { return nil }
            return (network, "enable LDP on link \(link.name) (\(changes.map(\.router).joined(separator: " and ")))", changes)
        case .ldpIGPSync:
            let asn = network.routers[link.a.router].asn
            let routers = network.routers.indices.filter { network.routers[$0].asn == asn && network.routers[$0].mpls?.ldp == true && network.routers[$0].mpls?.igpSync == false }
            guard !routers.isEmpty, let igp = network.autonomousSystems[asn]?.igp?.protocolKind else { return nil }
            for r in routers { network.routers[r].mpls?.igpSync = true }
            let changes = routers.map { MitigationSyntax.ldpIGPSync(network.routers[$0].dialect, router: network.routers[$0].name, igp: igp,
                                                                     interfaces: network.routers[$0].interfaces.filter { $0.igp == .active }.map(\.name)) }
            return (network, "enable LDP-IGP synchronisation (RFC 5443) on the \(routers.count) LDP router(s) of AS \(asn)", changes)
        default:
            return nil
        }
    }

    /// A candidate change: the mitigation, the modified network, and how to say it.
    struct Change {
        var mitigation: Mitigation
        var network: Network
        var text: String
        var configuration: [ConfigChange]
    }

    /// Runs the sweep on the changed network and judges it: does no flow of `dropped` stay
    /// black-holed in `scenario` (unlisted flows stayed on their baseline path: fixed), which of
    /// `broken` are still broken there, and what new problems appear anywhere.
    static func verify(_ change: Change, scenario: String, flow: String, dropped: Set<String>, broken: Set<String>,
                       options: FailureAnalysis.Options, problemsBefore: Set<String>) -> Suggestion {
        judge(change, after: FailureAnalysis.run(change.network, options: options),
              Judged(scenario: scenario, flow: flow, dropped: dropped, broken: broken), problemsBefore: problemsBefore)
    }

    /// A scenario a change is judged on: the flows a problem there drops, and every flow broken.
    struct Judged {
        var scenario: String
        var flow: String
        var dropped: Set<String>
        var broken: Set<String>
    }

    /// The change's verdict in one scenario of `after`, the sweep re-run with the change.
    static func judge(_ change: Change, after: FailureReport, _ judged: Judged, problemsBefore: Set<String>) -> Suggestion {
        let outcome = after.scenarios.first { $0.name == judged.scenario }
        let fixed = outcome.map { !$0.flows.contains { judged.dropped.contains($0.flow) && $0.classification == .blackHoled } } ?? false
        let stillBroken = outcome.map { $0.flows.filter { judged.broken.contains($0.flow) && $0.classification.isProblem }.map(\.flow).sorted() } ?? []
        return Suggestion(scenario: judged.scenario, flow: judged.flow, mitigation: change.mitigation, change: change.text, configuration: change.configuration,
                          removesBlackHole: fixed, stillBroken: stillBroken, newProblems: problems(in: after).subtracting(problemsBefore).sorted())
    }

    static func problems(in report: FailureReport) -> Set<String> {
        var set: Set<String> = []
        for scenario in report.scenarios {
            for flow in scenario.flows where flow.classification.isProblem && flow.classification != .isolated {
                set.insert("\(scenario.name): \(flow.flow) \(flow.classification.rawValue)")
            }
        }
        return set
    }

    /// The router of the same AS that the dropping router used toward the destination in the
    /// baseline (its IGP next hop), else any other router of its AS with a loopback.
    static func coreRouter(for x: Int, destination: IPAddress, baseline: DataPlane) -> Int? {
        let network = baseline.network
        let asn = network.routers[x].asn
        if let entry = baseline.lookup(router: x, address: destination), case .forward(let hops) = entry.forwarding {
            for hop in hops {
                if case .router(let ref)? = baseline.owners[hop.gateway, from: x], network.routers[ref.router].asn == asn { return ref.router }
            }
        }
        return network.routers.indices.first { $0 != x && network.routers[$0].asn == asn && network.routers[$0].primaryLoopback != nil
            && network.routers[$0].vrf == nil }
    }

    /// For a VRF instance: the core router its PE used toward the remote PE of the baseline's
    /// VPN route for `destination` (else any core router of the AS); for a router, `coreRouter`.
    static func coreRouter(forDropping x: Int, destination: IPAddress, baseline: DataPlane) -> Int? {
        let network = baseline.network
        guard let pe = network.routers[x].vrf?.host else { return coreRouter(for: x, destination: destination, baseline: baseline) }
        let remote = baseline.lookup(router: x, address: destination)?.bgpNextHop
        return coreRouter(for: pe, destination: remote ?? destination, baseline: baseline)
    }

    static func apply(_ mitigation: Mitigation, to network: Network, router x: Int, core c: Int, prefix: Prefix) -> (Network, String, [ConfigChange])? {
        var network = network
        let xDialect = network.routers[x].dialect, cDialect = network.routers[c].dialect
        let generated = SourceLocation.generated("suggested by routesim")
        let xName = network.routers[x].name, cName = network.routers[c].name
        let pins = network.routers[x].staticRoutes.indices.filter {
            network.routers[x].staticRoutes[$0].target == .discard && network.routers[x].staticRoutes[$0].prefix == prefix
        }
        if let vrf = network.routers[x].vrf { return applyInVRF(mitigation, to: network, instance: x, vrf: vrf, core: c, prefix: prefix) }
        switch mitigation {
        case .trackedStatic:
            guard !pins.isEmpty, let target = network.routers[c].primaryLoopback, let source = network.routers[x].primaryLoopback,
                  pins.allSatisfy({ network.routers[x].staticRoutes[$0].track == nil }) else { return nil }
            let sla = (network.routers[x].ipSLAs.map(\.id).max() ?? 0) + 1
            let track = (network.routers[x].tracks.map(\.id).max() ?? 0) + 1
            guard let syntax = MitigationSyntax.trackedStatic(xDialect, router: xName, sla: sla, track: track, target: target.address, source: source.name, prefix: prefix) else { return nil }
            network.routers[x].ipSLAs.append(IPSLA(id: sla, target: target.address, sourceInterface: source.name, location: generated))
            network.routers[x].tracks.append(Track(id: track, sla: sla, location: generated))
            for pin in pins { network.routers[x].staticRoutes[pin].track = track }
            return (network, "on \(xName): ip sla \(sla) icmp-echo \(target.address) source \(source.name); track \(track) ip sla \(sla) reachability; \(MitigationSyntax.keyword(prefix.family)) route \(prefix) Null0 track \(track)", [syntax])
        case .conditionalAdvertisement:
            // The beacon is the core router's loopback in the aggregate's family: conditional
            // advertisement checks the table of its own address family.
            guard let beacon = network.routers[c].primaryLoopback?.assignment(in: prefix.family), network.routers[c].bgp != nil, network.routers[x].bgp != nil else { return nil }
            let ebgp = network.routers[x].bgp?.neighbors.indices.filter {
                network.routers[x].bgp?.neighbors[$0].remoteAS != network.routers[x].asn && network.routers[x].bgp?.neighbors[$0].carries(prefix.family) == true
            } ?? []
            guard !ebgp.isEmpty, ebgp.allSatisfy({ network.routers[x].bgp?.neighbors[$0].conditionalAdvertisement == nil }) else { return nil }
            if !(network.routers[c].bgp?.networks.contains { $0.prefix == beacon.prefix } ?? false) {
                network.routers[c].bgp?.networks.append(BGPNetworkStatement(prefix: beacon.prefix, location: generated))
            }
            var policies = network.routers[x].policies
            policies.prefixLists["ROUTESIM-AGGREGATE"] = PrefixList(name: "ROUTESIM-AGGREGATE", entries: [PrefixListEntry(action: .permit, prefix: prefix, ge: nil, le: nil, location: generated)], location: generated)
            policies.prefixLists["ROUTESIM-BEACON"] = PrefixList(name: "ROUTESIM-BEACON", entries: [PrefixListEntry(action: .permit, prefix: beacon.prefix, ge: nil, le: nil, location: generated)], location: generated)
            policies.routeMaps["ROUTESIM-ADVERTISE"] = RouteMap(name: "ROUTESIM-ADVERTISE", entries: [RouteMapEntry(sequence: 10, action: .permit, matches: [.prefixList("ROUTESIM-AGGREGATE")], sets: [], location: generated)], location: generated)
            policies.routeMaps["ROUTESIM-CORE-PRESENT"] = RouteMap(name: "ROUTESIM-CORE-PRESENT", entries: [RouteMapEntry(sequence: 10, action: .permit, matches: [.prefixList("ROUTESIM-BEACON")], sets: [], location: generated)], location: generated)
            network.routers[x].policies = policies
            for n in ebgp {
                network.routers[x].bgp?.neighbors[n].conditionalAdvertisement = ConditionalAdvertisement(advertiseMap: "ROUTESIM-ADVERTISE", condition: .exist("ROUTESIM-CORE-PRESENT"))
            }
            let addresses = ebgp.compactMap { network.routers[x].bgp?.neighbors[$0].address }
            guard let advertise = MitigationSyntax.conditionalAdvertisement(xDialect, router: xName, asn: network.routers[x].asn, prefix: prefix, beacon: beacon.prefix,
                                                                            neighbors: addresses) else { return nil }
            let announce = MitigationSyntax.beacon(cDialect, router: cName, asn: network.routers[c].asn, beacon: beacon.prefix)
            return (network, "on \(cName): network \(beacon.prefix); on \(xName): advertise-map ROUTESIM-ADVERTISE (\(prefix)) exist-map ROUTESIM-CORE-PRESENT (\(beacon.prefix)) on its \(ebgp.count) eBGP neighbor(s)",
                    [announce, advertise])
        case .pinInCore:
            guard !pins.isEmpty, let igp = network.autonomousSystems[network.routers[x].asn]?.igp else { return nil }
            network.routers[x].staticRoutes.remove(atOffsets: pins)
            if !network.routers[c].staticRoutes.contains(where: { $0.prefix == prefix && $0.target == .discard }) {
                network.routers[c].staticRoutes.append(StaticRoute(prefix: prefix, target: .discard, location: generated))
            }
            network.autonomousSystems[network.routers[x].asn]?.igp?.redistributeStatic = true
            return (network, "remove \(MitigationSyntax.keyword(prefix.family)) route \(prefix) Null0 from \(xName); pin it on \(cName); redistribute static into the IGP of AS \(network.routers[x].asn)",
                    [MitigationSyntax.removePin(xDialect, router: xName, prefix: prefix),
                     MitigationSyntax.pinAndRedistribute(cDialect, router: cName, prefix: prefix, igp: igp.protocolKind)])
        case .enableLDP, .ldpIGPSync, .lspDynamicSecondary:
            return nil   // tried on label-path exits (suggestLabelPathFixes)
        case .networkImportCheck:
            guard !network.routers[x].checksNetworkImport, network.routers[x].bgp?.networks.contains(where: { $0.prefix == prefix }) == true,
                  let syntax = MitigationSyntax.networkImportCheck(xDialect, router: xName, asn: network.routers[x].asn) else { return nil }
            network.routers[x].bgp?.networkImportCheck = true
            return (network, "on \(xName): bgp network import-check (announce \(prefix) only while the RIB has it)", [syntax])
        case .redundantLink:
            guard let subnet = addLink(&network, from: x, to: c) else { return nil }
            return (network, "add a second link \(xName)-\(cName) (\(subnet))", [])
        }
    }

    /// A suggested link between routers `a` and `b` on a free /31; nil when none is free.
    static func addLink(_ network: inout Network, from a: Int, to b: Int) -> Prefix? {
        guard let subnet = freeSubnet(in: network) else { return nil }
        let generated = SourceLocation.generated("suggested by routesim")
        let aName = network.routers[a].name, bName = network.routers[b].name
        let ia = network.routers[a].interfaces.count, ib = network.routers[b].interfaces.count
        network.routers[a].interfaces.append(Interface(name: "suggested-\(bName)", kind: .link, address: subnet.network, prefix: subnet, igp: .active, location: generated))
        network.routers[b].interfaces.append(Interface(name: "suggested-\(aName)", kind: .link, address: subnet.network.advanced(by: 1), prefix: subnet, igp: .active, location: generated))
        // Dual-stack routers get a dual-stack link: an IPv4-only one would draw IPv6 traffic
        // onto a link that cannot carry it (one SPF serves both families).
        let dualStack = [a, b].allSatisfy { r in network.routers[r].interfaces.contains { $0.ipv6 != nil } }
        if dualStack, let subnet6 = freeSubnet(in: network, family: .ipv6) {
            network.routers[a].interfaces[ia].ipv6 = InterfaceAddress(address: subnet6.network, prefix: subnet6)
            network.routers[b].interfaces[ib].ipv6 = InterfaceAddress(address: subnet6.network.advanced(by: 1), prefix: subnet6)
        }
        network.links.append(Link(name: "\(aName)-\(bName)#suggested", a: InterfaceRef(router: a, interface: ia), b: InterfaceRef(router: b, interface: ib), location: generated))
        network.reindex()
        return subnet
    }

    /// A pin in a VRF (docs/vrf.md): only what acts inside the VRF, or on its PE, can help.
    /// The announcement is made conditional on the VPN routes the aggregate covers; a second
    /// core link goes on the PE. A tracked static would need a probe inside the VRF and the pin
    /// cannot move into the core's IGP: neither is offered.
    static func applyInVRF(_ mitigation: Mitigation, to network: Network, instance x: Int, vrf: VRFInstance, core c: Int,
                           prefix: Prefix) -> (Network, String, [ConfigChange])? {
        var network = network
        let generated = SourceLocation.generated("suggested by routesim")
        let xName = network.routers[x].name, pe = vrf.host, peName = network.routers[pe].name
        switch mitigation {
        case .conditionalAdvertisement:
            guard prefix.length < 32, network.routers[x].bgp != nil else { return nil }
            let asn = network.routers[x].asn
            let toCEs = network.routers[x].bgp?.neighbors.indices.filter {
                network.routers[x].bgp?.neighbors[$0].vpn == nil && network.routers[x].bgp?.neighbors[$0].remoteAS != asn
            } ?? []
            guard !toCEs.isEmpty, toCEs.allSatisfy({ network.routers[x].bgp?.neighbors[$0].conditionalAdvertisement == nil }) else { return nil }
            let addresses = toCEs.compactMap { network.routers[x].bgp?.neighbors[$0].address }
            guard let syntax = MitigationSyntax.vpnConditionalAdvertisement(network.routers[x].dialect, router: peName, asn: asn, vrf: vrf.name,
                                                                            prefix: prefix, neighbors: addresses) else { return nil }
            var policies = network.routers[x].policies
            policies.prefixLists["ROUTESIM-AGGREGATE"] = PrefixList(name: "ROUTESIM-AGGREGATE", entries: [PrefixListEntry(action: .permit, prefix: prefix, ge: nil, le: nil, location: generated)], location: generated)
            policies.prefixLists["ROUTESIM-VPN-SPECIFICS"] = PrefixList(name: "ROUTESIM-VPN-SPECIFICS", entries: [PrefixListEntry(action: .permit, prefix: prefix, ge: prefix.length + 1, le: nil, location: generated)], location: generated)
            policies.routeMaps["ROUTESIM-ADVERTISE"] = RouteMap(name: "ROUTESIM-ADVERTISE", entries: [RouteMapEntry(sequence: 10, action: .permit, matches: [.prefixList("ROUTESIM-AGGREGATE")], sets: [], location: generated)], location: generated)
            policies.routeMaps["ROUTESIM-VPN-PRESENT"] = RouteMap(name: "ROUTESIM-VPN-PRESENT", entries: [RouteMapEntry(sequence: 10, action: .permit, matches: [.prefixList("ROUTESIM-VPN-SPECIFICS")], sets: [], location: generated)], location: generated)
            network.routers[x].policies = policies
            for n in toCEs {
                network.routers[x].bgp?.neighbors[n].conditionalAdvertisement = ConditionalAdvertisement(advertiseMap: "ROUTESIM-ADVERTISE", condition: .exist("ROUTESIM-VPN-PRESENT"))
            }
            return (network, "on \(xName): advertise-map ROUTESIM-ADVERTISE (\(prefix)) exist-map ROUTESIM-VPN-PRESENT (\(prefix) ge \(prefix.length + 1), the VPN routes it covers) on its \(toCEs.count) CE neighbor(s)",
                    [syntax])
        case .redundantLink:
            guard c != pe, network.routers[c].vrf == nil, let subnet = addLink(&network, from: pe, to: c) else { return nil }
            return (network, "add a second core link \(peName)-\(network.routers[c].name) (\(subnet)) for the PE of \(xName)", [])
        case .networkImportCheck:
            // Not offered in a VRF yet: the change would go in the VRF's BGP block (FRR `router
            // bgp N vrf V`), which MitigationSyntax does not write.
            return nil
        case .trackedStatic, .pinInCore, .enableLDP, .ldpIGPSync, .lspDynamicSecondary:
            return nil
        }
    }

    /// A /31 that overlaps no interface of the network.
    /// A /31 (IPv4, downward from 172.31.255.254) or /127 (IPv6, RFC 6164; downward from the
    /// top of the unique-local range fd00::/8) that no interface overlaps.
    static func freeSubnet(in network: Network, family: AddressFamily = .ipv4) -> Prefix? {
        let used = network.routers.flatMap { $0.interfaces.flatMap(\.subnets) }.filter { $0.family == family }
        var candidate = family == .ipv4 ? IPAddress(0xAC1F_FFFE) : IPAddress(high: 0xfdff_ffff_ffff_ffff, low: 0xffff_ffff_ffff_fffe)
        for _ in 0..<65536 {
            let prefix = Prefix(network: candidate, length: family.maxLength - 1)
            if !used.contains(where: { $0.overlaps(prefix) }) { return prefix }
            candidate = family == .ipv4 ? IPAddress(candidate.ipv4Value &- 2) : IPAddress(high: candidate.high, low: candidate.low &- 2)
        }
        return nil
    }
}

extension Array {
    mutating func remove(atOffsets offsets: [Int]) {
        for offset in offsets.sorted(by: >) { remove(at: offset) }
    }
}
