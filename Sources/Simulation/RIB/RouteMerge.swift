/// The one rule for which non-BGP route holds a prefix in a router's table: the lowest
/// administrative distance wins; on a tie the route already there stays (an IGP route over a
/// static of equal distance, the first of several statics), except that a connected route
/// replaces anything not strictly better. Static resolution, the full merge and the per-prefix
/// patch of a failure run all ask here.
enum RouteMerge {
    @inline(__always)
    static func staticReplaces(_ current: RIBEntry?, with candidate: RIBEntry) -> Bool {
        current.map { candidate.distance < $0.distance } ?? true
    }

    @inline(__always)
    static func connectedReplaces(_ current: RIBEntry?, with candidate: RIBEntry) -> Bool {
        !(current.map { $0.distance < candidate.distance } ?? false)
    }
}
