import ArgumentParser
import Foundation
import Pipeline

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check topology files and print every problem (file:line:col); exit 2 on errors.",
        discussion: "Warnings are printed but do not fail validation. Several files may be given."
    )

    @Argument(help: "Topology files (YAML).") var topologies: [String]

    func run() throws {
        var failed = false
        for path in topologies {
            let result = TopologyLoader.load(path: path)
            for diagnostic in result.diagnostics { writeError((diagnostic.description + "\n")) }
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            if let network = result.network {
                print(TerminalText.visible("\(path): ok (\(network.routers.count) routers, \(network.links.count) links, \(network.hosts.count) hosts, \(network.flows.count) flows)"))
            } else {
                print(TerminalText.visible("\(path): \(errors) error\(errors == 1 ? "" : "s")"))
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }
}
