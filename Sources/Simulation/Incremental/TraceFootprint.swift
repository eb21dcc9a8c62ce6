/// What a trace read, so that a failure run built on the baseline can tell, without tracing
/// again, that the trace would come out the same: a sweep traces every flow in every scenario,
/// and most failures change nothing on most flows' paths.
///
/// A hop's outcome at router r depends on r's interface states (ownership of the destination,
/// the link or segment it sends over) and on its routes covering the destination: non-BGP
/// routes, BGP best paths, and for a BGP path the non-BGP route covering its next hop (which
/// decides both whether it is usable and where it forwards). The footprint lists, per router
/// the trace visited or sent to, those addresses: the destination and the next hops of every
/// BGP path at that router covering it (also the unusable ones, which a change could make
/// usable). The trace is kept when every such router is up with its interfaces as in the
/// baseline, none of its non-BGP change set covers one of its addresses, and no prefix whose
/// BGP results changed covers the destination.
/// Tested: SweepEquivalenceTests compare sweeps with and without reuse report for report.
public struct TraceFootprint: Sendable {
    let destination: IPAddress
    let routers: [Int]
    let addresses: [[IPAddress]]
}

extension DataPlane {
    /// The footprints of `traces`, traced in this plane (the LDP sessions' transport addresses
    /// around each router are gathered once for all of them).
    public func footprints(of traces: [Trace]) -> [TraceFootprint] {
        let transports = switchesLabels ? transportAddressesAroundRouters() : []
        return traces.map { footprint(of: $0, transports: transports) }
    }

    /// Per router, its own and its link neighbours' LDP transport addresses.
    func transportAddressesAroundRouters() -> [[IPAddress]] {
        func transport(_ r: Int) -> IPAddress { network.routers[r].ldpTransportAddress }
        var around = network.routers.indices.map { [transport($0)] }
        for link in network.links {
            around[link.a.router].append(transport(link.b.router))
            around[link.b.router].append(transport(link.a.router))
        }
        return around
    }

    /// The footprint of `trace`, traced in this plane.
    public func footprint(of trace: Trace) -> TraceFootprint {
        footprint(of: trace, transports: switchesLabels ? transportAddressesAroundRouters() : [])
    }

    func footprint(of trace: Trace, transports: [[IPAddress]]) -> TraceFootprint {
        let d = trace.destination
        var routers: [Int] = [], addresses: [[IPAddress]] = [], seen: Set<Int> = []
        // Label switching also reads, at each router, its routes to the LDP FECs of the trace
        // (a binding is a route to the FEC) and to its and its neighbours' transport addresses
        // (the sessions): those join every visited router's list.
        var labelAddresses: [IPAddress] = []
        if switchesLabels {
            for path in trace.paths { for hop in path.hops { if let operation = hop.labelOperation, operation.lsp == nil { labelAddresses.append(operation.fec.network) } } }
        }
        func visit(_ r: Int) {
            guard seen.insert(r).inserted else { return }
            var list = [d]
            if switchesLabels { list += labelAddresses + transports[r] }
            for length in bgpTables[r].results.lengthMask.lengths(for: d) {
                let prefix = Prefix(network: d, length: length)
                if let route = bgpTables[r][prefix], !route.isLocal {
                    list.append(route.attributes.nextHop)
                    // Paths installed with it (maximum-paths): their next hops decide forwarding too.
                    list += multipathNextHops(router: r, prefix: prefix).dropFirst()
                }
            }
            routers.append(r)
            addresses.append(list)
            // A VRF's paths from other VRFs resolve in its PE's table (docs/vrf.md).
            if let pe = network.routers[r].vrf?.host {
                routers.append(pe)
                addresses.append(list)
            }
        }
        for path in trace.paths {
            for hop in path.hops {
                guard let r = network.routerIndex[hop.node] else { continue }
                visit(r)
                if case .forwarded(_, let gateway, _) = hop.detail, case .router(let ref)? = owners[gateway, from: r] { visit(ref.router) }
                if case .labeled(_, let gateway, _, _) = hop.detail, case .router(let ref)? = owners[gateway, from: r] { visit(ref.router) }
                if case .switched(let gateway, _, _) = hop.detail, case .router(let ref)? = owners[gateway, from: r] { visit(ref.router) }
            }
        }
        return TraceFootprint(destination: d, routers: routers, addresses: addresses)
    }

    /// True when this plane is a failure run built on the baseline `footprint` came from and
    /// nothing the footprint lists may differ: tracing again would give the same trace.
    public func keeps(_ footprint: TraceFootprint) -> Bool {
        guard let delta, !delta.bgp.covers(footprint.destination) else { return false }
        // Label switching: Junos' ordered control makes a binding depend on the whole way
        // downstream, off the trace's path: traced again. RSVP-TE: the tracer reads LSPs only
        // at routers it walks (their head-ends' LSPs, to enter one; an LSP it rides has its head
        // on the path), so a trace is kept when none of its routers heads an LSP whose state
        // changed; when the states were not signalled against the baseline, it is traced again.
        if orderedLDP { return false }
        if hasLSPs {
            guard let heads = lspChangedHeads else { return false }
            if !heads.isEmpty && footprint.routers.contains(where: heads.contains) { return false }
        }
        for (i, r) in footprint.routers.enumerated() {
            guard liveness.routerUp[r], r < delta.interfaceUp.count, liveness.interfaceUp[r] == delta.interfaceUp[r],
                  let changed = delta.nonBGP[r] else { return false }
            if changed.isEmpty { continue }
            for address in footprint.addresses[i] where changed.covers(address) { return false }
        }
        return true
    }
}
