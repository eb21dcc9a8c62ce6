import ArgumentParser
import Foundation
import Pipeline

extension DiagramFormat: ExpressibleByArgument {}
extension DiagramOptions.Sessions: ExpressibleByArgument {}
extension DiagramOptions.Layout: ExpressibleByArgument {}

/// What every diagram-producing command accepts.
struct DiagramArguments: ParsableArguments {
    @Flag(name: .customLong("no-costs"), help: "Do not label links with their IGP cost.") var noCosts = false
    @Flag(name: .customLong("no-interfaces"), help: "Do not label link ends with interface names.") var noInterfaces = false
    @Option(help: ArgumentHelp("BGP sessions to draw: auto (all when at most \(DiagramOptions.automaticSessionLimit), else eBGP only), none, ebgp or all.",
                               valueName: "which")) var sessions: DiagramOptions.Sessions = .automatic
    @Flag(name: .customLong("no-legend"), help: "Leave out the legend.") var noLegend = false
    @Option(help: ArgumentHelp("Layout engine: auto (dot with AS clusters up to \(DiagramOptions.automaticDotLimit) routers and hosts, else sfdp), dot, sfdp or neato.",
                               valueName: "engine")) var layout: DiagramOptions.Layout = .automatic

    @Flag(name: .customLong("whole"), help: "Draw a failure on a network above \(DiagramOptions.automaticDotLimit) routers and hosts whole (by default it is cut to the failed elements, their neighbours and the changed flows' paths).")
    var wholeNetwork = false

    var options: DiagramOptions {
        var options = DiagramOptions()
        options.showCosts = !noCosts
        options.showInterfaces = !noInterfaces
        options.sessions = sessions
        options.legend = !noLegend
        options.layout = layout
        options.wholeNetwork = wholeNetwork
        return options
    }
}

/// `--dpi` for the commands that write PNG files.
struct ResolutionArgument: ParsableArguments {
    @Option(help: ArgumentHelp("Resolution of PNG output in dots per inch (\(DiagramOptions.dpiRange.lowerBound)-\(DiagramOptions.dpiRange.upperBound); Graphviz's default is 96). PNG only.",
                               valueName: "n")) var dpi: Int?

    /// Refuses a resolution out of range, or one given for a format that is not a bitmap.
    func check(format: DiagramFormat?) throws {
        guard let dpi else { return }
        guard DiagramOptions.dpiRange.contains(dpi) else {
            throw ValidationError("--dpi \(dpi) is out of range: give \(DiagramOptions.dpiRange.lowerBound) to \(DiagramOptions.dpiRange.upperBound) (Graphviz's default is 96)")
        }
        guard format == .png else {
            throw ValidationError("--dpi sets the resolution of PNG output; this writes \(format?.rawValue ?? "DOT") (vector formats scale without it)")
        }
    }
}

/// Renders `dot` and writes it atomically; falls back to DOT text (with a warning) without Graphviz.
/// Returns the path written. Exit 2 when Graphviz fails or the file cannot be written.
@discardableResult
func writeDiagram(_ dot: String, format: DiagramFormat, to path: String) -> String {
    let rendered: RouteSim.RenderedDiagram
    do {
        rendered = try RouteSim.render(dot, as: format)
    } catch {
        writeError("error: \(error)\n")
        Foundation.exit(2)
    }
    var target = path
    if let warning = rendered.warning {
        target = ((path as NSString).deletingPathExtension) + ".dot"
        writeError("warning: \(warning) (\(target))\n")
    }
    do {
        try OutputFile.write(rendered.bytes, to: target)
    } catch {
        writeError("error: cannot write \(target): \(error.localizedDescription)\n")
        Foundation.exit(2)
    }
    return target
}
extension AddressFamily: ExpressibleByArgument {}
