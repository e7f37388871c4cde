import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Scenario
import SimCore

/// Delivers spooled batches to the target, oldest first: 2xx acknowledges a batch; 4xx logs the
/// answer and gives the batch up (never retried forever); a timeout, a refused or reset connection
/// or 5xx keeps it and retries after a backoff with jitter drawn from the seeded generator. Network
/// faults of the scenario (outage, latency, resets, duplicates) apply at the current plant time.
public actor UplinkSender {
    public struct Configuration: Sendable {
        /// Base URL of the target, e.g. `http://127.0.0.1:8080`.
        public var baseURL: String
        /// `Authorization: Bearer <token>` when set.
        public var token: String?
        /// Extra headers on every request (e.g. an `appsecret` header).
        public var headers: [(String, String)] = []
        public var timeoutMs: Int64 = 5000
        public var backoffBaseMs: Double = 100
        public var backoffCapMs: Double = 5000
        public var seed: UInt64 = 1
        /// PEM file of the certificate authority to trust for https targets (default: the system's).
        public var caFile: String?
        public init(baseURL: String, token: String? = nil) { self.baseURL = baseURL; self.token = token }
    }

    public struct Statistics: Sendable, Equatable {
        public var delivered = 0
        public var rejected = 0
        public var retries = 0
        public var duplicatesSent = 0
        public var bytes = 0
    }

    public nonisolated let spool: Spool
    let configuration: Configuration
    let faults: @Sendable () -> [NetworkFault]
    /// Turns a spooled body into what goes on the wire (e.g. the SM4 envelope); identity by default.
    let prepare: @Sendable (String, String) throws -> (body: Data, headers: [(String, String)])
    var rng: SeededRandom
    var attempt = 0
    public private(set) var statistics = Statistics()
    let logger: Logger
    /// The shared client, or one of our own that trusts `caFile`.
    let client: HTTPClient
    let ownsClient: Bool

    public init(
        spool: Spool, configuration: Configuration, logger: Logger,
        faults: @escaping @Sendable () -> [NetworkFault] = { [] },
        prepare: @escaping @Sendable (String, String) throws -> (body: Data, headers: [(String, String)]) = {
            (Data($1.utf8), [])
        }
    ) {
        self.spool = spool; self.configuration = configuration; self.logger = logger; self.faults = faults
        self.prepare = prepare
        rng = SeededRandom(seed: configuration.seed).fork(label: "uplink/backoff")
        if let caFile = configuration.caFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(caFile)
            client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
            ownsClient = true
        } else {
            client = HTTPClient.shared
            ownsClient = false
        }
    }

    /// Releases a client of our own (call once the sender is done).
    public func shutdown() async {
        if ownsClient { try? await client.shutdown() }
    }

    enum Outcome { case delivered(Int), rejected(Int, String), retry(String) }

    /// Delivers until cancelled.
    public func run() async {
        while !Task.isCancelled {
            guard let entry = spool.first else {
                try? await Task.sleep(for: .milliseconds(20))
                continue
            }
            switch await send(entry) {
            case .delivered(let status):
                spool.acknowledge(entry)
                spool.ledger.settled(entry, kind: .delivered, status: status, attempts: attempt + 1, message: nil)
                statistics.delivered += 1
                attempt = 0
            case .rejected(let status, let body):
                if statistics.rejected < 3 || statistics.rejected % 100 == 99 {
                        let more = statistics.rejected == 2 ? " (further rejections: every 100th)" : ""
                    logger.error("uplink: \(entry.path) batch \(entry.batchId) rejected with \(status): \(body.prefix(300))\(more)")
                }
                spool.acknowledge(entry)
                spool.ledger.settled(entry, kind: .rejected, status: status, attempts: attempt + 1, message: body)
                statistics.rejected += 1
                attempt = 0
            case .retry(let reason):
                // Stopped mid-post: not a failure of the target.
                if Task.isCancelled { return }
                attempt += 1
                statistics.retries += 1
                spool.ledger.retried(entry, reason: reason)
                let delay = min(configuration.backoffCapMs, configuration.backoffBaseMs * pow(2, Double(min(attempt - 1, 16))))
                let jittered = delay / 2 + rng.nextUnit() * delay / 2
                if attempt == 1 || attempt % 20 == 0 {
                    logger.warning("uplink: \(reason); \(spool.count) batches spooled, retrying (attempt \(attempt))")
                }
                try? await Task.sleep(for: .milliseconds(Int64(jittered)))
            }
        }
    }

    /// Posts made so far for the batch at the head of the spool (failed attempts).
    public var attemptsOnHead: Int { attempt }

    /// Waits until the spool is empty (true) or the timeout passes (false).
    public func drain(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while spool.count > 0 {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    func send(_ entry: Spool.Entry) async -> Outcome {
        let active = faults()
        if active.contains(.outage) { return .retry("target unreachable (network outage)") }
        for case .drop(let percent) in active where rng.nextUnit() * 100 < percent {
            return .retry("connection reset (network drop)")
        }
        for case .latency(let delayMs) in active { try? await Task.sleep(for: .milliseconds(delayMs)) }
        let outcome = await post(entry)
        if case .delivered = outcome, active.contains(.duplicate) {
            _ = await post(entry)
            statistics.duplicatesSent += 1
        }
        return outcome
    }

    func post(_ entry: Spool.Entry) async -> Outcome {
        do {
            let (body, extra) = try prepare(entry.path, entry.body)
            var request = HTTPClientRequest(url: configuration.baseURL + entry.path)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            if let token = configuration.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
            for (name, value) in configuration.headers + extra { request.headers.add(name: name, value: value) }
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await client.execute(request, timeout: .milliseconds(configuration.timeoutMs))
            let answer = try await response.body.collect(upTo: 64 * 1024)
            let status = Int(response.status.code)
            switch status {
            case 200..<300:
                statistics.bytes += body.count
                return .delivered(status)
            case 400..<500: return .rejected(status, String(buffer: answer))
            default: return .retry("target answered \(status)")
            }
        } catch {
            return .retry(Self.describe(error, timeoutMs: configuration.timeoutMs))
        }
    }

    /// A transport failure in a few words (the client's own text is long and varies by platform).
    static func describe(_ error: any Error, timeoutMs: Int64) -> String {
        let text = "\(error)"
        let lower = text.lowercased()
        if lower.contains("refused") { return "cannot connect to the target: connection refused" }
        if lower.contains("timeout") || lower.contains("timed out") || lower.contains("deadline") {
            return "the target did not answer within \(timeoutMs) ms"
        }
        if lower.contains("reset") { return "the target reset the connection" }
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
