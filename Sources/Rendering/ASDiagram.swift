import NetworkModel
import Simulation

/// The network one node per AS: its routers, hosts and internal links; between two ASes one
/// edge with the number of links and eBGP sessions (those down without failures said). The
/// view a reviewer starts from on a network too large to read router by router; each AS is
/// then drawn on its own with `DiagramFocus.autonomousSystem`.
public struct ASDiagram: Sendable {
    public var network: Network
    /// Sessions come from this run (the no-failure baseline).
    public var baseline: DataPlane
    /// Prefix of the SVG element ids (`PREFIX-as65001`), as in `DiagramOptions.elementIDs`.
    public var elementIDs: String?

    public init(network: Network, baseline: DataPlane, elementIDs: String? = nil) {
        self.network = network
        self.baseline = baseline
        self.elementIDs = elementIDs
    }

    struct Pair: Hashable, Comparable {
        var a: ASN
        var b: ASN
        init(_ x: ASN, _ y: ASN) { (a, b) = x < y ? (x, y) : (y, x) }
        static func < (l: Pair, r: Pair) -> Bool { (l.a, l.b) < (r.a, r.b) }
    }

    struct Between { var links = 0; var sessions = 0; var sessionsDown = 0 }

    /// Links and eBGP sessions between each pair of ASes, and each AS's own link count.
    func tally() -> (between: [Pair: Between], inside: [ASN: Int]) {
        var between: [Pair: Between] = [:], inside: [ASN: Int] = [:]
        for link in network.links {
            let a = network.routers[link.a.router].asn, b = network.routers[link.b.router].asn
            if a == b { inside[a, default: 0] += 1 } else { between[Pair(a, b), default: Between()].links += 1 }
        }
        for session in baseline.sessions where session.ebgp && !session.isVPNAdjacency {
            // Both ends report a session; count it at its lower-numbered router only.
            guard let peer = session.peerRouter, session.router < peer else { continue }
            let a = network.routers[session.router].asn, b = network.routers[peer].asn
            guard a != b else { continue }
            between[Pair(a, b), default: Between()].sessions += 1
            if !session.established { between[Pair(a, b), default: Between()].sessionsDown += 1 }
        }
        return (between, inside)
    }

    public func dot() -> String {
        var routerCount: [ASN: Int] = [:], hostCount: [ASN: Int] = [:]
        for router in network.routers where router.vrf == nil { routerCount[router.asn, default: 0] += 1 }
        for host in network.hosts { hostCount[network.routers[host.attachment.router].asn, default: 0] += 1 }
        let (between, inside) = tally()
        var out = ["graph routesim_ases {"]
        let engine = routerCount.count <= DiagramOptions.automaticDotLimit ? "dot" : "sfdp"
        out.append("  graph" + DOTText.attributes([
            ("label", DOTText.lines(["\(network.name) — \(routerCount.count) ASes, \(network.routers.count) routers", "one node per AS; edge: links and eBGP sessions between two ASes"])),
            ("labelloc", "t"), ("fontname", DOTText.quoted(DiagramStyle.font)), ("fontsize", "14"), ("layout", engine),
            ("overlap", "prism"), ("splines", engine == "dot" ? "true" : "line"), ("nodesep", "0.6"),
        ]) + ";")
        out.append("  node" + DOTText.attributes([("fontname", DOTText.quoted(DiagramStyle.font)), ("fontsize", "11"), ("shape", "box"),
                                                  ("style", "\"rounded,filled\""), ("fillcolor", "\"#f7fafc\""), ("color", "\"#a0aec0\"")]) + ";")
        out.append("  edge" + DOTText.attributes([("fontname", DOTText.quoted(DiagramStyle.font)), ("fontsize", "9"), ("color", DOTText.quoted(DiagramStyle.link))]) + ";")
        for asn in routerCount.keys.sorted() {
            let name = network.autonomousSystems[asn]?.name
            var lines = ["AS \(asn)" + (name.map { " \($0)" } ?? "")]
            let count = routerCount[asn] ?? 0, links = inside[asn] ?? 0
            lines.append("\(count) router\(count == 1 ? "" : "s"), \(links) link\(links == 1 ? "" : "s")")
            if let h = hostCount[asn] { lines.append("\(h) host\(h == 1 ? "" : "s")") }
            var attributes: [(String, String)] = [("label", DOTText.lines(lines))]
            if let prefix = elementIDs { attributes.append(("id", DOTText.quoted("\(prefix)-as\(asn)"))) }
            out.append("  as\(asn)" + DOTText.attributes(attributes) + ";")
        }
        for pair in between.keys.sorted() {
            guard let tally = between[pair] else { continue }
            var label = ["\(tally.links) link\(tally.links == 1 ? "" : "s")"]
            if tally.sessions > 0 { label.append("\(tally.sessions) eBGP" + (tally.sessionsDown > 0 ? " (\(tally.sessionsDown) down)" : "")) }
            var attributes: [(String, String)] = [("label", DOTText.lines(label)), ("penwidth", "\(min(1 + tally.links, 6))")]
            if tally.sessionsDown > 0 { attributes.append(("fontcolor", DOTText.quoted(DiagramStyle.failed))) }
            out.append("  as\(pair.a) -- as\(pair.b)" + DOTText.attributes(attributes) + ";")
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }
}
