import FuzzDriver
import Pipeline

// `.routesim.yml`, and its ignore globs applied to a path.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    guard case .success(let (configuration, _)) = RouteSim.lintConfiguration(text: FuzzDriver.text(bytes), path: "fuzz.yml") else { return 0 }
    _ = configuration.ignores("configs/site-a/edge-router-01.cfg")
    return 0
}
