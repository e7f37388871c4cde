import AsyncHTTPClient
import Foundation
import NIOCore

/// The webhook subscription: made at `start()` (a refusal makes `start()` throw with the reason),
/// withdrawn at `stop()` when the target named it, so scenarios and runs do not pile up
/// subscriptions to the same hook URL.
extension WebhookObserver {
    /// The subscription's body: our hook URL, the types asked for (`[]`: all), the shared secret.
    func subscriptionBody() -> String {
        var body: [String: JSONValue] = ["url": .string(hookURL ?? ""), "types": .array(hook.types.map { .string($0) })]
        if let secret = hook.secret { body["secret"] = .string(secret) }
        return JSONValue.object(body).canonicalText
    }

    func subscribe(_ url: String) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token = hook.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(string: subscriptionBody()))
        do {
            let answer = try await send(request)
            guard (200..<300).contains(answer.status) else {
                throw ObserverError("webhook: subscribing at \(url) failed: the target answered \(answer.status): "
                    + EventMapper.clip(String(decoding: answer.body, as: UTF8.self)))
            }
            subscriptionId = (try? JSONValue.parse(answer.body)).flatMap { JSONPointer(valid: "/id").resolve(in: $0)?.scalarText }
        } catch let error as ObserverError {
            throw error
        } catch {
            throw ObserverError("webhook: subscribing at \(url) failed: \(PollingObserver.describe(error, timeoutMs: 10_000))")
        }
    }

    /// `DELETE <subscribe>/<id>` (the reference platform's `/api/v1/webhooks/{id}`), best effort: a
    /// target that keeps the subscription only posts to a hook nobody reads, which judges nothing.
    func unsubscribe() async {
        guard let base = hook.subscribe, let id = subscriptionId else { return }
        subscriptionId = nil
        let encoded = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
        var request = HTTPClientRequest(url: (base.hasSuffix("/") ? base : base + "/") + encoded)
        request.method = .DELETE
        if let token = hook.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        _ = try? await send(request)
    }

    /// One request with the shared client, or one of our own that fails a refused connection at once.
    func send(_ request: HTTPClientRequest) async throws -> (status: UInt, body: [UInt8]) {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        let own = client == nil ? HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration) : nil
        defer { if let own { Task { try? await own.shutdown() } } }
        let response = try await (client ?? own!).execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 * 1024)
        return (response.status.code, Array(body.readableBytesView))
    }
}
