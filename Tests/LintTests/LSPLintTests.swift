import ConfigParsers
import Diagnostics
import Lint
import TestSupport
import Testing

/// The RSVP-TE LSP rules on configs nobody wrote for their examples: a Junos head-end in an IOS
/// core (ConfigRSVPTests' network: PE1 - P1 - PE2 and PE1 - P2 - PE2). Expected from RFC 3209
/// and Juniper's MPLS guide, before running: a strict path cannot be re-signalled around a
/// failure, so an LSP whose only path is strict is one failure from down; a secondary over the
/// primary's link fails with it; a path hop that no router owns cannot be signalled.
struct LSPLintTests {
    static func junosPE1(lsp: String, paths: String) -> String {
        """
        system { host-name PE1; }
        interfaces {
            lo0 { unit 0 { family inet { address 10.0.0.1/32; } } }
            ge-0/0/0 { unit 0 { family inet { address 10.1.0.0/31; } family mpls; } }
            ge-0/0/1 { unit 0 { family inet { address 10.1.0.4/31; } family mpls; } }
        }
        protocols {
            rsvp { interface all; }
            mpls {
                label-switched-path to-PE2 {
                    to 10.0.0.2;
        \(lsp)
                }
        \(paths)
                interface all;
            }
            ospf { area 0.0.0.0 { interface all; } }
        }
        """
    }

    static let viaP1 = "        path via-P1 {\n            10.1.0.1 strict;\n            10.1.0.3 strict;\n        }"
    static let viaP2 = "        path via-P2 {\n            10.1.0.5 strict;\n            10.1.0.7 strict;\n        }"

    static func lint(pe1: String) -> [Finding] {
        var files = [Linter.FileResult(path: "pe1.conf", device: Linter.parse(text: pe1, file: "pe1.conf", dialect: .junos), source: pe1)]
        for (index, text) in TEConfigs.iosCore.enumerated() {
            files.append(Linter.FileResult(path: "r\(index).cfg", device: Linter.parse(text: text, file: "r\(index).cfg", dialect: .ios), source: text))
        }
        return Linter.run(files).findings.filter { $0.code.hasPrefix("MPLS-") || $0.code == "CFG001" }
    }

    static func line(of text: String, in config: String) -> Int {
        (config.components(separatedBy: "\n").firstIndex { $0.contains(text) } ?? -1) + 1
    }

    @Test func strictPrimaryWithoutSecondaryIsFoundAtTheLSP() {
        let config = Self.junosPE1(lsp: "            primary via-P1;", paths: Self.viaP1)
        let findings = Self.lint(pe1: config)
        let found = findings.filter { $0.code == "MPLS-LSP-NO-SECONDARY" }
        #expect(found.count == 1 && found.first?.file == "pe1.conf", "\(findings)")
        #expect(found.first?.line == Self.line(of: "label-switched-path to-PE2", in: config))
        #expect(found.first?.message.contains("PE1 -> P1 -> PE2") == true, "\(found)")
        // A disjoint strict secondary: no finding of either rule.
        let fixed = Self.junosPE1(lsp: "            primary via-P1;\n            secondary via-P2;", paths: Self.viaP1 + "\n" + Self.viaP2)
        #expect(Self.lint(pe1: fixed).filter { $0.code.hasPrefix("MPLS-LSP") }.isEmpty)
    }

    @Test func secondaryOverThePrimarysLinkIsFoundAtTheSecondary() {
        let sharing = "        path via-P1-again {\n            10.1.0.1 strict;\n            10.1.0.3 strict;\n        }"
        let config = Self.junosPE1(lsp: "            primary via-P1;\n            secondary via-P1-again;", paths: Self.viaP1 + "\n" + sharing)
        let found = Self.lint(pe1: config).filter { $0.code == "MPLS-LSP-SHARED-RISK" }
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == Self.line(of: "secondary via-P1-again", in: config))
        #expect(found.first?.message.contains("link P1-PE2") == true || found.first?.message.contains("link PE2-P1") == true, "\(found)")
    }

    @Test func pathHopNoRouterOwnsIsFoundAtItsLineAndOnlyThere() {
        let stale = "        path via-P1 {\n            10.1.0.1 strict;\n            10.9.9.9 strict;\n        }"
        let config = Self.junosPE1(lsp: "            primary via-P1;\n            secondary via-P2;", paths: stale + "\n" + Self.viaP2)
        let findings = Self.lint(pe1: config)
        let found = findings.filter { $0.code == "MPLS-EXPLICIT-PATH-UNKNOWN" }
        #expect(found.count == 1 && found.first?.line == Self.line(of: "10.9.9.9", in: config), "\(findings)")
        #expect(found.first?.message.contains("10.9.9.9") == true)
        #expect(!findings.contains { $0.code == "CFG001" && $0.message.contains("10.9.9.9") }, "said twice")
        // The primary is left out, so the secondary alone remains: no NO-SECONDARY finding (it is
        // strict but it is the only path because of the stale hop, which the finding above names).
    }
}
