import NetPrimitives
import NetworkModel

/// FRR's BGP unnumbered (`neighbor IF interface`, docs/ipv6.md): FRR peers over IF's IPv6
/// link-local address with whichever router is at the other end of the link and sends IPv4
/// routes with IPv6 next hops (RFC 8950). routesim has no link-local next hops: the neighbor
/// stands for the other end's address on the link, which forwards the same way (out IF to
/// that router).
extension ConfigNetworkBuilder {
    /// The router at the other end of an unnumbered neighbor's interface: the address the
    /// neighbor stands for, and the AS it speaks BGP in (nil if it runs none there), which is
    /// what `remote-as external` means; VRF addresses may repeat across VRFs, so an address
    /// alone does not say it.
    struct InterfacePeer: Sendable {
        var address: IPAddress
        var asn: ASN?
    }

    /// Per router (indexed as `routers`), per interface name: the router at the other end of
    /// the interface's link, by its address there (IPv4 where both ends have it, else global
    /// IPv6). An interface on no link (loopback, a subnet shared by three or more, link-local
    /// only) has none: the links decide, so a neighbor and the link it rides never disagree.
    /// `speaksBGP`: per router, whether its config runs BGP (in its VRF, for an instance).
    static func interfacePeers(_ routers: [Router], links: [Link], speaksBGP: [Bool]) -> [[String: InterfacePeer]] {
        var peers = [[String: InterfacePeer]](repeating: [:], count: routers.count)
        for link in links {
            let ends = [link.a, link.b]
            let family: AddressFamily = ends.allSatisfy { routers[$0.router].interfaces[$0.interface].assignment(in: .ipv4) != nil } ? .ipv4 : .ipv6
            for (end, other) in [(link.a, link.b), (link.b, link.a)] {
                let name = routers[end.router].interfaces[end.interface].name
                guard peers[end.router][name] == nil,
                      let address = routers[other.router].interfaces[other.interface].assignment(in: family)?.address, !address.isLinkLocal else { continue }
                peers[end.router][name] = InterfacePeer(address: address, asn: speaksBGP[other.router] ? routers[other.router].asn : nil)
            }
        }
        return peers
    }
}
