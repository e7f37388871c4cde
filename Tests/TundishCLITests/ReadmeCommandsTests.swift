import Foundation
import Testing

/// Every command of the README's "The `tundish` command" section, run as written from a copy of
/// `Scenarios/` in a temporary folder (the tree stays clean), so the README cannot rot. Only the
/// lines in `ReadmeScript.skipped` are not run, and the few in `ReadmeScript.adjusted` are
/// shortened; each says why.
@Suite(.serialized) struct ReadmeCommandsTests {
    @Test func everyCommandOfTheReadmeCommandSectionRunsAsWritten() throws {
        let commands = try ReadmeScript.commands(in: String(contentsOf: CLIRunner.root.appendingPathComponent("README.md"), encoding: .utf8))
        #expect(commands.count >= 20, "\(commands)")
        let treeBefore = try Shell.run("git status --porcelain", in: CLIRunner.root, timeout: 60).output
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: CLIRunner.root.appendingPathComponent("Scenarios"), to: dir.appendingPathComponent("Scenarios"))
        let ports = ["1502": try FreePort.pick(), "1503": try FreePort.pick(), "8080": try FreePort.pick()]
        var background: [BackgroundCommand] = []
        defer { background.forEach { $0.stop() } }
        var usedSkips = Set<String>(), usedAdjustments = Set<String>()
        for original in commands {
            if let skip = ReadmeScript.skipped.first(where: { original.hasPrefix($0.prefix) }) {
                usedSkips.insert(skip.prefix)
                continue
            }
            var command = original
            for (port, free) in ports { command = command.replacingOccurrences(of: port, with: String(free)) }
            for adjustment in ReadmeScript.adjusted where original.contains(adjustment.match) {
                usedAdjustments.insert(adjustment.match)
                command = adjustment.rewrite(command)
            }
            if let ready = ReadmeScript.backgroundReady(original) {
                background.append(try BackgroundCommand(command, in: dir, readyWhen: ready))
                continue
            }
            let result = try Shell.run(command, in: dir, timeout: 600)
            let expected = ReadmeScript.expectations.first { original.contains($0.match) }
            #expect(result.status == expected?.status ?? 0, "\(original)\n\(result.output)")
            if let text = expected?.output { #expect(result.output.contains(text), "\(original)\n\(result.output)") }
        }
        #expect(usedSkips == Set(ReadmeScript.skipped.map(\.prefix)), "a skip entry matches no README line")
        #expect(usedAdjustments == Set(ReadmeScript.adjusted.map(\.match)), "an adjustment matches no README line")
        for file in ["runs/al/report.html", "al.html", "al.xml", "all.html", "all.xml", "runs/al01/trace.csv", "runs/s1/verdicts.json",
                     "platform.sqlite"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file) missing")
        }
        // The AL-01 slave has ended by now (60 plant-seconds): serve logs the lost connection once.
        let serve = try #require(background.first { $0.command.contains(" serve ") })
        #expect(serve.waitFor("connection lost", seconds: 15), "\(serve.log)")
        #expect(serve.log.components(separatedBy: "connection lost").count == 2, "\(serve.log)")
        #expect(try Shell.run("git status --porcelain", in: CLIRunner.root, timeout: 60).output == treeBefore, "the tree changed")
    }

    @Test func theReadmeParserJoinsContinuationsDropsCommentsAndSplitsSemicolons() throws {
        let readme = """
            ## The `tundish` command

            ```sh
            $T run a   # a comment
                                # a comment line
            $T slave b \\
                --uplink http://x   # more
            $T run --shard 1/2; $T run --shard 2/2
            ```

            ```sh
            not this
            ```
            """
        #expect(try ReadmeScript.commands(in: readme) == ["$T run a", "$T slave b --uplink http://x", "$T run --shard 1/2", "$T run --shard 2/2"])
    }
}

/// The README's command block as commands, and what the test does with each.
enum ReadmeScript {
    /// Lines not run, by prefix, with the reason.
    static let skipped: [(prefix: String, reason: String)] = [
        ("swift build", "the test runs the binary this test build made"),
        ("T=$(swift build --show-bin-path)/tundish", "T is set to the binary under test"),
        ("swift run -c release tundish bench", "benchmarks need a release build and minutes each (docs/performance.md)"),
        ("Tools/fuzz", "the long fuzzing run takes hours; Tools/test runs the short one"),
        ("Tools/chaos", "the long chaos run takes minutes; ChaosShortTests runs the short one"),
    ]

    /// Lines shortened, with the reason.
    static let adjusted: [(match: String, reason: String, rewrite: @Sendable (String) -> String)] = [
        ("--listen 127.0.0.1:1502 --speed 10", "the slave ends after 60 plant-seconds (6 s) instead of the scenario's 30 min",
         { $0 + " --duration 60s" }),
        ("--listen 127.0.0.1:1503 --speed 10", "the slave ends after 60 plant-seconds (6 s) instead of the scenario's 20 min",
         { $0 + " --duration 60s" }),
        ("run Scenarios/steel --mode accelerated", "one steel scenario (20 s) instead of the library (5.5 min at speed 60)",
         { $0.replacingOccurrences(of: "Scenarios/steel ", with: "Scenarios/steel/ST-01-lance-water-leak.yaml ") }),
    ]

    /// Lines whose exit status is not 0, or whose output is checked.
    static let expectations: [(match: String, status: Int32, output: String?)] = [
        ("example-vendor.yaml", 2, "export ANJIAN_TOKEN=…"),
        ("$T run Scenarios/aluminium --seed 7", 0, "→ PASS"),
        ("mbpoll", 0, "[11]:"),
        ("curl", 0, "\"alarms\""),
        ("--uplink http://127.0.0.1:8080", 0, "0 still spooled"),
    ]

    /// Servers started in the background (and stopped at the end): the line that says they are ready.
    static func backgroundReady(_ command: String) -> String? {
        if command.hasPrefix("$T serve") { return "listening on http://" }
        if command.hasPrefix("$T slave"), !command.contains("--uplink") { return " units " }
        return nil
    }

    /// The commands of the first `sh` block after "## The `tundish` command": continuation lines
    /// joined, comments dropped, `;` split.
    static func commands(in readme: String) throws -> [String] {
        guard let section = readme.range(of: "## The `tundish` command"),
            let open = readme.range(of: "```sh\n", range: section.upperBound..<readme.endIndex),
            let close = readme.range(of: "\n```", range: open.upperBound..<readme.endIndex)
        else { throw CLITestError("README.md: no sh block under \"The `tundish` command\"") }
        var commands: [String] = []
        var pending = ""
        for raw in readme[open.upperBound..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw)
            if let comment = line.range(of: " # ") ?? line.range(of: "  #") { line = String(line[..<comment.lowerBound]) }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasSuffix("\\") {
                pending += line.dropLast().trimmingCharacters(in: .whitespaces) + " "
                continue
            }
            commands += (pending + line).components(separatedBy: "; ").map { $0.trimmingCharacters(in: .whitespaces) }
            pending = ""
        }
        return commands
    }
}

/// `bash -c` in a folder with `T` set to the binary under test.
enum Shell {
    static func process(_ command: String, in dir: URL) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment["T"] = CLIRunner.binary.path
        process.environment = environment
        return process
    }

    static func run(_ command: String, in dir: URL, timeout: Double) throws -> (status: Int32, output: String) {
        let process = process(command, in: dir)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let timer = DispatchSource.makeTimerSource()
        timer.schedule(deadline: .now() + timeout)
        timer.setEventHandler { if process.isRunning { process.terminate() } }
        timer.resume()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        timer.cancel()
        return (process.terminationStatus, "$ \(command)\n\(text)")
    }
}

/// A server command of the README in the background, started once its ready line appears; its
/// output is collected all along (so it never blocks on a full pipe).
final class BackgroundCommand: @unchecked Sendable {
    let command: String
    let process: Process
    let output = Pipe()
    private let lock = NSLock()
    private var collected = ""
    var log: String { lock.withLock { collected } }

    init(_ command: String, in dir: URL, readyWhen ready: String) throws {
        self.command = command
        process = Shell.process("exec " + command, in: dir)
        process.standardError = output
        process.standardOutput = output
        try process.run()
        let handle = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            while case let chunk = handle.availableData, !chunk.isEmpty {
                lock.withLock { collected += String(decoding: chunk, as: UTF8.self) }
            }
        }
        guard waitFor(ready, seconds: 60) else { throw CLITestError("\(command): not ready: \(log)") }
    }

    func waitFor(_ text: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !log.contains(text) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return log.contains(text)
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

enum FreePort {
    /// A TCP port free on 127.0.0.1 now (bound to port 0, then released).
    static func pick() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw CLITestError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
