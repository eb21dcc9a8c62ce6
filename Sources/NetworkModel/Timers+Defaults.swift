import Diagnostics

/// The timers that decide how long a failure lasts (docs/timeline.md).
public enum TimerKind: String, Sendable, CaseIterable {
    case bgpKeepalive = "BGP keepalive"
    case bgpHold = "BGP hold time"
    case conditionalAdvertisementScan = "conditional-advertisement scan"
    case spfDelay = "SPF delay"
    case igpHello = "IGP hello"
    case igpDead = "IGP dead interval"
    case isisHello = "IS-IS hello"
    case isisHold = "IS-IS hold time"
    case bfdInterval = "BFD interval"
    case slaFrequency = "IP SLA frequency"
    case slaTimeout = "IP SLA timeout"
    case slaThreshold = "IP SLA threshold"
}

/// A timer's value in effect and why: the configuration's statement, or the dialect's default
/// with where that default is written down.
public struct EffectiveTimer: Sendable, Equatable, CustomStringConvertible {
    public enum Source: Sendable, Equatable {
        case configured(SourceLocation)
        case dialectDefault(String)
    }
    public var value: Milliseconds
    public var source: Source

    public init(_ stated: StatedTimer) { value = stated.value; source = .configured(stated.location) }
    public init(_ value: Milliseconds, default why: String) { self.value = value; source = .dialectDefault(why) }

    public var description: String {
        switch source {
        case .configured(let location): return "\(value) (\(location.file):\(location.line))"
        case .dialectDefault(let why): return "\(value) (\(why))"
        }
    }
}

extension VendorDialect {
    /// The dialect's default for `kind`, with its source (docs/timeline.md has the table and
    /// the references); nil where the dialect has none (IOS and Junos need a BFD interval
    /// configured; FRR and Junos have no IP SLA).
    public func timerDefault(_ kind: TimerKind, frrDatacenter: Bool = false) -> EffectiveTimer? {
        let name = displayName
        func value(_ ms: Int64, _ why: String) -> EffectiveTimer { EffectiveTimer(Milliseconds(ms), default: "\(name) default: \(why)") }
        switch (kind, self) {
        case (.bgpKeepalive, .junos): return value(30_000, "a third of the 90 s hold time")
        case (.bgpHold, .junos): return value(90_000, "Juniper, hold-time")
        case (.bgpKeepalive, .frr) where frrDatacenter: return value(3_000, "bgpd, datacenter profile")
        case (.bgpHold, .frr) where frrDatacenter: return value(9_000, "bgpd, datacenter profile")
        case (.bgpKeepalive, _): return value(60_000, self == .frr ? "bgpd, traditional profile" : "timers bgp")
        case (.bgpHold, _): return value(180_000, self == .frr ? "bgpd, traditional profile" : "timers bgp")
        case (.conditionalAdvertisementScan, .ios): return value(60_000, "BGP scanner, bgp scan-time")
        case (.conditionalAdvertisementScan, .frr): return value(60_000, "bgpd, bgp conditional-advertisement timer")
        case (.conditionalAdvertisementScan, .eos): return value(60_000, "as IOS (routesim's assumption, unconfirmed)")
        case (.conditionalAdvertisementScan, .junos): return value(0, "policy conditions follow route changes (routesim's assumption, unconfirmed)")
        case (.spfDelay, .ios): return value(5_000, "timers throttle spf start (routesim's reading, unconfirmed)")
        case (.spfDelay, .frr): return value(0, "ospfd, timers throttle spf")
        case (.spfDelay, .junos): return value(200, "Juniper, spf-options delay")
        case (.spfDelay, .eos): return value(0, "timers spf delay initial (routesim's assumption, unconfirmed)")
        case (.igpHello, _): return value(10_000, "OSPF HelloInterval")
        case (.igpDead, _): return value(40_000, "OSPF RouterDeadInterval, 4 hellos")
        case (.isisHello, .frr): return value(3_000, "isisd DEFAULT_HELLO_INTERVAL")
        case (.isisHello, .junos): return value(9_000, "Juniper, hello-interval (protocols isis), not the DIS")
        case (.isisHello, .eos): return value(10_000, "as IOS (routesim's assumption, unconfirmed)")
        case (.isisHello, _): return value(10_000, "isis hello-interval")
        case (.isisHold, _):
            guard let hello = timerDefault(.isisHello) else { return nil }
            return value(hello.value.value * Int64(isisHelloMultiplier), "\(hello.value) hellos x \(isisHelloMultiplier)")
        case (.bfdInterval, .frr): return value(300, "bfdd, 300 ms x 3")
        case (.bfdInterval, .eos): return value(300, "bfd interval 300 multiplier 3")
        case (.bfdInterval, _): return nil
        case (.slaFrequency, .ios), (.slaFrequency, .eos): return value(60_000, "ip sla frequency")
        case (.slaTimeout, .ios), (.slaTimeout, .eos): return value(5_000, "ip sla timeout")
        case (.slaThreshold, .ios), (.slaThreshold, .eos): return value(5_000, "ip sla threshold")
        case (.slaFrequency, _), (.slaTimeout, _), (.slaThreshold, _): return nil
        }
    }

    /// BFD's default detection multiplier where the dialect has a default interval.
    public var bfdDefaultMultiplier: Int { 3 }

    /// IS-IS's default hold time in hellos: FRR isisd `DEFAULT_HELLO_MULTIPLIER 10`; IOS `isis
    /// hello-multiplier` 3; Junos's 27 s hold over 9 s hellos; EOS as IOS (assumed).
    public var isisHelloMultiplier: Int { self == .frr ? 10 : 3 }

    public var displayName: String {
        switch self {
        case .ios: return "IOS"
        case .eos: return "EOS"
        case .frr: return "FRR"
        case .junos: return "Junos"
        }
    }
}

extension Router {
    /// A router-wide timer in effect: the configuration's, else the dialect's default.
    public func timer(_ kind: TimerKind) -> EffectiveTimer? {
        let stated: StatedTimer?
        switch kind {
        case .bgpKeepalive: stated = timers.bgpKeepalive
        case .bgpHold: stated = timers.bgpHold
        case .conditionalAdvertisementScan: stated = timers.conditionalAdvertisementScan
        case .spfDelay: stated = timers.spfDelay
        default: stated = nil
        }
        if let stated { return EffectiveTimer(stated) }
        if kind == .bgpKeepalive, let derived = junosKeepalive(hold: timers.bgpHold) { return derived }
        return dialect.timerDefault(kind, frrDatacenter: timers.frrDatacenterProfile)
    }

    /// Junos sends keepalives at a third of its hold time, configured or not (Juniper,
    /// `hold-time`): nil unless this is Junos with `hold` configured.
    private func junosKeepalive(hold: StatedTimer?) -> EffectiveTimer? {
        guard dialect == .junos, let hold else { return nil }
        return EffectiveTimer(Milliseconds(hold.value.value / 3), default: "Junos: a third of the hold time at \(hold.location.file):\(hold.location.line)")
    }

    /// Neighbor statement n's keepalive or hold time as this end configures it (its own
    /// statement, else the router's, else the default); the session's hold time is the
    /// smaller of both ends' (RFC 4271 section 4.2).
    public func sessionTimer(_ kind: TimerKind, neighbor n: Int) -> EffectiveTimer? {
        guard let neighbors = bgp?.neighbors, neighbors.indices.contains(n) else { return timer(kind) }
        let neighbor = neighbors[n]
        switch kind {
        case .bgpHold:
            return neighbor.timers.hold.map(EffectiveTimer.init) ?? timer(kind)
        case .bgpKeepalive:
            if let own = neighbor.timers.keepalive { return EffectiveTimer(own) }
            return junosKeepalive(hold: neighbor.timers.hold) ?? timer(kind)
        default:
            return timer(kind)
        }
    }

    /// An interface's IGP hello or dead interval in effect; with `protocol` IS-IS, its hello
    /// interval and hold time (hello x multiplier) as `.igpHello` and `.igpDead`.
    public func interfaceTimer(_ kind: TimerKind, interface i: Int, protocol igp: IGPProtocol = .ospf) -> EffectiveTimer? {
        if igp == .isis && (kind == .igpHello || kind == .igpDead) {
            let settings = interfaces.indices.contains(i) ? interfaces[i].timers : InterfaceTimerSettings()
            let hello = settings.isisHello.map(EffectiveTimer.init) ?? timer(.isisHello)
            if kind == .igpHello { return hello }
            if let hold = settings.isisHold { return EffectiveTimer(hold) }
            // Nothing configured: the dialect's default hold; else hello x multiplier, either stated.
            guard settings.isisHello != nil || settings.isisHelloMultiplier != nil, let hello else { return timer(.isisHold) }
            let multiplier = settings.isisHelloMultiplier?.value ?? dialect.isisHelloMultiplier
            let source = settings.isisHelloMultiplier.map { "\($0.location.file):\($0.location.line)" } ?? "\(dialect.displayName)'s default"
            return EffectiveTimer(hello.value * multiplier, default: "hello \(hello.value) x hello-multiplier \(multiplier) (\(source))")
        }
        guard interfaces.indices.contains(i) else { return timer(kind) }
        let settings = interfaces[i].timers
        switch kind {
        case .igpHello: return settings.igpHello.map(EffectiveTimer.init) ?? timer(kind)
        case .igpDead:
            if let dead = settings.igpDead { return EffectiveTimer(dead) }
            // OSPF's dead interval follows a configured hello interval (four hellos).
            if let hello = settings.igpHello { return EffectiveTimer(hello.value * 4, default: "four hello intervals (\(hello.location.file):\(hello.location.line))") }
            return timer(kind)
        default: return timer(kind)
        }
    }

    /// How long BFD takes to declare neighbor statement n's peer down, when BFD runs on it: the
    /// session's own BFD settings, else those of `interface` (the session's), else the
    /// dialect's default (none on IOS and Junos, which need an interval configured).
    public func bfdDetection(neighbor n: Int, interface: Int?) -> (interval: EffectiveTimer, multiplier: Int)? {
        guard let neighbors = bgp?.neighbors, neighbors.indices.contains(n), neighbors[n].timers.bfd else { return nil }
        let neighbor = neighbors[n]
        if let own = neighbor.timers.bfdSettings { return (EffectiveTimer(own.interval), own.multiplier) }
        if let i = interface, interfaces.indices.contains(i), let settings = interfaces[i].timers.bfd { return (EffectiveTimer(settings.interval), settings.multiplier) }
        return dialect.timerDefault(.bfdInterval).map { ($0, dialect.bfdDefaultMultiplier) }
    }
}
