// swift-tools-version:6.1
import PackageDescription

// Stages are modules and data flows one way (see docs/architecture.md):
// NetPrimitives/Diagnostics -> NetworkModel -> TopologyLoader | RoutingPolicy -> Simulation -> Analysis -> Lint -> Reporting | Rendering -> Pipeline -> routesim
// Modules re-export the stages below them (`@_exported import`). Each target also names every
// module it sees that way as a direct dependency: Swift 6.3's incremental build otherwise
// misses layout changes in re-exported modules and links code compiled against the old
// layout (swiftlang/swift#89636; seen as crashes after editing a struct). Clean builds were
// never affected.
let model: [Target.Dependency] = ["NetPrimitives", "Diagnostics", "NetworkModel"]
let simulation: [Target.Dependency] = model + ["RoutingPolicy", "Simulation"]
let everything: [Target.Dependency] = simulation + ["Analysis", "Rendering", "Lint", "Reporting", "ConfigParsers", "TopologyLoader", "Pipeline"]

let package = Package(
    name: "routesim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "routesim", targets: ["routesim"]),
        .library(name: "RouteSimKit", targets: ["Pipeline", "NetworkModel", "Simulation", "Analysis", "Rendering", "TopologyLoader"]),
    ],
    traits: [
        .trait(name: "Graphviz", description: "Render SVG/PNG/PDF in-process through libgvc. Needs: apt-get install -y libgraphviz-dev"),
        .default(enabledTraits: ["Graphviz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        .target(name: "NetPrimitives"),
        .target(name: "Diagnostics"),
        .target(name: "NetworkModel", dependencies: ["NetPrimitives", "Diagnostics"]),
        .target(name: "TopologyLoader", dependencies: model + [.product(name: "Yams", package: "Yams")]),
        .target(name: "RoutingPolicy", dependencies: model),
        .target(name: "ConfigParsers", dependencies: model),
        .target(name: "Lint", dependencies: simulation + ["ConfigParsers", "Analysis"]),
        .target(name: "Simulation", dependencies: model + ["RoutingPolicy", .product(name: "HeapModule", package: "swift-collections")]),
        .target(name: "Analysis", dependencies: simulation),
        // Graphviz as a system library, linked only with the (default) trait; without it, `dot` or DOT text.
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        .target(name: "Rendering", dependencies: simulation + [
            "Analysis", .target(name: "CGraphviz", condition: .when(traits: ["Graphviz"])),
        ]),
        // The CI formats (SARIF, JUnit, annotations, Code Quality, Checkstyle), written from findings
        // whichever command found them; sees only Diagnostics.
        .target(name: "Reporting", dependencies: ["Diagnostics"]),
        .target(name: "Pipeline", dependencies: simulation + ["TopologyLoader", "ConfigParsers", "Lint", "Analysis", "Rendering", "Reporting"]),
        // One C call the CLI makes at start (the C allocator's trim threshold).
        .target(name: "CAllocatorTuning"),
        .executableTarget(name: "routesim", dependencies: everything + ["CAllocatorTuning", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Helpers several test targets share (scaling measurements).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NetPrimitivesTests", dependencies: ["NetPrimitives"]),
        .testTarget(name: "TopologyLoaderTests", dependencies: everything + ["TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SimulationTests", dependencies: everything, exclude: ["Fixtures"]),
        .testTarget(name: "ScenarioTests", dependencies: everything + ["Yams"]),
        .testTarget(name: "AnalysisTests", dependencies: everything + ["TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: everything + ["TestSupport"]),
        .testTarget(name: "ConfigParsersTests", dependencies: model + ["ConfigParsers", "TestSupport"]),
        .testTarget(name: "LintTests", dependencies: simulation + ["Lint", "ConfigParsers", "Analysis", "Reporting", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "RenderingTests", dependencies: everything, exclude: ["Snapshots", "Fixtures"]),
    ]
)

// libFuzzer harnesses (Fuzz/, docs/fuzzing.md), only when ROUTESIM_FUZZ is set: they have no
// `main` of their own (libFuzzer's links with `--sanitize=fuzzer`), so a plain `swift build`
// must not see them. `make fuzz` builds them.
if Context.environment["ROUTESIM_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", dependencies: everything, path: "Fuzz/FuzzDriver"))
    for harness in ["fuzz-topology", "fuzz-config-ios", "fuzz-config-eos", "fuzz-config-frr", "fuzz-config-junos",
                    "fuzz-lint-settings", "fuzz-aspath", "fuzz-lint"] {
        package.targets.append(.executableTarget(name: harness, dependencies: everything + ["FuzzDriver"], path: "Fuzz/\(harness)"))
    }
}
