import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PlantModel
import Uplink
import UplinkProfile

struct BenchUplinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uplink",
        abstract: "Push readings of N points every interval through the spool and the sender to a loopback sink.",
        discussion: """
            Points are spread over enterprises of --points-per-enterprise each (one readings batch per enterprise and
            interval, like one gateway each). Batches are encoded, appended to the synced spool, and delivered in order
            by the sender to an in-process HTTP sink on 127.0.0.1 that counts the readings it receives. Reports
            readings/s delivered, batch latency (spooled → received) and the process's peak RSS.
            """)

    @Option(help: "Points in all.") var points: Int = 440_000
    @Option(help: "Points per enterprise (per gateway).") var pointsPerEnterprise: Int = 440
    @Option(help: "Reading interval of every point, e.g. 10s.") var interval: String = "10s"
    @Option(help: "How long to generate load (seconds of wall time).") var seconds: Double = 30

    func run() async throws {
        guard let period = SimDurationText.seconds(interval) else { throw ValidationError("--interval expects e.g. 10s") }
        let spoolDir = FileManager.default.temporaryDirectory.appendingPathComponent("tundish-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: spoolDir) }
        let spool = try Spool(directory: spoolDir, limitBytes: 8 << 30)
        let tracker = LatencyTracker()
        let counter = SinkCounter(tracker: tracker)
        let (port, app) = try await BenchSink.start(counter: counter)
        var config = UplinkSender.Configuration(baseURL: "http://127.0.0.1:\(port)")
        config.timeoutMs = 30_000
        var quiet = Logger(label: "bench")
        quiet.logLevel = .error
        let sender = UplinkSender(spool: spool, configuration: config, logger: quiet)
        let senderTask = Task { await sender.run() }
        let enterprises = max(1, points / pointsPerEnterprise)
        print("bench uplink: \(points) points (\(enterprises) gateways × \(pointsPerEnterprise)) every \(interval) for \(Int(seconds)) s")
        let started = Date()
        let generated = try await LoadGenerator(
            enterprises: enterprises, pointsPerEnterprise: pointsPerEnterprise, periodS: period, spool: spool, tracker: tracker
        ).run(seconds: seconds)
        _ = await sender.drain(timeout: .seconds(600))
        let elapsed = Date().timeIntervalSince(started)
        senderTask.cancel()
        app.cancel()
        let received = await counter.readings
        let latencies = tracker.latencies.sorted()
        let p = { (q: Double) in latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * q))] }
        print(String(format: "  readings generated   %d (%.0f/s offered)", generated, Double(generated) / seconds))
        print(String(format: "  readings delivered   %d in %.1f s → %.0f readings/s", received, elapsed, Double(received) / elapsed))
        print(String(format: "  batch latency        p50 %.0f ms, p99 %.0f ms, max %.0f ms", p(0.5) * 1000, p(0.99) * 1000, (latencies.last ?? 0) * 1000))
        print("  peak RSS             \(BenchMemory.peakRSSMiB()) MiB")
    }
}

enum SimDurationText {
    static func seconds(_ text: String) -> Double? {
        guard text.hasSuffix("s"), let value = Double(text.dropLast()) else { return nil }
        return value
    }
}

/// Spooled-at times by batch id; the sink reports arrivals.
final class LatencyTracker: @unchecked Sendable {
    let lock = NSLock()
    var spooled: [String: Date] = [:]
    var latencies: [Double] { lock.withLock { measured } }
    private var measured: [Double] = []
    func spool(_ id: String) { lock.withLock { spooled[id] = Date() } }
    func arrived(_ id: String) {
        lock.withLock { if let at = spooled.removeValue(forKey: id) { measured.append(Date().timeIntervalSince(at)) } }
    }
}

actor SinkCounter {
    let tracker: LatencyTracker
    var readings = 0
    init(tracker: LatencyTracker) { self.tracker = tracker }
    func add(_ count: Int, batch: String) {
        readings += count
        tracker.arrived(batch)
    }
}

enum BenchSink {
    /// An HTTP sink on a free loopback port that counts readings (`"targetCode"` occurrences).
    static func start(counter: SinkCounter) async throws -> (Int, Task<Void, any Error>) {
        let router = Router()
        router.post("uplink/v1/:kind") { request, _ -> HTTPResponse.Status in
            var request = request
            let body = try await request.collectBody(upTo: 256 << 20)
            let bytes = Array(body.readableBytesView)
            await counter.add(Self.count(bytes), batch: Self.batchId(bytes))
            return .ok
        }
        var logger = Logger(label: "sink")
        logger.logLevel = .critical
        let (ports, feed) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { feed.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        return (await iterator.next() ?? 0, task)
    }

    static let needle = Array("\"targetCode\"".utf8)

    static func count(_ bytes: [UInt8]) -> Int {
        var found = 0, index = 0
        let first = needle[0]
        while index + needle.count <= bytes.count {
            if bytes[index] == first && Array(bytes[index..<(index + needle.count)]) == needle {
                found += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }

    static func batchId(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(200), as: UTF8.self)
        guard let range = text.range(of: #""batchId":"[^"]*""#, options: .regularExpression) else { return "" }
        return String(text[range].dropFirst(11).dropLast())
    }
}

/// Produces one readings batch per gateway and interval, spread evenly over the interval.
struct LoadGenerator {
    let enterprises: Int
    let pointsPerEnterprise: Int
    let periodS: Double
    let spool: Spool
    let tracker: LatencyTracker

    func run(seconds: Double) async throws -> Int {
        let codes = (0..<pointsPerEnterprise).map { "P\($0)" }
        let start = Date()
        var generated = 0
        var slot = 0
        let slotsPerPeriod = enterprises
        while Date().timeIntervalSince(start) < seconds {
            let due = Double(slot) * periodS / Double(slotsPerPeriod)
            let wait = due - Date().timeIntervalSince(start)
            if wait > 0 { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
            let enterprise = slot % enterprises
            let time = Int64(Date().timeIntervalSince1970 * 1000)
            let batch = ReadingsBatch(
                batchId: BatchId.make(gateway: "G\(enterprise)", sequence: UInt64(slot / enterprises)),
                companyCode: "E\(enterprise)", gatewayCode: "G\(enterprise)", collectTime: time,
                datas: codes.enumerated().map { ReadingsBatch.Reading(targetCode: $1, value: Double($0 % 97) * 0.5, time: time) })
            let body = String(decoding: try UplinkEncoder.encode(batch), as: UTF8.self)
            tracker.spool(batch.batchId)
            try spool.append(path: "/uplink/v1/readings", batchId: batch.batchId, body: body)
            generated += codes.count
            slot += 1
        }
        return generated
    }
}

enum BenchMemory {
    /// Current resident set (VmRSS) of this process, MiB.
    static func currentRSSMiB() -> Int { statusField("VmRSS:") }

    /// Peak resident set (VmHWM) of this process, MiB.
    static func peakRSSMiB() -> Int { statusField("VmHWM:") }

    static func statusField(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) })
        else { return -1 }
        let kb = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        return kb / 1024
    }
}
