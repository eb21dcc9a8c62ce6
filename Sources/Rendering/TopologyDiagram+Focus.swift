import Analysis
import NetworkModel
import Simulation

/// The part of a network a diagram draws: a failure's neighbourhood on a large network, or one
/// AS and the routers it links to. Links, sessions and paths with an end outside are left out.
public struct DiagramFocus: Sendable, Equatable {
    public var routers: Set<Int>
    public var hosts: Set<Int>
    /// Said under the caption: what was kept.
    public var description: String

    public init(routers: Set<Int>, hosts: Set<Int>, description: String) {
        self.routers = routers
        self.hosts = hosts
        self.description = description
    }

    /// One AS's routers and hosts, and the routers of other ASes it has links to.
    public static func autonomousSystem(_ asn: ASN, in network: Network) -> DiagramFocus {
        var routers = Set(network.routers.indices.filter { network.routers[$0].asn == asn })
        let own = routers.count
        for link in network.links where routers.contains(link.a.router) != routers.contains(link.b.router) {
            routers.insert(link.a.router)
            routers.insert(link.b.router)
        }
        let hosts = Set(network.hosts.indices.filter { network.routers[network.hosts[$0].attachment.router].asn == asn })
        let others = routers.count - own
        return DiagramFocus(routers: routers, hosts: hosts,
                            description: "AS \(asn): its \(own) router\(own == 1 ? "" : "s")" + (others == 0 ? "" : " and the \(others) of other ASes it links to"))
    }
}

extension TopologyDiagram {
    /// What `dot()` draws: the options' focus, else the failure's neighbourhood when the whole
    /// network is above the layout's cluster limit and the options allow a cut; nil draws all.
    var drawnFocus: DiagramFocus? {
        if let focus = options.focus { return focus }
        guard scenario != nil, !options.wholeNetwork, network.routers.count + network.hosts.count > DiagramOptions.automaticDotLimit else { return nil }
        return neighbourhood()
    }

    /// The failed elements, the routers one link away from them, and every router and host on a
    /// drawn flow's path (before and after the failure): what a reviewer needs to see of a
    /// failure in a large network. VRF instances come with their PE and the PE with them.
    public func neighbourhood() -> DiagramFocus {
        let failure = scenario?.failures ?? .none
        var routers = failure.routers
        for l in failure.links {
            routers.insert(network.links[l].a.router)
            routers.insert(network.links[l].b.router)
        }
        let failed = routers
        for link in network.links where failed.contains(link.a.router) || failed.contains(link.b.router) {
            routers.insert(link.a.router)
            routers.insert(link.b.router)
        }
        var hosts: Set<Int> = []
        for flow in flows {
            for name in flow.path + (flow.baselinePath ?? []) + [flow.at] {
                if let r = network.routerIndex[name] { routers.insert(r) } else if let h = network.hostIndex[name] { hosts.insert(h) }
            }
        }
        // Two passes, so the result does not depend on the order of instances and PEs.
        for r in routers { if let host = network.routers[r].vrf?.host { routers.insert(host) } }
        for (r, router) in network.routers.enumerated() where router.vrf.map({ routers.contains($0.host) }) == true { routers.insert(r) }
        return DiagramFocus(routers: routers, hosts: hosts,
                            description: "\(routers.count) of \(network.routers.count) routers: the failed elements, their neighbours and the changed flows' paths")
    }
}
