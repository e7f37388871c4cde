import Foundation
import Hummingbird
import Logging
import PlantModel
import Scenario
import Simulation
import Uplink

/// An in-process target that counts what arrives; it can answer 503 (down) or 400 on demand.
actor SinkState {
    struct Received: Sendable { var path: String; var batchId: String; var readings: Int; var times: [Int64] }
    var received: [Received] = []
    var failNext = 0
    var rejectAll = false
    func setFailNext(_ n: Int) { failNext = n }
    func setRejectAll(_ on: Bool) { rejectAll = on }
    func take(path: String, body: Data) -> HTTPResponse.Status {
        if rejectAll { return .badRequest }
        if failNext > 0 { failNext -= 1; return .serviceUnavailable }
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        let datas = object["datas"] as? [[String: Any]] ?? []
        received.append(Received(path: path, batchId: object["batchId"] as? String ?? "", readings: datas.count,
                                 times: datas.compactMap { $0["time"] as? Int64 }))
        return .ok
    }
    func all() -> [Received] { received }
}

enum Sink {
    /// Runs `body` with a live sink on a free port.
    static func with(_ state: SinkState, _ body: @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.post("uplink/v1/:kind") { request, context -> HTTPResponse.Status in
            var request = request
            let buffer = try await request.collectBody(upTo: 64 << 20)
            return await state.take(path: "/uplink/v1/" + (context.parameters.get("kind") ?? ""), body: Data(buffer.readableBytesView))
        }
        let (ports, feed) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "sink")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { feed.yield($0.localAddress?.port ?? 0) }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            try await body(port)
            group.cancelAll()
        }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Files: SourceReader {
        func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    }

    /// Runs a shipped scenario (lockstep, no wall clock) through the uplink pipeline into `spool`.
    static func spoolScenario(_ path: String, into spool: Spool) throws -> (queued: Int, samples: Int) {
        let loaded = try ScenarioLoader(reader: Files()).loadScenario(path: root.appendingPathComponent(path).path)
        var engine = Engine(scenario: loaded)
        var pipeline = UplinkPipeline(
            plants: engine.plants, equipment: [], epochUnixMs: loaded.spec.epochUnixMs, spool: spool,
            network: loaded.networkFaults)
        struct Counting: TraceSink {
            var pipeline: UplinkPipeline
            var samples = 0
            mutating func record(_ sample: Sample) { samples += 1; pipeline.record(sample) }
            mutating func record(_ event: EngineEvent) {}
        }
        var sink = Counting(pipeline: pipeline)
        engine.run(into: &sink)
        sink.pipeline.finish(at: engine.now)
        pipeline = sink.pipeline
        return (pipeline.queued, sink.samples)
    }

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tundish-spool-\(UUID().uuidString)").path
    }
}
