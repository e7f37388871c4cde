import CoreMetrics
import Foundation
import Hummingbird
import Prometheus
import Synchronization

/// Metrics of a long-running process (`serve`, `slave`) in the Prometheus text format, through
/// swift-metrics with swift-prometheus as its backend. Event counters use the swift-metrics API
/// (`Counter(label:dimensions:)`, Hummingbird's `MetricsMiddleware`); figures that are state, not
/// events (grades, spool depth, the Modbus server's counters), are read by collectors at scrape time.
public final class Telemetry: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory
    private let collectors = Mutex<[@Sendable () async -> Void]>([])
    private let totals = Mutex<[String: Int64]>([:])

    public init() {
        registry = PrometheusCollectorRegistry()
        factory = PrometheusMetricsFactory(registry: registry)
    }

    /// Makes this the process's swift-metrics backend (once per process: the CLI calls it).
    public func bootstrapGlobally() { MetricsSystem.bootstrap(factory) }

    /// Runs `collect` before every scrape (to set gauges and counters from a snapshot).
    public func addCollector(_ collect: @escaping @Sendable () async -> Void) {
        collectors.withLock { $0.append(collect) }
    }

    public func gauge(_ name: String, _ labels: [(String, String)] = [], help: String) -> Prometheus.Gauge {
        registry.makeGauge(name: name, labels: labels, help: help)
    }

    /// Sets a counter to a running total read from elsewhere (counters only grow: the difference is added).
    public func total(_ name: String, _ labels: [(String, String)] = [], help: String, to value: Int) {
        let counter = registry.makeCounter(name: name, labels: labels, help: help)
        let key = name + labels.map { "|\($0.0)=\($0.1)" }.joined()
        let delta = totals.withLock { seen -> Int64 in
            let before = seen[key] ?? 0
            seen[key] = max(before, Int64(value))
            return max(0, Int64(value) - before)
        }
        if delta > 0 { counter.increment(by: delta) }
    }

    /// The exposition text (collectors run first).
    public func exposition() async -> String {
        for collect in collectors.withLock({ $0 }) { await collect() }
        return registry.emitToString()
    }

    /// `GET /metrics` on an existing router.
    public func addRoute<Context: RequestContext>(to router: Router<Context>) {
        router.get("/metrics") { _, _ -> Response in
            let text = await self.exposition()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// Serves `GET /metrics` alone on host:port until cancelled (`slave --metrics`).
    public func serve(host: String, port: Int, onListening: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router()
        addRoute(to: router)
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) })
        try await app.runService(gracefulShutdownSignals: [])
    }
}
