import ArgumentParser
import CLISupport
import Foundation
import LiveHarness
import Reference
import ReferenceServer
import Scenario
import SimCore
import Telemetry

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the reference platform: alarm engine, risk grading, query API, webhooks, SQLite storage.",
        discussion: """
            Ingests plant data by polling Modbus slaves (--poll PLANT_FILE@HOST:PORT) and from the HTTP uplink \
            (POST /uplink/v1/…, default profile). Write endpoints need `Authorization: Bearer <token>` (--token, \
            TUNDISH_TOKEN, or a random token printed at start). With --db, a restart replays the stored inputs and \
            loses nothing.
            """)

    @Option(help: "Address and port of the HTTP API (port 0 picks a free one).")
    var http: String = "127.0.0.1:8080"

    @Option(help: "SQLite database file (default: in memory).")
    var db: String?

    @Option(help: "Rules file (default: Scenarios/rules/default.yaml if present, else the built-in defaults).")
    var rules: String?

    @Option(help: "Plant files of enterprises the platform knows.")
    var plant: [String] = []

    @Option(help: "Poll a plant's Modbus slave: PLANT_FILE@HOST:PORT (repeatable).")
    var poll: [String] = []

    @Option(help: "Accept the SM4 envelope with these per-enterprise credentials (YAML).")
    var credentials: String?

    @Option(help: "Polling interval of --poll (default: 1s; e.g. 200ms): a slave run at --speed N moves N plant-seconds per wall second, so poll at 1s/N or faster to see short alarms.")
    var pollInterval: String?

    @Option(help: "Bearer token required by write endpoints (default: $TUNDISH_TOKEN, else a random one, printed at start).")
    var token: String?

    /// Option values are checked while parsing (usage errors, exit 64).
    func validate() throws {
        _ = try Self.parseListen(http)
        _ = try interval()
        if pollInterval != nil, poll.isEmpty { throw ValidationError("--poll-interval applies to --poll only; give --poll PLANT_FILE@HOST:PORT too") }
        for text in poll { _ = try Self.splitPoll(text) }
    }

    func interval() throws -> SimDuration {
        let text = pollInterval ?? "1s"
        guard let interval = SimDuration.parse(text), interval.milliseconds > 0 else {
            throw ValidationError("--poll-interval expects a duration like 1s or 200ms; found '\(text)'")
        }
        return interval
    }

    /// Every input file exists and the database's folder can be written, before anything starts.
    func checkPaths() throws {
        for file in plant + poll.compactMap({ try? Self.splitPoll($0).file }) { try FileSourceReader.requireFile(file) }
        for file in [rules, credentials].compactMap({ $0 }) { try FileSourceReader.requireFile(file) }
        if let db { try OutputPaths.checkFile(db, option: "--db") }
    }

    func run() async throws { try await HarnessErrors.exitCode2 { try await execute() } }

    func execute() async throws {
        try checkPaths()
        var configuration = ReferenceService.Configuration()
        let (host, port) = try Self.parseListen(http)
        configuration.host = host
        configuration.port = Int(port)
        configuration.databasePath = db
        let givenToken = token ?? ProcessInfo.processInfo.environment["TUNDISH_TOKEN"]
        let writeToken = givenToken ?? (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 36) }.joined()
        configuration.token = writeToken
        configuration.version = TundishVersion.current
        configuration.openAPI = BundledDocuments.openAPI
        configuration.rules = try RulesLoading.load(rules, disabling: []).0
        configuration.credentials = Array(try UplinkFiles.credentials(credentials).values)
        configuration.pollIntervalMs = Int(try interval().milliseconds)
        configuration.log = { Console.error($0) }
        let loader = ScenarioLoader(reader: FileSourceReader())
        do {
            configuration.plants = try plant.map { try loader.loadPlant(path: $0) }
            configuration.polls = try poll.map { try Self.parsePoll($0, loader: loader) }
        } catch let error as DiagnosticError {
            throw CLIError(error.description)
        }
        let telemetry = Telemetry()
        telemetry.bootstrapGlobally()
        configuration.telemetry = telemetry
        let service = ReferenceService(configuration: configuration)
        let database = db ?? "memory"
        do {
            try await service.run { port in
                Console.error("tundish \(TundishVersion.current) · serve · listening on http://\(host):\(port) · db \(database)")
                if givenToken == nil { Console.error("write token (Authorization: Bearer …): \(writeToken)") }
            }
        } catch where "\(error)".contains("Address already in use") {
            throw CLIError("--http \(http): cannot listen: the port is in use (another serve?); choose another --http (port 0 picks a free one)")
        }
    }

    static func parsePoll(_ text: String, loader: ScenarioLoader) throws -> ReferenceService.Poll {
        let (path, host, port) = try splitPoll(text)
        let file = try loader.loadPlantFile(path: path)
        return ReferenceService.Poll(plant: file.config, layout: file.modbus, host: host, port: port)
    }

    static func splitPoll(_ text: String) throws -> (file: String, host: String, port: UInt16) {
        let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
        let address = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false) : []
        guard address.count == 2, let port = UInt16(address[1]), !address[0].isEmpty else {
            throw ValidationError("--poll expects PLANT_FILE@HOST:PORT, e.g. Scenarios/plants/aluminium-casting.yaml@127.0.0.1:1502; found '\(text)'")
        }
        return (parts[0], String(address[0]), port)
    }

    static func parseListen(_ text: String) throws -> (String, UInt16) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let port = UInt16(parts[1]) else {
            throw ValidationError("--http expects HOST:PORT, e.g. 127.0.0.1:8080; found '\(text)'")
        }
        return (String(parts[0]), port)
    }
}
