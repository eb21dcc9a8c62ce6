import NetPrimitives
import NetworkModel
import Simulation

/// When each change a failure causes happens (docs/timeline.md): the events between the
/// pre-failure state and the converged post-failure state, each with the window in which it
/// falls (timers that are not synchronised give a range) and the timers that bound it; and,
/// by replaying them (`flowTimelines`), what each flow does between them.
public struct FailureTimeline: Sendable {
    /// From `earliest` to `latest` after the failure (one instant when they are equal).
    public struct Window: Sendable, Equatable, Comparable, CustomStringConvertible {
        public var earliest: Milliseconds
        public var latest: Milliseconds
        public init(_ earliest: Milliseconds, _ latest: Milliseconds) { self.earliest = earliest; self.latest = latest }
        public static func at(_ instant: Milliseconds) -> Window { Window(instant, instant) }
        public static func < (a: Window, b: Window) -> Bool { (a.earliest, a.latest) < (b.earliest, b.latest) }
        public var description: String { earliest == latest ? "+\(earliest)" : "+\(earliest) .. +\(latest)" }
    }

    public struct Event: Sendable, Equatable {
        public var window: Window
        public var router: String
        public var what: String
        /// The timers (with their sources) or the cause that place it in its window.
        public var why: String
        /// What the event changes, for the instants before it (`HeldChanges`).
        public var change: Change = .failure
    }

    public enum Change: Sendable, Equatable {
        case failure, igp
        case session(HeldChanges.Statement)
        case track(HeldChanges.TrackKey, before: Bool)
        case condition(HeldChanges.Statement, before: Bool)
    }

    public var events: [Event]
    /// The failed links' interfaces stayed up (`--silent`): detection waits for the IGP's dead
    /// interval, BFD or BGP's hold time, and no router repairs locally at the first instant.
    public var silentLinks: Bool

    /// Compares the converged states before (`baseline`) and after (`failed`) the failure.
    /// `timers`: the baseline's `TimerTable`, when several scenarios share the baseline.
    /// `silentLinks`: the failed links fail without their interfaces going down (a fault in a
    /// media converter, a switch or a provider's circuit between the routers).
    public init(baseline: DataPlane, failed: DataPlane, timers: TimerTable? = nil, silentLinks: Bool = false) {
        let network = failed.network
        self.silentLinks = silentLinks
        var events: [Event] = []
        func name(_ r: Int) -> String { network.routers[r].name }
        for l in failed.failures.links.sorted() {
            events.append(Event(window: .at(.zero), router: "", what: "link \(network.links[l].name) fails",
                                why: silentLinks ? "silently: it stops passing traffic, its interfaces stay up" : "both interfaces go down"))
        }
        // A silent failure is seen when an end's IGP dead interval (IS-IS: hold time) runs out:
        // the last hello came up to one hello interval before the failure. A silently failed
        // link without an IGP adjacency (an inter-AS link) changes no IGP route until its BGP
        // sessions time out: its connected routes stay, the interfaces being up. A router's
        // failure is seen at once.
        var detection = Window.at(.zero), detectionWhy = "the adjacencies on the failed link went down with its interfaces"
        var igpSeesIt = true
        if silentLinks && failed.failures.routers.isEmpty && !failed.failures.links.isEmpty {
            var windows: [(Window, String)] = []
            for l in failed.failures.links.sorted() {
                let link = network.links[l]
                let a = network.routers[link.a.router], b = network.routers[link.b.router]
                guard a.asn == b.asn, a.interfaces[link.a.interface].igp != .off, b.interfaces[link.b.interface].igp != .off else { continue }
                let ends = [link.a, link.b].compactMap { end -> (Window, String)? in
                    let router = network.routers[end.router]
                    let igp = network.igp(of: router)?.protocolKind ?? .ospf
                    guard let dead = router.interfaceTimer(.igpDead, interface: end.interface, protocol: igp),
                          let hello = router.interfaceTimer(.igpHello, interface: end.interface, protocol: igp) else { return nil }
                    let earliest = dead.value > hello.value ? dead.value - hello.value : .zero
                    return (Window(earliest, dead.value), "\(router.name) \(igp == .isis ? "hold time" : "dead interval") \(dead), hello \(hello)")
                }
                if let first = ends.min(by: { $0.0.latest < $1.0.latest }) { windows.append(first) }
            }
            if let earliest = windows.map(\.0.earliest).min(), let latest = windows.map(\.0.latest).max() {
                detection = Window(earliest, latest)
                detectionWhy = "the adjacency on the silently failed link timed out (" + windows.map(\.1).joined(separator: "; ") + ")"
            } else {
                igpSeesIt = false
            }
        }
        for r in failed.failures.routers.sorted() {
            events.append(Event(window: .at(.zero), router: name(r), what: "router \(name(r)) fails", why: "its links go down"))
        }

        // IGP: every AS whose non-BGP routes change reconverges after its routers' SPF delays.
        var changedByAS: [ASN: [Int]] = [:]
        for r in network.routers.indices where failed.liveness.routerUp[r] && network.routers[r].vrf == nil && network.igp(of: network.routers[r]) != nil {
            let before = baseline.nonBGPRoutes[r], after = failed.nonBGPRoutes[r]
            if before.count != after.count || before.contains(where: { after[$0.key] != $0.value }) {
                changedByAS[network.routers[r].asn, default: []].append(r)
            }
        }
        for (asn, routers) in changedByAS.sorted(by: { $0.key < $1.key }) where igpSeesIt {
            let delays = routers.compactMap { network.routers[$0].timer(.spfDelay) }
            guard let lowest = delays.min(by: { $0.value < $1.value }), let highest = delays.max(by: { $0.value < $1.value }) else { continue }
            let why = lowest == highest ? "SPF delay \(lowest)" : "SPF delays from \(lowest) to \(highest)"
            events.append(Event(window: Window(detection.earliest + lowest.value, detection.latest + highest.value), router: "AS \(asn)",
                                what: "IGP routes change at \(routers.count) router\(routers.count == 1 ? "" : "s")",
                                why: "\(why), after \(detectionWhy)", change: .igp))
        }

        // BGP sessions that go down, each end on its own: at once when its interface went down,
        // after BFD's detection time, else at hold-time expiry.
        let table = timers ?? TimerTable(plane: baseline)
        var after: [Int: [Int: Bool]] = [:]
        for status in failed.sessions where !status.isVPNAdjacency { after[status.router, default: [:]][status.neighborIndex] = status.established }
        for status in baseline.sessions where status.established && !status.isVPNAdjacency && failed.liveness.routerUp[status.router] {
            guard after[status.router]?[status.neighborIndex] == false, let peer = status.peerRouter else { continue }
            let router = network.routers[status.router]
            let held = HeldChanges.Statement(router: status.router, neighbor: status.neighborIndex), statement = Change.session(held)
            let what = "BGP session to \(name(peer)) (\(status.peerAddress)) goes down"
            let own = router.interfaces.indices.first { router.interfaces[$0].addresses.contains { $0 == status.localAddress } }
            let link = own.flatMap { failed.liveness.linkOfInterface[InterfaceRef(router: status.router, interface: $0)] }
            // A silently failed link leaves its interfaces up: its sessions wait for BFD or hold.
            let silent = silentLinks && link.map(failed.failures.links.contains) == true
            let down = link.map { !failed.liveness.linkUp[$0] } == true || own.map { !failed.liveness.interfaceUp[status.router][$0] } == true
            if let own, router.interfaces[own].kind != .loopback, !silent, down {
                events.append(Event(window: .at(.zero), router: router.name, what: what, why: "its interface \(router.interfaces[own].name) went down",
                                    change: statement))
                continue
            }
            guard let session = table.sessionAt[held] else { continue }
            if let bfd = session.bfd {
                let detection = bfd.interval.value * bfd.multiplier
                events.append(Event(window: .at(detection), router: router.name, what: what, why: "BFD: \(bfd.interval) x \(bfd.multiplier)", change: statement))
            } else {
                // The last keepalive came up to one keepalive interval before the failure.
                let hold = session.hold.value, keepalive = session.keepalive.value
                events.append(Event(window: Window(hold > keepalive ? hold - keepalive : .zero, hold), router: router.name, what: what,
                                    why: "hold time \(session.hold), keepalive \(session.keepalive)"
                                        + (session.bfdWithoutInterval ? "; BFD configured without an interval" : "")
                                        + (session.bfdWithoutPeer ? "; BFD configured, but not at \(session.peer)" : ""), change: statement))
            }
        }

        // Tracks that change: the first probe after reachability is lost times out; a probe
        // goes every `frequency`, so that is between `timeout` and `frequency + timeout` after
        // the loss (taken at the failure), plus the track's delay.
        for r in network.routers.indices where failed.liveness.routerUp[r] {
            let router = network.routers[r]
            for track in router.tracks {
                guard let before = baseline.trackStates[r][track.id], let now = failed.trackStates[r][track.id], before != now,
                      let sla = router.ipSLAs.first(where: { $0.id == track.sla }) else { continue }
                let frequency = sla.timers.frequency.map(EffectiveTimer.init) ?? router.dialect.timerDefault(.slaFrequency)
                let timeout = sla.timers.timeout.map(EffectiveTimer.init) ?? router.dialect.timerDefault(.slaTimeout)
                guard let frequency, let timeout else { continue }
                let delay = (now ? track.timers.delayUp : track.timers.delayDown)?.value ?? .zero
                let earliest = (now ? .zero : timeout.value) + delay
                events.append(Event(window: Window(earliest, frequency.value + (now ? .zero : timeout.value) + delay), router: router.name,
                                    what: "track \(track.id) (ip sla \(sla.id)) goes \(now ? "up" : "down")",
                                    why: "probe every \(frequency), timeout \(timeout)\(delay == .zero ? "" : ", delay \(now ? "up" : "down") \(delay)")",
                                    change: .track(HeldChanges.TrackKey(router: r, track: track.id), before: before)))
            }
        }

        // Conditional advertisement re-evaluated on the scanner: within one scan interval after
        // the watched route changes. That change comes with one of the events above: not before
        // the first that touches the router (its sessions, tracks, its AS's IGP, a failed link
        // of its own), not after the last.
        let anchor = events.map(\.window.latest).max() ?? .zero
        func firstChange(at r: Int) -> Milliseconds {
            let router = network.routers[r]
            let ownLinkFailed = router.interfaces.indices.contains { i in
                failed.liveness.linkOfInterface[InterfaceRef(router: r, interface: i)].map { !failed.liveness.linkUp[$0] } ?? false
            }
            if ownLinkFailed { return .zero }
            return events.filter { $0.router == router.name || $0.router == "AS \(router.asn)" }.map(\.window.earliest).min() ?? .zero
        }
        let conditionsBefore = baseline.conditionalAdvertisementStates(), conditionsAfter = failed.conditionalAdvertisementStates()
        for (r, byNeighbor) in conditionsAfter.sorted(by: { $0.key < $1.key }) where failed.liveness.routerUp[r] {
            let router = network.routers[r]
            for (n, allows) in byNeighbor.sorted(by: { $0.key < $1.key }) where conditionsBefore[r]?[n] != nil && conditionsBefore[r]?[n] != allows {
                guard let scan = router.timer(.conditionalAdvertisementScan), let neighbor = router.bgp?.neighbors[n] else { continue }
                let earliest = firstChange(at: r)
                events.append(Event(window: Window(earliest, anchor + scan.value), router: router.name,
                                    what: "conditional advertisement to \(neighbor.peerName ?? neighbor.address.description) \(allows ? "starts" : "stops")",
                                    why: "re-evaluated every \(scan), once the watched route has changed: between +\(earliest) and +\(anchor)",
                                    change: .condition(HeldChanges.Statement(router: r, neighbor: n), before: !allows)))
            }
        }
        self.events = events.sorted { ($0.window, $0.router, $0.what) < ($1.window, $1.router, $1.what) }
    }

    /// The schedule as text, one event per line.
    public var text: String {
        events.map { event in
            "  \(event.window.description.padding(toLength: 18, withPad: " ", startingAt: 0)) \(event.router.isEmpty ? "" : event.router + ": ")\(event.what) (\(event.why))"
        }.joined(separator: "\n") + "\n"
    }
}

extension FailureTimeline {
    /// A flow's outcome from one instant of the timeline on.
    public struct Interval: Sendable, Equatable {
        /// When it starts: the window of the event that starts it (+0 s for the first).
        public var from: Window
        /// The event that starts it (nil for the first).
        public var after: String?
        public var outcome: String
        public var delivered: Bool
        /// What that event changed (nil for the first).
        public var change: Change? = nil
    }

    /// The session ends that go down after the failure's instant (at BFD's detection or hold
    /// expiry): where faster timers could help (`TimerSuggester`).
    public var sessionsTimingOut: [HeldChanges.Statement] {
        events.compactMap { event in
            guard case .session(let statement) = event.change, event.window.latest > .zero else { return nil }
            return statement
        }
    }

    /// The events after the failure in the order they are applied (their latest time), and how
    /// many of them the first instant after the failure takes: nothing reconverges before the
    /// IGP's event, so every event no later than it comes with it; without one (a silent
    /// failure of an inter-AS link), the first event alone.
    var steps: (ordered: [Event], first: Int) {
        let ordered = events.filter { $0.change != .failure }.sorted { ($0.window.latest, $0.window.earliest) < ($1.window.latest, $1.window.earliest) }
        let first = ordered.first { $0.change == .igp }.map { igp in ordered.filter { $0.window.latest <= igp.window.latest }.count } ?? min(1, ordered.count)
        return (ordered, first)
    }

    /// The changes of `events`, held back.
    static func held(_ events: some Sequence<Event>) -> HeldChanges {
        var held = HeldChanges()
        for event in events {
            switch event.change {
            case .session(let statement): held.sessions.insert(statement)
            case .track(let key, let before): held.tracks[key] = before
            case .condition(let statement, let before): held.conditions[statement] = before
            case .failure, .igp: break
            }
        }
        return held
    }

    /// The network `instant` after the failure, taking every event at its latest time (the
    /// worst case for how long the failure lasts): nil before the IGP has reconverged, when
    /// forwarding is the pre-failure state with the failed elements dropping traffic
    /// (`Tracer(plane: baseline.plane, fastRerouteAfter: failures)`).
    public func plane(at instant: Milliseconds, baseline: Baseline, failures: FailureSpec) -> DataPlane? {
        let (ordered, first) = steps
        if first > 0, instant < ordered[first - 1].window.latest { return nil }
        var options = SimulationOptions()
        options.held = Self.held(events.filter { $0.window.latest > instant })
        return Engine.run(baseline.plane.network, failures: failures, options: options, baseline: baseline)
    }

    public struct FlowTimeline: Sendable {
        public var flow: String
        public var intervals: [Interval]

        /// How long the flow is dropped in the worst case: from the earliest start of an
        /// interval in which it is not delivered to the latest start of the next one in which
        /// it is; nil when it is delivered throughout; `.permanent` when it is not delivered again.
        public var longestDrop: Drop? {
            var longest: Milliseconds?
            var k = 0
            while k < intervals.count {
                guard !intervals[k].delivered else { k += 1; continue }
                guard let end = intervals.indices.first(where: { $0 > k && intervals[$0].delivered }) else { return .permanent }
                let length = intervals[end].from.latest - intervals[k].from.earliest
                longest = max(longest ?? length, length)
                k = end + 1
            }
            return longest.map(Drop.bounded)
        }
    }

    public enum Drop: Sendable, Equatable, CustomStringConvertible {
        case bounded(Milliseconds)
        case permanent
        public var description: String {
            switch self {
            case .bounded(let length): "dropped for at most \(length)"
            case .permanent: "dropped and not delivered again"
            }
        }
        /// Whether it lasts longer than `limit`.
        public func exceeds(_ limit: Milliseconds) -> Bool {
            if case .bounded(let length) = self { return length > limit }
            return true
        }
    }

    /// Each flow's outcome between the events: the network is simulated once per event, with
    /// the changes of the later events held back (`SimulationOptions.held`), events taken in
    /// the order of their latest time. Before the IGP reconverges, forwarding is the state
    /// before the failure with the failed elements dropping traffic (the fast-reroute
    /// instant); events that fall no later than the IGP's take effect with it.
    public func flowTimelines(baseline: Baseline, failures: FailureSpec, flows: [(name: String, from: String, to: IPAddress)]) -> [FlowTimeline] {
        let network = baseline.plane.network
        let (steps, first) = self.steps
        // The engine's held changes after applying the first `applied` steps.
        func held(after applied: Int) -> HeldChanges { Self.held(steps.dropFirst(applied)) }
        // Instants: the fast-reroute instant, then after each group of steps.
        var instants: [(from: Window, after: String?, change: Change?, plane: DataPlane?)] = [(.at(.zero), nil, nil, nil)]
        var applied = first
        while applied > 0 && applied <= steps.count {
            // Steps with the same window happen together: timers cannot order them, so no
            // interleaving of them is more real than another (a router failure's hundred iBGP
            // hold expiries are one instant, not a hundred simulations).
            var together = 0
            while applied < steps.count && steps[applied].window == steps[applied - 1].window && steps[applied].change != .igp { applied += 1; together += 1 }
            var options = SimulationOptions()
            options.held = held(after: applied)
            let plane = Engine.run(network, failures: failures, options: options, baseline: baseline)
            let step = steps[applied - 1]
            // Nothing changes forwarding before the first instant after the IGP's; and taken in
            // order, an instant does not end before the one before it.
            let floor = instants.count > 1 ? instants[1].from.earliest : step.window.earliest
            let from = Window(max(step.window.earliest, floor), max(step.window.latest, instants[instants.count - 1].from.latest))
            let also = together == 0 ? "" : " and \(together) more event\(together == 1 ? "" : "s") at the same time"
            instants.append((from, "\(step.router.isEmpty ? "" : step.router + ": ")\(step.what)\(also)", step.change, plane))
            applied += 1
        }
        // One tracer per instant, shared by the flows.
        let tracers = instants.map { $0.plane.map { Tracer(plane: $0) } ?? Tracer(plane: baseline.plane, fastRerouteAfter: failures, silentLinks: silentLinks) }
        return flows.map { flow in
            var intervals: [Interval] = []
            for ((from, after, change, _), tracer) in zip(instants, tracers) {
                let trace = tracer.trace(from: flow.from, to: flow.to)
                let dispositions = Array(Set(trace.paths.map(\.disposition.summary))).sorted()
                let outcome = dispositions.joined(separator: "; ")
                let delivered = trace.paths.allSatisfy { if case .delivered = $0.disposition { return true } else { return false } }
                if intervals.last?.outcome == outcome { continue }
                intervals.append(Interval(from: from, after: after, outcome: outcome, delivered: delivered, change: change))
            }
            return FlowTimeline(flow: flow.name, intervals: intervals)
        }
    }
}
