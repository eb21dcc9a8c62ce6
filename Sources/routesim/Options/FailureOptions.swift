import ArgumentParser

struct FailureOptions: ParsableArguments {
    @Option(name: .customLong("fail"), help: ArgumentHelp("Fail a link by name (R1-R2; R2-R1 also works) or a failure set. Repeatable.", valueName: "link"))
    var links: [String] = []

    @Option(name: .customLong("fail-router"), help: ArgumentHelp("Fail a router by name. Repeatable.", valueName: "router"))
    var routers: [String] = []
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
