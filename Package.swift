// swift-tools-version:6.1
import PackageDescription

// Stages are modules and data flows one way (see docs/architecture.md):
// NetPrimitives/Diagnostics -> NetworkModel -> TopologyLoader | RoutingPolicy -> Simulation -> Analysis -> Rendering -> Pipeline -> routesim
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
        .target(name: "TopologyLoader", dependencies: [
            "NetworkModel", .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "RoutingPolicy", dependencies: ["NetworkModel"]),
        .target(name: "ConfigParsers", dependencies: ["NetworkModel"]),
        .target(name: "Lint", dependencies: ["ConfigParsers", "Analysis", "RoutingPolicy", "NetworkModel"]),
        .target(name: "Simulation", dependencies: [
            "NetworkModel", "RoutingPolicy",
            .product(name: "HeapModule", package: "swift-collections"),
        ]),
        .target(name: "Analysis", dependencies: ["Simulation"]),
        // Graphviz as a system library, linked only with the (default) trait; without it, `dot` or DOT text.
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        .target(name: "Rendering", dependencies: [
            "Analysis", .target(name: "CGraphviz", condition: .when(traits: ["Graphviz"])),
        ]),
        .target(name: "Pipeline", dependencies: ["TopologyLoader", "ConfigParsers", "Lint", "Simulation", "Analysis", "Rendering"]),
        .executableTarget(name: "routesim", dependencies: [
            "Pipeline", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "NetPrimitivesTests", dependencies: ["NetPrimitives"]),
        .testTarget(name: "TopologyLoaderTests", dependencies: ["TopologyLoader", "Pipeline"], exclude: ["Fixtures"]),
        .testTarget(name: "SimulationTests", dependencies: ["Pipeline", "Simulation", "TopologyLoader"], exclude: ["Fixtures"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Pipeline", "Yams"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Pipeline", "Analysis"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["Pipeline"]),
        .testTarget(name: "ConfigParsersTests", dependencies: ["ConfigParsers"]),
        .testTarget(name: "LintTests", dependencies: ["Lint", "ConfigParsers", "NetPrimitives"], exclude: ["Snapshots"]),
        .testTarget(name: "RenderingTests", dependencies: ["Pipeline", "Rendering"], exclude: ["Snapshots", "Fixtures"]),
    ]
)
