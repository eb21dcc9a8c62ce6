import NetworkModel
import NetPrimitives

/// Who owns each address (router interfaces and hosts). It depends only on the network, so a
/// sweep builds it once and every scenario shares it; lookups are on the forwarding hot path
/// (every hop of every trace and session check), hence a WordMap rather than a Dictionary.
public struct AddressOwners: Sendable {
    private var map: WordMap<AddressOwner>

    public init(network: Network) {
        map = WordMap(minimumCapacity: network.routers.reduce(network.hosts.count) { $0 + $1.interfaces.count })
        for (r, router) in network.routers.enumerated() {
            for i in router.interfaces.indices { map[UInt64(router.interfaces[i].address.value)] = .router(InterfaceRef(router: r, interface: i)) }
        }
        for (h, host) in network.hosts.enumerated() { map[UInt64(host.address.value)] = .host(h) }
    }

    @inline(__always)
    public subscript(address: IPv4Address) -> AddressOwner? { map[UInt64(address.value)] }
}
