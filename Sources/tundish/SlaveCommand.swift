import ArgumentParser
import CLISupport
import Foundation
import Harness
import LiveHarness
import ModbusMap
import ModbusServer
import PlantModel
import Scenario
import SimCore
import Simulation
import Uplink

struct SlaveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slave",
        abstract: "Serve simulated plants as Modbus TCP slaves (libmodbus), values following the engine live.",
        discussion: """
            Each plant answers on its unit id (plant file `modbus.unitId`, default: 1, 2, … in argument order) on \
            the --listen port, or on its own `modbus.port`. A scenario runs to its end; a plant file runs until \
            interrupted. Protocol faults scheduled in a scenario (`modbus:` steps) apply at their plant times.
            """)

    @Argument(help: "Scenario or plant files.")
    var files: [String] = []

    @Option(help: "Address and port to listen on (IPv4).")
    var listen: String = "127.0.0.1:1502"

    @Option(help: "Plant seconds per wall second (1 = real time).")
    var speed: Double = 1

    @Option(help: "Seed (default: the scenario's).")
    var seed: UInt64?

    @Option(help: "Unknown unit ids: drop (no reply) or exception (0x0B).")
    var unknownUnit: ModbusSlaveServer.UnknownUnitPolicy = .drop

    @Option(help: "Also write trace.csv and events.jsonl to this folder.")
    var out: String?

    @Option(help: "Stop after this much plant time (e.g. 30s, 2h); default: the scenario's end, or never for plant files.")
    var duration: String?

    @Option(help: "Also push basic data, readings, alarms and heartbeats to this target (e.g. http://127.0.0.1:8080).")
    var uplink: String?

    @Option(help: "Bearer token for the uplink (default: $TUNDISH_TOKEN).")
    var token: String?

    @Option(help: "Uplink profile file (field names, endpoints, envelope, auth; default: the default profile).")
    var profile: String?

    @Option(help: "SM4 envelope credentials per enterprise (YAML; see Scenarios/profiles/credentials-example.yaml).")
    var credentials: String?

    @Option(help: "Uplink readings batch period (plant time).")
    var readingsEvery: String = "10s"

    @Option(help: "Uplink heartbeat period (plant time).")
    var heartbeatEvery: String = "60s"

    @Option(help: "PEM file of the certificate authority to trust for an https uplink.")
    var caFile: String?

    @Option(help: "Spool folder of the uplink (default: runs/spool/<first file name>); batches survive restarts there.")
    var spool: String?

    @Option(help: "Seconds to wait at the end for the uplink spool to drain.")
    var drainTimeout: Double = 60

    @Option(name: .customLong("spin-us"),
            help: "Microseconds the Modbus loop keeps polling after a request before it sleeps (0: sleep at once).")
    var spinMicroseconds: Int = 50

    @Option(help: "Serve Prometheus metrics at http://HOST:PORT/metrics (Modbus requests and exceptions, uplink batches, spool depth, plant time).")
    var metrics: String?

    @Option(help: .hidden)
    var benchRegisters: Int?

    /// Writes the register maps served (per unit: every binding's table, address, type, writable)
    /// as JSON once listening; the Modbus fuzzer (Tools/fuzz) predicts answers from it.
    @Option(help: .hidden)
    var mapJson: String?

    /// Option values are checked while parsing (usage errors, exit 64); files and folders before any work.
    func validate() throws {
        _ = try Self.parseListen(listen)
        guard benchRegisters == nil else { return }
        guard !files.isEmpty else { throw ValidationError("give at least one scenario or plant file") }
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed expects a positive number; found \(speed)") }
        _ = try durationLimit()
        _ = try Self.period(readingsEvery, "--readings-every")
        _ = try Self.period(heartbeatEvery, "--heartbeat-every")
        if let uplink { try Self.checkUplinkURL(uplink) }
        let uplinkOnly = [("--token", token), ("--profile", profile), ("--credentials", credentials), ("--ca-file", caFile),
                          ("--spool", spool)].compactMap { $0.1 == nil ? nil : $0.0 }
        if uplink == nil, let option = uplinkOnly.first {
            throw ValidationError("\(option) applies to the uplink only; give --uplink URL too")
        }
    }

    func durationLimit() throws -> SimDuration? {
        try duration.map { text in
            guard let value = SimDuration.parse(text), value.milliseconds > 0 else {
                throw ValidationError("--duration expects a duration like 30s, 5m or 1h30m; found '\(text)'")
            }
            return value
        }
    }

    /// `--uplink` takes an http:// or https:// URL with a host; anything else is refused at start,
    /// never retried.
    static func checkUplinkURL(_ text: String) throws {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            throw ValidationError("--uplink \(text): expected an http:// or https:// URL with a host, e.g. http://127.0.0.1:8080")
        }
    }

    /// The files exist and the folders the slave writes can be written, before anything starts.
    func checkPaths() throws {
        for file in files { try FileSourceReader.requireFile(file) }
        for file in [profile, credentials, caFile].compactMap({ $0 }) { try FileSourceReader.requireFile(file) }
        if let out { try OutputPaths.checkFolder(out, option: "--out") }
        if uplink != nil {
            let name = ((files.first ?? "run") as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
            try OutputPaths.checkFolder(spool ?? "runs/spool/\(name)", option: "--spool")
        }
    }

    func run() async throws { try await HarnessErrors.exitCode2 { try await execute() } }

    func execute() async throws {
        let (host, port) = try Self.parseListen(listen)
        if let registers = benchRegisters {
            try serveBenchUnit(host: host, port: port, registers: registers)
            return
        }
        try checkPaths()
        let limit = try durationLimit()
        let setup = try SlaveSetup.load(files: files, seed: seed, duration: limit)
        let endpoints = try setup.endpoints(host: host, port: port)
        let server = ModbusSlaveServer(
            configuration: .init(endpoints: endpoints.list, unknownUnit: unknownUnit, seed: setup.engine.seed,
                                 spinMicroseconds: spinMicroseconds))
        server.log = { Console.error("modbus: \($0)") }
        try server.start()
        server.setFaultSchedule(setup.protocolFaults)
        if let mapJson { try Self.writeMaps(endpoints.list, ports: server.boundPorts, to: mapJson) }
        Console.error(
            "tundish \(TundishVersion.current) · slave · seed \(setup.engine.seed) · digest \(setup.digest.prefix(16)) · "
                + endpoints.summary(ports: server.boundPorts))
        let clock = PlantTimeBox()
        let profileFile = try UplinkFiles.profile(profile)
        let credentialTable = try UplinkFiles.credentials(credentials)
        let link = try uplink.map {
            try UplinkLink(
                url: $0, setup: setup, files: files, spool: spool, token: token, profile: profileFile,
                credentials: credentialTable, caFile: caFile, clock: clock,
                periods: (try Self.period(readingsEvery, "--readings-every"), try Self.period(heartbeatEvery, "--heartbeat-every")))
        }
        let senderTask = link.map { link in Task { await link.sender.run() } }
        let metricsTask = try metrics.map { try SlaveMetrics.start($0, server: server, sender: link?.sender, clock: clock) }
        defer { metricsTask?.cancel() }
        let engine = try await PacedLoop.run(
            setup.engine, speed: speed,
            sink: { [out] in try SlaveTraceSink(directory: out, plants: setup.engine.plants, uplink: link?.pipeline, clock: clock) },
            publish: { engine in server.publish(time: engine.now, units: endpoints.values(engine)) },
            finish: { engine, sink in
                try sink.finish(at: engine.now)
                return engine
            })
        server.stop()
        let stats = server.statistics
        print("served \(stats.requests) requests (\(stats.exceptions) exceptions, \(stats.dropped) unanswered) "
            + "on \(stats.connectionsAccepted) connections; plant time \(engine.now.sinceStart)")
        if let link, let senderTask {
            let drained = await link.sender.drain(timeout: .seconds(drainTimeout))
            senderTask.cancel()
            await link.sender.shutdown()
            let sent = await link.sender.statistics
            print("uplink: \(sent.delivered) batches delivered, \(sent.rejected) rejected, \(sent.retries) retries, "
                + "\(link.sender.spool.count) still spooled" + (drained ? "" : " (drain timed out; they are resent on the next start)"))
        }
    }

    static func writeMaps(_ endpoints: [ModbusSlaveServer.Endpoint], ports: [UInt16], to path: String) throws {
        let units: [[String: Any]] = zip(endpoints, ports).flatMap { endpoint, port in
            endpoint.units.map { map -> [String: Any] in
                let bindings = map.bindings.map { binding -> [String: Any] in
                    [
                        "table": binding.table.rawValue, "address": binding.address, "type": binding.type.rawValue,
                        "writable": binding.writable, "role": binding.role.rawValue, "point": binding.point,
                    ]
                }
                return ["port": Int(port), "unitId": Int(map.unitId), "bindings": bindings]
            }
        }
        let data = try JSONSerialization.data(withJSONObject: ["units": units], options: [.sortedKeys])
        let temporary = path + ".tmp"
        try data.write(to: URL(fileURLWithPath: temporary))
        _ = rename(temporary, path)
    }

    static func period(_ text: String, _ option: String) throws -> SimDuration {
        guard let value = SimDuration.parse(text), value.milliseconds > 0 else {
            throw ValidationError("\(option) expects a duration like 10s; found '\(text)'")
        }
        return value
    }

    static func parseListen(_ text: String) throws -> (String, UInt16) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let port = UInt16(parts[1]) else {
            throw ValidationError("--listen expects HOST:PORT, e.g. 127.0.0.1:1502; found '\(text)'")
        }
        return (String(parts[0]), port)
    }

    /// A synthetic unit for `tundish bench modbus`: `registers` holding registers, no engine.
    func serveBenchUnit(host: String, port: UInt16, registers: Int) throws {
        let points = (0..<(registers / 2)).map {
            PointSpec(code: "B\($0)", nameZh: "基准", nameEn: "bench", unit: "", range: 0...1e6, equipment: "B")
        }
        let map = try UnitMap.generate(points: points, layout: ModbusLayout(acknowledgeCoils: false))
        let server = ModbusSlaveServer(configuration: .init(
            endpoints: [.init(host: host, port: port, units: [map])], spinMicroseconds: spinMicroseconds))
        try server.start()
        let values = (0..<points.count).map(Double.init)
        server.publish(time: .start, units: [0: .init(values: values, qualities: values.map { _ in .good })])
        FileHandle.standardOutput.writeIgnoringErrors(Data("ready \(server.boundPorts[0])\n".utf8))
        while true { sleep(3600) }
    }
}

extension ModbusSlaveServer.UnknownUnitPolicy: ExpressibleByArgument {}
