import ArgumentParser
import Foundation
import LiveHarness
import Reference
import ReferenceServer
import Scenario
import SimCore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the reference platform: alarm engine, risk grading, query API, webhooks, SQLite storage.",
        discussion: """
            Ingests plant data by polling Modbus slaves (--poll PLANT_FILE@HOST:PORT) and from the HTTP uplink
            (POST /uplink/v1/…, default profile). Write endpoints need `Authorization: Bearer <token>` (--token,
            TUNDISH_TOKEN, or a random token printed at start). With --db, a restart replays the stored inputs and
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

    @Option(help: "Polling interval (e.g. 1s, 500ms).")
    var pollInterval: String = "1s"

    @Option(help: "Bearer token required by write endpoints (default: $TUNDISH_TOKEN, else a random one, printed at start).")
    var token: String?

    func run() async throws {
        var configuration = ReferenceService.Configuration()
        let (host, port) = try SlaveCommand.parseListen(http)
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
        guard let interval = SimDuration.parse(pollInterval), interval.milliseconds > 0 else {
            throw ValidationError("--poll-interval expects a duration like 1s; found '\(pollInterval)'")
        }
        configuration.pollIntervalMs = Int(interval.milliseconds)
        let loader = ScenarioLoader(reader: FileSourceReader())
        do {
            configuration.plants = try plant.map { try loader.loadPlant(path: $0) }
            configuration.polls = try poll.map { try Self.parsePoll($0, loader: loader) }
        } catch let error as DiagnosticError {
            throw CLIError(error.description)
        }
        let service = ReferenceService(configuration: configuration)
        let database = db ?? "memory"
        try await service.run { port in
            Console.error("tundish \(TundishVersion.current) · serve · listening on http://\(host):\(port) · db \(database)")
            if givenToken == nil { Console.error("write token (Authorization: Bearer …): \(writeToken)") }
        }
    }

    static func parsePoll(_ text: String, loader: ScenarioLoader) throws -> ReferenceService.Poll {
        let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ValidationError("--poll expects PLANT_FILE@HOST:PORT; found '\(text)'") }
        let (host, port) = try SlaveCommand.parseListen(parts[1])
        let file = try loader.loadPlantFile(path: parts[0])
        return ReferenceService.Poll(plant: file.config, layout: file.modbus, host: host, port: port)
    }
}
