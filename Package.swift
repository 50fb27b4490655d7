// swift-tools-version: 6.1
import Foundation
import PackageDescription

// The server (Hummingbird, GRDB, PostgresNIO) is part of every normal build. `NEST_WITHOUT_SERVER=1` leaves
// it out. `NEST_ENGINE_ONLY=1` goes further and keeps only the engine, what it is built on and
// its tests (CI's ThreadSanitizer run): building the readers' consumers, the renderer, the
// command and the HTTP and database stack again under the sanitizer would only cost time.
let environment = ProcessInfo.processInfo.environment
let engineOnly = environment["NEST_ENGINE_ONLY"] != nil
let withServer = environment["NEST_WITHOUT_SERVER"] == nil && !engineOnly

let package = Package(
    name: "nest",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nest", targets: ["nest"]),
        .library(name: "NestEngine", targets: ["NestEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // C shims: the only places that see the C headers.
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Value types and the GEOS wrapper. Only this module imports GEOS.
        .target(name: "NestGeometry", dependencies: ["CGEOS"]),
        // The native collision engine for the inner loop.
        .target(name: "NestCollision", dependencies: ["NestGeometry"]),
        // Patterns, stock, orders, layouts: the problem and its solution.
        .target(name: "NestModel", dependencies: ["NestGeometry"]),
        // Placement and verification; knows nothing of files or Cairo.
        .target(name: "NestEngine", dependencies: ["NestGeometry", "NestCollision", "NestModel"]),
        // Cut order, entry points, leads, common lines, machine profiles: the sheets' toolpaths.
        .target(name: "NestToolpath", dependencies: ["NestGeometry", "NestModel"]),
        // Input formats: job, pattern, hide, roll and machine files, DXF and SVG import, `nest check`.
        .target(name: "NestIO", dependencies: ["NestGeometry", "NestModel", "CZlib"]),
        // Output formats: report.json, HPGL, G-code and toolpath DXF, and the one output transaction
        // (atomic files, the output folder swapped whole).
        .target(name: "NestOutput", dependencies: ["NestGeometry", "NestModel", "NestToolpath", "NestIO"]),
        // Cut sheets: PDF through Cairo, SVG written from the same scene. Only this module imports Cairo.
        .target(name: "NestRender", dependencies: ["NestGeometry", "NestModel", "NestToolpath", "CCairo"]),
        // The pipeline a run goes through: read, nest, verify, then write every output.
        .target(name: "NestApp", dependencies: ["NestGeometry", "NestModel", "NestEngine", "NestToolpath", "NestIO", "NestOutput",
                                                "NestRender"]),
        // The command: parse the arguments, run the pipeline, report.
        .executableTarget(
            name: "nest",
            dependencies: [
                "NestApp", "NestEngine", "NestIO", "NestOutput", "NestRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Benchmarks, outside the tests: `swift run -c release nest-bench`, `toolpath-bench`.
        .executableTarget(
            name: "nest-bench", dependencies: ["NestGeometry", "NestCollision", "NestModel", "NestIO"],
            path: "Benchmarks/NestBench"),
        .executableTarget(name: "toolpath-bench", dependencies: ["NestGeometry", "NestModel", "NestToolpath"],
                          path: "Benchmarks/toolpath/ToolpathBench"),
        // Scaling benchmark, outside the tests: `.build/release/nest-scale` (see its header).
        .executableTarget(
            name: "nest-scale", dependencies: ["NestGeometry", "NestModel", "NestEngine", "NestIO", "NestRender"],
            path: "Benchmarks/ScaleBench"),

        .testTarget(name: "NestGeometryTests", dependencies: ["NestGeometry"]),
        .testTarget(name: "NestCollisionTests", dependencies: ["NestGeometry", "NestCollision"]),
        .testTarget(name: "NestEngineTests", dependencies: ["NestGeometry", "NestModel", "NestEngine", "NestIO"],
                    exclude: ["yield-baseline.json", "Fixtures"]),
        .testTarget(name: "NestIOTests", dependencies: ["NestGeometry", "NestModel", "NestIO", "NestEngine"], exclude: ["Files"]),
        .testTarget(name: "NestOutputTests", dependencies: ["NestGeometry", "NestModel", "NestIO", "NestOutput"]),
        .testTarget(name: "NestToolpathTests", dependencies: ["NestGeometry", "NestModel", "NestToolpath", "NestIO", "NestOutput"]),
        .testTarget(
            name: "NestEndToEndTests",
            dependencies: ["NestGeometry", "NestModel", "NestEngine", "NestToolpath", "NestIO", "NestOutput", "NestRender", "NestApp",
                           "nest"]),
    ]
)

if withServer {
    package.dependencies += [
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ]
    // The nesting server: the job queue in a database (SQLite or PostgreSQL), the workers, the HTTP API.
    package.targets.append(.target(name: "NestServer", dependencies: [
        "NestApp", "NestEngine", "NestIO", "NestModel", "NestGeometry",
        .product(name: "Hummingbird", package: "hummingbird"), .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
    ]))
    package.targets.first { $0.name == "nest" }!.dependencies.append("NestServer")
    package.targets.append(.testTarget(name: "NestServerTests", dependencies: ["NestServer", "NestModel", "NestIO"]))
}

// libFuzzer targets, only when asked for (`Fuzz/run.sh` sets NEST_FUZZ=1): built with
// -sanitize=fuzzer, which supplies `main`, so they cannot be part of a normal build.
if ProcessInfo.processInfo.environment["NEST_FUZZ"] != nil {
    package.targets.append(.executableTarget(
        name: "nest-fuzz", dependencies: ["NestGeometry", "NestIO"], path: "Fuzz", exclude: ["run.sh"],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}

if engineOnly {
    let kept: Set<String> = ["CGEOS", "CZlib", "NestGeometry", "NestCollision", "NestModel", "NestIO", "NestEngine",
                             "NestCollisionTests", "NestEngineTests"]
    package.targets.removeAll { !kept.contains($0.name) }
    package.products = [.library(name: "NestEngine", targets: ["NestEngine"])]
    package.dependencies = []
}
