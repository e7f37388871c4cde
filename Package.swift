// swift-tools-version: 6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Tundish",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tundish", targets: ["tundish"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
    ],
    targets: [
        // Pure core: no I/O, no wall clock, no global randomness (enforced by TidyTests).
        .target(name: "SimCore", swiftSettings: swiftSettings),
        // Pure: the one config reader — positions, `Diagnostic`, the position-tracking YAML tree, the
        // typed scalar and mapping readers, `ConfigFileKind` — for every loader (scenario, plant, rules,
        // target, profile).
        .target(name: "ConfigText", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings),
        .target(name: "PlantModel", dependencies: ["SimCore"], swiftSettings: swiftSettings),
        .target(
            name: "Scenario",
            dependencies: [
                "SimCore", "ConfigText", "PlantModel", "ModbusMap", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .target(name: "Simulation", dependencies: ["SimCore", "PlantModel", "Scenario", "ModbusMap"], swiftSettings: swiftSettings),
        // Pure: the reference platform's core (alarms, lifecycle, risk grading). Sees plant data only,
        // never scenario expectations, so it depends on neither Scenario nor Simulation.
        .target(
            name: "Reference",
            dependencies: ["SimCore", "PlantModel", "ConfigText"],
            swiftSettings: swiftSettings),
        .target(name: "ModbusMap", dependencies: ["SimCore", "PlantModel"], swiftSettings: swiftSettings),
        // Pure: the checker (expectations × history → verdicts), alarm-quality figures, plot series.
        .target(name: "Conformance", dependencies: ["SimCore", "PlantModel", "Scenario"], swiftSettings: swiftSettings),
        // Pure: JUnit XML, JSON, self-contained HTML with SVG timelines, the terminal summary.
        .target(name: "Reports", dependencies: ["Conformance", "SimCore"], swiftSettings: swiftSettings),
        // Pure: the default HTTP uplink profile (payloads both the gateway and the platform use).
        .target(name: "UplinkProfile", dependencies: ["SimCore", "PlantModel"], swiftSettings: swiftSettings),
        // Pure: the enterprise gateway's batching, plant-side alarms and heartbeats.
        .target(name: "Gateway", dependencies: ["SimCore", "PlantModel", "UplinkProfile"], swiftSettings: swiftSettings),
        // Pure: the SM4-CBC envelope (through libcrypto) and profile files (field names, endpoints, auth).
        .target(
            name: "Envelope",
            dependencies: ["COpenSSL", "UplinkProfile", "SimCore", "ConfigText"],
            swiftSettings: swiftSettings),
        .target(
            name: "ModbusServer", dependencies: ["CModbus", "CLinux", "ModbusMap", "SimCore", "PlantModel"],
            swiftSettings: swiftSettings),

        // System libraries (Debian: libmodbus-dev, libssl-dev).
        .systemLibrary(name: "CModbus", pkgConfig: "libmodbus", providers: [.apt(["libmodbus-dev"])]),
        .systemLibrary(name: "CLinux"),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Edge: Prometheus `/metrics` for `serve` and `slave` (swift-metrics with swift-prometheus).
        .target(
            name: "Telemetry",
            dependencies: [
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),

        // Edge: the reference platform as a service (HTTP API, SQLite storage, Modbus poller, webhooks).
        .target(
            name: "ReferenceServer",
            dependencies: [
                "Reference", "UplinkProfile", "Envelope", "ModbusMap", "ModbusServer", "PlantModel", "SimCore", "Telemetry",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/openapi.yaml")],
            swiftSettings: swiftSettings),

        // Edge: the gateway's HTTP client — spool, delivery, network faults.
        .target(
            name: "Uplink",
            dependencies: [
                "Gateway", "UplinkProfile", "Scenario", "Simulation", "PlantModel", "SimCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),

        // Edge: how to read a target's alarms and grades (webhook receiver, HTTP polling with field mapping, JSONL file).
        .target(
            name: "Observers",
            dependencies: [
                "Conformance", "ConfigText", "Scenario", "SimCore", .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),

        // Edge: wiring the engine to live transports and wall time.
        .target(
            name: "Harness",
            dependencies: [
                "Simulation", "SimCore", "ModbusMap", "Scenario", "Reference", "Conformance", "PlantModel",
            ],
            swiftSettings: swiftSettings),

        // Edge: a scenario on wall time against a live target (uplink, Modbus slaves, observers),
        // assembled into the same history and result the lockstep path gives.
        .target(
            name: "LiveHarness",
            dependencies: [
                "Harness", "Uplink", "Observers", "Conformance", "Simulation", "Scenario", "SimCore", "PlantModel",
                "Envelope", "ModbusServer", "ModbusMap", "Reference", "ReferenceServer", "UplinkProfile",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings),

        // Edge: what the CLI and the benchmarks share (stderr, the CLI's error type, folders, rules files).
        .target(
            name: "CLISupport",
            dependencies: ["Conformance", "LiveHarness", "Reference", "Scenario", "SimCore"],
            swiftSettings: swiftSettings),

        // Edge: `tundish bench …` (benchmarks and the loader fuzzer), registered by the CLI.
        .target(
            name: "Bench",
            dependencies: [
                "CLISupport", "Conformance", "Harness", "LiveHarness", "ModbusServer", "PlantModel", "Reference",
                "Scenario", "SimCore", "Simulation", "Uplink", "UplinkProfile",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        // Edge: the thin CLI (argument parsing and file writing).
        .executableTarget(
            name: "tundish",
            dependencies: [
                "SimCore", "PlantModel", "Scenario", "Simulation", "ModbusMap", "ModbusServer", "Harness",
                "Reference", "ReferenceServer", "UplinkProfile", "Uplink", "Envelope", "Conformance", "Reports",
                "Observers", "LiveHarness", "Telemetry", "CLISupport", "Bench", "ConfigText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        .testTarget(name: "SimCoreTests", dependencies: ["SimCore"]),
        .testTarget(name: "ConfigTextTests", dependencies: ["ConfigText"]),
        .testTarget(name: "PlantModelTests", dependencies: ["PlantModel", "SimCore"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "PlantModel", "SimCore"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Scenario", "PlantModel", "SimCore"]),
        .testTarget(
            name: "ReferenceTests", dependencies: ["Reference", "PlantModel", "SimCore", "Simulation", "Scenario"]),
        .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "Scenario", "SimCore"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Conformance", "SimCore"], exclude: ["Fixtures"]),
        .testTarget(
            name: "HarnessTests",
            dependencies: ["Harness", "Conformance", "Reference", "Scenario", "Simulation", "PlantModel", "SimCore"]),
        .testTarget(name: "CModbusTests", dependencies: ["CModbus"]),
        .testTarget(name: "ModbusMapTests", dependencies: ["ModbusMap", "PlantModel"]),
        .testTarget(name: "GatewayTests", dependencies: ["Gateway", "UplinkProfile", "PlantModel", "SimCore"]),
        .testTarget(
            name: "UplinkTests",
            dependencies: [
                "Uplink", "Gateway", "UplinkProfile", "Scenario", "Simulation", "PlantModel", "SimCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .testTarget(
            name: "UplinkProfileTests", dependencies: ["UplinkProfile", "PlantModel", "SimCore"],
            exclude: ["validate_schema.py"]),
        .testTarget(name: "EnvelopeTests", dependencies: ["Envelope", "UplinkProfile", "PlantModel", "SimCore"]),
        .testTarget(
            name: "ReferenceServerTests",
            dependencies: [
                "ReferenceServer", "Reference", "UplinkProfile", "Envelope", "PlantModel", "SimCore", "ModbusMap", "ModbusServer",
                "Scenario", .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(name: "ModbusServerTests", dependencies: ["ModbusServer", "ModbusMap", "PlantModel", "SimCore"]),
        .testTarget(
            name: "ObserversTests",
            dependencies: [
                "Observers", "Conformance", "Scenario", "SimCore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                "ReferenceServer", "Reference", "PlantModel",
            ]),
        .testTarget(
            name: "LiveHarnessTests",
            dependencies: [
                "LiveHarness", "Uplink", "Conformance", "Scenario", "SimCore", "ModbusServer", "ModbusMap", "PlantModel",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .testTarget(name: "TidyTests", dependencies: []),
        .testTarget(name: "TundishCLITests", dependencies: ["tundish"]),
    ]
)
