import ArgumentParser
import CLISupport
import Foundation

struct BenchModbusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modbus",
        abstract: "Our Modbus slave vs a plain C libmodbus server and a pymodbus server under the same load.",
        discussion: """
            Every server serves 200 holding registers on one core (taskset -c 0): ours (`tundish slave`), a plain C
            libmodbus select-loop server, and an asyncio pymodbus server (Debian's python3-pymodbus); the load
            generator runs on the other core, each connection reading 125 holding registers in a loop, one request
            outstanding (Tools/modbus-bench): by default one thread multiplexing every connection with epoll
            (`--client epoll`), or a libmodbus client with one thread per connection (`--client threads`, which at
            1,000 connections measures its own thread switches more than the server). Prints req/s, p50/p99
            latency and the ratios per connection count.
            """)

    @Option(help: "Connection counts, comma separated.")
    var connections: String = "1,8,64,1000"

    @Option(help: "Seconds per measurement.")
    var seconds: Double = 3

    @Option(help: "Measurements per point; the median is reported.")
    var repeats: Int = 3

    enum Client: String, ExpressibleByArgument, CaseIterable {
        case epoll, threads
    }

    @Option(help: "Load generator: epoll (one thread, every connection) or threads (libmodbus, a thread per connection).")
    var client: Client = .epoll

    @Option(name: .customLong("spin-us"), help: "Our slave's --spin-us (how long its loop polls before sleeping).")
    var spinMicroseconds: Int = 50

    @Flag(help: "Leave out the pymodbus baseline.")
    var noPymodbus = false

    func run() throws {
        let counts = connections.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let tools = try BenchTools.build()
        let ours = try BenchServer.start(
            [BenchTools.selfPath(), "slave", "--bench-registers", "200", "--listen", "127.0.0.1:0",
             "--spin-us", String(spinMicroseconds)])
        defer { ours.stop() }
        let baseline = try BenchServer.start([tools.baselineServer, "0", "200"])
        defer { baseline.stop() }
        let python = noPymodbus ? nil
            : try BenchServer.start(["/usr/bin/python3", "Tools/modbus-bench/pymodbus_server.py", "0", "200"])
        defer { python?.stop() }
        let loadgen = client == .epoll ? tools.loadgenEpoll : tools.loadgen
        print("bench modbus: read 125 holding registers, \(seconds) s × \(repeats) per point, server on cpu 0, "
            + "client (\(client.rawValue)) on cpu 1")
        print(BenchRow.header)
        for count in counts {
            // Interleaved (ours, C, pymodbus, ours, …) so drift in the machine's speed hits all alike.
            var a: [LoadResult] = [], b: [LoadResult] = [], c: [LoadResult] = []
            for _ in 0..<max(1, repeats) {
                a.append(try measure(port: ours.port, connections: count, loadgen: loadgen))
                b.append(try measure(port: baseline.port, connections: count, loadgen: loadgen))
                if let python { c.append(try measure(port: python.port, connections: count, loadgen: loadgen)) }
            }
            print(BenchRow(connections: count, ours: Self.median(a), baseline: Self.median(b),
                           python: c.isEmpty ? nil : Self.median(c)).line)
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
    var python: LoadResult?

    static let header =
        "| connections | tundish req/s | p50 µs | p99 µs | errors | C libmodbus req/s | p50 µs | p99 µs | errors (connected) "
        + "| pymodbus req/s | p50 µs | p99 µs | errors (connected) | ×C | ×pymodbus |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

    static func ratio(_ a: LoadResult, _ b: LoadResult?) -> String {
        guard let b else { return "–" }
        return b.requestsPerSecond > 0 ? String(format: "%.2f", a.requestsPerSecond / b.requestsPerSecond) : "∞"
    }

    static func cells(_ r: LoadResult?, connected: Bool) -> String {
        guard let r else { return "– | – | – | –" }
        let errors = connected ? "\(r.errors) (\(r.connected))" : "\(r.errors)"
        return String(format: "%.0f | %.0f | %.0f | ", r.requestsPerSecond, r.p50Us, r.p99Us) + errors
    }

    var line: String {
        "| \(connections) | \(Self.cells(ours, connected: false)) | \(Self.cells(baseline, connected: true)) | "
            + "\(Self.cells(python, connected: true)) | \(Self.ratio(ours, baseline)) | \(Self.ratio(ours, python)) |"
    }
}
