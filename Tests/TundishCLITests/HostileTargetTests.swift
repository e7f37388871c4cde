import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The proof suite: `tundish run --mode accelerated` against external targets that misbehave the way
/// real platforms do (Tests/Targets/hostile_target.py, written from our docs alone), through each
/// observer kind. Every case asserts the one right verdict per expectation of
/// Tests/Targets/hostile-fast.yaml and the exit code.
@Suite struct HostileTargetTests {
    static let scenario = "Tests/Targets/hostile-fast.yaml"
    static let ids = ["quiet-before", "blue-before", "ew-instrument", "ew-no-hazard", "flow-ll", "red"]

    enum Kind: String, Sendable, CaseIterable { case poll, webhook, jsonl }

    /// A case: the target's behaviour, how we observe it, the right outcome per expectation (in
    /// `ids` order: p pass, f fail, e error, `-` not asserted) and the exit code.
    struct Case: Sendable, CustomTestStringConvertible {
        var behaviour: String
        var kind: Kind
        var outcomes: String
        var exit: Int32
        /// Why the right outcome needs work from another branch of issue 13 (nil: judged right now).
        var pending: String?
        var testDescription: String { "\(behaviour) via \(kind.rawValue)" }
    }

    static let cases: [Case] = [
        Case(behaviour: "faithful", kind: .poll, outcomes: "pppppp", exit: 0),
        Case(behaviour: "faithful", kind: .webhook, outcomes: "pppppp", exit: 0),
        Case(behaviour: "faithful", kind: .jsonl, outcomes: "pppppp", exit: 0),
        // MW_P_IN's LL still makes it red: only the flow alarm is missing.
        Case(behaviour: "drops-point", kind: .poll, outcomes: "ppppfp", exit: 1),
        Case(behaviour: "delays-alarms", kind: .webhook, outcomes: "ppfpfp", exit: 1),
        Case(behaviour: "caps-grades", kind: .jsonl, outcomes: "pppppf", exit: 1),
        Case(behaviour: "wrong-levels", kind: .poll, outcomes: "ppppfp", exit: 1),
        Case(behaviour: "instrument-as-hazard", kind: .webhook, outcomes: "ppffpp", exit: 1),
        Case(behaviour: "twice", kind: .webhook, outcomes: "pppppp", exit: 0),
        Case(behaviour: "twice", kind: .jsonl, outcomes: "pppppp", exit: 0),
        Case(behaviour: "rejects-401", kind: .poll, outcomes: "eeeeee", exit: 2),
        Case(behaviour: "down", kind: .poll, outcomes: "eeeeee", exit: 2),
        Case(behaviour: "down", kind: .webhook, outcomes: "eeeeee", exit: 2),
        Case(behaviour: "down", kind: .jsonl, outcomes: "eeeeee", exit: 2),
        Case(behaviour: "silent", kind: .poll, outcomes: "pefpfe", exit: 2),
        Case(behaviour: "silent", kind: .webhook, outcomes: "eeeeee", exit: 2),
        Case(behaviour: "silent", kind: .jsonl, outcomes: "eeeeee", exit: 2),
        Case(behaviour: "goes-silent", kind: .webhook, outcomes: "----ee", exit: 2),
        Case(behaviour: "restarts", kind: .poll, outcomes: "----ee", exit: 2),
        Case(behaviour: "slow", kind: .poll, outcomes: "------", exit: 2),
        Case(behaviour: "stale", kind: .poll, outcomes: "pppppp", exit: 0),
    ]

    @Test(arguments: cases)
    func eachHostileTargetGetsTheOneRightVerdict(_ c: Case) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = c.behaviour == "down" ? nil : try HostileTarget(c.behaviour, in: dir)
        defer { target?.stop() }
        let file = try Self.targetFile(c.kind, port: target?.port ?? HostileTarget.closedPort(), in: dir)
        let run = try Self.run(file, in: dir, slow: c.behaviour == "slow")
        let check = {
            Self.expect(run, c.outcomes, c.exit)
            if c.behaviour == "rejects-401" { #expect(run.text.contains("401"), "the rejection is named") }
            if c.behaviour == "slow" {
                #expect(!run.outcomes.values.contains("fail"), "a target we could not feed is never failed")
                #expect(run.text.contains("never reached the target"))
            }
            if c.behaviour == "twice", let target {
                #expect(run.hazardAlarms == target.hazardAlarmsRaised(), "duplicates are counted once")
            }
            if c.behaviour == "stale" { #expect(run.verdicts.contains("\"setAside\""), "stale events are counted") }
            if c.behaviour == "faithful" && c.kind == .poll {
                #expect(run.text.contains("X-hostile-fast delivery: 4501810002AL "), "the terminal's delivery line")
                #expect(run.verdicts.contains("\"lagP99Ms\""), "lag figures in verdicts.json")
            }
        }
        if let pending = c.pending {
            #expect(run.status == c.exit, "the exit code is right already")
            withKnownIssue(Comment(rawValue: pending)) { check() }
        } else {
            check()
        }
    }

    /// A platform reused across runs that stopped raising the flow alarm in between: the second
    /// run is judged on its own events only, so its missing alarm fails.
    @Test func aSecondRunAgainstTheSamePlatformIsJudgedOnItsOwnEvents() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = try HostileTarget("faithful", in: dir)
        defer { target.stop() }
        let file = try Self.targetFile(.poll, port: target.port, in: dir)
        let first = try Self.run(file, in: dir.appendingPathComponent("first"))
        try target.switchBehaviour(to: "drops-point")
        let second = try Self.run(file, in: dir.appendingPathComponent("second"))
        Self.expect(first, "pppppp", 0)
        Self.expect(second, "ppppfp", 1)
    }

    // MARK: running

    struct Run {
        var status: Int32
        var text: String
        var verdicts: String
        var outcomes: [String: String]
        var hazardAlarms: Int?
    }

    static func expect(_ run: Run, _ outcomes: String, _ exit: Int32) {
        for (id, letter) in zip(ids, outcomes) where letter != "-" {
            let wanted = ["p": "pass", "f": "fail", "e": "error"][String(letter)]
            #expect(run.outcomes[id] == wanted, "\(id): \(run.outcomes[id] ?? "missing") instead of \(wanted ?? "?")")
        }
        #expect(run.status == exit, "exit \(run.status) instead of \(exit)\n\(run.text)")
    }

    static func run(_ target: URL, in dir: URL, slow: Bool = false) throws -> Run {
        let out = dir.appendingPathComponent("run")
        let result = try tundish(["run", scenario, "--target", target.path, "--mode", "accelerated",
                                  "--speed", slow ? "40" : "20", "--drain-timeout", slow ? "0" : "3",
                                  "--out", out.path], logs: dir)
        let verdicts = (try? String(contentsOf: out.appendingPathComponent("verdicts.json"), encoding: .utf8)) ?? ""
        var outcomes: [String: String] = [:], hazards: Int?
        let json = try? JSONSerialization.jsonObject(with: Data(verdicts.utf8)) as? [String: Any]
        if let scenario = (json?["scenarios"] as? [[String: Any]])?.first {
            for v in scenario["verdicts"] as? [[String: Any]] ?? [] {
                if let id = v["id"] as? String { outcomes[id] = v["outcome"] as? String }
            }
            hazards = (scenario["quality"] as? [String: Any])?["hazardAlarms"] as? Int
        }
        return Run(status: result.status, text: result.stdout + result.stderr, verdicts: verdicts, outcomes: outcomes,
                   hazardAlarms: hazards)
    }

    /// `tundish` with its output in files (see `HostileTarget.init` on pipes).
    static func tundish(_ arguments: [String], logs dir: URL) throws -> CLIRunner.Result {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let outFile = dir.appendingPathComponent("stdout.txt"), errFile = dir.appendingPathComponent("stderr.txt")
        for file in [outFile, errFile] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLIRunner.root
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        process.waitUntilExit()
        return CLIRunner.Result(status: process.terminationStatus,
                                stdout: (try? String(contentsOf: outFile, encoding: .utf8)) ?? "",
                                stderr: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }

    /// A target file for the hostile target as a vendor would write it from docs/targets.md.
    static func targetFile(_ kind: Kind, port: Int, in dir: URL) throws -> URL {
        let base = "http://127.0.0.1:\(port)"
        let observe = switch kind {
        case .poll:
            """
              poll:
                url: \(base)/api/events
                intervalMs: 100
                timeoutMs: 1000
                cursor: { param: after, field: /seq, start: "0" }
                items: /list
            """
        case .webhook:
            """
              webhook:
                listen: 127.0.0.1:0
                path: /hook
                subscribe: \(base)/api/subscriptions
              heartbeat: { types: [HEARTBEAT], intervalS: 1 }
            """
        case .jsonl:
            """
              jsonl:
                path: \(dir.appendingPathComponent("events.jsonl").path)
                intervalMs: 100
              heartbeat: { types: [HEARTBEAT], intervalS: 1 }
            """
        }
        let text = """
            name: hostile-\(kind.rawValue)
            uplink:
              url: \(base)
            observe:
            \(observe)
            mapping:
              type: /msgType
              types: { ALARM_NEW: alarmRaised, ALARM_RECOVER: alarmCleared, RISK_CHANGE: grade }
              ignoreTypes: [HEARTBEAT]
              timeMs: /occurTime
              enterprise: /data/qyCode
              alarmId: /data/alarmNo
              point: /data/pointCode
              level: /data/alarmLevel
              category: /data/alarmClass
              grade: /data/riskLevel
              gradeFrom: /data/lastRiskLevel
              grades: { 蓝: blue, 黄: yellow, 橙: orange, 红: red }
              categories: { 工艺: hazard, 仪表: instrument }
            time: field

            """
        let url = dir.appendingPathComponent("target-\(kind.rawValue).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

/// The Python hostile target as a child process on a free loopback port.
final class HostileTarget: @unchecked Sendable {
    let process = Process()
    let port: Int
    let events: URL

    /// No pipes: a pipe's write end can leak into processes other tests start at the same time,
    /// and a reader waiting for its end of file would wait for them. The port comes in a file.
    init(_ behaviour: String, in dir: URL) throws {
        events = dir.appendingPathComponent("events.jsonl")
        let portFile = dir.appendingPathComponent("port")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLIRunner.root.appendingPathComponent("Tests/Targets/hostile_target.py").path,
                             "--behaviour", behaviour, "--events-file", events.path, "--port-file", portFile.path,
                             "--after-s", "1.5", "--down-s", "1.5", "--delay-s", "60", "--slow-s", "0.5", "--max-s", "120"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var port: Int?
        for _ in 0..<200 where port == nil && process.isRunning {
            let words = ((try? String(contentsOf: portFile, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace)
            if words.first == "listening", words.count > 1 { port = Int(words[1]) } else { usleep(50_000) }
        }
        guard let port else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "hostile target did not start"])
        }
        self.port = port
    }

    func stop() {
        if process.isRunning { process.terminate() }
        for _ in 0..<40 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    func switchBehaviour(to behaviour: String) throws {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/admin/behaviour")!)
        request.httpMethod = "POST"
        request.httpBody = Data("{\"behaviour\": \"\(behaviour)\"}".utf8)
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, _, _ in done.signal() }.resume()
        done.wait()
    }

    /// Hazard alarms the target raised in the scenario (each once, however often it sent them).
    func hazardAlarmsRaised() -> Int {
        let lines = ((try? String(contentsOf: events, encoding: .utf8)) ?? "").split(separator: "\n")
        var seen: Set<Int> = []
        for line in lines {
            guard let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  event["msgType"] as? String == "ALARM_NEW",
                  (event["data"] as? [String: Any])?["alarmClass"] as? String == "工艺",
                  let seq = event["seq"] as? Int else { continue }
            seen.insert(seq)
        }
        return seen.count
    }

    /// A loopback port nothing listens on (bound, then closed).
    static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
