import Foundation
import Testing
import Uplink

/// A spool whose process died (or whose disk filled) in the middle of writing a line: what was
/// queued before stays queued, and what is queued after is not lost (found by Tools/chaos review).
@Suite struct SpoolCrashTests {
    func appendRaw(_ text: String, to file: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: file))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    /// `15\n` torn after its first byte must not acknowledge batch 1.
    @Test func aTornAcknowledgementAcknowledgesNothing() throws {
        let directory = Sink.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = try Spool(directory: directory)
        for index in 1...15 { try spool.append(path: "/uplink/v1/readings", batchId: "b\(index)", body: "{}") }
        try appendRaw("1", to: directory + "/acked.log")
        let reopened = try Spool(directory: directory)
        #expect(reopened.count == 15)
        #expect(reopened.first?.batchId == "b1")
    }

    /// A torn batch line is dropped (it was never queued), and the next batch appended after the
    /// restart starts on a line of its own: it survives the restart after that.
    @Test func aBatchAppendedAfterATornLineSurvivesTheNextRestart() throws {
        let directory = Sink.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let spool = try Spool(directory: directory)
            try spool.append(path: "/uplink/v1/readings", batchId: "a", body: "{}")
            try spool.append(path: "/uplink/v1/readings", batchId: "b", body: "{}")
        }
        try appendRaw(#"{"seq":3,"path":"/uplink/v1/rea"#, to: directory + "/spool.log")
        do {
            let spool = try Spool(directory: directory)
            #expect(spool.count == 2)
            try spool.append(path: "/uplink/v1/readings", batchId: "c", body: "{}")
        }
        let reopened = try Spool(directory: directory)
        #expect(reopened.count == 3)
        var ids: [String] = []
        while let entry = reopened.first {
            ids.append(entry.batchId)
            reopened.acknowledge(entry)
        }
        #expect(ids == ["a", "b", "c"])
    }
}
