import AsyncHTTPClient
import Conformance
import Foundation
import Hummingbird
import Logging
import NIOCore
import SimCore

/// Receives a target's events as HTTP POSTs (one JSON event, or an array of them, per request) on
/// `listen` + `path`. At start it can subscribe with the target (`POST subscribe {"url": …, "types":
/// […], "secret": …}`, the reference platform's `/api/v1/webhooks`); a refused subscription makes
/// `start()` throw with the reason. A body that is not a mappable event becomes an `.error` record
/// (and a 400 answer); a POST without the subscription's secret (or, with `requireToken`, our bearer
/// token) is refused with 401 and counted in `.error` records (the first of a streak and a summary).
///
/// Events go through `EventIntake` like every observer's (heartbeats as signs of life, duplicates
/// dropped, events from before the scenario's start set aside); liveness spans come from every
/// event received and from `observe.health` checks (`LivenessLedger`).
public actor WebhookObserver: TargetObserver {
    public nonisolated let hook: TargetSpec.Webhook
    public nonisolated let mapper: EventMapper
    let client: HTTPClient?
    let wallClock: WallClock
    var records: [HistoryRecord] = []
    var task: Task<Void, any Error>?
    var healthTask: Task<Void, Never>?
    var boundPort: Int?
    var intake: EventIntake
    /// The wall→plant map in use (the mapper's, until `align(_:)`).
    var timeMap: WallToPlant
    var liveness: LivenessLedger
    var refusals: FailureStreak?
    /// The id the target gave our subscription (`/id` of its answer), for unsubscribing at `stop()`.
    var subscriptionId: String?
    var stopped = false

    /// Without a `client`, the subscription call uses a client of its own that fails a refused
    /// connection at once.
    public init(_ hook: TargetSpec.Webhook, mapper: EventMapper, liveness: TargetSpec.Liveness = .init(),
                client: HTTPClient? = nil, wallClock: @escaping WallClock = WallClocks.system) {
        self.hook = hook; self.mapper = mapper; self.client = client; self.wallClock = wallClock
        intake = EventIntake(mapper: mapper, heartbeatTypes: liveness.heartbeat?.types ?? [])
        timeMap = mapper.timeMap
        self.liveness = LivenessLedger(liveness, timeMap: mapper.timeMap)
    }

    /// The port the receiver listens on (after `start()`; useful with port 0).
    public var port: Int? { boundPort }

    /// The URL the target should POST to.
    public var hookURL: String? {
        if let publicURL = hook.publicURL { return publicURL }
        guard let boundPort, let host = (try? splitListen(hook.listen))?.host else { return nil }
        let reachable = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : (host.contains(":") ? "[\(host)]" : host)
        return "http://\(reachable):\(boundPort)\(hook.path)"
    }

    public func start() async throws {
        guard task == nil else { return }
        let (host, port) = try splitListen(hook.listen)
        let router = Router()
        router.post(RouterPath(hook.path)) { request, _ -> Response in
            var request = request
            let authorization = request.headers[.authorization]
            let header = self.hook.secretHeader.lowercased()
            let secret = request.headers.first { $0.name.canonicalName == header }?.value
            let buffer = try await request.collectBody(upTo: 16 << 20)
            return await self.receive(Array(buffer.readableBytesView), authorization: authorization, secret: secret)
        }
        var logger = Logger(label: "tundish.observers.webhook")
        logger.logLevel = .critical
        let (ports, feed) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { feed.yield($0.localAddress?.port ?? 0); feed.finish() }, logger: logger)
        let running = Task { defer { feed.finish() }; try await app.runService() }
        task = running
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            task = nil
            do { try await running.value } catch { throw ObserverError("webhook: cannot listen on \(hook.listen): \(error)") }
            throw ObserverError("webhook: cannot listen on \(hook.listen)")
        }
        boundPort = bound
        if let subscribe = hook.subscribe {
            do { try await self.subscribe(subscribe) } catch {
                running.cancel()
                _ = await running.result
                task = nil
                throw error
            }
        }
        if let probe = liveness.probe {
            healthTask = Task { [wallClock] in
                await probe.loop(wallClock: wallClock) { failure, wallMs in await self.noteHealth(failure, wallMs: wallMs) }
            }
        }
    }

    func noteHealth(_ failure: String?, wallMs: Int64) {
        records += liveness.health(failure, wallMs: wallMs)
    }

    func receive(_ body: [UInt8], authorization: String?, secret: String? = nil) -> Response {
        let now = wallClock()
        if let refusal = refusal(authorization: authorization, secret: secret) {
            records += FailureStreak.fail(&refusals, "webhook: refused a POST to \(hook.path): \(refusal)",
                                          at: timeMap.stamp(atWallMs: now))
            return Response(status: .unauthorized)
        }
        records += FailureStreak.end(&refusals)
        records += liveness.received(wallMs: now)
        var mapped: [HistoryRecord] = []
        if case .array(let events)? = try? JSONValue.parse(body) {
            for event in events {
                guard let record = intake.take(event, wallMs: now) else { continue }
                mapped.append(record)
            }
        } else if let record = intake.take(text: String(decoding: body, as: UTF8.self), wallMs: now) {
            mapped.append(record)
        }
        let bad = mapped.contains { $0.type == .error }
        records += mapped
        return Response(status: bad ? .badRequest : .ok)
    }

    /// Why a POST is refused (nil: accepted): the subscription's secret missing or wrong, or with
    /// `requireToken` our bearer token.
    func refusal(authorization: String?, secret: String?) -> String? {
        if let expected = hook.secret, secret != expected {
            return secret == nil ? "no \(hook.secretHeader) header (the subscription's secret)"
                : "a wrong \(hook.secretHeader) header (not the subscription's secret)"
        }
        if hook.requireToken, let token = hook.token, authorization != "Bearer \(token)" {
            return "without the expected bearer token"
        }
        return nil
    }

    public func align(_ timeMap: WallToPlant) async {
        self.timeMap = timeMap
        intake.mapper.timeMap = timeMap
        liveness.timeMap = timeMap
    }

    public func collect() async -> [HistoryRecord] {
        defer { records = [] }
        return records
    }

    /// Second deliveries of events already taken, dropped so far.
    public var duplicatesDropped: Int { intake.duplicates }

    public func stop() async {
        healthTask?.cancel()
        await healthTask?.value
        healthTask = nil
        task?.cancel()
        _ = await task?.result
        task = nil
        guard !stopped else { return }
        stopped = true
        await unsubscribe()
        records += FailureStreak.end(&refusals)
        records += liveness.finish()
        if let setAside = intake.setAsideRecord() { records.append(setAside) }
    }
}
