import ArgumentParser
import Foundation
import Harness
import ModbusMap
import ModbusServer
import PlantModel
import Scenario
import SimCore
import Simulation

struct SlaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slave",
        abstract: "Serve simulated plants as Modbus TCP slaves (libmodbus), values following the engine live.",
        discussion: """
            Each plant answers on its unit id (plant file `modbus.unitId`, default: 1, 2, … in argument order) on
            the --listen port, or on its own `modbus.port`. A scenario runs to its end; a plant file runs until
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

    @Option(help: .hidden)
    var benchRegisters: Int?

    func run() throws {
        let (host, port) = try Self.parseListen(listen)
        if let registers = benchRegisters {
            try serveBenchUnit(host: host, port: port, registers: registers)
            return
        }
        guard !files.isEmpty else { throw ValidationError("give at least one scenario or plant file") }
        let limit = try duration.map { text in
            guard let value = SimDuration.parse(text), value.milliseconds > 0 else {
                throw ValidationError("--duration expects a duration like 30s, 5m or 1h30m; found '\(text)'")
            }
            return value
        }
        let setup = try SlaveSetup.load(files: files, seed: seed, duration: limit)
        let endpoints = try setup.endpoints(host: host, port: port)
        let server = ModbusSlaveServer(
            configuration: .init(endpoints: endpoints.list, unknownUnit: unknownUnit, seed: setup.engine.seed))
        server.log = { Console.error("modbus: \($0)") }
        try server.start()
        server.setFaultSchedule(setup.protocolFaults)
        Console.error(
            "tundish \(TundishVersion.current) · slave · seed \(setup.engine.seed) · digest \(setup.digest.prefix(16)) · "
                + endpoints.summary(ports: server.boundPorts))
        var engine = setup.engine
        var sink = try SlaveTraceSink(directory: out, plants: engine.plants)
        PacedRunner(speed: speed).run(&engine, sink: &sink) { engine in
            server.publish(time: engine.now, units: endpoints.values(engine))
        }
        sink.close()
        server.stop()
        let stats = server.statistics
        print("served \(stats.requests) requests (\(stats.exceptions) exceptions, \(stats.dropped) unanswered) "
            + "on \(stats.connectionsAccepted) connections; plant time \(engine.now.sinceStart)")
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
        let server = ModbusSlaveServer(configuration: .init(endpoints: [.init(host: host, port: port, units: [map])]))
        try server.start()
        let values = (0..<points.count).map(Double.init)
        server.publish(time: .start, units: [0: .init(values: values, qualities: values.map { _ in .good })])
        FileHandle.standardOutput.write(Data("ready \(server.boundPorts[0])\n".utf8))
        while true { sleep(3600) }
    }
}

extension ModbusSlaveServer.UnknownUnitPolicy: ExpressibleByArgument {}
