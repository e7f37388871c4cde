import Conformance
import Foundation
import Harness
import ModbusServer
import Observers
import Reference
import Scenario
import SimCore
import Simulation
import Uplink

/// One scenario on wall time against a live target: the plants served as Modbus slaves and pushed
/// through the uplink, the target's alarms and grades read back by its observer, the fate of every
/// uplink batch recorded — the same result a lockstep run gives (`LockstepResult`), for the same
/// checker. Against `reference`, the embedded platform is started on a free port and reached through
/// its real HTTP API (Scenarios/targets/reference.yaml).
public struct LiveRun: Sendable {
    public struct Options: Sendable {
        /// `reference` or a target file.
        public var target: String
        /// Plant seconds per wall second.
        public var speed: Double
        public var rules: ReferenceRules
        /// Wall seconds to wait at the end for the uplink to drain.
        public var drainTimeout: Double = 30
        /// The run's id: part of every batch id, with the scenario id.
        public var runId: String = "run"
        /// The scenario's folder in the run directory: `trace.csv`, `events.jsonl` and the uplink
        /// spool go there (nil: no trace, the spool in a temporary folder).
        public var folder: String?
        /// The version the embedded platform reports.
        public var version: String = "live"
        /// The target file `reference` names.
        public var referenceFile: String = LiveConnection.referenceTargetFile
        /// Plant time zero: nil takes the target file's `epoch`, else `now` (the wall clock at the
        /// scenario's start, so the target sees today's timestamps).
        public var epoch: LiveSettings.EpochChoice?
        /// Progress lines and warnings.
        public var log: @Sendable (String) -> Void = LiveLog.standardError
        /// No progress lines (`--quiet`); warnings still go to `log`.
        public var quiet = false

        public init(target: String, speed: Double, rules: ReferenceRules) {
            self.target = target; self.speed = speed; self.rules = rules
        }
    }

    public var options: Options

    public init(_ options: Options) { self.options = options }

    /// Runs `scenario` with `seed` against a connection opened (and closed) for it.
    public func run(_ scenario: LoadedScenario, seed: UInt64) async throws -> LockstepResult {
        let connection = try await LiveConnection.open(
            target: options.target, plants: scenario.plants, rules: options.rules, version: options.version,
            referenceFile: options.referenceFile)
        do {
            let outcome = try await run(scenario, seed: seed, connection: connection)
            await connection.close()
            return outcome
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Runs `scenario` against an open connection: the target file's `before` hooks, the scenario,
    /// its `after` hooks. A failing hook is an `error` record; a failing `before` hook ends the
    /// scenario before it starts.
    public func run(_ scenario: LoadedScenario, seed: UInt64, connection: LiveConnection) async throws -> LockstepResult {
        let epoch = effectiveEpoch(scenario, connection.spec.live)
        var variables = connection.variables
        variables["RUN_ID"] = options.runId
        variables["SCENARIO"] = scenario.spec.id
        variables["EPOCH_MS"] = String(epoch)
        let codes = scenario.plants.map(\.enterprise.code)
        variables["ENTERPRISES"] = codes.joined(separator: ",")
        variables["ENTERPRISES_JSON"] = "[" + codes.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        let requests = TargetRequests(variables: variables)
        for (index, hook) in connection.spec.live.before.enumerated() {
            if let failure = await requests.run(hook) {
                let message = "hook before[\(index)] of \(connection.file) failed, the scenario was not run: \(failure)"
                let plants = Engine(scenario: scenario, seed: seed).plants
                return LockstepResult(
                    history: HistoryMapping.plantRecords(plants) + [.error(at: .start, source: .harness, message: message), .end(at: .start)],
                    series: HistoryMapping.seriesRecorder(plants, duration: scenario.spec.duration), samples: 0, end: .start)
            }
        }
        var result = try await runScenario(scenario, seed: seed, connection: connection, epochUnixMs: epoch,
                                           requests: requests)
        for (index, hook) in connection.spec.live.after.enumerated() {
            if let failure = await requests.run(hook) {
                let message = "hook after[\(index)] of \(connection.file) failed: \(failure)"
                result.history.insert(.error(at: result.end, source: .harness, message: message), at: result.history.count - 1)
            }
        }
        return result
    }

    /// Unix ms of plant time zero for this scenario.
    func effectiveEpoch(_ scenario: LoadedScenario, _ settings: LiveSettings) -> Int64 {
        switch options.epoch ?? settings.epoch ?? .now {
        case .scenario: scenario.spec.epochUnixMs
        case .now: Int64((Date().timeIntervalSince1970 * 1000).rounded())
        }
    }

    func runScenario(_ scenario: LoadedScenario, seed: UInt64, connection: LiveConnection, epochUnixMs: Int64,
                     requests: TargetRequests) async throws -> LockstepResult {
        let id = scenario.spec.id
        let setup = SlaveSetup(scenario, seed: seed)
        let clock = PlantTimeBox()
        let spool = options.folder.map { $0 + "/spool" }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("tundish-live-\(UUID().uuidString)").path
        defer { if options.folder == nil { try? FileManager.default.removeItem(atPath: spool) } }
        let link = try connection.uplinkURL.map { url in
            try UplinkLink(url: url, setup: setup, files: [id], spool: spool, token: connection.token,
                           profile: connection.profile, credentials: connection.credentials, caFile: connection.caFile,
                           clock: clock, batchScope: RunId.batchScope(run: options.runId, scenario: id),
                           epochUnixMs: epochUnixMs, log: options.log)
        }
        let server = try connection.modbusListen.map { try Self.serve(setup, listen: $0, seed: seed) }
        // The observer starts (reads the target's state, subscribes) before the first uplink post; its
        // wall→plant map is re-anchored below, when the plant clock really starts.
        let observer = try await connection.observe(epochUnixMs: epochUnixMs, wallStart: Date(), speed: options.speed)
        let senderTask = link.map { link in Task { await link.sender.run() } }
        let actions = PlatformActions(declared: connection.spec.live.actions, requests: requests, targetFile: connection.file,
                                      epochUnixMs: epochUnixMs)
        let actionsTask = Task { await actions.run() }
        let plants = setup.engine.plants
        let recorder = HistoryMapping.seriesRecorder(plants, duration: scenario.spec.duration)
        let ledger = link?.sender.spool.ledger
        let engineStarted = Date()
        await observer.align(WallToPlant(
            wallStartMs: Int64((engineStarted.timeIntervalSince1970 * 1000).rounded()), speed: options.speed,
            plantEnd: .start + scenario.spec.duration))
        let (end, engineHistory, series, samples, traceFailure) = try await PacedLoop.run(
            setup.engine, speed: options.speed,
            sink: { [folder = options.folder] in
                LiveSink(writer: try folder.map { try TraceFileWriter(directory: $0, plants: plants) },
                         uplink: link?.pipeline, clock: clock, series: recorder, actions: actions)
            },
            shouldStop: { ledger?.firstAuthRejection != nil },
            publish: progress(server, ledger: ledger, id: id, total: scenario.spec.duration),
            finish: { engine, sink in
                // A failed trace write is thrown once the uplink, actions and observer are wound down.
                var failure: String?
                do { try sink.finish(at: engine.now) } catch { failure = "\(error)" }
                return (engine.now, sink.history, sink.series, sink.samples, failure)
            })
        server?.0.stop()
        let modbusReads = server.map { ModbusReadHistory(endpoints: $0.1).records($0.0.takeReads(), end: end) } ?? []
        actions.finish()
        await actionsTask.value
        var notes = actions.errors
        if link != nil { notes += TargetClockNotes.records(engineHistory, speed: options.speed) }
        notes += ModbusFaultNotes.records(engineHistory, targetPolls: connection.modbusListen != nil, targetFile: connection.file)
        if let link, let senderTask {
            notes += await settle(link, task: senderTask, engineSeconds: Date().timeIntervalSince(engineStarted),
                                  hint: connection.credentialHint, end: end)
        }
        // A poll failing while the target settles after the end is still a failure of this run's
        // observation: stamped at the end, not past it.
        let observed = await observer.finish(settleSeconds: connection.settleSeconds).map { record in
            var record = record
            if record.type == .error, record.t > end.milliseconds { record.t = end.milliseconds }
            return record
        }
        var reception: [HistoryRecord] = []
        if let spec = connection.spec.live.reception {
            reception = await ReceptionCounts(spec: spec, requests: requests).records(plants: plants, epochUnixMs: epochUnixMs, end: end)
        }
        if let traceFailure { throw LiveRunError(traceFailure) }
        let history = HistoryMapping.plantRecords(plants) + engineHistory + notes + modbusReads + observed + reception + [.end(at: end)]
        return LockstepResult(history: history, series: series, samples: samples, end: end)
    }

    static func serve(_ setup: SlaveSetup, listen: String, seed: UInt64) throws -> (ModbusSlaveServer, SlaveEndpoints) {
        let (host, port) = try ListenAddress.parse(listen)
        let endpoints = try setup.endpoints(host: host, port: port)
        let server = ModbusSlaveServer(configuration: .init(endpoints: endpoints.list, seed: seed, readIntervalMs: ModbusReadHistory.intervalMs))
        try server.start()
        server.setFaultSchedule(setup.protocolFaults)
        return (server, endpoints)
    }

    /// After ticks: the Modbus slaves' snapshot; every 5 s of wall time a progress line, and a
    /// warning while the uplink's backlog grows.
    func progress(_ server: (ModbusSlaveServer, SlaveEndpoints)?, ledger: DeliveryLedger?, id: String,
                  total: SimDuration) -> @Sendable (Engine) -> Void {
        let every = Every(seconds: 5)
        let watch = BacklogBox()
        let log = options.log, quiet = options.quiet
        return { engine in
            if let (server, endpoints) = server { server.publish(time: engine.now, units: endpoints.values(engine)) }
            guard every.due() else { return }
            if !quiet { log("  \(id): plant \(engine.now) of t+\(total)") }
            if let ledger, let warning = watch.check(ledger.backlog, at: engine.now) { log("  \(id): \(warning)") }
        }
    }

    /// Drains the uplink (unless the target refused our credentials), stops the sender, and turns
    /// every batch's fate into history records.
    func settle(_ link: UplinkLink, task: Task<Void, Never>, engineSeconds: Double, hint: String, end: SimInstant) async
        -> [HistoryRecord]
    {
        let ledger = link.sender.spool.ledger
        let drainStarted = Date()
        if ledger.firstAuthRejection == nil { _ = await link.sender.drain(timeout: .seconds(options.drainTimeout)) }
        task.cancel()
        _ = await task.value
        let attempts = await link.sender.attemptsOnHead
        await link.sender.shutdown()
        let counts = ledger.perEnterprise
        let sent = counts.values.reduce(0) { $0 + $1.sent }
        let answered = counts.values.reduce(0) { $0 + $1.delivered + $1.rejected }
        let rates = DeliveryRates(
            speed: options.speed, producedPerSecond: Double(sent) / max(engineSeconds, 0.001),
            deliveredPerSecond: Double(answered) / max(engineSeconds + Date().timeIntervalSince(drainStarted), 0.001))
        return DeliveryHistory(credentialHint: hint, rates: rates).records(
            settled: ledger.settledFates, undelivered: ledger.undelivered(link.sender.spool.pendingEntries, attempts: attempts),
            counts: counts, end: end)
    }
}

/// `HOST:PORT` of a listening address.
public enum ListenAddress {
    public static func parse(_ text: String) throws -> (String, UInt16) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let port = UInt16(parts[1]) else {
            throw LiveRunError("expected HOST:PORT, e.g. 127.0.0.1:1502; found '\(text)'")
        }
        return (String(parts[0]), port)
    }
}

/// A `BacklogWatch` shared with the engine's thread.
final class BacklogBox: @unchecked Sendable {
    let lock = NSLock()
    var watch = BacklogWatch()
    func check(_ backlog: Int, at time: SimInstant) -> String? { lock.withLock { watch.check(backlog, at: time) } }
}
