import Conformance
import Foundation
import SimCore
import Testing

@testable import Observers

@Suite struct JSONLFileObserverTests {
    static let mapper = EventMapper(EventMapping(), epochUnixMs: EventMapperTests.epoch, timeMap: EventMapperTests.timeMap)

    static func temporaryFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tundish-observers-\(UUID().uuidString).jsonl").path
    }

    static func append(_ text: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    static func oneLine(_ json: String) -> String { json.replacingOccurrences(of: "\n", with: "") }

    @Test func aPartialLineWaitsForItsEnd() async throws {
        let path = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let observer = JSONLFileObserver(TargetSpec.JSONL(path: path), mapper: Self.mapper, wallClock: { 0 })
        await observer.readNew()
        #expect(await observer.collect().isEmpty, "no file yet: nothing, and no error until stop")
        let raised = Self.oneLine(EventMapperTests.raised)
        let graded = Self.oneLine(EventMapperTests.graded)
        let cut = raised.index(raised.startIndex, offsetBy: 40)
        try Self.append(graded + "\n\n" + raised[..<cut], to: path)
        await observer.readNew()
        #expect(await observer.collect().map(\.type) == [.grade])
        try Self.append(String(raised[cut...]) + "\r\n", to: path)
        await observer.readNew()
        let completed = await observer.collect()
        #expect(completed.map(\.type) == [.alarmRaised])
        #expect(completed.first?.id == "A-000007")
    }

    @Test func theLoopTailsAndStopTakesAnUnterminatedLastLine() async throws {
        let path = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var file = TargetSpec.JSONL(path: path)
        file.intervalMs = 10
        try Self.append("", to: path)
        let observer = JSONLFileObserver(file, mapper: Self.mapper, wallClock: { 0 })
        try await observer.start()
        try Self.append(Self.oneLine(EventMapperTests.graded) + "\n", to: path)
        let first = await collect(observer, count: 1)
        #expect(first.map(\.type) == [.grade])
        try Self.append(Self.oneLine(EventMapperTests.interlock), to: path)
        await observer.stop()
        #expect(await observer.collect().map(\.type) == [.interlockActed])
    }

    @Test func aTruncatedLastLineAndAMissingFileAreErrors() async throws {
        let path = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.append(#"{"type":"gradeCha"#, to: path)
        let observer = JSONLFileObserver(TargetSpec.JSONL(path: path), mapper: Self.mapper, wallClock: { 0 })
        await observer.stop()
        let records = await observer.collect()
        #expect(records.count == 1)
        #expect(records.first?.message?.contains("incomplete last line") == true)

        let clock = ManualClock(EventMapperTests.timeMap.wallStartMs + 700)
        let never = JSONLFileObserver(TargetSpec.JSONL(path: path + ".missing"), mapper: Self.mapper, wallClock: clock.read)
        try await never.start()
        clock.advance(by: 60_000)
        await never.stop()
        let missing = await never.collect()
        #expect(missing.count == 1, "one record, when the failure began: \(missing)")
        #expect(missing.first?.message?.contains("the file does not exist at the start of the scenario") == true)
        #expect(missing.first?.t == 700)
    }

    @Test func aShrinkingFileIsReadAgain() async throws {
        let path = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.append(Self.oneLine(EventMapperTests.raised) + "\n", to: path)
        let observer = JSONLFileObserver(TargetSpec.JSONL(path: path), mapper: Self.mapper, wallClock: { 0 })
        await observer.readNew()
        #expect(await observer.collect().count == 1)
        try Data((Self.oneLine(EventMapperTests.graded) + "\n").utf8).write(to: URL(fileURLWithPath: path))
        await observer.readNew()
        #expect(await observer.collect().map(\.type) == [.error, .grade])
    }
}
