import Foundation
import Pipeline
import TestSupport
import Testing

/// Issue 12 #10: loading a topology and linting configs grow linearly with their size. Thread
/// CPU time (parallel tests do not count), best of three, compared only as a ratio: 4x the
/// input may cost at most 8x the time; a quadratic path costs 16x.
@Suite(.serialized) struct LoaderScalingTests {
    @Test func topologyLoadingIsLinear() {
        let small = TopologyGenerator.yaml(.init(routers: 250, ases: 5, prefixes: 250))
        let large = TopologyGenerator.yaml(.init(routers: 1_000, ases: 20, prefixes: 1_000))
        let ratio = ThreadCPUTime.ratio({ _ = TopologyLoader.load(yaml: large, file: "l.yml") }, over: { _ = TopologyLoader.load(yaml: small, file: "s.yml") })
        #expect(ratio < 8, "4x the routers took \(ratio)x the time")
    }

    @Test func lintIsLinearInStaticsAndInterfaces() {
        func config(_ n: Int) -> String {
            var lines = ["hostname edge", "router bgp 65001", " neighbor 192.0.2.1 remote-as 65002", " redistribute static"]
            for i in 0..<n {
                lines += ["interface Ethernet\(i)", " ip address 10.\((i >> 8) & 255).\(i & 255).1 255.255.255.0"]
                lines.append("ip route 172.\(16 + (i >> 16) & 15).\((i >> 8) & 255).\(i & 255) 255.255.255.255 Null0")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        func lint(_ text: String) { _ = Linter.run([Linter.FileResult(path: "e.cfg", device: Linter.parse(text: text, file: "e.cfg", dialect: .ios), source: text)]) }
        let small = config(1_500), large = config(6_000)
        let ratio = ThreadCPUTime.ratio({ lint(large) }, over: { lint(small) })
        #expect(ratio < 8, "4x the statics and interfaces took \(ratio)x the time")
    }
}
