import ArgumentParser

struct FailureOptions: ParsableArguments {
    @Option(name: .customLong("fail"), help: ArgumentHelp("Fail a link by name (R1-R2; R2-R1 also works) or a failure set. Repeatable.", valueName: "link"))
    var links: [String] = []

    @Option(name: .customLong("fail-router"), help: ArgumentHelp("Fail a router by name. Repeatable.", valueName: "router"))
    var routers: [String] = []

    @Flag(name: .customLong("from-scratch"), help: "With --fail: simulate with the failure already in place instead of from the no-failure state (as routers and the failure sweep do); differs only where a prefix has several stable states.")
    var fromScratch = false
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
