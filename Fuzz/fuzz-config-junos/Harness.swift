import FuzzDriver

// A config read as junos: the parser and the network builder (fuzz-lint runs the rules).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    FuzzDriver.config(bytes, dialect: .junos)
    return 0
}
