import FuzzDriver
import Pipeline

// An AS-path expression (first line) against a path text (the rest).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    let text = FuzzDriver.text(bytes)
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    guard let regex = try? ASPathRegex(String(parts[0])) else { return 0 }
    _ = regex.matches(parts.count > 1 ? String(parts[1]) : "65001 65002")
    return 0
}
