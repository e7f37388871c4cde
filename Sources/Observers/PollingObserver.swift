import AsyncHTTPClient
import Conformance
import Foundation
import NIOCore
import SimCore

/// Polls a target's event list over HTTP: GET `url` (with the cursor as a query parameter), take the
/// array at `items`, map each event, advance the cursor to the last event's `cursor.field`. A full
/// page is followed by another poll right away; an empty one waits `intervalMs`. Events already
/// taken are dropped (`EventIntake`: by event id and type, else by content).
///
/// Observation starts at the target's state when the scenario starts: `start()` reads the event list
/// up to its end (the cursor's high-water mark, or the whole list without a cursor) and sets those
/// events aside, counted, never judged; later events whose time is before the scenario's start are
/// set aside too (one `setAside` record at `stop()`).
///
/// Every successful poll vouches for the target's state since the previous successful one: `observed`
/// records of kind `poll`, one per unbroken streak. Connection refused, timeouts, non-2xx answers and
/// bodies without the event array become `.error` records stamped when they happen (the first of a
/// streak, and a summary when it ends, never past the scenario's end); polling goes on.
public actor PollingObserver: TargetObserver {
    public nonisolated let poll: TargetSpec.Poll
    public nonisolated let mapper: EventMapper
    let sharedClient: HTTPClient?
    var ownClient: HTTPClient?
    let wallClock: WallClock
    var cursor: String?
    var intake: EventIntake
    /// The wall→plant map in use (the mapper's, until `align(_:)`).
    var timeMap: WallToPlant
    var spans = ObservationSpans(.poll)
    var records: [HistoryRecord] = []
    var streak: FailureStreak?
    var task: Task<Void, Never>?
    var stopped = false

    /// Without a `client`, the observer makes its own at the first poll, one that fails a refused
    /// connection at once (the poll loop is the retry); `stop()` shuts it down, so call it.
    public init(_ poll: TargetSpec.Poll, mapper: EventMapper, liveness: TargetSpec.Liveness = .init(),
                client: HTTPClient? = nil, wallClock: @escaping WallClock = WallClocks.system) {
        self.poll = poll; self.mapper = mapper; self.wallClock = wallClock; sharedClient = client
        cursor = poll.cursor?.start
        intake = EventIntake(mapper: mapper, heartbeatTypes: liveness.heartbeat?.types ?? [])
        timeMap = mapper.timeMap
    }

    /// Reads the target's state (set aside), then polls on in the background.
    public func start() async throws {
        guard task == nil, !stopped else { return }
        await catchUp()
        task = Task { await self.loop() }
    }

    /// Reads every event the target already holds, page by page, without taking any. A failure here
    /// is an error record at the scenario's start; events older than the start are then set aside
    /// by their time only.
    func catchUp() async {
        for _ in 0..<100_000 {
            guard let more = await pollOnce(catchingUp: true), more else { return }
        }
    }

    public func align(_ timeMap: WallToPlant) async {
        self.timeMap = timeMap
        intake.mapper.timeMap = timeMap
    }

    public func collect() async -> [HistoryRecord] {
        defer { records = [] }
        return records
    }

    public func stop() async {
        guard !stopped else { return }
        stopped = true
        task?.cancel()
        await task?.value
        task = nil
        for _ in 0..<1000 {
            if !(await pollOnce()) { break }
        }
        records += FailureStreak.end(&streak)
        records += spans.finish()
        if let setAside = intake.setAsideRecord() { records.append(setAside) }
        if let ownClient { try? await ownClient.shutdown() }
        ownClient = nil
    }

    /// Second deliveries of events already taken, dropped so far.
    public var duplicatesDropped: Int { intake.duplicates }

    var client: HTTPClient {
        if let client = sharedClient ?? ownClient { return client }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        ownClient = client
        return client
    }

    /// The cursor value the next poll sends.
    public var currentCursor: String? { cursor }

    func loop() async {
        while !Task.isCancelled {
            if await pollOnce() { continue }
            try? await Task.sleep(for: .milliseconds(poll.intervalMs))
        }
    }

    /// The URL of the next poll.
    func nextURL() -> String {
        guard let c = poll.cursor, let value = cursor else { return poll.url }
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#"))
        let name = c.param.addingPercentEncoding(withAllowedCharacters: allowed) ?? c.param
        let v = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
        return poll.url + (poll.url.contains("?") ? "&" : "?") + name + "=" + v
    }

    /// One GET; true when it brought new events and a cursor (the next page may be waiting).
    @discardableResult
    public func pollOnce() async -> Bool { await pollOnce(catchingUp: false) ?? false }

    /// One GET; nil when it failed. `catchingUp`: the events are the target's state at start.
    func pollOnce(catchingUp: Bool) async -> Bool? {
        let url = nextURL()
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        if let token = poll.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in poll.headers.sorted(by: { $0.key < $1.key }) { request.headers.add(name: name, value: value) }
        let body: [UInt8]
        do {
            let response = try await client.execute(request, timeout: .milliseconds(poll.timeoutMs))
            let buffer = try await response.body.collect(upTo: 64 << 20)
            body = Array(buffer.readableBytesView)
            guard (200..<300).contains(response.status.code) else {
                let text = EventMapper.clip(String(decoding: body.prefix(500), as: UTF8.self))
                fail("poll \(url): the target answered \(response.status.code)\(text.isEmpty ? "" : ": \(text)")")
                return nil
            }
        } catch {
            // Stopped mid-poll: the request was abandoned on purpose and `stop()` polls again.
            if Task.isCancelled || error is CancellationError { return false }
            fail("poll \(url): \(Self.describe(error, timeoutMs: poll.timeoutMs))")
            return nil
        }
        return take(body, url: url, catchingUp: catchingUp)
    }

    /// Takes one answer's events; nil when the answer was not an event list.
    @discardableResult
    func take(_ body: [UInt8], url: String, catchingUp: Bool = false) -> Bool? {
        let document: JSONValue
        do {
            document = try JSONValue.parse(body)
        } catch {
            fail("poll \(url): the response is not JSON (\(error)): \(EventMapper.clip(String(decoding: body.prefix(300), as: UTF8.self)))")
            return nil
        }
        guard case .array(let items) = poll.items.resolve(in: document) else {
            let found = poll.items.resolve(in: document)?.kindName ?? "nothing"
            fail("poll \(url): expected an array of events at \(poll.items.text.isEmpty ? "the top" : poll.items.text) "
                + "of the response, found \(found)")
            return nil
        }
        let now = wallClock()
        records += FailureStreak.end(&streak)
        records += spans.sign(at: timeMap.stamp(atWallMs: now), wallMs: now)
        var fresh = 0
        for item in items {
            if let c = poll.cursor {
                if let value = c.field.resolve(in: item)?.scalarText {
                    cursor = value
                } else {
                    records.append(.error(at: timeMap.stamp(atWallMs: now), source: .target,
                                          message: "poll \(url): event without a cursor at \(c.field.text): "
                                              + EventMapper.clip(item.canonicalText)))
                }
            }
            guard !intake.keys.contains(mapper.dedupeKey(of: item)) else { continue }
            fresh += 1
            if catchingUp {
                intake.preexisting(item)
            } else if let record = intake.take(item, wallMs: now) {
                records.append(record)
            }
        }
        let more = fresh > 0 && poll.cursor != nil
        // Caught up (nothing more waiting): the next events happened after this look.
        if !more { intake.lastLookWallMs = now }
        return more
    }

    func fail(_ message: String) {
        records += spans.interrupt()
        records += FailureStreak.fail(&streak, message, at: timeMap.stamp(atWallMs: wallClock()))
    }

    /// A transport error in words: refused, timed out, or the client's own description.
    static func describe(_ error: any Error, timeoutMs: Int64) -> String {
        let text = String(describing: error)
        let lower = text.lowercased()
        if lower.contains("refused") { return "cannot connect (connection refused)" }
        if let client = error as? HTTPClientError,
           [.connectTimeout, .readTimeout, .deadlineExceeded].contains(client) {
            return "timed out after \(timeoutMs) ms (\(client))"
        }
        if lower.contains("timeout") || lower.contains("timed out") { return "timed out after \(timeoutMs) ms (\(text))" }
        return "cannot reach the target: \(EventMapper.clip(text))"
    }
}
