import ArgumentParser
import Foundation
import Pipeline

struct FailureOptions: ParsableArguments {
    @Option(name: .customLong("fail"), help: ArgumentHelp("Fail a link by name (R1-R2; R2-R1 also works) or a failure set. Repeatable.", valueName: "link"))
    var links: [String] = []

    @Option(name: .customLong("fail-router"), help: ArgumentHelp("Fail a router by name. Repeatable.", valueName: "router"))
    var routers: [String] = []

    @Flag(name: .customLong("from-scratch"), help: "With --fail: simulate with the failure already in place instead of from the no-failure state (as routers and the failure sweep do); differs only where a prefix has several stable states.")
    var fromScratch = false
}

/// The bound on how many scenarios a sweep may run (docs/diagnostics.md, "Bounds"): `--k 3` on a
/// few hundred elements means millions of scenarios, hours of work and more memory than the
/// machine has. Above the bound a terminal asks; anything else is refused with the count.
struct ScenarioBudget: ParsableArguments {
    static let defaultMaximum = 200_000

    @Option(name: .customLong("max-scenarios"), help: "Refuse a sweep that could run more scenarios than this (default 200000); in a terminal, ask instead.")
    var maximum: Int = ScenarioBudget.defaultMaximum

    func validate() throws {
        guard maximum >= 1 else { throw ValidationError("--max-scenarios must be at least 1") }
    }

    /// Exits 2 (or asks, on a terminal) when `enumeration` may exceed the bound on `network`.
    func check(_ enumeration: ScenarioEnumeration, on network: Network) throws {
        let bound = enumeration.upperBound(for: network)
        guard bound > maximum else { return }
        let count = bound == Int.max ? "more than \(Int.max)" : "up to \(bound)"
        let message = "--k \(enumeration.maximumFailures) on \(network.routers.count) routers and \(network.links.count) links means \(count) scenarios, above --max-scenarios \(maximum)"
        if isatty(0) == 1 && isatty(2) == 1 {
            writeError("\(message). Run them all? [y/N] ")
            if let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) { return }
        } else {
            writeError("error: \(message)\n  hint: use a smaller --k, --srlg, --no-routers, or raise --max-scenarios if the time and memory are there\n")
        }
        throw ExitCode(2)
    }
}
