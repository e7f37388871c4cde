import Foundation
import Testing

/// Interop proof with independent peers: pymodbus and mbpoll read a running `tundish slave`,
/// decode each point from the exported register map (Python's own decoder, not ours), and every
/// reading must match the engine's trace for that point within one sampling period.
@Suite struct ModbusInteropTests {
    static let plants = ["Scenarios/plants/steel-works.yaml", "Scenarios/plants/aluminium-casting.yaml"]

    struct Reading: Decodable {
        var peer: String
        var plant: String
        var code: String
        var type: String
        var order: String
        var scale: Double
        var fromMs: Int64?
        var toMs: Int64?
        var value: Double?
        var exception: Int?
    }

    /// trace.csv rows by "ENTERPRISE:CODE": (time ms, value).
    static func trace(_ url: URL) throws -> [String: [(Int64, Double)]] {
        var rows: [String: [(Int64, Double)]] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 4, let seconds = Double(fields[0]), let value = Double(fields[2]) else { continue }
            rows[String(fields[1]), default: []].append((Int64((seconds * 1000).rounded()), value))
        }
        return rows
    }

    @Test func pymodbusAndMbpollReadFreshCorrectValuesOfEveryTypeAndWordOrder() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var documents: [String] = []
        var periodsMs: [String: Int64] = [:]
        for plant in Self.plants {
            let json = try CLIRunner.run(["points", plant, "--format", "json"])
            #expect(json.status == 0)
            let file = dir.appendingPathComponent((plant as NSString).lastPathComponent + ".json")
            try json.stdout.write(to: file, atomically: true, encoding: .utf8)
            documents.append(file.path)
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let code = (object?["enterprise"] as? [String: Any])?["code"] as? String ?? ""
            for point in object?["points"] as? [[String: Any]] ?? [] {
                periodsMs["\(code):\(point["code"] as? String ?? "")"] = point["samplePeriodMs"] as? Int64 ?? 1000
            }
        }
        let out = dir.appendingPathComponent("run")
        let slave = try SlaveProcess(Self.plants + ["--duration", "20s", "--out", out.path])
        let peer = try Python.run("modbus_peer.py", ["values", "127.0.0.1", String(slave.port)] + documents + ["--rounds", "2"])
        #expect(peer.status == 0, "\(peer.stderr)")
        #expect(slave.wait() == 0, "\(slave.log)")
        let trace = try Self.trace(out.appendingPathComponent("trace.csv"))
        let readings = try peer.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(Reading.self, from: Data($0.utf8))
        }
        #expect(Set(readings.map(\.peer)) == ["pymodbus", "mbpoll"])
        #expect(Set(readings.map(\.type)) == ["float32", "int16", "uint16", "int32", "uint32", "bit"])
        #expect(Set(readings.map(\.order)) == ["ABCD", "CDAB", "BADC", "DCBA"])
        var mismatches: [String] = []
        for reading in readings {
            let key = "\(reading.plant):\(reading.code)"
            guard let value = reading.value, let from = reading.fromMs, let to = reading.toMs else {
                mismatches.append("\(reading.peer) \(key): no value (exception \(reading.exception ?? -1))")
                continue
            }
            let period = periodsMs[key] ?? 1000
            let tolerance = reading.type == "float32" ? 1e-4 * max(1, abs(value)) : reading.scale / 2 + 1e-4
            let candidates = (trace[key] ?? []).filter { $0.0 >= from - period && $0.0 <= to + period }
            if !candidates.contains(where: { abs($0.1 - value) <= tolerance }) {
                mismatches.append("\(reading.peer) \(key) read \(value) at \(from)…\(to) ms; trace: \(candidates.map(\.1))")
            }
        }
        #expect(readings.count >= 2 * 2 * 69)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).joined(separator: "\n"))")
    }
}

extension ModbusInteropTests {
    /// Each protocol fault of Tests/Interop/modbus-faults.yaml as pymodbus and a raw socket see it.
    @Test func everyProtocolFaultAndExceptionAsAnIndependentClientSeesIt() throws {
        let slave = try SlaveProcess(["Tests/Interop/modbus-faults.yaml"])
        let peer = try Python.run("modbus_peer.py", ["faults", "127.0.0.1", String(slave.port), "2"])
        #expect(peer.status == 0, "\(peer.stderr)")
        _ = slave.wait()
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(peer.stdout.utf8)) as? [String: Any])
        func probe(_ key: String) -> [String: Any] { seen[key] as? [String: Any] ?? [:] }
        func flow(_ key: String) -> Double? { probe(key)["abcd"] as? Double }
        // Healthy before and after: a plausible mould-water flow (150–250 m³/h).
        for key in ["healthy", "after"] { #expect((150...250).contains(flow(key) ?? -1), "\(key): \(probe(key))") }
        #expect(seen["illegalAddress"] as? Int == 2)
        #expect(seen["illegalFunction"] as? Int == 1)
        #expect(seen["illegalValue"] as? Int == 3)
        #expect(seen["readOnlyWrite"] as? Int == 2)
        #expect(seen["unknownUnit"] as? String != "answered")
        #expect(probe("exception")["error"] as? Int == 4)
        #expect(probe("noReply")["error"] != nil && (probe("noReply")["latency"] as? Double ?? 0) >= 1.0)
        let freeze = seen["freeze"] as? [String: [String: Any]]
        #expect(freeze?["first"]?["abcd"] as? Double != nil)
        #expect(freeze?["first"]?["abcd"] as? Double == freeze?["second"]?["abcd"] as? Double)
        #expect((150...250).contains(probe("wordOrderSwap")["cdab"] as? Double ?? -1))
        #expect(!(150...250).contains(flow("wordOrderSwap") ?? 200))
        #expect((probe("delay")["latency"] as? Double ?? 0) >= 0.75 && flow("delay") != nil)
        #expect((probe("splitFrame")["latency"] as? Double ?? 0) >= 0.28 && flow("splitFrame") != nil)
        #expect(probe("garbage")["error"] != nil)
        #expect(probe("dropConnection")["error"] != nil)
        #expect(seen["refused"] as? Bool == true)
        #expect(slave.log.contains("fault on: refuseConnections"))
    }
}
