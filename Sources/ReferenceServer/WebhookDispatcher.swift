import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Delivers stored events to webhook subscribers, in order, each event POSTed as JSON
/// (docs/openapi.yaml `Event`). A subscriber that fails is retried three times with backoff,
/// then skipped for that event (the events endpoint still has it).
public struct WebhookDispatcher: Sendable {
    public let platform: Platform
    public let logger: Logger

    public init(platform: Platform, logger: Logger) {
        self.platform = platform
        self.logger = logger
    }

    public func run() async {
        for await event in platform.published {
            guard let hooks = try? platform.store.webhooks(), !hooks.isEmpty else { continue }
            guard let body = try? JSONText.encode(APIEvent(event)) else { continue }
            for hook in hooks where hook.types.isEmpty || hook.types.contains(event.type) {
                await deliver(body, to: hook)
            }
        }
    }

    func deliver(_ body: String, to hook: Webhook) async {
        for attempt in 1...3 {
            do {
                var request = HTTPClientRequest(url: hook.url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: body))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
                if (200..<300).contains(response.status.code) { return }
                logger.warning("webhook \(hook.url) answered \(response.status.code) (attempt \(attempt))")
            } catch {
                logger.warning("webhook \(hook.url) failed: \(error) (attempt \(attempt))")
            }
            try? await Task.sleep(for: .milliseconds(200 * attempt))
        }
    }
}
