import ArgumentParser
import Foundation
import Pipeline

struct TimersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timers",
        abstract: "Print the timers that decide how long a failure lasts, with where each value comes from.",
        discussion: """
        Per router: BGP keepalive and hold time, the conditional-advertisement scan interval, the \
        SPF delay; per established BGP session: the hold time in use (the smaller of both ends', \
        RFC 4271 4.2) and the keepalive, and BFD's detection time where BFD runs; per IGP \
        interface: hello and dead intervals; per IP SLA probe: frequency and timeout, with the \
        delays of the tracks that follow it. Each value says whether it is configured (file:line) \
        or the dialect's default, and which document states that default (docs/timeline.md).

        Examples:
          routesim timers topologies/null0-peering/topology.yml
          routesim timers --configs examples/null0-peering-configs
        """
    )

    @OptionGroup var source: NetworkSource

    func run() throws {
        let (network, warnings) = source.load()
        printWarnings(warnings)
        print(TerminalText.visible(TimerTable(plane: Engine.run(network)).text), terminator: "")
    }
}
