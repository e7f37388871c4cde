import ArgumentParser
import CLISupport
import Foundation
import Harness
import LiveHarness
import Logging
import ModbusServer
import PlantModel
import Scenario
import SimCore
import Simulation
import Uplink

struct BenchScaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Many enterprises in one process: each its own Modbus unit id and uplink identity, on wall time.",
        discussion: """
            Builds N enterprises from the shipped plant files (alternating steel and aluminium; own enterprise code,
            unit id 1…N on one port, region among 横州市/江南区/邕宁区), runs them for --seconds of wall time at
            --speed with the Modbus slave and the uplink (spool + sender) to a loopback sink, reads every unit over
            Modbus, and reports samples/s, readings delivered and the memory per enterprise (RSS growth ÷ N).
            """)

    @Option(help: "Enterprises (≤ 247: one Modbus unit id each).") var enterprises: Int = 200
    @Option(help: "Wall seconds to run.") var seconds: Double = 20
    @Option(help: "Plant seconds per wall second.") var speed: Double = 1

    func run() async throws {
        guard (1...247).contains(enterprises) else { throw ValidationError("--enterprises must be 1…247") }
        let baseMiB = BenchMemory.currentRSSMiB()
        let files = try Self.plantFiles(enterprises)
        let spec = BenchSimCommand.benchScenario(hours: seconds * speed / 3600 + 0.01, plants: files.map(\.config))
        let setup = SlaveSetup(
            engine: Engine(spec: spec, plantConfigs: files.map(\.config), seed: 1), layouts: files.map(\.modbus),
            ports: files.map { _ in nil }, protocolFaults: .init(), digest: "bench")
        let endpoints = try setup.endpoints(host: "127.0.0.1", port: 0)
        let server = ModbusSlaveServer(configuration: .init(endpoints: endpoints.list))
        try server.start()
        defer { server.stop() }
        let counter = SinkCounter(tracker: LatencyTracker())
        let (sinkPort, sinkTask) = try await BenchSink.start(counter: counter)
        let spoolDir = FileManager.default.temporaryDirectory.appendingPathComponent("tundish-scale-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: spoolDir) }
        let spool = try Spool(directory: spoolDir, limitBytes: 8 << 30)
        var quiet = Logger(label: "bench")
        quiet.logLevel = .error
        let sender = UplinkSender(spool: spool, configuration: .init(baseURL: "http://127.0.0.1:\(sinkPort)"), logger: quiet)
        let senderTask = Task { await sender.run() }
        let plants = setup.engine.plants
        let pipeline = UplinkPipeline(plants: plants, equipment: [], epochUnixMs: 0, spool: spool)
        let clock = PlantTimeBox()
        let port = server.boundPorts.first ?? 0
        let builtMiB = BenchMemory.currentRSSMiB()
        let started = Date()
        let stopAt = Date().addingTimeInterval(seconds)
        let samples = try await PacedLoop.run(
            setup.engine, speed: speed,
            sink: { try SlaveTraceSink(directory: nil, plants: plants, uplink: pipeline, clock: clock) },
            shouldStop: { Date() >= stopAt },
            publish: { engine in server.publish(time: engine.now, units: endpoints.values(engine)) },
            finish: { engine, sink in
                sink.close(at: engine.now)
                return engine.plants.reduce(0) { $0 + $1.points.count } * Int(engine.now.seconds)
            })
        let elapsed = Date().timeIntervalSince(started)
        let answering = Self.readEveryUnit(port: port, units: enterprises)
        _ = await sender.drain(timeout: .seconds(60))
        senderTask.cancel()
        sinkTask.cancel()
        let endMiB = BenchMemory.currentRSSMiB()
        let points = plants.reduce(0) { $0 + $1.points.count }
        print("bench scale: \(enterprises) enterprises, \(points) points, \(Int(seconds)) s wall at speed \(speed)")
        print("  Modbus units answering   \(answering) of \(enterprises) (port \(port))")
        print(String(format: "  point-seconds simulated  %d (%.0f/s)", samples, Double(samples) / elapsed))
        print("  readings delivered       \(await counter.readings)")
        print("  RSS                      \(baseMiB) MiB at start, \(builtMiB) MiB built, \(endMiB) MiB after the run")
        print(String(format: "  memory per enterprise    %.2f MiB", Double(endMiB - baseMiB) / Double(enterprises)))
    }

    /// N enterprises from the two shipped plant files, each with its own code, unit id and region.
    static func plantFiles(_ count: Int) throws -> [PlantFile] {
        let loader = ScenarioLoader(reader: FileSourceReader())
        var templates: [PlantFile] = []
        for path in ["Scenarios/plants/steel-works.yaml", "Scenarios/plants/aluminium-casting.yaml"] {
            do { templates.append(try loader.loadPlantFile(path: path)) } catch { throw CLIError(error.description) }
        }
        let regions = [("450181", "横州市"), ("450105", "江南区"), ("450109", "邕宁区")]
        return (0..<count).map { i in
            var file = templates[i % 2]
            let region = regions[i % 3]
            file.config.enterprise.code = region.0 + String(format: "%04d", i + 1) + (i % 2 == 0 ? "GT" : "AL")
            file.config.enterprise.regionCode = region.0
            file.config.enterprise.regionName = region.1
            file.modbus.unitId = UInt8(i + 1)
            return file
        }
    }

    /// Reads two holding registers from every unit id; returns how many answered.
    static func readEveryUnit(port: UInt16, units: Int) -> Int {
        let client = ModbusClient(host: "127.0.0.1", port: port)
        guard (try? client.connect()) != nil else { return 0 }
        defer { client.close() }
        var answered = 0
        for unit in 1...units where (try? client.read(unit: UInt8(unit), table: .holdingRegisters, address: 0, count: 2)) != nil {
            answered += 1
        }
        return answered
    }
}
