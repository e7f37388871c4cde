import ArgumentParser
import Foundation

struct BenchModbusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modbus",
        abstract: "Our Modbus slave vs a plain C libmodbus select-loop server under the same load generator.",
        discussion: """
            Both servers serve 200 holding registers on one core (taskset -c 0); the load generator (a libmodbus
            client, one thread per connection, reading 125 holding registers in a loop; Tools/modbus-bench) runs on
            the other core. Prints req/s, p50/p99 latency and our/baseline ratio per connection count.
            """)

    @Option(help: "Connection counts, comma separated.")
    var connections: String = "1,8,64,1000"

    @Option(help: "Seconds per measurement.")
    var seconds: Double = 3

    @Option(help: "Measurements per point; the median is reported.")
    var repeats: Int = 3

    func run() throws {
        let counts = connections.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let tools = try BenchTools.build()
        let ours = try BenchServer.start(
            [BenchTools.selfPath(), "slave", "--bench-registers", "200", "--listen", "127.0.0.1:0"])
        defer { ours.stop() }
        let baseline = try BenchServer.start([tools.baselineServer, "0", "200"])
        defer { baseline.stop() }
        print("bench modbus: read 125 holding registers, \(seconds) s × \(repeats) per point, server on cpu 0, client on cpu 1")
        print(BenchRow.header)
        for count in counts {
            // Interleaved (ours, C, ours, C, …) so drift in the machine's speed hits both alike.
            var a: [LoadResult] = [], b: [LoadResult] = []
            for _ in 0..<max(1, repeats) {
                a.append(try measure(port: ours.port, connections: count, loadgen: tools.loadgen))
                b.append(try measure(port: baseline.port, connections: count, loadgen: tools.loadgen))
            }
            print(BenchRow(connections: count, ours: Self.median(a), baseline: Self.median(b)).line)
        }
    }

    static func median(_ runs: [LoadResult]) -> LoadResult {
        runs.sorted { $0.requestsPerSecond < $1.requestsPerSecond }[runs.count / 2]
    }

    func measure(port: UInt16, connections: Int, loadgen: String) throws -> LoadResult {
        let output = try BenchTools.capture(
            ["taskset", "-c", "1", loadgen, "127.0.0.1", String(port), String(connections), String(seconds), "125"])
        guard let result = LoadResult(line: output) else { throw CLIError("unexpected load generator output: \(output)") }
        return result
    }
}

/// One line of the load generator: connections requests errors elapsed p50 p99 connected.
struct LoadResult {
    var requests: Int
    var errors: Int
    var elapsed: Double
    var p50Us: Double
    var p99Us: Double
    var connected: Int
    var requestsPerSecond: Double { elapsed > 0 ? Double(requests) / elapsed : 0 }

    init?(line: String) {
        let fields = line.split(separator: " ").map(String.init)
        guard fields.count >= 7, let requests = Int(fields[1]), let errors = Int(fields[2]),
            let elapsed = Double(fields[3]), let p50 = Double(fields[4]), let p99 = Double(fields[5]),
            let connected = Int(fields[6].trimmingCharacters(in: .whitespacesAndNewlines))
        else { return nil }
        self.requests = requests; self.errors = errors; self.elapsed = elapsed; p50Us = p50; p99Us = p99
        self.connected = connected
    }
}

struct BenchRow {
    var connections: Int
    var ours: LoadResult
    var baseline: LoadResult

    static let header =
        "| connections | tundish req/s | p50 µs | p99 µs | errors | C libmodbus req/s | p50 µs | p99 µs | errors (connected) | ratio |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

    var line: String {
        let ratio = baseline.requestsPerSecond > 0 ? String(format: "%.2f", ours.requestsPerSecond / baseline.requestsPerSecond) : "∞"
        return String(
            format: "| %d | %.0f | %.0f | %.0f | %d | %.0f | %.0f | %.0f | %d (%d) | %@ |", connections,
            ours.requestsPerSecond, ours.p50Us, ours.p99Us, ours.errors, baseline.requestsPerSecond, baseline.p50Us,
            baseline.p99Us, baseline.errors, baseline.connected, ratio)
    }
}
