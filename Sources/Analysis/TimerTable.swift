import NetPrimitives
import NetworkModel
import Simulation

/// Every timer that decides how long a failure lasts, per router, with where each value comes
/// from (docs/timeline.md): what `routesim timers` prints, and what a timeline starts from.
public struct TimerTable: Sendable {
    public struct Session: Sendable {
        /// This end's neighbor statement, and the other end's (`peer`'s statement back).
        public var statement: HeldChanges.Statement
        public var peerStatement: HeldChanges.Statement
        /// The interface holding this end's address (a loopback for a multi-hop session).
        public var interface: Int?
        public var peer: String
        public var peerAddress: IPAddress
        /// The hold time in use: the smaller of both ends' (RFC 4271 section 4.2).
        public var hold: EffectiveTimer
        public var keepalive: EffectiveTimer
        /// BFD's detection time, when BFD runs on the session.
        public var bfd: (interval: EffectiveTimer, multiplier: Int)?
        /// BFD is configured on the session but no interval is (IOS and Junos have no default).
        public var bfdWithoutInterval: Bool
        /// BFD is configured here but the other end does not run it: no BFD session comes up.
        public var bfdWithoutPeer: Bool
    }
    public struct InterfaceRow: Sendable {
        public var name: String
        public var hello: EffectiveTimer?
        public var dead: EffectiveTimer?
        public var bfd: BFDSettings?
    }
    public struct Probe: Sendable {
        public var sla: Int
        public var frequency: EffectiveTimer?
        public var timeout: EffectiveTimer?
        public var tracks: [(id: Int, delayDown: Milliseconds, delayUp: Milliseconds)]
    }
    public struct RouterRow: Sendable {
        public var name: String
        public var dialect: VendorDialect
        public var bgpKeepalive: EffectiveTimer?
        public var bgpHold: EffectiveTimer?
        public var conditionalAdvertisementScan: EffectiveTimer?
        public var spfDelay: EffectiveTimer?
        public var sessions: [Session]
        public var interfaces: [InterfaceRow]
        public var probes: [Probe]
    }
    public var routers: [RouterRow]
    /// Each established session end by its statement.
    public private(set) var sessionAt: [HeldChanges.Statement: Session] = [:]

    /// From the network and its simulated sessions (a session's hold time needs both ends).
    public init(plane: DataPlane) {
        let network = plane.network
        // Each end's statement, by (router, neighbor index), to find a session's other end.
        var statusAt: [Int: [Int: BGPSessionStatus]] = [:]
        for status in plane.sessions where !status.isVPNAdjacency { statusAt[status.router, default: [:]][status.neighborIndex] = status }
        // VRF instances too: a VRF's BGP instance has its own timers and sessions (PE-CE).
        routers = network.routers.indices.compactMap { r in
            let router = network.routers[r]
            var sessions: [Session] = []
            for status in plane.sessions where status.router == r && status.established && !status.isVPNAdjacency {
                guard let peer = status.peerRouter, let local = status.localAddress,
                      let back = statusAt[peer]?.values.first(where: { $0.peerRouter == r && $0.peerAddress == local }),
                      let ownHold = router.sessionTimer(.bgpHold, neighbor: status.neighborIndex),
                      let peerHold = network.routers[peer].sessionTimer(.bgpHold, neighbor: back.neighborIndex),
                      let keepalive = router.sessionTimer(.bgpKeepalive, neighbor: status.neighborIndex) else { continue }
                let hold = peerHold.value < ownHold.value ? peerHold : ownHold
                // Keepalives go at the configured interval, or a third of a smaller hold time.
                let third = Milliseconds(hold.value.value / 3)
                let sent = third < keepalive.value ? EffectiveTimer(third, default: "a third of the negotiated hold time") : keepalive
                // BFD runs only when both ends run it on the session (RFC 5880: a session needs both).
                let interface = router.interfaces.firstIndex { $0.addresses.contains(local) }
                let peerInterface = network.routers[peer].interfaces.firstIndex { $0.addresses.contains(status.peerAddress) }
                let ownBFD = router.bfdDetection(neighbor: status.neighborIndex, interface: interface)
                let peerBFD = network.routers[peer].bfdDetection(neighbor: back.neighborIndex, interface: peerInterface)
                let configured = router.bgp?.neighbors[status.neighborIndex].timers.bfd == true
                sessions.append(Session(statement: HeldChanges.Statement(router: r, neighbor: status.neighborIndex),
                                        peerStatement: HeldChanges.Statement(router: peer, neighbor: back.neighborIndex), interface: interface,
                                        peer: network.routers[peer].name, peerAddress: status.peerAddress, hold: hold, keepalive: sent,
                                        bfd: peerBFD == nil ? nil : ownBFD,
                                        bfdWithoutInterval: configured && ownBFD == nil, bfdWithoutPeer: configured && ownBFD != nil && peerBFD == nil))
            }
            let interfaces = router.interfaces.indices.compactMap { i -> InterfaceRow? in
                let interface = router.interfaces[i]
                guard interface.kind != .loopback else { return nil }
                let runsIGP = interface.igp == .active
                let igp = network.igp(of: router)?.protocolKind ?? .ospf
                return InterfaceRow(name: interface.name, hello: runsIGP ? router.interfaceTimer(.igpHello, interface: i, protocol: igp) : nil,
                                    dead: runsIGP ? router.interfaceTimer(.igpDead, interface: i, protocol: igp) : nil, bfd: interface.timers.bfd)
            }
            let probes = router.ipSLAs.map { sla in
                Probe(sla: sla.id, frequency: sla.timers.frequency.map(EffectiveTimer.init) ?? router.dialect.timerDefault(.slaFrequency),
                      timeout: sla.timers.timeout.map(EffectiveTimer.init) ?? router.dialect.timerDefault(.slaTimeout),
                      tracks: router.tracks.filter { $0.sla == sla.id }.map { ($0.id, $0.timers.delayDown?.value ?? .zero, $0.timers.delayUp?.value ?? .zero) })
            }
            let hasConditions = router.bgp?.neighbors.contains { $0.conditionalAdvertisement != nil } ?? false
            return RouterRow(name: router.name, dialect: router.dialect, bgpKeepalive: router.bgp == nil ? nil : router.timer(.bgpKeepalive),
                             bgpHold: router.bgp == nil ? nil : router.timer(.bgpHold),
                             conditionalAdvertisementScan: hasConditions ? router.timer(.conditionalAdvertisementScan) : nil,
                             spfDelay: network.igp(of: router) == nil || router.vrf != nil ? nil : router.timer(.spfDelay),   // a VRF runs no IGP
                             sessions: sessions.sorted { $0.peer < $1.peer || $0.peer == $1.peer && $0.peerAddress < $1.peerAddress },
                             interfaces: interfaces, probes: probes)
        }
        for row in routers { for session in row.sessions { sessionAt[session.statement] = session } }
    }

    /// The table as text, a router per block.
    public var text: String {
        var lines: [String] = []
        for row in routers {
            lines.append("\(row.name) (\(row.dialect.displayName))")
            if let keepalive = row.bgpKeepalive, let hold = row.bgpHold { lines.append("  BGP keepalive \(keepalive); hold \(hold)") }
            if let scan = row.conditionalAdvertisementScan { lines.append("  conditional advertisement re-evaluated every \(scan)") }
            if let spf = row.spfDelay { lines.append("  SPF delay \(spf)") }
            for session in row.sessions {
                var line = "  session to \(session.peer) (\(session.peerAddress)): hold \(session.hold), keepalive \(session.keepalive)"
                if let bfd = session.bfd {
                    line += "; BFD detects a failure in \(bfd.interval.value * bfd.multiplier) (\(bfd.interval) x \(bfd.multiplier))"
                } else if session.bfdWithoutInterval {
                    line += "; BFD configured without an interval (\(row.dialect.displayName) needs one): not counted"
                } else if session.bfdWithoutPeer {
                    line += "; BFD configured, but \(session.peer) does not run it on this session: not counted"
                }
                lines.append(line)
            }
            for interface in row.interfaces where interface.hello != nil || interface.bfd != nil {
                var parts: [String] = []
                if let hello = interface.hello, let dead = interface.dead { parts.append("IGP hello \(hello), dead \(dead)") }
                if let bfd = interface.bfd { parts.append("BFD \(bfd.interval.value) x \(bfd.multiplier) (\(bfd.interval.location.file):\(bfd.interval.location.line))") }
                lines.append("  interface \(interface.name): " + parts.joined(separator: "; "))
            }
            for probe in row.probes {
                var line = "  ip-sla \(probe.sla): probe every \(probe.frequency?.description ?? "?"), timeout \(probe.timeout?.description ?? "?")"
                for track in probe.tracks { line += "; track \(track.id) delay down \(track.delayDown), up \(track.delayUp)" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
