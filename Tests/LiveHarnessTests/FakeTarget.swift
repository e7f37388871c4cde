import Foundation
import Hummingbird
import Logging
import Scenario

/// What the fake target was sent: method, path and body of every request but the event polls.
actor Received {
    var requests: [(method: String, path: String, body: String)] = []
    func add(_ method: String, _ path: String, _ body: String) { requests.append((method, path, body)) }
    func all() -> [(method: String, path: String, body: String)] { requests }
}

/// A tiny external target written from docs/targets.md: it answers every uplink post with the
/// status it is told to, takes any other request (hooks, actions) with 200, and serves an empty
/// event list to the poller.
enum FakeTarget {
    /// Runs `body` with the fake target on a free port.
    static func with(uplinkStatus: HTTPResponse.Status, received: Received = Received(),
                     _ body: @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.post("uplink/v1/:kind") { request, context -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: 16 << 20)
            await received.add("POST", request.uri.path, String(buffer: buffer))
            return Response(status: uplinkStatus, body: .init(byteBuffer: ByteBuffer(string: "{\"error\":\"invalid token\"}")))
        }
        router.on("actions/**", method: .post) { request, _ -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: 1 << 20)
            await received.add("POST", request.uri.path, String(buffer: buffer))
            return Response(status: .ok)
        }
        router.get("received") { request, _ -> Response in
            await received.add("GET", request.uri.description, "")
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"data": {"MW_Q_IN": 5, "X": 9}}"#)))
        }
        router.get("events") { _, _ -> Response in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "{\"events\":[]}")))
        }
        let (ports, feed) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "fake-target")
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

    /// Its target file, in a fresh temporary folder, with `extra` top-level keys.
    static func targetFile(port: Int, extra: String = "") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tundish-fake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("fake.yaml").path
        try """
            name: fake
            uplink:
              url: http://127.0.0.1:\(port)
              token: not-the-right-one
            observe:
              poll:
                url: http://127.0.0.1:\(port)/events
                intervalMs: 200
                cursor: { param: afterSeq, field: /seq, start: "0" }
                items: /events
            time: field

            """.appending(extra).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    struct Files: SourceReader {
        func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    }

    static func scenario(_ relative: String) throws -> LoadedScenario {
        try ScenarioLoader(reader: Files()).loadScenario(path: path(relative))
    }
}
