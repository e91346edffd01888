// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "assay", targets: ["assay"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // Only for the CSV benchmark's comparison (assay-csv-bench); the kernel does not use it.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The Spark Connect client: gRPC over HTTP/2 with protobuf messages.
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        // The MLflow REST client: HTTP/1.1 and TLS over the SwiftNIO the Spark client brings.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // libzmq from Debian's libzmq3-dev, seen through a module map.
        // No pkgConfig: Debian's libzmq.pc adds -isystem flags SwiftPM refuses with a warning,
        // and the headers and library are on the default paths.
        .systemLibrary(name: "CZmq", providers: [.apt(["libzmq3-dev"])]),
        // A thin Swift face over libzmq: context, sockets, multipart messages, poll, proxy.
        .target(name: "ZeroMQ", dependencies: ["CZmq"]),
        // SQLite from Debian's libsqlite3-dev, seen through a module map (as CZmq is).
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // The protocol's model and the interpreter seam; no sockets, no language.
        .target(name: "JupyterKernel"),
        // The kernel process: connection file, signing, sockets, threads, output capture.
        .target(
            name: "JupyterServer",
            dependencies: [
                "JupyterKernel", "ZeroMQ",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Lexer, parser, AST, diagnostics, completion and docs of the Assay language.
        .target(name: "AssayLanguage"),
        // Columnar datasets, CSV, row expressions, data operations.
        .target(
            name: "AssayFrame",
            exclude: ["Samples/data/SOURCES.md"],
            // Sample datasets compiled into the binary: no bundle lookup at run time.
            resources: ["iris", "wine", "breast_cancer", "diabetes", "penguins", "titanic"].map {
                .embedInCode("Samples/data/\($0).csv")
            }
        ),
        // Arrow IPC streams to and from datasets (Spark Connect results and uploads).
        .target(name: "ArrowIPC", dependencies: ["AssayFrame"]),
        // Stages, models, pipelines, metrics, validation, tuning, SHAP.
        .target(name: "AssayLearn", dependencies: ["AssayFrame"]),
        // Experiments and runs: the embedded SQLite store and the MLflow REST client.
        .target(
            name: "AssayTracking",
            dependencies: ["CSQLite", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        // Values to MIME bundles: text/plain, text/html, image/svg+xml.
        .target(name: "AssayRender", dependencies: ["AssayLanguage", "AssayFrame"]),
        // A Spark Connect client: sessions, plans, reattachable execution, typed errors.
        // Depends on no other Assay module. Protos/ holds the .proto sources of Generated/
        // (scripts/generate-spark-protos.sh).
        .target(
            name: "SparkConnect",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["Protos"]
        ),
        // The Assay interpreter behind the Jupyter interface: a Session.
        .target(
            name: "AssayKernel",
            dependencies: ["AssayLanguage", "AssayFrame", "AssayLearn", "AssayRender", "AssayTracking", "JupyterKernel", "ArrowIPC", "SparkConnect"]),
        .executableTarget(
            name: "assay",
            dependencies: [
                "AssayKernel", "JupyterServer", "JupyterKernel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["kernelspec/kernel.json"],
            // `kernelspec` links to the top-level kernelspec/ folder.
            resources: [
                .embedInCode("kernelspec/logo-32x32.png"),
                .embedInCode("kernelspec/logo-64x64.png"),
                .embedInCode("kernelspec/logo-svg.svg"),
            ]
        ),
        // Times CSV loading (CSVReader against CSV.swift) for bench/csv_load.py; not a test.
        .executableTarget(
            name: "assay-csv-bench",
            dependencies: ["AssayFrame", .product(name: "CSV", package: "CSV.swift")]
        ),
        // Times tree fits and predictions on a CSV for bench/learn_trees.py.
        .executableTarget(name: "assay-learn-bench", dependencies: ["AssayLearn", "AssayFrame"]),
        // Fits and explains tree models for bench/shap_crosscheck.py (agreement with shap, speed).
        .executableTarget(name: "assay-shap-bench", dependencies: ["AssayLearn", "AssayFrame"]),
        // Runs the searchers on standard test functions for bench/tpe.py.
        .executableTarget(name: "assay-tpe-bench", dependencies: ["AssayLearn"]),
        // Times the SQLite store for bench/tracking.py.
        .executableTarget(name: "assay-tracking-bench", dependencies: ["AssayTracking"]),
        // Times Arrow stream decoding from memory for bench/arrow_decode.py.
        .executableTarget(name: "assay-arrow-bench", dependencies: ["ArrowIPC", "AssayFrame"]),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "JupyterKernelTests", dependencies: ["JupyterKernel"]),
        .testTarget(name: "JupyterServerTests", dependencies: ["JupyterServer", "JupyterKernel"]),
        .testTarget(name: "AssayLanguageTests", dependencies: ["AssayLanguage"]),
        .testTarget(name: "AssayFrameTests", dependencies: ["AssayFrame"]),
        .testTarget(name: "AssayRenderTests", dependencies: ["AssayRender", "AssayFrame"]),
        // Fixtures/ holds saved model files the tests read from the source tree.
        .testTarget(name: "AssayLearnTests", dependencies: ["AssayLearn", "AssayFrame"], exclude: ["Fixtures"]),
        .testTarget(
            name: "AssayKernelTests",
            dependencies: [
                "AssayKernel", "AssayFrame", "AssayLanguage", "AssayLearn", "AssayRender", "AssayTracking", "JupyterKernel", "SparkConnect",
            ]),
        .testTarget(name: "AssayTrackingTests", dependencies: ["AssayTracking"]),
        .testTarget(name: "SparkConnectTests", dependencies: ["SparkConnect"]),
        // Fixtures/ holds pyarrow-written streams and their expected values, read from the source tree.
        .testTarget(name: "ArrowIPCTests", dependencies: ["ArrowIPC", "AssayFrame"], exclude: ["Fixtures"]),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
