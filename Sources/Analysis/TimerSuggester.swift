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
    /// For `flow` (dropped in `timeline`), the timer whose event ends its drop, made faster:
    /// a track's probe (IP SLA `frequency 5`), the conditional-advertisement scanner (5 s) and
    /// the BGP hold time (`timers bgp 10 30`) of the router whose session or condition ends it.
    /// Only changes that shorten the drop are returned.
    public static func suggest(network: Network, failures: FailureSpec, flow: FailureTimeline.FlowTimeline,
                               endpoints: (from: String, to: IPAddress)) -> [TimerSuggestion] {
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
        case .session(let statement):
            if let hold = holdTimers(statement.router) { candidates.append(hold) }
        case .failure, .igp:
            break
        }
        return candidates.compactMap { candidate in
            var copy = network
            candidate.apply(&copy)
            let baseline = Engine.baseline(copy)
            let timeline = FailureTimeline(baseline: baseline.plane, failed: Engine.run(copy, failures: failures, baseline: baseline))
            guard let replayed = timeline.flowTimelines(baseline: baseline, failures: failures,
                                                        flows: [(name: flow.flow, from: endpoints.from, to: endpoints.to)]).first else { return nil }
            let after = replayed.longestDrop
            if let after, case .bounded(let new) = after, case .bounded(let old) = before, new >= old { return nil }
            if after == .permanent { return nil }
            return TimerSuggestion(router: network.routers[candidate.router].name, change: candidate.change, config: candidate.config,
                                   before: before, after: after)
        }
    }
}
