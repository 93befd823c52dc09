// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ploton",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ploton", targets: ["ploton"]),
        .library(name: "PlotonKit", targets: ["PlotonKit"]),
        .library(name: "PlotonKitVapor", targets: ["PlotonKitVapor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", from: "0.12.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        // OTLP over HTTP/protobuf only: the gRPC exporter's packages would double the build.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Domain: planning, tools and sandboxes, crypto, rate limits. No Vapor, no Fluent.
        .target(
            name: "PlotonCore",
            dependencies: [
                "PlotonAPI",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/tools"), .copy("Resources/planner-eval")],
            swiftSettings: swiftSettings
        ),
        // Wire types shared by the server and the SDK (PlotonKit): objects, errors, JSON, key formats.
        // Depends on nothing of ours (docs/architecture.md).
        .target(
            name: "PlotonAPI",
            swiftSettings: swiftSettings
        ),
        // The Vapor application: HTTP, persistence, workers.
        .target(
            name: "PlotonServer",
            dependencies: [
                "PlotonCore",
                "PlotonAPI",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/openapi.json")],
            swiftSettings: swiftSettings
        ),
        // The Swift SDK: a typed async client, retries, pagination, the webhook verifier.
        .target(
            name: "PlotonKit",
            dependencies: [
                "PlotonAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // PlotonKit for Vapor receivers: a middleware and a Request helper that verify webhooks.
        .target(
            name: "PlotonKitVapor",
            dependencies: ["PlotonKit", .product(name: "Vapor", package: "vapor")],
            swiftSettings: swiftSettings
        ),
        // The `ploton` command line: server and administration commands, and client commands over PlotonKit.
        .target(
            name: "PlotonCLI",
            dependencies: [
                "PlotonCore",
                "PlotonKit",
                "PlotonAPI",
                "PlotonServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MCP", package: "swift-sdk"),
            ],
            swiftSettings: swiftSettings
        ),
        // A runnable example agent (Examples/ExampleAgent): PlotonKit plus a Vapor webhook receiver.
        .executableTarget(
            name: "example-agent",
            dependencies: ["PlotonKit", "PlotonKitVapor", .product(name: "Vapor", package: "vapor")],
            path: "Examples/ExampleAgent",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ploton",
            dependencies: ["PlotonCLI"],
            swiftSettings: swiftSettings
        ),
        // libFuzzer harness over the core's parsers (scripts/fuzz.sh); a plain build is its replayer.
        .executableTarget(
            name: "ploton-fuzz",
            dependencies: ["PlotonCore"],
            path: "Fuzz/PlotonFuzz",
            swiftSettings: swiftSettings
        ),
        // Shared by the test targets: databases, clocks, processes.
        .target(
            name: "PlotonTestSupport",
            dependencies: [
                "PlotonCore",
                "PlotonServer",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/PlotonTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlotonKitTests",
            dependencies: [
                "PlotonKit",
                "PlotonKitVapor",
                "PlotonAPI",
                "PlotonCore",
                "PlotonTestSupport",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlotonCoreTests",
            dependencies: ["PlotonCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlotonAPITests",
            dependencies: ["PlotonAPI", "PlotonCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlotonServerTests",
            dependencies: [
                "PlotonServer",
                "PlotonCore",
                "PlotonAPI",
                "PlotonTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "MCP", package: "swift-sdk"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlotonCLITests",
            dependencies: [
                "PlotonCLI",
                "PlotonServer",
                "PlotonCore",
                "PlotonAPI",
                "PlotonTestSupport",
                "ploton",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

var swiftSettings: [SwiftSetting] {
    [
        .enableUpcomingFeature("ExistentialAny")
    ]
}
