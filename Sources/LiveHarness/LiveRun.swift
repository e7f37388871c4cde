import Conformance
import Foundation
import Harness
import ModbusServer
import Reference
import Reports
import Scenario
import SimCore
import Simulation
import Uplink

/// One scenario on wall time against a live target: the plants served as Modbus slaves and pushed
/// through the uplink, the target's alarms and grades read back by its observer, then judged.
/// Against `reference`, the embedded platform is started on a free port and reached through its
/// real HTTP API (Scenarios/targets/reference.yaml).
struct LiveScenario {
    var target: String
    var speed: Double
    var rules: ReferenceRules
    /// Wall seconds to wait at the end for the uplink to drain.
    var drainTimeout: Double = 30

    func run(_ loaded: LoadedScenario, meta: ScenarioMeta, directory: RunDirectory) async throws
        -> (result: ScenarioResult, evidence: ScenarioEvidence)
    {
        let connection = try await LiveConnection.open(target: target, plants: loaded.plants, rules: rules)
        do {
            let outcome = try await run(loaded, meta: meta, directory: directory, connection: connection)
            await connection.close()
            return outcome
        } catch {
            await connection.close()
            throw error
        }
    }

    func run(_ loaded: LoadedScenario, meta: ScenarioMeta, directory: RunDirectory, connection: LiveConnection)
        async throws -> (result: ScenarioResult, evidence: ScenarioEvidence)
    {
        let folder = directory.scenarioFolder(meta.id)
        let setup = SlaveSetup(
            engine: Engine(scenario: loaded, seed: meta.seed), layouts: loaded.modbusLayouts, ports: loaded.modbusPorts,
            protocolFaults: loaded.protocolFaults, networkFaults: loaded.networkFaults, digest: loaded.digest)
        let clock = PlantTimeBox()
        let link = try connection.uplinkURL.map { url in
            try UplinkLink(url: url, setup: setup, files: [meta.file], spool: folder + "/spool", token: connection.token,
                           profile: connection.profile, credentials: connection.credentials, caFile: connection.caFile,
                           clock: clock)
        }
        let server = try connection.modbusListen.map { listen -> (ModbusSlaveServer, SlaveEndpoints) in
            let (host, port) = try SlaveCommand.parseListen(listen)
            let endpoints = try setup.endpoints(host: host, port: port)
            let server = ModbusSlaveServer(configuration: .init(endpoints: endpoints.list, seed: meta.seed))
            try server.start()
            server.setFaultSchedule(setup.protocolFaults)
            return (server, endpoints)
        }
        let wallStart = Date()
        let observer = try await connection.observe(epochUnixMs: loaded.spec.epochUnixMs, wallStart: wallStart, speed: speed)
        let senderTask = link.map { link in Task { await link.sender.run() } }
        let plants = setup.engine.plants
        let recorder = HistoryMapping.seriesRecorder(plants, duration: loaded.spec.duration)
        let total = loaded.spec.duration
        let (engine, sink) = try await SlaveCommand.onThread { [speed, setup] in
            var engine = setup.engine
            var sink = LiveSink(writer: try TraceFileWriter(directory: folder, plants: plants), uplink: link?.pipeline,
                                clock: clock, series: recorder)
            var lastProgress = Date()
            PacedRunner(speed: speed).run(&engine, sink: &sink) { engine in
                if let (server, endpoints) = server { server.publish(time: engine.now, units: endpoints.values(engine)) }
                if Date().timeIntervalSince(lastProgress) >= 5 {
                    lastProgress = Date()
                    Console.error("  \(meta.id): plant \(engine.now) of t+\(total)")
                }
            }
            sink.close(at: engine.now)
            return (engine, sink)
        }
        server?.0.stop()
        var notes: [HistoryRecord] = []
        if let link, let senderTask {
            if !(await link.sender.drain(timeout: .seconds(drainTimeout))) {
                notes.append(.error(at: engine.now, source: .target,
                                    message: "uplink: \(link.sender.spool.count) batches still undelivered after \(Int(drainTimeout)) s"))
            }
            senderTask.cancel()
            await link.sender.shutdown()
        }
        let observed = await observer.finish(settleSeconds: connection.settleSeconds)
        let history = HistoryMapping.plantRecords(plants) + sink.history + observed + notes + [.end(at: engine.now)]
        let indexed = History(history)
        let series = sink.series.series(PlotSelection.points(meta, history: indexed))
        try directory.writeScenario(meta, history: history, series: series)
        return (ScenarioResult.judged(meta, history: indexed), ScenarioEvidence(history: history, series: series))
    }
}
