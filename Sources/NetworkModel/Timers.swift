import Diagnostics

/// A duration in milliseconds: routers configure timers in seconds or milliseconds, nothing finer.
public struct Milliseconds: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var value: Int64
    public init(_ value: Int64) { self.value = value }
    public static func seconds(_ seconds: Int64) -> Milliseconds { Milliseconds(seconds * 1000) }
    public static let zero = Milliseconds(0)
    public static func < (a: Milliseconds, b: Milliseconds) -> Bool { a.value < b.value }
    public static func + (a: Milliseconds, b: Milliseconds) -> Milliseconds { Milliseconds(a.value + b.value) }
    public static func - (a: Milliseconds, b: Milliseconds) -> Milliseconds { Milliseconds(a.value - b.value) }
    public static func * (a: Milliseconds, n: Int) -> Milliseconds { Milliseconds(a.value * Int64(n)) }

    /// A duration as users write one (YAML timers, `--at`, `--fail-on transient:`): whole
    /// seconds (`60`), or a number with `ms`, `s` or `m` (`300ms`, `1.5s`, `2m`; at most three
    /// decimals); nil when it is none of these or negative.
    public init?(parsing text: String) {
        var number = Substring(text), scale: Int64 = 1000
        if number.hasSuffix("ms") { number = number.dropLast(2); scale = 1 }
        else if number.hasSuffix("s") { number = number.dropLast() }
        else if number.hasSuffix("m") { number = number.dropLast(); scale = 60_000 }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0, whole < 100_000_000, !parts[0].hasPrefix("+") else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard scale > 1, (1...3).contains(digits.count), digits.allSatisfy(\.isNumber),
                  let value = Int64(digits + String(repeating: "0", count: 3 - digits.count)) else { return nil }
            fraction = value * scale / 1000
        }
        self.init(whole * scale + fraction)
    }

    /// `60 s`, `1.5 s`, `300 ms`.
    public var description: String {
        if value % 1000 == 0 { return "\(value / 1000) s" }
        if value < 1000 { return "\(value) ms" }
        var fraction = String(value % 1000)
        while fraction.count < 3 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(value / 1000).\(fraction) s"
    }
}

/// A value as a configuration states it, with the statement that set it.
public struct Stated<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var location: SourceLocation
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A timer a configuration states, and where.
public typealias StatedTimer = Stated<Milliseconds>
/// A count (a multiplier) a configuration states, and where.
public typealias StatedCount = Stated<Int>

/// Bidirectional Forwarding Detection on an interface or session (RFC 5880): a neighbour is
/// declared down after `multiplier` intervals without a packet.
public struct BFDSettings: Sendable, Equatable {
    /// The negotiated receive interval (the larger of one end's `min_rx` and the other's
    /// transmit interval; routesim takes the configured interval of this end).
    public var interval: StatedTimer
    public var multiplier: Int
    public init(interval: StatedTimer, multiplier: Int) {
        self.interval = interval
        self.multiplier = multiplier
    }
    public var detection: Milliseconds { interval.value * multiplier }
}

/// What a router's configuration says of its timers (docs/timeline.md); nil where the
/// dialect's default applies (`VendorDialect.timerDefaults`).
public struct RouterTimerSettings: Sendable, Equatable {
    /// `timers bgp K H` (IOS, EOS, FRR), Junos `hold-time H` at `protocols bgp`.
    public var bgpKeepalive: StatedTimer? = nil
    public var bgpHold: StatedTimer? = nil
    /// How often conditional advertisement is re-evaluated: IOS `bgp scan-time`, FRR `bgp
    /// conditional-advertisement timer`.
    public var conditionalAdvertisementScan: StatedTimer? = nil
    /// The delay before an SPF run after a topology change: IOS/FRR `timers throttle spf
    /// START ...`, Junos `spf-options delay`.
    public var spfDelay: StatedTimer? = nil
    /// FRR `frr defaults datacenter` (BGP keepalive 3 s, hold 9 s).
    public var frrDatacenterProfile = false
    public init() {}

    /// The timers of one BGP instance (a VRF may state its own), as opposed to the router's.
    public static var bgpInstanceTimers: [WritableKeyPath<RouterTimerSettings, StatedTimer?>] {
        [\.bgpKeepalive, \.bgpHold, \.conditionalAdvertisementScan]
    }
}

/// A BGP neighbor statement's own timers (`neighbor X timers K H`, Junos group or neighbor
/// `hold-time`) and BFD (`neighbor X bfd`, `neighbor X fall-over bfd`, Junos
/// `bfd-liveness-detection`).
public struct SessionTimerSettings: Sendable, Equatable {
    public var keepalive: StatedTimer? = nil
    public var hold: StatedTimer? = nil
    /// BFD follows the session; nil interval: the interface's, else the dialect's default.
    public var bfd: Bool = false
    public var bfdSettings: BFDSettings? = nil
    public init() {}
}

/// An interface's IGP hello and dead intervals (`ip ospf hello-interval`, `dead-interval`;
/// Junos `hello-interval`, `dead-interval`) and BFD (`bfd interval X min_rx Y multiplier Z`).
public struct InterfaceTimerSettings: Sendable, Equatable {
    public var igpHello: StatedTimer? = nil
    public var igpDead: StatedTimer? = nil
    /// IS-IS: `isis hello-interval N`, `isis hello-multiplier M` (IOS, EOS, FRR; the hold time
    /// is their product); Junos `hello-interval`.
    public var isisHello: StatedTimer? = nil
    public var isisHelloMultiplier: StatedCount? = nil
    /// Junos states the hold time itself (`hold-time N`).
    public var isisHold: StatedTimer? = nil
    public var bfd: BFDSettings? = nil
    public init() {}
}

/// An IP SLA probe's timing (`frequency`, `timeout`, `threshold`) and a track's delays
/// (`delay down N up M`).
public struct ProbeTimerSettings: Sendable, Equatable {
    public var frequency: StatedTimer? = nil
    public var timeout: StatedTimer? = nil
    public var threshold: StatedTimer? = nil
    public init() {}
}

public struct TrackTimerSettings: Sendable, Equatable {
    public var delayDown: StatedTimer? = nil
    public var delayUp: StatedTimer? = nil
    public init() {}
}
