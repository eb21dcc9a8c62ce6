import ConfigParsers
import Testing

/// The defaults table, row by row, as FRR's switchable defaults state them (bgpd/bgp_vty.c:
/// BGP_EBGP_REQUIRES_POLICY false for `datacenter` and for versions < 7.4; BGP_IMPORT_CHECK
/// false for `traditional` < 7.4; BGP_DETERMINISTIC_MED true for `datacenter`; zebra's
/// ZEBRA_IP_NHT_RESOLVE_VIA_DEFAULT true only for `traditional`), and the config winning over it.
struct DialectDefaultsTests {
    @Test func frrRowsFollowVersionAndProfile() {
        let old = DialectDefaults.of(dialect: .frr, version: "7.3.1", profile: nil)
        #expect(!old.ebgpRequiresPolicy && old.networkImportCheck == false && old.deterministicMED == nil && old.nextHopResolveViaDefault == nil)
        let current = DialectDefaults.of(dialect: .frr, version: "8.4.2_git", profile: "traditional")
        #expect(current.ebgpRequiresPolicy && current.networkImportCheck == nil && current.deterministicMED == nil)
        let unstated = DialectDefaults.of(dialect: .frr)
        #expect(unstated.ebgpRequiresPolicy && unstated.networkImportCheck == nil)
        let datacenter = DialectDefaults.of(dialect: .frr, version: "7.2", profile: "datacenter")
        #expect(!datacenter.ebgpRequiresPolicy && datacenter.networkImportCheck == nil && datacenter.deterministicMED == true
                && datacenter.nextHopResolveViaDefault == false)
        #expect(DialectDefaults.of(dialect: .frr, version: "10.1").ebgpRequiresPolicy, "10.1 is not before 7.4")
    }

    @Test func otherDialectsTakeTheNeutralDefaults() {
        for dialect in [ConfigDialect.ios, .eos, .junos] {
            let row = DialectDefaults.of(dialect: dialect, version: "7.0", profile: "datacenter")
            #expect(!row.ebgpRequiresPolicy && row.networkImportCheck == nil && row.deterministicMED == nil && row.nextHopResolveViaDefault == nil)
        }
    }

    @Test func theConfigWinsOverTheTable() {
        let text = "frr version 8.4\nfrr defaults datacenter\nrouter bgp 65001\n bgp ebgp-requires-policy\n no bgp deterministic-med\n"
        let device = ConfigFiles.parse(text: text, file: "r1/frr.conf")
        #expect(device.defaults.deterministicMED == true && device.bgp?.ebgpRequiresPolicy == true)
        #expect(device.bgp?.bestPath.deterministicMED == false, "the config's own statement is kept")
    }
}
