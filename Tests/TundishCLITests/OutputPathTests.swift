import Foundation
import Testing

/// Issue #14, defect 1: report files given as bare names (`--html al.html`) are written in the
/// working folder, and an output that cannot be written is refused before the run, in one line.
@Suite struct OutputPathTests {
    static let scenario = CLIRunner.root.appendingPathComponent("Scenarios/aluminium/AL-01-mould-water-loss.yaml").path

    func exists(_ dir: URL, _ name: String) -> Bool { FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path) }

    @Test func bareReportNamesAreWrittenInTheWorkingFolderByRunCheckAndMerge() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLIRunner.run(["run", Self.scenario, "--seed", "7", "--out", "runs/al", "--html", "al.html",
                                     "--junit", "al.xml", "--json", "al.json", "--quiet"], in: dir)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
        for name in ["al.html", "al.xml", "al.json", "runs/al/verdicts.json"] { #expect(exists(dir, name), "\(name) missing") }
        #expect(try String(contentsOf: dir.appendingPathComponent("al.html"), encoding: .utf8).contains("<html"))

        let check = try CLIRunner.run(["check", "runs/al", "--html", "check.html", "--junit", "check.xml"], in: dir)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(exists(dir, "check.html") && exists(dir, "check.xml"))

        let merge = try CLIRunner.run(["report", "merge", "runs/al/verdicts.json", "--html", "all.html", "--junit", "all.xml"], in: dir)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(exists(dir, "all.html") && exists(dir, "all.xml"))
    }

    @Test func anUnwritableReportPathIsRefusedBeforeTheRunInOneLine() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "not a folder".write(to: dir.appendingPathComponent("blocker"), atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["run", Self.scenario, "--out", "runs/x", "--html", "blocker/al.html"], in: dir)
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines == ["error: --html blocker/al.html: cannot be written: blocker is a file, not a folder; choose another --html"],
                "\(run.stderr)")
        #expect(!exists(dir, "runs/x"), "the run must not start")
        #expect(run.stdout.isEmpty)

        let merge = try CLIRunner.run(["report", "merge", "nothing.json", "--junit", "blocker/x/all.xml"], in: dir)
        #expect(merge.status == 2)
        #expect(merge.stderr.contains("--junit blocker/x/all.xml: cannot be written: blocker is a file, not a folder"))

        let out = try CLIRunner.run(["run", Self.scenario, "--out", "blocker/run"], in: dir)
        #expect(out.status == 2)
        #expect(out.stderr == "error: --out blocker/run: cannot be written: blocker is a file, not a folder; choose another --out\n")
    }
}
