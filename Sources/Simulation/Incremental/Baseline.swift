/// The no-failure run, with what failure runs take from it instead of recomputing
/// (`Engine.baseline`, then `Engine.run(_:failures:options:baseline:)`).
///
/// The core stages (liveness, connected, statics and IGP, sessions, BGP, data plane) compute
/// the same answers with or without a baseline; everything a failure run reuses lives here and
/// in the other files of this folder, and reaches the core only as a stage's optional input.
/// Tested: EngineInvariantTests and SweepEquivalenceTests compare runs with and without it;
/// `failures --verify N` re-runs sampled scenarios without it.
public struct Baseline: Sendable {
    /// The no-failure run's result.
    public let plane: DataPlane
    /// What the stages recorded; nil when nothing was (failure runs then start from nothing).
    let record: StageRecord?
}

/// What the no-failure run's stages recorded for failure runs, stage by stage.
struct StageRecord: Sendable {
    /// SPF results and advertisers per AS (IGPComputation).
    var igp: IGPComputation.Reuse
    /// Per router: installed statics, interface states, connected routes and the merged
    /// non-BGP table (a scenario's table overlays it with the prefixes that may differ).
    var staticEntries: [[RIBEntry]]
    var interfaceUp: [[Bool]]
    var connected: [[Prefix: RIBEntry]]
    var nonBGP: [RIBTable]
    /// BGP session statuses after the local checks, with what each read (BGPSessionBuilder.Previous).
    var sessionChecks: SessionChecks
    /// The sessions as decided, and the BGP propagation set up over them before it ran: a
    /// scenario whose sessions come out the same takes both (only the resolvers differ).
    var sessions: BGPSessionBuilder.Final
    var propagation: BGPPropagation
    /// Per prefix: the propagation's result and what it read (nil unless asked for).
    var bgp: BGPReuse?
}
