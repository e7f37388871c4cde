import Foundation
import Testing

/// The short chaos run (Tools/chaos --short, docs/reliability.md): the uplink sink killed three
/// times, the reference platform killed once mid-run — every reading once, nothing lost.
@Suite struct ChaosShortTests {
    @Test func theShortChaosRunLosesNothing() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CLIRunner.root.appendingPathComponent("Tools/chaos").path, "--short", "--seed", "20260101"]
        process.currentDirectoryURL = CLIRunner.root
        var environment = ProcessInfo.processInfo.environment
        environment["TUNDISH"] = CLIRunner.binary.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("PASS sink chaos") && text.contains("PASS platform chaos"), "\(text)")
    }
}
