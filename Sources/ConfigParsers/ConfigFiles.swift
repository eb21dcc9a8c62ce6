import Foundation
import Synchronization

/// The front end for router configs: which files under the given paths are configs, reading
/// them (on all cores), and the dialect dispatch (forced, chosen by settings, else detected).
/// `lint` and `--configs` both start here; neither reads configs on its own.
public enum ConfigFiles {
    public struct Parsed: Sendable {
        public var path: String
        public var device: DeviceConfig?
        /// Why the file could not be read (binary, too large, unreadable).
        public var error: String?
        /// The text, to quote offending lines, when it did not come from a file (files are read
        /// again for the few that have findings: keeping every file's text cost ~100 MB on the
        /// 3M-line benchmark).
        public var source: String?
        public init(path: String, device: DeviceConfig?, error: String? = nil, source: String? = nil) {
            self.path = path
            self.device = device
            self.error = error
            self.source = source
        }
    }

    /// Files under the given paths (directories recursively, hidden entries and non-config files
    /// skipped and counted), sorted. A file named explicitly is always taken.
    public static func collect(_ paths: [String]) -> (files: [String], missing: [String], skipped: Int) {
        var files: [String] = [], missing: [String] = []
        var skipped = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { missing.append(path); continue }
            if !isDirectory.boolValue { files.append(path); continue }
            let enumerator = FileManager.default.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.isRegularFileKey],
                                                            options: [.skipsHiddenFiles])
            // Report paths as the user spelled the directory, not as absolute paths.
            let base = URL(fileURLWithPath: path).standardizedFileURL.path
            let prefix = path.hasSuffix("/") ? String(path.dropLast()) : path
            while let url = enumerator?.nextObject() as? URL {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                guard ConfigNetworks.isConfigCandidate(url.path) else { skipped += 1; continue }
                let full = url.standardizedFileURL.path
                files.append(full.hasPrefix(base + "/") ? prefix + full.dropFirst(base.count) : full)
            }
        }
        return (files.sorted(), missing, skipped)
    }

    /// Parses files on all cores; results in the order of `paths`.
    /// `dialect` forces one dialect; else `chosen(path)` may name one (settings); else detection.
    public static func parseAll(_ paths: [String], dialect: ConfigDialect? = nil, chosen: @Sendable (String) -> ConfigDialect? = { _ in nil }) -> [Parsed] {
        let slots = Mutex([Parsed?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let result = parse(path: paths[index], dialect: dialect ?? chosen(paths[index]))
            slots.withLock { $0[index] = result }
        }
        return slots.withLock { $0.compactMap { $0 } }
    }

    /// `keepingSource` keeps the text in the result (lint quotes a router's lines while it holds it).
    public static func parse(path: String, dialect: ConfigDialect? = nil, keepingSource: Bool = false) -> Parsed {
        switch ConfigSource.read(path: path) {
        case .failure(let error): return Parsed(path: path, device: nil, error: error.description)
        case .success(let text): return Parsed(path: path, device: parse(text: text, file: path, dialect: dialect), source: keepingSource ? text : nil)
        }
    }

    public static func parse(text: String, file: String, dialect: ConfigDialect? = nil) -> DeviceConfig {
        let lines = ConfigSource.lines(text)
        let chosen = dialect ?? ConfigDialect.detect(lines, path: file)
        if chosen == .junos { return JunosParser().parse(text, file: file) }
        return CiscoStyleParser(dialect: chosen).parse(lines: lines, file: file)
    }
}
