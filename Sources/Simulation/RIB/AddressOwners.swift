import NetworkModel
import NetPrimitives

/// Who owns each address (router interfaces and hosts). It depends only on the network, so a
/// sweep builds it once and every scenario shares it; lookups are on the forwarding hot path
/// (every hop of every trace and session check), hence a WordMap rather than a Dictionary.
public struct AddressOwners: Sendable {
    /// By address realm and address.
    private var map: ScopedAddressMap<AddressOwner>
    /// By router and address: the index of the router's first neighbor statement for that
    /// address (how a session finds its other end; the same in every scenario).
    private var statements: ScopedAddressMap<Int32>
    /// Addresses on more than one router (anycast loopbacks), with every owner but the first.
    private var anycast: [IPAddress: [InterfaceRef]] = [:]
    /// Per router, its address realm (`Network.addressRealms`): the map is keyed by realm and
    /// address, so VRF sites that reuse addresses each find their own owner.
    public let realms: [Int]

    /// Per router: itself, or the PE whose VRF instance it is; and its `vpnNextHop`.
    let physical: [Int]
    let vpnSource: [IPAddress]
    /// Per router, per neighbor statement: what a BGP slot takes from it (the same in every scenario).
    let slotTemplates: [[BGPPropagation.SlotTemplate]]
    /// By router and address of a dual-stack interface: its address in the other family.
    let otherFamily: ScopedAddressMap<IPAddress>
    /// Per router, per neighbor statement: the AS it expects, the AS the router presents on it,
    /// and for a VPN adjacency the other VRF instance (-1: none).
    struct StatementFacts: Sendable { var remoteAS: ASN; var presentedAS: ASN; var vpnPeer: Int32 }
    let statementFacts: [[StatementFacts]]
    /// Where each neighbor statement's session status goes: router r's statement n is status
    /// `first[r] + n`; `plainOf` maps that index to the routers' own sessions' order (VPN
    /// adjacencies, decided from those, are -1) and `plainGlobal` maps back.
    struct StatementLayout: Sendable {
        var first: [Int] = []
        var plainOf: [Int32] = []
        var plainGlobal: [Int] = []
    }
    let statementLayout: StatementLayout

    public init(network: Network) {
        realms = network.addressRealms()
        physical = network.routers.indices.map(network.physicalRouter(of:))
        vpnSource = network.routers.map(\.vpnNextHop)
        slotTemplates = BGPPropagation.SlotTemplate.all(network)
        otherFamily = BGPPropagation.otherFamilyAddresses(network)
        statementFacts = network.routers.map { router in
            (router.bgp?.neighbors ?? []).map { StatementFacts(remoteAS: $0.remoteAS, presentedAS: $0.localAS ?? router.asn, vpnPeer: Int32($0.vpn?.peer ?? -1)) }
        }
        var layout = StatementLayout()
        for facts in statementFacts {
            layout.first.append(layout.plainOf.count)
            for fact in facts {
                if fact.vpnPeer >= 0 { layout.plainOf.append(-1); continue }
                layout.plainOf.append(Int32(layout.plainGlobal.count))
                layout.plainGlobal.append(layout.plainOf.count - 1)
            }
        }
        statementLayout = layout
        map = ScopedAddressMap(minimumCapacity: network.routers.reduce(network.hosts.count) { $0 + $1.interfaces.count })
        for (r, router) in network.routers.enumerated() {
            for i in router.interfaces.indices {
                for address in router.interfaces[i].addresses {
                    if case .router? = map[realms[r], address] { anycast[address, default: []].append(InterfaceRef(router: r, interface: i)); continue }
                    map[realms[r], address] = .router(InterfaceRef(router: r, interface: i))
                }
            }
        }
        for (h, host) in network.hosts.enumerated() where realms.indices.contains(host.attachment.router) {
            for address in host.addresses { map[realms[host.attachment.router], address] = .host(h) }
        }
        statements = ScopedAddressMap(minimumCapacity: network.routers.reduce(0) { $0 + ($1.bgp?.neighbors.count ?? 0) })
        var vpn = WordMap<Int32>()
        for (r, router) in network.routers.enumerated() {
            for (n, neighbor) in (router.bgp?.neighbors ?? []).enumerated() {
                if let peer = neighbor.vpn?.peer {
                    vpn[UInt64(r) << 32 | UInt64(peer)] = Int32(n)
                    continue
                }
                if statements[r, neighbor.address] == nil { statements[r, neighbor.address] = Int32(n) }
            }
        }
        vpnStatements = vpn
    }

    /// By router << 32 | peer instance: a VRF instance's VPN adjacency statement toward another.
    private var vpnStatements: WordMap<Int32>

    /// VRF instance r's VPN adjacency statement toward instance `peer` (docs/vrf.md).
    func vpnStatement(router r: Int, peer: Int) -> Int? {
        vpnStatements[UInt64(r) << 32 | UInt64(peer)].map(Int.init)
    }

    /// Router r's first neighbor statement for `address`.
    @inline(__always)
    func neighborStatement(router r: Int, address: IPAddress) -> Int? {
        statements[r, address].map(Int.init)
    }

    /// The owner of `address` as router r sees it, in r's address realm (for an anycast
    /// address, the first router that has it).
    @inline(__always)
    public subscript(address: IPAddress, from r: Int) -> AddressOwner? { map[realms[r], address] }

    /// The interface of router r that has `address`, if r is one of its owners (anycast included).
    public func interface(of r: Int, owning address: IPAddress) -> Int? {
        if case .router(let ref)? = map[realms[r], address], ref.router == r { return ref.interface }
        return anycast[address]?.first { $0.router == r }?.interface
    }
}
