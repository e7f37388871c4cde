import Foundation
import PlantModel
import Reference
import ReferenceServer

/// The embedded reference platform, started in this process on a free port for a live run, so
/// the run reaches it the way it reaches any target: uplink over HTTP, observation through its API.
public final class EmbeddedPlatform: @unchecked Sendable {
    public let baseURL: String
    public let token: String
    private let task: Task<Void, any Error>

    private init(baseURL: String, token: String, task: Task<Void, any Error>) {
        self.baseURL = baseURL; self.token = token; self.task = task
    }

    public static func start(plants: [PlantConfig], rules: ReferenceRules, token: String, version: String = "live") async throws
        -> EmbeddedPlatform
    {
        var configuration = ReferenceService.Configuration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.rules = rules
        configuration.plants = plants
        configuration.token = token
        configuration.version = version
        configuration.openAPI = BundledDocuments.openAPI
        configuration.logLevel = .critical
        let service = ReferenceService(configuration: configuration)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            defer { continuation.finish() }
            try await service.run { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            let failure = await task.result
            if case .failure(let error) = failure { throw LiveRunError("the embedded platform did not start: \(error)") }
            throw LiveRunError("the embedded platform did not start")
        }
        return EmbeddedPlatform(baseURL: "http://127.0.0.1:\(port)", token: token, task: task)
    }

    public func stop() async {
        task.cancel()
        _ = await task.result
    }
}
