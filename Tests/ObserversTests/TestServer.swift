import Conformance
import Foundation
import Hummingbird
import Logging
import Observers

/// Runs `body` with a live Hummingbird server on a free port of 127.0.0.1.
enum TestServer {
    static func with(_ router: Router<BasicRequestContext>, _ body: @Sendable (Int) async throws -> Void) async throws {
        let (ports, feed) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "observers-test")
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

    /// A port nothing listens on: a server's, after it stopped.
    static func closedPort() async throws -> Int {
        let box = PortBox()
        try await with(Router()) { port in await box.set(port) }
        return await box.port
    }

    actor PortBox {
        var port = 0
        func set(_ p: Int) { port = p }
    }
}

/// Collects from an observer until `count` records arrived or `seconds` passed.
func collect(_ observer: any TargetObserver, count: Int, seconds: Double = 10) async -> [HistoryRecord] {
    var out: [HistoryRecord] = []
    let deadline = Date().addingTimeInterval(seconds)
    while out.count < count && Date() < deadline {
        out += await observer.collect()
        if out.count < count { try? await Task.sleep(for: .milliseconds(20)) }
    }
    return out
}

/// A wall clock a test moves by hand.
final class ManualClock: @unchecked Sendable {
    let lock = NSLock()
    var ms: Int64
    init(_ ms: Int64) { self.ms = ms }
    func now() -> Int64 { lock.lock(); defer { lock.unlock() }; return ms }
    func advance(by delta: Int64) { lock.lock(); ms += delta; lock.unlock() }
    var read: WallClock { { [self] in self.now() } }
}
