import ArgumentParser
import CLISupport
import Foundation
import LiveHarness
import Scenario
import Simulation

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run one scenario on the virtual clock; write trace.csv and events.jsonl.")

    @Argument(help: "A scenario file.")
    var scenario: String

    @Option(help: "Seed (default: the scenario's). The seed is the run's identity.")
    var seed: UInt64?

    @Option(help: "Output folder (default: runs/simulate/<scenario id>-seed<seed>).")
    var out: String?

    func run() throws { try HarnessErrors.exitCode2 { try execute() } }

    func execute() throws {
        try FileSourceReader.requireFile(scenario)
        let loader = ScenarioLoader(reader: FileSourceReader())
        let loaded: LoadedScenario
        do {
            loaded = try loader.loadScenario(path: scenario)
        } catch {
            Console.error(error.description)
            throw ExitCode(1)
        }
        let seed = seed ?? loaded.spec.seed
        let directory = out ?? "runs/simulate/\(loaded.spec.id)-seed\(seed)"
        try OutputPaths.checkFolder(directory, option: "--out")
        Console.error(
            "tundish \(TundishVersion.current) · scenario \(loaded.spec.id) · seed \(seed) · digest \(loaded.digest.prefix(16))")
        var engine = Engine(scenario: loaded, seed: seed)
        var writer = try TraceFileWriter(directory: directory, plants: engine.plants)
        engine.run(into: &writer)
        try writer.finish()
        let points = engine.plants.reduce(0) { $0 + $1.points.count }
        print("scenario      \(loaded.spec.id) — \(loaded.spec.titleEn)")
        print("plant time    \(loaded.spec.duration) in steps of \(loaded.spec.step)")
        print("points        \(points) in \(engine.plants.count) plant\(engine.plants.count == 1 ? "" : "s")")
        print("samples       \(writer.sampleCount)")
        print("events        \(writer.eventCount) (interlock trips: \(writer.interlockTrips))")
        print("output        \(directory)/trace.csv, \(directory)/events.jsonl")
        print("replay        tundish simulate \(scenario) --seed \(seed) --out \(directory)")
    }
}
