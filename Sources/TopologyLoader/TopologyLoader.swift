import Foundation
import NetworkModel

/// What loading produced: a network when there were no errors, and every diagnostic either way.
public struct LoadResult: Sendable {
    public var network: Network?
    public var diagnostics: [Diagnostic]
}

/// topology.yml -> Network. Reports all problems of a file in one run (docs/topology-format.md).
public enum TopologyLoader {
    public static let maximumFileBytes = 64 << 20

    public static func load(path: String) -> LoadResult {
        switch readText(path: path, what: "topology file", hint: "give the path of a YAML file") {
        case .failure(let failed): return failed
        case .success(let text): return load(yaml: text, file: path)
        }
    }

    enum TextRead { case success(String), failure(LoadResult) }

    /// A YAML file's text, or the located error that says why it cannot be read (topologies and
    /// overlays alike).
    static func readText(path: String, what: String, hint: String) -> TextRead {
        switch InputFile.read(path: path, limit: maximumFileBytes) {
        case .failure(.tooLarge(let size, _)):
            return .failure(failure(path, "LOAD008", "\(what) is \(size) bytes, above the \(maximumFileBytes)-byte limit",
                                    hint: "split the network or raise the limit in code if this is real"))
        case .failure(.notRegularFile(let kind)):
            return .failure(failure(path, "LOAD009", "cannot read \(what): it is \(kind)", hint: hint))
        case .failure(.unreadable(let why)):
            return .failure(failure(path, "LOAD009", "cannot read \(what): \(why)", hint: "check the path and its permissions"))
        case .success(let bytes):
            guard let text = InputFile.text(bytes) else { return .failure(failure(path, "LOAD009", "\(what) is not UTF-8 text", hint: "save it as UTF-8")) }
            return .success(text)
        }
    }

    public static func load(yaml text: String, file: String) -> LoadResult {
        let root: YAMLNode
        switch YAMLComposer.compose(text, file: file) {
        case .failure(let failure): return LoadResult(network: nil, diagnostics: failure.diagnostics)
        case .success(nil):
            return failure(file, "LOAD004", "topology file is empty", hint: "start with 'routers:'; see docs/topology-format.md")
        case .success(let composed?): root = composed
        }
        var builder = NetworkBuilder(reader: YAMLReader(file: file))
        let network = builder.build(root)
        var diagnostics = builder.reader.bag.all
        if let network, !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics += network.validate()
        }
        let ok = !diagnostics.contains { $0.severity == .error }
        var bag = DiagnosticBag()
        bag.append(contentsOf: diagnostics)
        return LoadResult(network: ok ? network : nil, diagnostics: bag.sorted)
    }

    static func failure(_ file: String, _ code: String, _ message: String, hint: String?) -> LoadResult {
        LoadResult(network: nil, diagnostics: [Diagnostic(.error, code, message, at: SourceLocation(file: file, line: 1, column: 1), hint: hint)])
    }
}
