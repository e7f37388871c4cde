import AsyncHTTPClient
import Foundation
import NIOCore

/// Checks a target's health URL (`observe.health`) every `intervalS` wall seconds and reports each
/// result: nil for a 2xx answer (a sign of life), else what went wrong.
struct HealthProbe: Sendable {
    let health: TargetSpec.Health

    /// The longest wall gap between two healthy checks that still joins them: a check is due every
    /// `intervalS`, and may itself take up to `timeoutMs`.
    var maxGapMs: Int64 { Int64(health.intervalS * 1000) * 2 + health.timeoutMs }

    /// Runs until cancelled; `report` gets each result with the wall time it was known.
    func loop(wallClock: @escaping WallClock, report: @escaping @Sendable (String?, Int64) async -> Void) async {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        while !Task.isCancelled {
            let failure = await check(client)
            if Task.isCancelled { break }
            await report(failure, wallClock())
            try? await Task.sleep(for: .milliseconds(Int64(health.intervalS * 1000)))
        }
        try? await client.shutdown()
    }

    /// One GET: nil when the target answered 2xx.
    func check(_ client: HTTPClient) async -> String? {
        var request = HTTPClientRequest(url: health.url)
        if let token = health.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        do {
            let response = try await client.execute(request, timeout: .milliseconds(health.timeoutMs))
            let body = try await response.body.collect(upTo: 64 * 1024)
            guard (200..<300).contains(response.status.code) else {
                let text = EventMapper.clip(String(buffer: body).prefix(200).description)
                return "health \(health.url): the target answered \(response.status.code)\(text.isEmpty ? "" : ": \(text)")"
            }
            return nil
        } catch {
            return "health \(health.url): \(PollingObserver.describe(error, timeoutMs: health.timeoutMs))"
        }
    }
}
