/// What a diagram shows (docs/diagrams.md).
public struct DiagramOptions: Sendable {
    public enum Sessions: String, Sendable, CaseIterable {
        /// All sessions when there are at most `automaticSessionLimit`, else only eBGP ones.
        case automatic = "auto"
        case none, ebgp, all
    }

    /// IGP cost on each link (`a/b` when the two directions differ).
    public var showCosts = true
    /// Interface names at both ends of each link.
    public var showInterfaces = true
    public var sessions: Sessions = .automatic
    public var legend = true
    /// A caption above the diagram (default: the network name and the failure, if any).
    public var title: String?

    /// Above this many iBGP+eBGP sessions, `automatic` draws only eBGP (a full mesh hides the picture).
    public static let automaticSessionLimit = 60

    public init() {}
}
