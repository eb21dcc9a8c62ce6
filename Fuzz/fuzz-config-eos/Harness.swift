import FuzzDriver

// A config read as eos: the parser and the network builder (fuzz-lint runs the rules).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    FuzzDriver.config(bytes, dialect: .eos)
    return 0
}
