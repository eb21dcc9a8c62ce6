import ArgumentParser
import Pipeline

/// Where a command's network comes from: a topology file, or router configs (`--configs`).
struct NetworkSource: ParsableArguments {
    @Argument(help: "The topology file (YAML); or give --configs instead.") var topology: String?
    @Option(name: .customLong("configs"), parsing: .upToNextOption,
            help: ArgumentHelp("Build the network from router configs (files or directories; IOS, EOS, FRR, Junos): one router per config, links from subnets two routers share.", valueName: "path"))
    var configs: [String] = []

    func validate() throws {
        if topology == nil && configs.isEmpty { throw ValidationError("give a topology file or --configs PATH...") }
        if topology != nil && !configs.isEmpty { throw ValidationError("give either a topology file or --configs, not both") }
    }

    /// The network, or exit 2 with every problem.
    func load() -> (Network, [Diagnostic]) {
        if let topology { return unwrap(RouteSim.load(topology)) }
        return unwrap(RouteSim.loadConfigs(configs))
    }
}
