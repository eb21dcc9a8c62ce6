import ArgumentParser
import Foundation
import Pipeline

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic synthetic topology (for benchmarks and scale tests).",
        discussion: """
        Each AS gets a ring of routers plus chords, OSPF, and a full iBGP mesh (or route \
        reflectors with --reflectors); neighbouring ASes peer over eBGP; prefixes are spread \
        over the routers as Null0-pinned network statements. The same arguments always give \
        the same file.

        Example: routesim generate --routers 200 --ases 1 --prefixes 200 --seed 1 -o big.yml
        """
    )

    @Option(help: "Number of routers.") var routers: Int = 20
    @Option(help: "Number of ASes (routers are split evenly).") var ases: Int = 2
    @Option(help: "Number of prefixes originated.") var prefixes: Int = 20
    @Option(help: "Extra intra-AS links per router, beyond the ring (0.5 gives 1.5 links per router).") var chords: Double = 0.5
    @Option(help: "Route reflectors per AS (0 = full-mesh iBGP).") var reflectors: Int = 0
    @Option(help: "Hosts on LANs of random routers (announced in BGP); failure analysis then checks every host pair.") var hosts: Int = 0
    @Flag(help: "Add session policies (MED, local preference, prepends), aggregates, conditional advertisement, IP SLA tracked pins and routers with other dialects and MED knobs.") var mixed = false
    @Flag(help: "MPLS: LDP on every router.") var ldp = false
    @Option(help: "MPLS: this many RSVP-TE LSPs between random routers of one AS (10G of RSVP bandwidth on every intra-AS link).") var lsps: Int = 0
    @Option(help: "VRFs: every router a PE with this many customer VRFs, one LAN each (L3VPN within each AS; docs/vrf.md); hosts and flows stay global.") var vrfs: Int = 0
    @Flag(help: "Dual stack: IPv6 on every link, loopback and host LAN, an IPv6 twin of every prefix, both families on every BGP session (docs/ipv6.md).") var ipv6 = false
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "Output file (default stdout).") var output: String?

    func validate() throws {
        guard routers >= 1, routers <= 100_000 else { throw ValidationError("--routers must be from 1 to 100000") }
        guard ases >= 1, ases <= routers else { throw ValidationError("--ases must be from 1 to the number of routers") }
        guard prefixes >= 0, prefixes <= 1_000_000 else { throw ValidationError("--prefixes must be from 0 to 1000000") }
        guard chords >= 0, chords <= 8 else { throw ValidationError("--chords must be from 0 to 8") }
        guard reflectors >= 0 else { throw ValidationError("--reflectors must not be negative") }
        guard hosts >= 0, hosts <= 65536 else { throw ValidationError("--hosts must be from 0 to 65536") }
        guard lsps >= 0, lsps <= 1_000_000 else { throw ValidationError("--lsps must be from 0 to 1000000") }
        guard vrfs >= 0, vrfs <= 99 else { throw ValidationError("--vrfs must be from 0 to 99") }
    }

    func run() throws {
        var spec = TopologyGenerator.Spec(routers: routers, ases: ases, prefixes: prefixes, chordsPerRouter: chords, reflectorsPerAS: reflectors, seed: seed, hosts: hosts, mixed: mixed)
        spec.ldp = ldp
        spec.lsps = lsps
        spec.vrfs = vrfs
        spec.ipv6 = ipv6
        // Never write a file that routesim then refuses to load (docs/diagnostics.md, "Bounds").
        let limit = TopologyLoader.maximumFileBytes
        let meshHint = reflectors == 0 && routers / ases > 20
            ? "a full iBGP mesh of \(routers / ases) routers per AS is \((routers / ases) * (routers / ases - 1)) neighbor entries per AS; use --reflectors 2 or more ASes"
            : "use fewer routers, prefixes or hosts"
        let estimate = TopologyGenerator.estimatedBytes(spec)
        if estimate > limit {
            writeError("error: this topology would be about \(estimate >> 20) MiB, above the \(limit >> 20) MiB a topology file may have\n  hint: \(meshHint)\n")
            throw ExitCode(2)
        }
        let text = TopologyGenerator.yaml(spec)
        guard text.utf8.count <= limit else {
            writeError("error: the generated topology is \(text.utf8.count >> 20) MiB, above the \(limit >> 20) MiB a topology file may have\n  hint: \(meshHint)\n")
            throw ExitCode(2)
        }
        try emit(text, to: output)
    }
}
