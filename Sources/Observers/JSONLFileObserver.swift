import Conformance
import Foundation
import SimCore

/// Tails a file the target appends events to, one JSON object per line. A line is taken only once
/// its newline arrived (a partial last line waits for the rest); at `stop()` a last line without a
/// newline is taken if it is complete JSON, else it is an `.error` record. A file that shrinks is
/// an `.error` record and is read again from its start; a file that never appears is one at `stop()`.
public actor JSONLFileObserver: TargetObserver {
    public nonisolated let file: TargetSpec.JSONL
    public nonisolated let mapper: EventMapper
    let wallClock: WallClock
    var offset: UInt64 = 0
    var partial: [UInt8] = []
    var records: [HistoryRecord] = []
    var sawFile = false
    var task: Task<Void, Never>?

    public init(_ file: TargetSpec.JSONL, mapper: EventMapper, wallClock: @escaping WallClock = WallClocks.system) {
        self.file = file; self.mapper = mapper; self.wallClock = wallClock
    }

    public func start() async throws {
        guard task == nil else { return }
        if !file.fromStart, let handle = FileHandle(forReadingAtPath: file.path) {
            offset = (try? handle.seekToEnd()) ?? 0
            try? handle.close()
            sawFile = true
        }
        task = Task { await self.loop() }
    }

    public func collect() async -> [HistoryRecord] {
        defer { records = [] }
        return records
    }

    public func stop() async {
        task?.cancel()
        await task?.value
        task = nil
        readNew()
        let now = wallClock()
        if !partial.isEmpty {
            let text = String(decoding: partial, as: UTF8.self)
            partial = []
            if (try? JSONValue.parse(text)) != nil {
                if let record = mapper.record(text: text, receivedAtWallMs: now) { records.append(record) }
            } else {
                records.append(.error(at: mapper.timeMap.plant(atWallMs: now), source: .target,
                                      message: "jsonl \(file.path): incomplete last line: \(EventMapper.clip(text))"))
            }
        }
        if !sawFile {
            records.append(.error(at: mapper.timeMap.plant(atWallMs: now), source: .target,
                                  message: "jsonl \(file.path): the target never wrote the file"))
        }
    }

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
        sawFile = true
        let now = wallClock()
        guard let size = try? handle.seekToEnd() else { return }
        if size < offset {
            records.append(.error(at: mapper.timeMap.plant(atWallMs: now), source: .target,
                                  message: "jsonl \(file.path): the file shrank from \(offset) to \(size) bytes; reading it again from the start"))
            offset = 0
            partial = []
        }
        guard size > offset else { return }
        do {
            try handle.seek(toOffset: offset)
            let data = try handle.read(upToCount: Int(min(size - offset, 64 << 20))) ?? Data()
            offset += UInt64(data.count)
            partial += data
        } catch {
            records.append(.error(at: mapper.timeMap.plant(atWallMs: now), source: .target,
                                  message: "jsonl \(file.path): cannot read: \(error)"))
            return
        }
        while let newline = partial.firstIndex(of: 0x0A) {
            var line = Array(partial[..<newline])
            partial.removeSubrange(...newline)
            if line.last == 0x0D { line.removeLast() }
            let text = String(decoding: line, as: UTF8.self)
            guard !text.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            if let record = mapper.record(text: text, receivedAtWallMs: now) { records.append(record) }
        }
    }
}
