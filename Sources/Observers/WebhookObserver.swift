import AsyncHTTPClient
import Conformance
import Foundation
import Hummingbird
import Logging
import NIOCore
import SimCore

/// Receives a target's events as HTTP POSTs (one JSON event, or an array of them, per request) on
/// `listen` + `path`. At start it can subscribe with the target (`POST subscribe {"url": …,
/// "types": []}`, the reference platform's `/api/v1/webhooks`). A body that is not a mappable
/// event becomes an `.error` record (and a 400 answer); a missing bearer token when `requireToken`
/// is a 401 and an `.error` record.
public actor WebhookObserver: TargetObserver {
    public nonisolated let hook: TargetSpec.Webhook
    public nonisolated let mapper: EventMapper
    let client: HTTPClient?
    let wallClock: WallClock
    var records: [HistoryRecord] = []
    var task: Task<Void, any Error>?
    var boundPort: Int?

    /// Without a `client`, the subscription call uses a client of its own that fails a refused
    /// connection at once.
    public init(_ hook: TargetSpec.Webhook, mapper: EventMapper, client: HTTPClient? = nil,
                wallClock: @escaping WallClock = WallClocks.system) {
        self.hook = hook; self.mapper = mapper; self.client = client; self.wallClock = wallClock
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
            let buffer = try await request.collectBody(upTo: 16 << 20)
            return await self.receive(Array(buffer.readableBytesView), authorization: authorization)
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
        if let subscribe = hook.subscribe { try await self.subscribe(subscribe) }
    }

    func subscribe(_ url: String) async throws {
        let body = "{\"url\":" + JSONValue.string(hookURL ?? "").canonicalText + ",\"types\":[]}"
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token = hook.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(string: body))
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        let own = client == nil ? HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration) : nil
        defer { if let own { Task { try? await own.shutdown() } } }
        do {
            let response = try await (client ?? own!).execute(request, timeout: .seconds(10))
            let answer = try await response.body.collect(upTo: 64 * 1024)
            guard (200..<300).contains(response.status.code) else {
                throw ObserverError("webhook: subscribing at \(url) failed: the target answered \(response.status.code): "
                    + EventMapper.clip(String(buffer: answer)))
            }
        } catch let error as ObserverError {
            throw error
        } catch {
            throw ObserverError("webhook: subscribing at \(url) failed: \(PollingObserver.describe(error, timeoutMs: 10_000))")
        }
    }

    func receive(_ body: [UInt8], authorization: String?) -> Response {
        let now = wallClock()
        if hook.requireToken, let token = hook.token, authorization != "Bearer \(token)" {
            records.append(.error(at: mapper.timeMap.plant(atWallMs: now), source: .target,
                                  message: "webhook: a POST to \(hook.path) without the expected bearer token"))
            return Response(status: .unauthorized)
        }
        let text = String(decoding: body, as: UTF8.self)
        let mapped: [HistoryRecord]
        if case .array(let events)? = try? JSONValue.parse(body) {
            mapped = events.compactMap { mapper.record(for: $0, receivedAtWallMs: now) }
        } else {
            mapped = mapper.record(text: text, receivedAtWallMs: now).map { [$0] } ?? []
        }
        records += mapped
        return Response(status: mapped.contains { $0.type == .error } ? .badRequest : .ok)
    }

    public func collect() async -> [HistoryRecord] {
        defer { records = [] }
        return records
    }

    public func stop() async {
        task?.cancel()
        _ = await task?.result
        task = nil
    }
}
