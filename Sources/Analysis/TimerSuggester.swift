import NetPrimitives
import NetworkModel
import Simulation

/// Timer changes that shorten a flow's transient drop (docs/timeline.md), each verified by
/// replaying the scenario's timeline on a copy of the network with the change made.
public struct TimerSuggestion: Sendable {
    public var router: String
    /// What changes, in words, and the configuration lines in the router's dialect.
    public var change: String
    public var config: String
    public var before: FailureTimeline.Drop
    /// After the change; nil when the flow is not dropped at all any more.
    public var after: FailureTimeline.Drop?
}

public enum TimerSuggester {
    /// The BFD timers suggested: 300 ms x 3 (FRR's and EOS's defaults; IOS and Junos have none).
    static let bfdInterval = Milliseconds(300), bfdMultiplier = 3

    /// For `flow` (dropped in `timeline`), the timer whose event ends its drop, made faster:
    /// a track's probe (IP SLA `frequency 5`), the conditional-advertisement scanner (5 s), the
    /// BGP hold time (`timers bgp 10 30`) and BFD on the sessions (300 ms x 3) of the router
    /// whose session or condition ends it.
    /// Only changes that shorten the drop are returned. `timeline`: the scenario's (its
    /// sessions that time out, and whether its links fail silently); `timers`: the baseline's
    /// `TimerTable` (each session's other end).
    public static func suggest(network: Network, failures: FailureSpec, flow: FailureTimeline.FlowTimeline,
                               endpoints: (from: String, to: IPAddress), timeline: FailureTimeline, timers: TimerTable) -> [TimerSuggestion] {
        guard case .bounded? = flow.longestDrop, let before = flow.longestDrop,
              let firstDrop = flow.intervals.firstIndex(where: { !$0.delivered }),
              let end = flow.intervals[(firstDrop + 1)...].first(where: \.delivered), let change = end.change else { return [] }
        var candidates: [(router: Int, change: String, config: String, apply: (inout Network) -> Void)] = []
        let fast = Milliseconds.seconds(5)
        func holdTimers(_ r: Int) -> (router: Int, change: String, config: String, apply: (inout Network) -> Void)? {
            let router = network.routers[r]
            guard let hold = router.timer(.bgpHold), hold.value > .seconds(30) else { return nil }
            let config = router.dialect == .junos ? "protocols bgp hold-time 30" : "router bgp \(router.asn)\n timers bgp 10 30"
            return (r, "BGP hold time 30 s, keepalive 10 s (was \(hold.value))", config, { network in
                network.routers[r].timers.bgpKeepalive = StatedTimer(.seconds(10), at: router.location)
                network.routers[r].timers.bgpHold = StatedTimer(.seconds(30), at: router.location)
            })
        }
        switch change {
        case .track(let key, _):
            let router = network.routers[key.router]
            guard let track = router.tracks.first(where: { $0.id == key.track }),
                  let slaIndex = router.ipSLAs.firstIndex(where: { $0.id == track.sla }) else { break }
            let sla = router.ipSLAs[slaIndex]
            let current = sla.timers.frequency?.value ?? router.dialect.timerDefault(.slaFrequency)?.value ?? fast
            guard current > fast else { break }
            // IOS sets `frequency` in the operation's mode, and takes no change to a scheduled probe.
            let config = "no ip sla schedule \(sla.id)\nip sla \(sla.id)\n icmp-echo \(sla.target)\n  frequency 5\nip sla schedule \(sla.id) life forever start-time now"
            candidates.append((key.router, "IP SLA \(sla.id) probes every 5 s (was \(current))", config, { network in
                network.routers[key.router].ipSLAs[slaIndex].timers.frequency = StatedTimer(fast, at: sla.location)
            }))
        case .condition(let statement, _):
            let router = network.routers[statement.router]
            if let scan = router.timer(.conditionalAdvertisementScan), scan.value > fast, router.dialect != .junos {
                let config = router.dialect == .frr ? "router bgp \(router.asn)\n bgp conditional-advertisement timer 5" : "router bgp \(router.asn)\n bgp scan-time 5"
                candidates.append((statement.router, "conditional advertisement re-evaluated every 5 s (was \(scan.value))", config, { network in
                    network.routers[statement.router].timers.conditionalAdvertisementScan = StatedTimer(fast, at: router.location)
                }))
            }
            if let hold = holdTimers(statement.router) { candidates.append(hold) }
            // The condition waits for the router's sessions that time out: BFD on those.
            let timedOut = timeline.sessionsTimingOut.filter { $0.router == statement.router }
            if let bfd = bfdOnBothEnds(network, timers: timers, statements: timedOut) { candidates.append(bfd) }
        case .session(let statement):
            if let hold = holdTimers(statement.router) { candidates.append(hold) }
            if let bfd = bfdOnBothEnds(network, timers: timers, statements: [statement]) { candidates.append(bfd) }
        case .failure, .igp:
            break
        }
        return candidates.compactMap { candidate in
            var copy = network
            candidate.apply(&copy)
            let baseline = Engine.baseline(copy)
            let replay = FailureTimeline(baseline: baseline.plane, failed: Engine.run(copy, failures: failures, baseline: baseline),
                                         silentLinks: timeline.silentLinks)
            guard let replayed = replay.flowTimelines(baseline: baseline, failures: failures,
                                                        flows: [(name: flow.flow, from: endpoints.from, to: endpoints.to)]).first else { return nil }
            let after = replayed.longestDrop
            if let after, case .bounded(let new) = after, case .bounded(let old) = before, new >= old { return nil }
            if after == .permanent { return nil }
            return TimerSuggestion(router: network.routers[candidate.router].name, change: candidate.change, config: candidate.config,
                                   before: before, after: after)
        }
    }

    /// BFD on BGP sessions whose ends go down only at hold expiry: both ends must run it
    /// (RFC 5882 section 4.3: a session is brought down by BFD only where both run it), so the
    /// change is made on each of `statements` and on its peer's statement back (from `timers`).
    /// nil when BFD already runs on all of them.
    static func bfdOnBothEnds(_ network: Network, timers: TimerTable, statements: [HeldChanges.Statement])
        -> (router: Int, change: String, config: String, apply: (inout Network) -> Void)? {
        var ends: [TimerTable.Session] = []
        for statement in statements where network.routers[statement.router].bgp?.neighbors[statement.neighbor].timers.bfd == false {
            guard let session = timers.sessionAt[statement], let back = timers.sessionAt[session.peerStatement] else { continue }
            for end in [session, back] where !ends.contains(where: { $0.statement == end.statement }) { ends.append(end) }
        }
        guard let r = statements.first?.router, !ends.isEmpty else { return nil }
        let settings = BFDSettings(interval: StatedTimer(bfdInterval, at: network.routers[r].location), multiplier: bfdMultiplier)
        let config = ends.map { end in
            let router = network.routers[end.statement.router], address = end.peerAddress.description
            let connected = end.interface.map { router.interfaces[$0] }.flatMap { $0.kind == .loopback ? nil : $0 }
            var lines = ["! \(router.name)"]
            switch router.dialect {
            case .junos:
                lines += ["# protocols bgp, in the group that holds neighbor \(address):",
                          "neighbor \(address) { bfd-liveness-detection { minimum-interval \(bfdInterval.value); multiplier \(bfdMultiplier); } }"]
            case .frr:
                lines += ["router bgp \(router.asn)", " neighbor \(address) bfd"]
            default:
                if let connected {
                    lines += ["interface \(connected.name)", " bfd interval \(bfdInterval.value) min_rx \(bfdInterval.value) multiplier \(bfdMultiplier)",
                              "router bgp \(router.asn)", " neighbor \(address) fall-over bfd"]
                } else {
                    lines += ["router bgp \(router.asn)", " neighbor \(address) fall-over bfd multi-hop",
                              "! plus a multi-hop BFD template (\(bfdInterval) x \(bfdMultiplier)) mapped to this pair of addresses"]
                }
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
        let routers = Set(ends.map { network.routers[$0.statement.router].name }).sorted()
        let names = routers.count == 1 ? routers[0] : routers.dropLast().joined(separator: ", ") + " and " + (routers.last ?? "")
        return (r, "BFD on the session, \(bfdInterval) x \(bfdMultiplier), at \(names)", config, { network in
            for end in ends.map(\.statement) {
                network.routers[end.router].bgp?.neighbors[end.neighbor].timers.bfd = true
                network.routers[end.router].bgp?.neighbors[end.neighbor].timers.bfdSettings = settings
            }
        })
    }
}
