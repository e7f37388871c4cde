import Foundation
import Testing

/// Issue #14: every loader has a size limit, checked from the file's size before it is read, so
/// a 60 MB file is refused in well under a second, with the limit in the message.
@Suite struct InputSizeTests {
    /// A sparse 60 MB file (no disk blocks) with a YAML-looking start.
    func hugeFile(in dir: URL, named name: String) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try "id: huge\n".write(to: url, atomically: true, encoding: .utf8)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 60 << 20)
        try handle.close()
        return url
    }

    @Test func aSixtyMegabyteFileIsRefusedFromItsSizeInUnderASecond() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let huge = try hugeFile(in: dir, named: "huge.yaml")
        let started = Date()
        let validate = try CLIRunner.run(["validate", huge.path])
        let elapsed = Date().timeIntervalSince(started)
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("huge.yaml:1:1: error: cannot read file: is 60 MiB, over the 1 MiB limit for input files"),
                "\(validate.stdout)")
        #expect(elapsed < 1.0, "took \(elapsed) s")
        for arguments in [["simulate", huge.path], ["points", huge.path], ["run", huge.path, "--rules", huge.path],
                          ["serve", "--plant", huge.path]] {
            let began = Date()
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == "error: \(huge.path): is 60 MiB, over the 1 MiB limit for input files\n", "\(result.stderr)")
            #expect(Date().timeIntervalSince(began) < 1.0)
        }
    }

    /// `verdicts.json` of a large library outgrows the 1 MiB of a scenario file: merge takes it.
    @Test func savedResultsOverOneMebibyteStillMerge() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLIRunner.run(["run", "Scenarios/aluminium/AL-01-mould-water-loss.yaml", "--quiet", "--out", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        let verdicts = dir.appendingPathComponent("verdicts.json")
        let handle = try FileHandle(forWritingTo: verdicts)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: UInt8(ascii: " "), count: 2 << 20))
        try handle.close()
        let merge = try CLIRunner.run(["report", "merge", verdicts.path])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("→ PASS"))
    }

    @Test func aScenarioThatNamesAHugePlantFileIsRefusedWithTheLimit() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try hugeFile(in: dir, named: "plant.yaml")
        let scenario = dir.appendingPathComponent("s.yaml")
        try "id: s\ntitle: { zh: 大, en: Big }\nplant: plant.yaml\nduration: 1m\ntimeline: []\nexpect: []\n"
            .write(to: scenario, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["validate", scenario.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("over the 1 MiB limit for input files"), "\(result.stdout)")
    }
}
