import Diagnostics
import NetPrimitives
import NetworkModel

extension ConfigNetworkBuilder {
    /// The links between the routers (VRF instances too), inferred from their addressing.
    static func links(between routers: [Router], warn: (String, SourceLocation) -> Void) -> [Link] {
        // A subnet that exactly two routers' interfaces share, in either family (IPv4
        // subnets first, so a dual-stack link is found and named by its IPv4 subnet, once; an
        // IPv6-only end of a dual-stack interface is still its link).
        var members: [Prefix: [InterfaceRef]] = [:]
        for (r, router) in routers.enumerated() {
            for (i, interface) in router.interfaces.enumerated() where interface.kind != .loopback {
                for subnet in interface.subnets { members[subnet, default: []].append(InterfaceRef(router: r, interface: i)) }
            }
        }
        var links: [Link] = []
        var linkNames: Set<String> = []
        var handled: Set<InterfaceRef> = []
        for prefix in members.keys.sorted() {
            guard let ends = members[prefix], !ends.allSatisfy(handled.contains) else { continue }
            handled.formUnion(ends)
            // Interfaces of one router (itself and its VRFs) are no link: a VRF reusing a global
            // subnet is the point of VRFs. Two ends with one address are no link either: an
            // anycast gateway (EVPN `ip address virtual`) or two sites of a VRF numbered alike.
            let physical = ends.map { routers[$0.router].vrf?.host ?? $0.router }
            if ends.count == 2 && physical[0] == physical[1] { continue }
            let family = prefix.family
            if ends.count == 2 && routers[ends[0].router].interfaces[ends[0].interface].assignment(in: family)?.address
                == routers[ends[1].router].interfaces[ends[1].interface].assignment(in: family)?.address { continue }
            if ends.count == 2 {
                let a = routers[ends[0].router], b = routers[ends[1].router]
                var name = "\(a.name)-\(b.name)"
                if linkNames.contains(name) { name += "-\(prefix)" }   // parallel links: named by subnet
                linkNames.insert(name)
                links.append(Link(name: name, a: ends[0], b: ends[1], location: a.interfaces[ends[0].interface].location))
            } else if ends.count > 2 {
                warn("subnet \(prefix) joins \(ends.count) routers (\(ends.map { routers[$0.router].name }.joined(separator: ", "))); multi-access segments are not modelled as links yet",
                     routers[ends[0].router].interfaces[ends[0].interface].location)
            }
        }
        return links
    }
}
