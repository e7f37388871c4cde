import ArgumentParser
import CLISupport
import Foundation
import LiveHarness
import Scenario

#if canImport(Glibc)
    import Glibc
#endif

/// The iteration being checked, for the crash handler (a trap ends the process; its number reproduces it).
nonisolated(unsafe) private var fuzzIteration = 0

struct FuzzParserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz-parser",
        abstract: "Mutate the shipped scenario and plant files N times and check every loader answer (Tools/fuzz).",
        shouldDisplay: false)

    @Option(help: "Mutants to check.")
    var count: Int = 5_000

    @Option(help: "Seed (iteration i of seed s is always the same mutant).")
    var seed: UInt64 = 1

    @Option(help: "First iteration (to reproduce one: --start I --count 1).")
    var start: Int = 0

    @Option(help: "Folder with the scenario and plant files.")
    var root: String = "Scenarios"

    @Flag(help: "Print the mutant of each iteration to stdout.")
    var show = false

    func run() throws {
        var files: [String: String] = [:]
        for folder in ["plants", "steel", "aluminium", "quality", "regional", "transport"] {
            let path = root + "/" + folder
            guard FileManager.default.fileExists(atPath: path) else { continue }
            for file in try FileSystem.yamlFiles(under: [path]) {
                files[file] = try FileSourceReader().read(file)
            }
        }
        guard !files.isEmpty else { throw ValidationError("no scenario or plant files under \(root)") }
        let fuzzer = LoaderFuzzer(files: files)
        if show {
            for iteration in start..<(start + count) {
                let mutant = fuzzer.mutant(iteration: iteration, seed: seed)
                print("# iteration \(iteration): \(mutant.path) (\(mutant.mutations.joined(separator: ", ")))\n\(mutant.text)")
            }
            return
        }
        for signal in [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGTERM] {
            Glibc.signal(signal) { number in
                let text = "fuzz-parser: signal \(number) during iteration \(fuzzIteration)\n"
                _ = text.withCString { write(2, $0, strlen($0)) }
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
        }
        let clock = ContinuousClock()
        let started = clock.now
        var slowest: (Duration, Int) = (.zero, -1)
        var last = clock.now
        let summary = fuzzer.run(count: count, seed: seed, start: start) { iteration in
            let now = clock.now
            if iteration > start, now - last > slowest.0 { slowest = (now - last, iteration - 1) }
            last = now
            fuzzIteration = iteration
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let slow = Double(slowest.0.components.seconds) + Double(slowest.0.components.attoseconds) / 1e18
        print("  mutations: " + summary.mutations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print("  \(summary.rejected) rejected (\(summary.diagnostics) diagnostics), \(summary.accepted) accepted; "
            + "slowest iteration \(slowest.1): \(String(format: "%.3f", slow)) s; \(files.count) files")
        for finding in summary.findings { print("FINDING: \(finding)") }
        print("parser fuzz: \(summary.iterations) mutants in \(String(format: "%.1f", seconds)) s, seed \(seed), "
            + "\(summary.findings.count) findings")
        if !summary.findings.isEmpty { throw ExitCode(1) }
    }
}
