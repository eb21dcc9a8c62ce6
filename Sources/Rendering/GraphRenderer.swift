import Foundation

/// Output formats of a diagram. `dot` is the graph text itself (always available).
public enum DiagramFormat: String, Sendable, CaseIterable {
    case svg, png, pdf, dot

    /// The format a file name asks for (`net.svg` -> svg), if its extension is one.
    public init?(fileName: String) {
        let ext = (fileName as NSString).pathExtension.lowercased()
        guard let format = DiagramFormat(rawValue: ext == "gv" ? "dot" : ext) else { return nil }
        self = format
    }
}

public enum RenderError: Error, Sendable, CustomStringConvertible {
    case unavailable
    case failed(renderer: String, message: String)

    public var description: String {
        switch self {
        case .unavailable:
            "rendering needs Graphviz: apt-get install -y graphviz (or build with the default `Graphviz` trait and libgraphviz-dev)"
        case .failed(let renderer, let message):
            "Graphviz (\(renderer)) failed: \(message.isEmpty ? "no message" : message.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }
}

/// Turns DOT text into an image. Implementations: libgvc in-process (trait `Graphviz`) and the
/// `dot` program; `GraphRenderers.best()` picks the first that works on this machine.
public protocol GraphRenderer: Sendable {
    /// "libgvc" or the path of the `dot` program.
    var name: String { get }
    func render(dot: String, format: DiagramFormat) throws(RenderError) -> [UInt8]
}

public enum GraphRenderers {
    /// In-process libgvc when compiled in, else `dot` on PATH, else nil (callers fall back to DOT text).
    public static func best() -> (any GraphRenderer)? {
        #if Graphviz
        return GraphvizInProcess.shared
        #else
        return DotProgramRenderer.find()
        #endif
    }

    /// Renders with the best renderer; `.dot` never needs one.
    public static func render(dot: String, format: DiagramFormat) throws(RenderError) -> [UInt8] {
        if format == .dot { return Array(dot.utf8) }
        guard let renderer = best() else { throw .unavailable }
        return try renderer.render(dot: dot, format: format)
    }

    /// SVG ready to inline in HTML: Graphviz's XML declaration, doctype and comments dropped.
    public static func inlineSVG(_ svg: [UInt8]) -> String {
        let text = String(decoding: svg, as: UTF8.self)
        guard let start = text.range(of: "<svg") else { return text }
        return String(text[start.lowerBound...])
    }
}
