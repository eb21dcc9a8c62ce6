import Foundation
import Pipeline
import Testing

/// IOS' local label allocation filter (`mpls ldp label` / `allocate global host-routes`).
/// Expected from Cisco's "MPLS LDP Local Label Allocation Filtering" guide, before running:
/// with the filter, LDP allocates local labels for host routes (/32) only, so a P router gives
/// no label for a BGP next hop in a /24 (pe2's stub LAN); the PE sends the traffic unlabeled
/// and the BGP-free P router has no route for it: dropped. With a loopback next hop (a /32) the label
/// path works; without the filter (all routes, IOS' default) both work. The traffic ends on
/// pe2's Null0 pin of the aggregate it announces (no more-specific route: the aggregate's own).
struct LDPLabelAllocationTests {
    /// pe1 - p1 - pe2, iBGP pe1-pe2 between loopbacks, pe2's next hop its loopback or
    /// (`interfaceNextHop`) its stub LAN address 10.2.0.1 in 10.2.0.0/24, which only pe2 owns
    /// (a next hop in a subnet the P router is attached to would make the P router the
    /// egress); pe2 announces 203.0.113.0/24.
    static func configs(hostRoutes: Bool, interfaceNextHop: Bool) -> [String] {
        let filter = hostRoutes ? "mpls ldp label\n allocate global host-routes\n" : ""
        let pe1 = """
        hostname pe1
        interface Loopback0
         ip address 10.0.0.1 255.255.255.255
        interface Gi0/1
         ip address 10.1.0.0 255.255.255.254
         mpls ip
        router ospf 1
         network 10.0.0.0 0.255.255.255 area 0
        router bgp 65000
         neighbor 10.0.0.2 remote-as 65000
         neighbor 10.0.0.2 update-source Loopback0
        """
        let p1 = """
        hostname p1
        \(filter)interface Loopback0
         ip address 10.0.0.11 255.255.255.255
        interface Gi0/1
         ip address 10.1.0.1 255.255.255.254
         mpls ip
        interface Gi0/2
         ip address 10.1.0.2 255.255.255.254
         mpls ip
        router ospf 1
         network 10.0.0.0 0.255.255.255 area 0
        """
        let nextHop = interfaceNextHop ? " neighbor 10.0.0.1 route-map NH-CORE out\nroute-map NH-CORE permit 10\n set ip next-hop 10.2.0.1\n" : ""
        let pe2 = """
        hostname pe2
        interface Loopback0
         ip address 10.0.0.2 255.255.255.255
        interface Gi0/1
         ip address 10.1.0.3 255.255.255.254
         mpls ip
        interface Gi0/2
         ip address 10.2.0.1 255.255.255.0
        router ospf 1
         network 10.0.0.0 0.255.255.255 area 0
        router bgp 65000
         neighbor 10.0.0.1 remote-as 65000
         neighbor 10.0.0.1 update-source Loopback0
         network 203.0.113.0 mask 255.255.255.0
        \(nextHop)ip route 203.0.113.0 255.255.255.0 Null0
        """
        return [pe1, p1, pe2]
    }

    static func trace(hostRoutes: Bool, interfaceNextHop: Bool) throws -> (TracePath, [String]) {
        let devices = configs(hostRoutes: hostRoutes, interfaceNextHop: interfaceNextHop).enumerated()
            .map { Linter.parse(text: $1, file: "r\($0).cfg", dialect: .ios) }
        for device in devices { #expect(device.lines.unsupported.isEmpty && device.lines.unrecognized.isEmpty, "\(device.lines.unsupported)") }
        let (built, diagnostics) = ConfigNetworkBuilder.build(devices, name: "alloc")
        let network = try #require(built, "\(diagnostics.map(\.message))")
        #expect(network.routers.first { $0.name == "p1" }?.mpls?.allocation == (hostRoutes ? .hostRoutes : nil))
        let trace = Tracer(plane: Engine.run(network)).trace(from: "pe1", to: try #require(IPAddress("203.0.113.1")))
        let path = try #require(trace.paths.count == 1 ? trace.paths.first : nil)
        return (path, path.hops.compactMap { hop in hop.labelOperation.map { "\($0.name) \(hop.node)" } })
    }

    @Test func hostRoutesFilterBreaksTheLabelPathToAnInterfaceNextHop() throws {
        let (path, operations) = try Self.trace(hostRoutes: true, interfaceNextHop: true)
        guard case .offLabelPath(let router, let fec, let leftAt, let reason, _) = path.disposition else {
            Issue.record("\(path.disposition.summary)")
            return
        }
        #expect(router == "p1" && leftAt == "pe1" && fec.description == "10.2.0.0/24")
        #expect(reason.contains("p1 has no label for 10.2.0.0/24"), "\(reason)")
        #expect(operations == ["untagged pe1"])
    }

    @Test func hostRoutesFilterKeepsLoopbackNextHopsAndAllRoutesKeepsBoth() throws {
        let (loopback, operations) = try Self.trace(hostRoutes: true, interfaceNextHop: false)
        // Delivered to pe2, whose Null0 pin is the announced aggregate's own route.
        guard case .nullRouted(let router, _, _) = loopback.disposition, router == "pe2" else {
            Issue.record("\(loopback.disposition.summary)")
            return
        }
        #expect(operations == ["push pe1", "pop p1"])
        let (unfiltered, unfilteredOperations) = try Self.trace(hostRoutes: false, interfaceNextHop: true)
        #expect(unfilteredOperations == ["push pe1", "pop p1"], "\(unfiltered.disposition.summary)")
        guard case .nullRouted(let router, _, _) = unfiltered.disposition, router == "pe2" else {
            Issue.record("\(unfiltered.disposition.summary)")
            return
        }
    }
}

/// The same settings in the topology format: `mpls: {label-allocation, explicit-null}`.
struct LDPLabelAllocationYAMLTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("topologies/mpls-ldp-core/topology.yml").path

    @Test func settingsReachTheModelAndABadValueIsAnError() throws {
        var text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        text = text.replacingOccurrences(of: "P1: { asn: 65000, role: core, loopbacks: { lo0: 10.0.0.11/32 }, mpls: { ldp: true } }",
                                         with: "P1: { asn: 65000, role: core, loopbacks: { lo0: 10.0.0.11/32 }, mpls: { ldp: true, label-allocation: host-routes } }")
        text = text.replacingOccurrences(of: "    loopbacks: { lo0: 10.0.0.2/32 }\n    mpls: { ldp: true }",
                                         with: "    loopbacks: { lo0: 10.0.0.2/32 }\n    mpls: { ldp: true, explicit-null: true }")
        let loaded = TopologyLoader.load(yaml: text, file: "t.yml")
        let network = try #require(loaded.network, "\(loaded.diagnostics.map(\.message))")
        #expect(network.router(named: "P1")?.mpls?.allocation == .hostRoutes)
        #expect(network.router(named: "PE2")?.mpls?.explicitNull == true && network.router(named: "PE1")?.mpls?.explicitNull == false)
        // CE1 -> CE2's LAN (203.0.113.0/24): pushed at PE1, swapped at P1, P2 swaps to label 0 for PE2.
        let trace = Tracer(plane: Engine.run(network)).trace(from: "CE1", to: try #require(IPAddress("203.0.113.10")))
        let operations = trace.paths.first?.hops.compactMap { hop in hop.labelOperation.map { "\($0.name) \(hop.node)" } }
        #expect(operations == ["push PE1", "swap P1", "swap P2"], "\(trace.paths.map { $0.disposition.summary })")
        #expect(trace.paths.first?.hops.first { $0.node == "P2" }?.labelOperation == .explicitNull(fec: try #require(Prefix("10.0.0.2/32")), ingress: false))

        let bad = text.replacingOccurrences(of: "label-allocation: host-routes", with: "label-allocation: loopbacks")
        let failed = TopologyLoader.load(yaml: bad, file: "t.yml")
        #expect(failed.network == nil)
        #expect(failed.diagnostics.contains { $0.severity == .error && $0.message.contains("label-allocation") && $0.message.contains("host-routes") },
                "\(failed.diagnostics.map(\.message))")
    }
}
