import ArgumentParser
import Foundation
import Pipeline

struct Draw: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the network (SVG, PNG, PDF or DOT), optionally with a failure and the flows it breaks.",
        discussion: """
        ASes are clusters; routers show their role and loopback; links their interface names and \
        IGP cost; eBGP sessions are dashed blue, iBGP dotted purple. With --fail / --fail-router \
        the failed elements are red and every flow whose outcome changes is drawn along its path: \
        green delivered, orange rerouted (its old path dotted grey), red black-holed / no route / \
        loop, ending in a note that says where and why it died. --flow draws chosen flows instead.

        The format comes from --format, else from the -o extension (.svg .png .pdf .dot/.gv); \
        without -o the DOT text goes to stdout. Rendering uses libgvc in-process (default build), \
        else the `dot` program; without either, DOT text is written next to the requested file \
        with a warning. Output files are written atomically. The DOT text is deterministic.

        Exit codes: 0 written; 2 bad input, unknown names, or Graphviz/file errors.

        Examples:
          routesim draw topologies/null0-peering/topology.yml -o net.svg
          routesim draw topology.yml --fail R1-R2 -o failure.png --dpi 200
          routesim draw topology.yml --fail R1-R2 --flow server:client -o failure.svg
          routesim draw topology.yml --sessions all --no-interfaces | dot -Tpdf > net.pdf
          routesim draw --configs configs/ --fail R1-R2 -o failure.svg
        """
    )

    @OptionGroup var source: NetworkSource
    @Option(name: .shortAndLong, help: "Write the diagram to this file (format from its extension unless --format).") var output: String?
    @Option(help: "Output format: svg, png, pdf or dot.") var format: DiagramFormat?
    @OptionGroup var failures: FailureOptions
    @Option(name: .customLong("flow"), help: ArgumentHelp("Draw this flow, SOURCE:DESTINATION (host, router or address). Repeatable.", valueName: "src:dst"))
    var flows: [String] = []
    @Option(help: "Caption above the diagram (default: network name and failure).") var title: String?
    @OptionGroup var diagram: DiagramArguments
    @OptionGroup var resolution: ResolutionArgument

    /// The format written: --format, else the file's extension, else DOT on stdout.
    var chosenFormat: DiagramFormat? { format ?? output.flatMap { $0 == "-" ? nil : DiagramFormat(fileName: $0) } }

    func validate() throws {
        if let output, format == nil, output != "-", DiagramFormat(fileName: output) == nil {
            throw ValidationError("cannot tell the format from '\(output)': use .svg, .png, .pdf or .dot, or give --format")
        }
        try resolution.check(format: chosenFormat)
    }

    func run() throws {
        let (network, warnings) = source.load()
        printWarnings(warnings)
        let spec = unwrap(RouteSim.failures(links: failures.links, routers: failures.routers, in: network))
        let chosen = flows.isEmpty ? nil : flows.map { unwrap(RouteSim.flow($0, in: network)) }
        var options = diagram.options
        options.title = title
        options.dpi = resolution.dpi
        let dot = RouteSim.diagram(network, failures: spec, flows: chosen, options: options, fromScratch: failures.fromScratch).dot()
        guard let output, output != "-" else {
            let wanted = format ?? .dot
            if wanted == .dot { print(dot, terminator: ""); return }
            let rendered: RouteSim.RenderedDiagram
            do { rendered = try RouteSim.render(dot, as: wanted) } catch {
                writeError("error: \(error)\n")
                throw ExitCode(2)
            }
            if let warning = rendered.warning { writeError("warning: \(warning)\n") }
            FileHandle.standardOutput.write(Data(rendered.bytes))
            return
        }
        let written = writeDiagram(dot, format: format ?? DiagramFormat(fileName: output) ?? .svg, to: output)
        writeError("wrote \(written)\n")
    }
}
