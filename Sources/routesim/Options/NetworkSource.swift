import ArgumentParser
import Pipeline

/// Where a command's network comes from: a topology file, or router configs (`--configs`).
struct NetworkSource: ParsableArguments {
    @Argument(help: "The topology file (YAML); or give --configs instead.") var topology: String?
    @Option(name: .customLong("configs"), parsing: .upToNextOption,
            help: ArgumentHelp("Build the network from router configs (files or directories; IOS, EOS, FRR, Junos): one router per config, links from subnets two routers share.", valueName: "path"))
    var configs: [String] = []
    @Option(name: .customLong("overlay"),
            help: ArgumentHelp("With --configs: a YAML file of hosts, flows and failure-sets for the configs' network (the topology format's sections; hosts attach to a router's stub interface or a new LAN).", valueName: "file"))
    var overlay: String?

    func validate() throws {
        if topology == nil && configs.isEmpty { throw ValidationError("give a topology file or --configs PATH...") }
        if topology != nil && !configs.isEmpty { throw ValidationError("give either a topology file or --configs, not both") }
        if overlay != nil && configs.isEmpty { throw ValidationError("--overlay adds hosts and flows to --configs; a topology file has its own") }
    }

    /// The network, or exit 2 with every problem.
    func load() -> (Network, [Diagnostic]) {
        if let topology { return unwrap(RouteSim.load(topology)) }
        return unwrap(RouteSim.loadConfigs(configs, overlay: overlay))
    }
}
