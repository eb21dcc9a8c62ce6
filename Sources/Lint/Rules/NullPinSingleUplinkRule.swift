import ConfigParsers
import NetPrimitives

/// The background note's exact topology, seen across configs: the unconditional Null0 pin sits
/// on a router with a single link into its own network, so one link failure black-holes.
public struct NullPinSingleUplinkRule: NetworkLintRule {
    public static let description = RuleDescription(
        code: "NULL-PIN-SINGLE-UPLINK", name: "Unconditional Null0 pin on a router with one link into its network", severity: .error,
        summary: "NULL-PIN-UNCONDITIONAL on a router whose configs show exactly one link (a shared subnet) toward another router of its own AS: the failure of that one link black-holes the prefix. Needs the configs of the neighbouring routers.",
        rationale: """
        With a single uplink, the pin's failure case is one link away: when it fails, the router keeps the \
        prefix in its RIB through the Null0 route, keeps announcing it to its eBGP peer, and drops all of the \
        peer's traffic for it. This is the most common way the pattern bites in production.
        """,
        remediation: """
        Fix the pin (track it, condition the advertisement, or pin in the core; see NULL-PIN-UNCONDITIONAL), or \
        add a second uplink on a different path. `routesim failures` on the network shows the black hole and \
        which fix removes it.
        """,
        triggering: ["""
        hostname R2
        interface Gi0/1
         ip address 172.16.0.1 255.255.255.254
        router bgp 65001
         neighbor 192.0.2.2 remote-as 65002
         neighbor 10.0.0.1 remote-as 65001
         network 198.51.100.0 mask 255.255.255.0
        ip route 198.51.100.0 255.255.255.0 Null0
        ---
        hostname R1
        interface Gi0/1
         ip address 172.16.0.0 255.255.255.254
        router bgp 65001
         neighbor 10.0.0.2 remote-as 65001
        """],
        clean: ["""
        hostname R2
        interface Gi0/1
         ip address 172.16.0.1 255.255.255.254
        interface Gi0/2
         ip address 172.16.1.1 255.255.255.254
        router bgp 65001
         neighbor 192.0.2.2 remote-as 65002
         network 198.51.100.0 mask 255.255.255.0
        ip route 198.51.100.0 255.255.255.0 Null0
        ---
        hostname R1
        interface Gi0/1
         ip address 172.16.0.0 255.255.255.254
        interface Gi0/2
         ip address 172.16.1.0 255.255.255.254
        router bgp 65001
        """])

    public init() {}

    public func deferred(_ device: DeviceConfig) -> NetworkCheck? {
        guard let asn = device.bgp?.asn else { return nil }
        let pins = NullPinUnconditionalRule.pins(on: device).map { (description: $0.description, location: $0.route.location) }
        guard !pins.isEmpty else { return nil }
        let file = device.file
        let subnets = LintNetwork.RouterFacts(device).subnets
        return { network in
            // Links toward other routers of the same AS: subnets of up, non-loopback interfaces
            // that another device of the AS also has an address in.
            let uplinks = subnets.filter { prefix in
                (network.subnetMembers[prefix] ?? []).contains { $0 != file && network.asnOfFile[$0] == asn }
            }.count
            // Without the neighbours' configs the link count says nothing.
            guard uplinks == 1, network.asnOfFile.contains(where: { $0.key != file && $0.value == asn }) else { return [] }
            return pins.map { pin in
                self.finding("\(pin.description), and this router has a single link into AS \(asn): that one link failing black-holes the prefix", at: pin.location)
            }
        }
    }
}
