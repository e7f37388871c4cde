import Conformance
import Foundation
import SimCore

/// Tails a file the target appends events to, one JSON object per line. A line is taken only once
/// its newline arrived (a partial last line waits for the rest); at `stop()` a last line without a
/// newline is taken if it is complete JSON, else it is an `.error` record. A file that shrinks is
/// an `.error` record and is read again from its start.
///
/// Observation starts at the file's state when the scenario starts: the lines it already holds are
/// counted and set aside (unless `fromStart`), and a file that does not exist then is an `.error`
/// record at the start (read from its beginning once it appears). Events go through `EventIntake`
/// like every observer's; liveness spans come from lines read and `observe.health` checks.
public actor JSONLFileObserver: TargetObserver {
    public nonisolated let file: TargetSpec.JSONL
    public nonisolated let mapper: EventMapper
    let wallClock: WallClock
    var offset: UInt64 = 0
    var partial: [UInt8] = []
    var records: [HistoryRecord] = []
    var intake: EventIntake
    /// The wall→plant map in use (the mapper's, until `align(_:)`).
    var timeMap: WallToPlant
    var liveness: LivenessLedger
    var task: Task<Void, Never>?
    var healthTask: Task<Void, Never>?
    var stopped = false

    public init(_ file: TargetSpec.JSONL, mapper: EventMapper, liveness: TargetSpec.Liveness = .init(),
                wallClock: @escaping WallClock = WallClocks.system) {
        self.file = file; self.mapper = mapper; self.wallClock = wallClock
        intake = EventIntake(mapper: mapper, heartbeatTypes: liveness.heartbeat?.types ?? [])
        timeMap = mapper.timeMap
        self.liveness = LivenessLedger(liveness, timeMap: mapper.timeMap)
    }

    public func start() async throws {
        guard task == nil, !stopped else { return }
        if let handle = FileHandle(forReadingAtPath: file.path) {
            if !file.fromStart { skipExisting(handle) }
            try? handle.close()
        } else {
            records.append(.error(at: timeMap.stamp(atWallMs: wallClock()), source: .target,
                                  message: "jsonl \(file.path): the file does not exist at the start of the scenario"))
        }
        task = Task { await self.loop() }
        if let probe = liveness.probe {
            healthTask = Task { [wallClock] in
                await probe.loop(wallClock: wallClock) { failure, wallMs in await self.noteHealth(failure, wallMs: wallMs) }
            }
        }
    }

    /// Moves past every complete line the file holds, counting them as set aside; a partial last
    /// line is left to be completed and read.
    func skipExisting(_ handle: FileHandle) {
        var position: UInt64 = 0
        var afterLastNewline: UInt64 = 0
        var lines = 0
        var lineHasText = false
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            for (i, byte) in chunk.enumerated() {
                if byte == 0x0A {
                    if lineHasText { lines += 1 }
                    lineHasText = false
                    afterLastNewline = position + UInt64(i) + 1
                } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                    lineHasText = true
                }
            }
            position += UInt64(chunk.count)
        }
        offset = afterLastNewline
        intake.setAsideAtStart += lines
    }

    func noteHealth(_ failure: String?, wallMs: Int64) {
        records += liveness.health(failure, wallMs: wallMs)
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

    public func stop() async {
        healthTask?.cancel()
        await healthTask?.value
        healthTask = nil
        task?.cancel()
        await task?.value
        task = nil
        guard !stopped else { return }
        stopped = true
        readNew()
        let now = wallClock()
        if !partial.isEmpty {
            let text = String(decoding: partial, as: UTF8.self)
            partial = []
            if (try? JSONValue.parse(text)) != nil {
                records += liveness.received(wallMs: now)
                if let record = intake.take(text: text, wallMs: now) { records.append(record) }
            } else {
                records.append(.error(at: timeMap.stamp(atWallMs: now), source: .target,
                                      message: "jsonl \(file.path): incomplete last line: \(EventMapper.clip(text))"))
            }
        }
        records += liveness.finish()
        if let setAside = intake.setAsideRecord() { records.append(setAside) }
    }

    /// Second deliveries of events already taken, dropped so far.
    public var duplicatesDropped: Int { intake.duplicates }

    func loop() async {
        while !Task.isCancelled {
            readNew()
            try? await Task.sleep(for: .milliseconds(file.intervalMs))
        }
    }

    /// Reads what was appended since the last read and takes every complete line.
    public func readNew() {
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return }
        defer { try? handle.close() }
        let now = wallClock()
        guard let size = try? handle.seekToEnd() else { return }
        if size < offset {
            records.append(.error(at: timeMap.stamp(atWallMs: now), source: .target,
                                  message: "jsonl \(file.path): the file shrank from \(offset) to \(size) bytes; reading it again from the start"))
            offset = 0
            partial = []
        }
        guard size > offset else {
            intake.lastLookWallMs = now
            return
        }
        do {
            try handle.seek(toOffset: offset)
            let data = try handle.read(upToCount: Int(min(size - offset, 64 << 20))) ?? Data()
            offset += UInt64(data.count)
            partial += data
        } catch {
            records.append(.error(at: timeMap.stamp(atWallMs: now), source: .target,
                                  message: "jsonl \(file.path): cannot read: \(error)"))
            return
        }
        while let newline = partial.firstIndex(of: 0x0A) {
            var line = Array(partial[..<newline])
            partial.removeSubrange(...newline)
            if line.last == 0x0D { line.removeLast() }
            let text = String(decoding: line, as: UTF8.self)
            guard !text.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            records += liveness.received(wallMs: now)
            if let record = intake.take(text: text, wallMs: now) { records.append(record) }
        }
        intake.lastLookWallMs = now
    }
}
