import Envelope
import Foundation
import Hummingbird
import Logging
import ModbusMap
import NIOCore
import PlantModel
import Reference
import SimCore
import Telemetry

/// The reference platform as a running service: HTTP API, storage, Modbus pollers, a clock
/// ticking the core once a second, and webhook delivery.
public struct ReferenceService: Sendable {
    public struct Poll: Sendable {
        public var plant: PlantConfig
        public var layout: ModbusLayout
        public var host: String
        public var port: UInt16
        public init(plant: PlantConfig, layout: ModbusLayout, host: String, port: UInt16) {
            self.plant = plant; self.layout = layout; self.host = host; self.port = port
        }
    }

    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// SQLite file; nil keeps everything in memory.
        public var databasePath: String?
        public var rules = ReferenceRules.defaults
        /// Enterprises known from plant files (polled or not).
        public var plants: [PlantConfig] = []
        public var polls: [Poll] = []
        public var pollIntervalMs = 1000
        public var tickMs = 1000
        public var token: String?
        public var bodyLimit = 4 << 20
        public var openAPI: Data?
        /// SM4 envelope credentials the uplink accepts (none: plain bodies only).
        public var credentials: [EnvelopeCredentials] = []
        public var version = "0"
        /// The service's log level (an embedded platform inside `tundish run` keeps quiet).
        public var logLevel: Logger.Level = .info
        /// Serves `GET /metrics` (Prometheus text) when set.
        public var telemetry: Telemetry?
        /// Where pollers' changes of state go, one line each (nil: the service's logger).
        public var log: (@Sendable (String) -> Void)?
        public init() {}
    }

    public let configuration: Configuration
    public init(configuration: Configuration) { self.configuration = configuration }

    static func nowMs() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    /// Runs until the process is interrupted (SIGINT/SIGTERM). `onListening` receives the bound port.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        var configuredLogger = Logger(label: "tundish.serve")
        configuredLogger.logLevel = configuration.logLevel
        let logger = configuredLogger
        let store = try PlatformStore(path: configuration.databasePath)
        var known = configuration.plants
        for poll in configuration.polls where !known.contains(where: { $0.enterprise.code == poll.plant.enterprise.code }) {
            known.append(poll.plant)
        }
        let platform = try Platform(plants: known, rules: configuration.rules, store: store, startMs: Self.nowMs())
        let (batches, feed) = AsyncStream.makeStream(of: [ReferenceSample].self)
        let log = configuration.log ?? { logger.notice("\($0)") }
        let pollers = try configuration.polls.map { poll in
            try ModbusPoller(
                plant: Plant(config: poll.plant), layout: poll.layout, host: poll.host, port: poll.port,
                intervalMs: configuration.pollIntervalMs, log: log
            ) { feed.yield($0) }
        }
        let routes = APIRoutes(
            platform: platform, token: configuration.token, bodyLimit: configuration.bodyLimit,
            version: configuration.version, openAPI: configuration.openAPI, credentials: configuration.credentials,
            pollers: { pollers.map(\.status) })
        let router = routes.router(metrics: configuration.telemetry != nil)
        if let telemetry = configuration.telemetry {
            telemetry.addRoute(to: router)
            PlatformMetrics.register(platform, on: telemetry)
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        pollers.forEach { $0.start() }
        defer { pollers.forEach { $0.stop() } }
        let tickMs = configuration.tickMs
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            group.addTask {
                for await batch in batches { try? await platform.ingest(batch) }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .milliseconds(tickMs))
                    try? await platform.tick(wallMs: Self.nowMs())
                }
            }
            let dispatcher = WebhookDispatcher(platform: platform, logger: logger)
            group.addTask { await dispatcher.run() }
            try await group.next()
            group.cancelAll()
        }
    }
}
