import Pipeline

/// What the harnesses share. Each harness defines libFuzzer's `LLVMFuzzerTestOneInput` and is
/// linked with libFuzzer's own `main` (`--sanitize=fuzzer`, docs/fuzzing.md): a crash, an
/// AddressSanitizer report or a timeout (`-timeout=N`) is a finding.
public enum FuzzDriver {
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    }

    /// Input bytes as text the way routesim reads files (UTF-8 or BOM'd UTF-16; else lossy).
    public static func text(_ bytes: [UInt8]) -> String {
        InputFile.text(bytes) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// A config in `dialect`: parsed and built into a network (the parser harnesses).
    public static func config(_ bytes: [UInt8], dialect: ConfigDialect?) {
        let device = Linter.parse(text: text(bytes), file: "fuzz.cfg", dialect: dialect)
        _ = ConfigNetworkBuilder.build([device], name: "fuzz")
    }

    /// The whole lint of one file: decoding, dialect detection, every rule.
    public static func lint(_ bytes: [UInt8]) {
        guard case .success(let text) = ConfigSource.decode(bytes) else { return }
        let device = Linter.parse(text: text, file: "fuzz.cfg")
        _ = Linter.run([Linter.FileResult(path: "fuzz.cfg", device: device, source: text)])
    }
}
