#if Graphviz
import CGraphviz
import Synchronization

// Graphviz reports errors through a process-wide callback; the text is only touched while
// `GraphvizInProcess.lock` is held.
nonisolated(unsafe) private var capturedErrors = ""
private func captureError(_ message: UnsafeMutablePointer<CChar>?) -> Int32 {
    if let message { capturedErrors += String(cString: message) }
    return 0
}

/// libgvc in this process. Graphviz is not thread-safe (even with one context per thread it
/// crashes, see ../shared/design/DEPENDENCIES.md §3.3), so every call holds one process-wide
/// lock.
public final class GraphvizInProcess: GraphRenderer {
    public static let shared = GraphvizInProcess()
    private let lock = Mutex<Void>(())
    public var name: String { "libgvc" }

    public func render(dot: String, format: DiagramFormat) throws(RenderError) -> [UInt8] {
        if format == .dot { return Array(dot.utf8) }
        return try lock.withLock { (_: inout Void) throws(RenderError) -> [UInt8] in
            // A fresh context per render: a reused one carries state between layouts (measured:
            // the second render of the same DOT ordered the clusters differently), and diagrams
            // must be byte-identical. It costs a few milliseconds of plugin loading.
            _ = agseterrf(captureError)
            guard let gvc = gvContext() else { throw .failed(renderer: name, message: "cannot create a Graphviz context") }
            defer {
                // The pango plugin keeps a pointer to the last font name it used, which the
                // context owns: point it at static memory before the context goes (shim.h).
                cgraphviz_forget_font(gvc)
                _ = gvFreeContext(gvc)
            }
            capturedErrors = ""
            guard let graph = dot.withCString({ cgraphviz_read_dot($0) }) else { throw .failed(renderer: name, message: "cannot parse DOT: \(capturedErrors)") }
            defer { agclose(graph) }
            // The engine named by the graph's `layout` attribute, as the dot program does.
            let engine = "layout".withCString { name in agget(UnsafeMutableRawPointer(graph), UnsafeMutablePointer(mutating: name)).flatMap { String(cString: $0) } }
                .flatMap { $0.isEmpty ? nil : $0 } ?? "dot"
            guard gvLayout(gvc, graph, engine) == 0 else { throw .failed(renderer: name, message: "layout: \(capturedErrors)") }
            defer { gvFreeLayout(gvc, graph) }
            var data: UnsafeMutablePointer<CChar>? = nil
            var length: UInt32 = 0
            guard gvRenderData(gvc, graph, format.rawValue, &data, &length) == 0, let data else {
                throw .failed(renderer: name, message: "cannot render \(format.rawValue): \(capturedErrors)")
            }
            defer { gvFreeRenderData(data) }
            return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
        }
    }
}
#endif
