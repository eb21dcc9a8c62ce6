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
    public var layout: Layout = .automatic
    public var legend = true
    /// A caption above the diagram (default: the network name and the failure, if any).
    public var title: String?
    /// Resolution of bitmap (PNG) output; nil is Graphviz's 96 dpi. Set only for PNG: in SVG
    /// Graphviz scales the drawing's size but not its viewBox.
    public var dpi: Int?
    /// Draw only this part of the network (e.g. one AS: `DiagramFocus.autonomousSystem`).
    public var focus: DiagramFocus?
    /// Draw a failure on a large network whole, not cut to its neighbourhood (docs/diagrams.md).
    public var wholeNetwork = false
    /// Prefix of the SVG element ids (`PREFIX-r3`, `PREFIX-l7`, `PREFIX-h0`, `PREFIX-as65001`) a
    /// page's script uses to find routers, links and ASes; nil leaves Graphviz's own ids.
    public var elementIDs: String?
    /// The resolutions `dpi` accepts (below, text is unreadable; above, one PNG of a large
    /// network runs to hundreds of megabytes).
    public static let dpiRange = 36...600

    /// Above this many iBGP+eBGP sessions, `automatic` draws only eBGP (a full mesh hides the picture).
    public static let automaticSessionLimit = 60

    /// Graphviz layout engine. `dot` draws AS clusters and ranks; on large networks its
    /// coordinate phase explodes (200 routers in a ring with chords: 29,000 virtual nodes,
    /// 89 s), so `automatic` switches to the force-directed `sfdp` (0.12 s, no clusters).
    public enum Layout: String, Sendable, CaseIterable {
        case automatic = "auto"
        case dot, sfdp, neato
    }

    /// Above this many routers and hosts, `automatic` layout uses sfdp.
    public static let automaticDotLimit = 80

    public init() {}
}
