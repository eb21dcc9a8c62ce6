import Foundation
import Pipeline
import TestSupport
import Testing

/// RSVP-TE from configs (docs/mpls.md): IOS `interface Tunnel` + `ip explicit-path`, Junos
/// `label-switched-path` + `path`. The network: PE1 - P1 - PE2 and PE1 - P2 - PE2, RSVP on
/// every core interface. Expected before running (RFC 3209; Cisco's path-options are tried in
/// order, Junos' primary then secondary): the LSP takes its explicit primary through P1; with
/// P1's link to PE2 down, the strict primary cannot be signalled and the second option
/// (dynamic / the secondary through P2) carries it.
struct ConfigRSVPTests {
    static let ios: [String] = [
        """
        hostname PE1
        mpls traffic-eng tunnels
        interface Loopback0
         ip address 10.0.0.1 255.255.255.255
        interface Gi0/1
         ip address 10.1.0.0 255.255.255.254
         mpls traffic-eng tunnels
         ip rsvp bandwidth 1000000
        interface Gi0/2
         ip address 10.1.0.4 255.255.255.254
         mpls traffic-eng tunnels
         ip rsvp bandwidth 1000000
        interface Tunnel1
         ip unnumbered Loopback0
         tunnel mode mpls traffic-eng
         tunnel destination 10.0.0.2
         tunnel mpls traffic-eng autoroute announce
         tunnel mpls traffic-eng priority 5 5
         tunnel mpls traffic-eng bandwidth 400000
         tunnel mpls traffic-eng path-option 1 explicit name VIA-P1
         tunnel mpls traffic-eng path-option 2 dynamic
        ip explicit-path name VIA-P1 enable
         next-address 10.1.0.1
         next-address 10.1.0.3
        router ospf 1
         network 10.0.0.0 0.255.255.255 area 0
        """,
    ] + TEConfigs.iosCore

    /// PE1 in Junos with the IOS core: the network, the build's messages, and PE1's parse.
    static func junosNetwork(pe1: String) throws -> (Network, [String], DeviceConfig) {
        let devices = [Linter.parse(text: pe1, file: "pe1.conf", dialect: .junos)]
            + Self.ios.dropFirst().enumerated().map { Linter.parse(text: $1, file: "r\($0).cfg", dialect: .ios) }
        let (built, diagnostics) = ConfigNetworkBuilder.build(devices, name: "te")
        return (try #require(built, "\(diagnostics.map(\.message))"), diagnostics.map(\.message), devices[0])
    }

    static func network(_ texts: [String], dialect: ConfigDialect) throws -> (Network, [String], [DeviceConfig]) {
        let devices = texts.enumerated().map { Linter.parse(text: $1, file: "r\($0).cfg", dialect: dialect) }
        let (network, diagnostics) = ConfigNetworkBuilder.build(devices, name: "te")
        return (try #require(network, "\(diagnostics.map(\.message))"), diagnostics.map(\.message), devices)
    }

    @Test func iosTunnelIsAnLSPThatMovesToItsSecondPathOption() throws {
        let (network, warnings, devices) = try Self.network(Self.ios, dialect: .ios)
        #expect(warnings.isEmpty, "\(warnings)")
        for device in devices { #expect(device.lines.unrecognized.isEmpty && device.lines.unsupported.isEmpty, "\(device.lines.unsupported)") }
        let lsp = try #require(network.routers.first { $0.name == "PE1" }?.lsps.first)
        #expect(lsp.name == "Tunnel1" && lsp.tail == "PE2" && lsp.bandwidth == 400_000_000 && lsp.setupPriority == 5)
        #expect(lsp.primary?.hops == ["P1", "PE2"] && lsp.primary?.strict == true && lsp.secondary?.hops == [])
        #expect(Engine.run(network).lspStates().first?.routers == ["PE1", "P1", "PE2"])
        let link = try #require(network.links.firstIndex { $0.name == "P1-PE2" || $0.name == "PE2-P1" })
        let moved = Engine.run(network, failures: FailureSpec(links: [link])).lspStates().first
        #expect(moved?.up == true && moved?.path == "secondary" && moved?.routers == ["PE1", "P2", "PE2"])
    }

    @Test func junosLabelSwitchedPathWithStrictPrimaryAndStandbySecondary() throws {
        let pe1 = TEConfigs.junosPE1Header + """
            rsvp {
                interface ge-0/0/0.0 {
                    bandwidth 1g;
                }
                interface ge-0/0/1.0;
            }
            mpls {
                label-switched-path to-PE2 {
                    to 10.0.0.2;
                    bandwidth 400m;
                    primary via-P1;
                    secondary via-P2 {
                        standby;
                    }
                }
                path via-P1 {
                    10.1.0.1 strict;
                    10.0.0.2 loose;
                }
                path via-P2 {
                    10.1.0.5;
                }
                interface all;
            }
            ospf { area 0.0.0.0 { interface all; } }
        }
        """
        // The rest as IOS: dialects mix in one network.
        let (network, _, junos) = try Self.junosNetwork(pe1: pe1)
        #expect(junos.lines.unrecognized.isEmpty, "\(junos.lines.unrecognized)")
        let lsp = try #require(network.routers.first { $0.name == "PE1" }?.lsps.first)
        #expect(lsp.tail == "PE2" && lsp.bandwidth == 400_000_000 && lsp.routesTraffic)
        #expect(lsp.primary?.hops == ["P1", "PE2"] && lsp.primary?.strict == false)
        #expect(lsp.secondary?.hops == ["P2"] && lsp.secondary?.strict == true && lsp.secondary?.standby == true)
        let pe1Interfaces = try #require(network.routers.first { $0.name == "PE1" }?.interfaces)
        #expect(pe1Interfaces.first { $0.name == "ge-0/0/0.0" }?.rsvpBandwidth == 1_000_000_000)
        #expect(Engine.run(network).lspStates().first?.routers == ["PE1", "P1", "PE2"])
    }

    /// Link protection from configs. IOS: the tunnel asks with `tunnel mpls traffic-eng
    /// fast-reroute`, a router offers bypasses with `mpls traffic-eng auto-tunnel backup`
    /// (Cisco's "MPLS TE - Auto-Tunnel Primary and Backup": backup tunnels built automatically
    /// for every TE interface). Expected before running: PE1 and P1 run auto-tunnel backup,
    /// so both links of the LSP's path (PE1-P1, P1-PE2) get a bypass avoiding them; without
    /// auto-tunnel backup on P1 its link is unprotected and says why.
    @Test func iosFastRerouteWithAutoTunnelBackup() throws {
        var texts = Self.ios
        texts[0] = texts[0].replacingOccurrences(of: " tunnel mpls traffic-eng autoroute announce\n",
                                                 with: " tunnel mpls traffic-eng autoroute announce\n tunnel mpls traffic-eng fast-reroute\n")
            .replacingOccurrences(of: "mpls traffic-eng tunnels\ninterface Loopback0", with: "mpls traffic-eng tunnels\nmpls traffic-eng auto-tunnel backup\ninterface Loopback0")
        let p1 = texts[1].replacingOccurrences(of: "hostname P1\n", with: "hostname P1\nmpls traffic-eng auto-tunnel backup\n")
        let protected = try Self.network(texts.enumerated().map { $0 == 1 ? p1 : $1 }, dialect: .ios)
        #expect(protected.1.isEmpty, "\(protected.1)")
        for device in protected.2 { #expect(device.lines.unsupported.isEmpty && device.lines.unrecognized.isEmpty, "\(device.lines.unsupported)") }
        let lsp = try #require(protected.0.routers.first { $0.name == "PE1" }?.lsps.first)
        #expect(lsp.linkProtection)
        let state = try #require(Engine.run(protected.0).lspStates().first)
        #expect(state.protection?.map(\.pointOfLocalRepair) == ["PE1", "P1"])
        #expect(state.protection?.map(\.bypass) == [["PE1", "P2", "PE2", "P1"], ["P1", "PE1", "P2", "PE2"]], "\(String(describing: state.protection))")
        let (unprotectedNetwork, _, _) = try Self.network(texts, dialect: .ios)
        let unprotected = try #require(Engine.run(unprotectedNetwork).lspStates().first?.protection)
        #expect(unprotected[0].bypass.count == 4 && unprotected[1].bypass.isEmpty)
        #expect(unprotected[1].reason?.contains("P1 signals no bypass on Gi0/2") == true, "\(unprotected[1])")
    }

    /// Junos: the LSP's `link-protection` asks for it; `protocols rsvp interface I
    /// link-protection` makes the router signal a bypass around I (Juniper, "Configuring Link
    /// Protection on Interfaces Used by LSPs"). PE1 protects ge-0/0/0.0 (toward P1) only.
    @Test func junosLinkProtectionOnTheLSPAndTheInterface() throws {
        let pe1 = TEConfigs.junosPE1Header + """
            rsvp {
                interface ge-0/0/0.0 {
                    link-protection;
                }
                interface ge-0/0/1.0;
            }
            mpls {
                label-switched-path to-PE2 {
                    to 10.0.0.2;
                    link-protection;
                    primary via-P1;
                }
                path via-P1 {
                    10.1.0.1 strict;
                    10.1.0.3 strict;
                }
                interface all;
            }
            ospf { area 0.0.0.0 { interface all; } }
        }
        """
        let (network, _, junos) = try Self.junosNetwork(pe1: pe1)
        #expect(junos.lines.unrecognized.isEmpty && junos.lines.unsupported.isEmpty, "\(junos.lines.unsupported)")
        let state = try #require(Engine.run(network).lspStates().first)
        #expect(state.routers == ["PE1", "P1", "PE2"])
        #expect(state.protection?.first?.bypass == ["PE1", "P2", "PE2", "P1"], "\(String(describing: state.protection))")
        #expect(state.protection?.last?.bypass == [] && state.protection?.last?.pointOfLocalRepair == "P1")
    }

    /// Affinities from configs. Cisco's command reference ("tunnel mpls traffic-eng affinity"):
    /// defaults properties 0x0, mask 0x0000FFFF; a tunnel uses a link when the link's attribute
    /// flags AND the mask equal the affinity AND the mask. Expected before running: with P1's
    /// links flagged 0x1 (both directions), a tunnel without an affinity statement avoids them
    /// (default mask) and goes via P2; `affinity 0x1 mask 0x1` requires the flag: via P1;
    /// `affinity 0x0 mask 0x0` ignores flags: the lower name, P1. Junos ("admin-group"):
    /// `exclude red` on PE1's interface toward P1 sends the LSP via P2.
    @Test func affinitiesFromIOSBitsAndJunosGroups() throws {
        func route(affinity: String?) throws -> [String] {
            var texts = Self.ios
            texts[0] = texts[0].replacingOccurrences(of: " tunnel mpls traffic-eng path-option 1 explicit name VIA-P1\n tunnel mpls traffic-eng path-option 2 dynamic",
                                                     with: " tunnel mpls traffic-eng path-option 1 dynamic" + (affinity.map { "\n tunnel mpls traffic-eng affinity \($0)" } ?? ""))
                .replacingOccurrences(of: " ip address 10.1.0.0 255.255.255.254\n mpls traffic-eng tunnels\n", with: " ip address 10.1.0.0 255.255.255.254\n mpls traffic-eng tunnels\n mpls traffic-eng attribute-flags 0x1\n")
            texts[1] = texts[1].replacingOccurrences(of: "mpls traffic-eng tunnels\n", with: "mpls traffic-eng tunnels\n mpls traffic-eng attribute-flags 0x1\n")
            texts[3] = texts[3].replacingOccurrences(of: " ip address 10.1.0.3 255.255.255.254\n mpls traffic-eng tunnels\n", with: " ip address 10.1.0.3 255.255.255.254\n mpls traffic-eng tunnels\n mpls traffic-eng attribute-flags 0x1\n")
            let (network, warnings, devices) = try Self.network(texts, dialect: .ios)
            #expect(warnings.isEmpty, "\(warnings)")
            for device in devices { #expect(device.lines.unsupported.isEmpty && device.lines.unrecognized.isEmpty, "\(device.lines.unsupported)") }
            #expect(network.routers.first { $0.name == "P1" }?.interfaces.filter { $0.adminGroups == ["bit0"] }.count == 2)
            return try #require(Engine.run(network).lspStates().first).routers
        }
        #expect(try route(affinity: nil) == ["PE1", "P2", "PE2"])
        #expect(try route(affinity: "0x1 mask 0x1") == ["PE1", "P1", "PE2"])
        #expect(try route(affinity: "0x0 mask 0x0") == ["PE1", "P1", "PE2"])

        let pe1 = TEConfigs.junosPE1Header + """
            rsvp { interface all; }
            mpls {
                admin-groups { red 1; blue 2; }
                label-switched-path to-PE2 {
                    to 10.0.0.2;
                    admin-group exclude red;
                }
                interface ge-0/0/0.0 { admin-group red; }
                interface ge-0/0/1.0 { admin-group [ blue green ]; }
            }
            ospf { area 0.0.0.0 { interface all; } }
        }
        """
        let (network, messages, junos) = try Self.junosNetwork(pe1: pe1)
        #expect(junos.lines.unrecognized.isEmpty && junos.lines.unsupported.isEmpty, "\(junos.lines.unsupported)")
        #expect(messages.contains { $0.contains("admin-group green is not defined") }, "\(messages)")
        let lsp = try #require(network.routers.first { $0.name == "PE1" }?.lsps.first)
        #expect(lsp.exclude == ["red"])
        #expect(try #require(Engine.run(network).lspStates().first).routers == ["PE1", "P2", "PE2"])
    }
}
