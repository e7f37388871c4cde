import Foundation
import Testing

/// Issue #14: every bad path or URL gets one clear line (path or URL, reason, option to change)
/// before any work starts; nothing is retried forever.
@Suite struct BadPathTests {
    static let scenario = CLIRunner.root.appendingPathComponent("Scenarios/aluminium/AL-01-mould-water-loss.yaml").path
    static let plant = CLIRunner.root.appendingPathComponent("Scenarios/plants/aluminium-casting.yaml").path

    /// A folder with a file called `blocker` in it: nothing can be created under `blocker/`.
    func folderWithBlocker() throws -> URL {
        let dir = try CLIRunner.temporaryDirectory()
        try "a file".write(to: dir.appendingPathComponent("blocker"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func anUnwritableSpoolOrTraceFolderIsRefusedBeforeTheSlaveStarts() throws {
        let dir = try folderWithBlocker()
        defer { try? FileManager.default.removeItem(at: dir) }
        let started = Date()
        let spool = try CLIRunner.run(["slave", Self.scenario, "--listen", "127.0.0.1:0", "--uplink", "http://127.0.0.1:9",
                                       "--spool", "blocker/spool"], in: dir)
        #expect(spool.status == 2)
        #expect(spool.stderr == "error: --spool blocker/spool: cannot be written: blocker is a file, not a folder; choose another --spool\n")
        let out = try CLIRunner.run(["slave", Self.scenario, "--listen", "127.0.0.1:0", "--out", "blocker/trace"], in: dir)
        #expect(out.status == 2)
        #expect(out.stderr == "error: --out blocker/trace: cannot be written: blocker is a file, not a folder; choose another --out\n")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func anUnwritableDatabaseIsRefusedWithItsPathNotSQLiteError14() throws {
        let dir = try folderWithBlocker()
        defer { try? FileManager.default.removeItem(at: dir) }
        let serve = try CLIRunner.run(["serve", "--http", "127.0.0.1:0", "--db", "blocker/db/platform.sqlite"], in: dir)
        #expect(serve.status == 2)
        #expect(serve.stderr == "error: --db blocker/db/platform.sqlite: cannot be written: blocker is a file, not a folder; choose another --db\n")
        let folder = try CLIRunner.run(["serve", "--http", "127.0.0.1:0", "--db", dir.path], in: dir)
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("--db \(dir.path): cannot be written: is a folder"))
    }

    @Test func aServePortInUseIsOneLineNamingTheOption() throws {
        let serve = try ServeProcess([])
        let again = try CLIRunner.run(["serve", "--http", "127.0.0.1:\(serve.port)"])
        #expect(again.status == 2)
        #expect(again.stderr == "error: --http 127.0.0.1:\(serve.port): cannot listen: the port is in use (another serve?); "
                + "choose another --http (port 0 picks a free one)\n", "\(again.stderr)")
    }

    @Test func anUplinkThatIsNotHTTPIsRefusedAtStart() throws {
        let started = Date()
        for url in ["ftp://x", "127.0.0.1:8080", "http://"] {
            let slave = try CLIRunner.run(["slave", Self.scenario, "--listen", "127.0.0.1:0", "--uplink", url])
            #expect(slave.status == 64, "\(url)")
            #expect(slave.stderr.hasPrefix("error: --uplink \(url): expected an http:// or https:// URL with a host"), "\(slave.stderr)")
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
