import FuzzDriver
import Pipeline

// The YAML topology loader, then one simulation of what loads (small networks only).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    let result = TopologyLoader.load(yaml: FuzzDriver.text(bytes), file: "fuzz.yml")
    guard let network = result.network, network.routers.count <= 16 else { return 0 }
    _ = Engine.run(network)
    return 0
}
