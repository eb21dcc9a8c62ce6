/// IP SLA icmp-echo: up when echo requests from the source address reach the owner of the target
/// and the replies get back to the source, both over the current data plane (any ECMP branch).
struct ProbeEvaluator {
    let plane: DataPlane

    func trackStates() -> [[Int: Bool]] {
        let network = plane.network
        let tracer = Tracer(plane: plane)
        return network.routers.enumerated().map { r, router in
            var states: [Int: Bool] = [:]
            for track in router.tracks {
                guard plane.liveness.routerUp[r], let sla = router.ipSLAs.first(where: { $0.id == track.sla }) else { states[track.id] = false; continue }
                states[track.id] = probe(router: r, sla: sla, tracer: tracer)
            }
            return states
        }
    }

    func probe(router r: Int, sla: IPSLA, tracer: Tracer) -> Bool {
        let router = plane.network.routers[r]
        let sourceInterface = sla.sourceInterface.flatMap { router.interfaceIndex(named: $0) }
            ?? router.interfaces.firstIndex { $0.kind == .loopback }
        guard let sourceInterface, plane.liveness.interfaceUp[r][sourceInterface] else { return false }
        let source = router.interfaces[sourceInterface].address
        let forward = tracer.trace(from: router.name, to: sla.target)
        guard forward.paths.contains(where: { if case .delivered = $0.disposition { true } else { false } }) else { return false }
        // The reply starts at whoever answered.
        let responder: String
        switch plane.owners[sla.target, from: r] {
        case .router(let ref)?: responder = plane.network.routers[ref.router].name
        case .host(let h)?: responder = plane.network.hosts[h].name
        case nil: return false
        }
        if responder == router.name { return true }
        let back = tracer.trace(from: responder, to: source)
        return back.paths.contains { if case .delivered(let node) = $0.disposition { node == router.name } else { false } }
    }
}
