import Foundation

/// A `tundish slave` running in the background for interop tests; its port is read from the
/// start-up line on standard error.
final class SlaveProcess {
    let process = Process()
    let errors = Pipe()
    private(set) var port: UInt16 = 0
    private(set) var log = ""

    init(_ arguments: [String]) throws {
        process.executableURL = CLIRunner.binary
        process.arguments = ["slave"] + arguments + ["--listen", "127.0.0.1:0"]
        process.currentDirectoryURL = CLIRunner.root
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        var line = ""
        while port == 0 {
            let byte = errors.fileHandleForReading.readData(ofLength: 1)
            guard !byte.isEmpty else { throw CLITestError("slave ended early: \(log)\(line)") }
            line += String(decoding: byte, as: UTF8.self)
            if line.hasSuffix("\n") {
                log += line
                if let range = line.range(of: #"127\.0\.0\.1:(\d+) units"#, options: .regularExpression) {
                    let text = line[range].dropFirst("127.0.0.1:".count).prefix { $0.isNumber }
                    port = UInt16(text) ?? 0
                }
                line = ""
            }
        }
    }

    /// Waits for the slave to end by itself (its `--duration`) and returns its exit status.
    func wait() -> Int32 {
        let rest = errors.fileHandleForReading.readDataToEndOfFile()
        log += String(decoding: rest, as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}

struct CLITestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a Python script of Tests/Interop with Debian's python3 (where python3-pymodbus lives).
enum Python {
    static func run(_ script: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [CLIRunner.root.appendingPathComponent("Tests/Interop/\(script)").path] + arguments
        process.currentDirectoryURL = CLIRunner.root.appendingPathComponent("Tests/Interop")
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
