import CLISupport
import Foundation

/// Builds and runs the C helpers of the benchmarks (Tools/modbus-bench) as separate processes.
enum BenchTools {
    struct Built {
        var baselineServer: String
        /// The thread-per-connection libmodbus client, and the one-thread epoll client.
        var loadgen: String
        var loadgenEpoll: String
    }

    static func build() throws -> Built {
        let output = ".build/bench-tools"
        try FileSystem.createDirectory(output)
        var built: [String] = []
        for name in ["baseline_server", "loadgen", "loadgen_epoll"] {
            let source = "Tools/modbus-bench/\(name).c"
            guard FileManager.default.fileExists(atPath: source) else {
                throw CLIError("\(source) not found: run the benchmark from the repository root")
            }
            let binary = "\(output)/\(name)"
            _ = try capture(["cc", "-O2", "-o", binary, source, "-I/usr/include/modbus", "-lmodbus", "-lpthread"])
            built.append(binary)
        }
        return Built(baselineServer: built[0], loadgen: built[1], loadgenEpoll: built[2])
    }

    static func selfPath() -> String {
        Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// Runs a command to completion and returns its standard output; throws on a non-zero exit.
    static func capture(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError("\(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A server process pinned to cpu 0 that prints `ready PORT` once listening.
final class BenchServer {
    let process = Process()
    private(set) var port: UInt16 = 0

    static func start(_ command: [String]) throws -> BenchServer {
        let server = BenchServer()
        server.process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.process.arguments = ["taskset", "-c", "0"] + command
        let pipe = Pipe()
        server.process.standardOutput = pipe
        try server.process.run()
        var line = ""
        while !line.hasSuffix("\n") {
            let byte = pipe.fileHandleForReading.readData(ofLength: 1)
            guard !byte.isEmpty else { throw CLIError("\(command[0]) ended before it was ready") }
            line += String(decoding: byte, as: UTF8.self)
        }
        guard line.hasPrefix("ready "), let port = UInt16(line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CLIError("\(command[0]) said '\(line)' instead of 'ready PORT'")
        }
        server.port = port
        return server
    }

    /// SIGTERM, then SIGKILL after 2 s (an asyncio server may not stop on SIGTERM).
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
