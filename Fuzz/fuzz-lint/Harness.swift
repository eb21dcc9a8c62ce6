import FuzzDriver
import Pipeline

// The whole `lint` on a byte blob: read as a file would be, dialect detected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    FuzzDriver.lint(bytes)
    return 0
}
