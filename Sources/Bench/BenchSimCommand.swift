import ArgumentParser
import CLISupport
import Foundation
import Harness
import LiveHarness
import PlantModel
import Reference
import Scenario
import SimCore
import Simulation

struct BenchSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run both shipped plants for N hours of plant time (lockstep, no I/O) and report point-samples/s.")

    @Option(help: "Plant time to simulate, in hours.")
    var hours: Double = 24

    @Option(help: "Plant files to run together.")
    var plant: [String] = ["Scenarios/plants/steel-works.yaml", "Scenarios/plants/aluminium-casting.yaml"]

    @Option(help: "Repetitions; the median is reported.")
    var repeats: Int = 3

    @Option(help: "Seed.")
    var seed: UInt64 = 1

    @Flag(help: "Run in lockstep with the reference platform (alarms, grading, history), as `tundish run` does.")
    var reference = false

    @Option(help: "With --reference: 1 runs engine and platform in turn on one thread; 2 (what `tundish run` does) runs the platform on a second thread, fed the engine's output in batches.")
    var threads: Int = 2

    func run() throws {
        let loader = ScenarioLoader(reader: FileSourceReader())
        var configs: [PlantConfig] = []
        for path in plant {
            do { configs.append(try loader.loadPlant(path: path)) } catch {
                Console.error(error.description)
                throw ExitCode(1)
            }
        }
        let spec = Self.benchScenario(hours: hours, plants: configs)
        var timings: [Double] = []
        var result = CountingTrace()
        var historyRecords = 0
        let rules = try RulesLoading.load(nil, disabling: []).0
        for _ in 0..<max(1, repeats) {
            var trace = CountingTrace()
            let clock = ContinuousClock()
            let started = clock.now
            if reference {
                let loaded = LoadedScenario(spec: spec, plants: configs, digest: "bench")
                let run = LockstepRun.run(loaded, rules: rules, seed: seed, pipelined: threads > 1, tee: &trace)
                historyRecords = run.history.count
            } else {
                var engine = Engine(spec: spec, plantConfigs: configs, seed: seed)
                engine.run(into: &trace)
            }
            let elapsed = clock.now - started
            timings.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            result = trace
        }
        let median = timings.sorted()[timings.count / 2]
        let points = configs.map { Plant(config: $0).points.count }.reduce(0, +)
        print("bench sim: \(String(format: "%g", hours)) h of plant time, \(configs.count) plants, \(points) points, step \(spec.step)"
            + (reference ? ", in lockstep with the reference platform on \(threads > 1 ? "2 threads" : "1 thread") (\(historyRecords) history records)" : ""))
        print("  samples        \(result.samples)")
        print("  events         \(result.events) (interlock trips \(result.interlockTrips))")
        print("  wall (median)  \(String(format: "%.3f", median)) s over \(timings.count) runs")
        print("  point-samples/s \(String(format: "%.2f", Double(result.samples) / median / 1e6)) M")
        print("  plant-time speed-up \(String(format: "%.0f", hours * 3600 / median))×")
    }

    /// A steady production day: cast and blow start after a minute; no faults.
    static func benchScenario(hours: Double, plants: [PlantConfig]) -> ScenarioSpec {
        let location = SourceLocation(file: "<bench>", line: 1, column: 1)
        let operations: [PlantModel.Operation] = [.startCast(speedMmPerMin: 80), .startBlow, .lowerLance]
        let built = plants.map { Plant(config: $0) }
        let timeline = operations.compactMap { (operation: PlantModel.Operation) -> TimelineStep? in
            guard built.contains(where: { !$0.targets(of: operation, target: nil).isEmpty }) else { return nil }
            return TimelineStep(
                name: nil, time: SimInstant(milliseconds: 60_000), plant: nil, equipment: nil,
                action: .operation(operation), duration: nil, location: location)
        }
        return ScenarioSpec(
            id: "bench-sim", titleZh: "基准", titleEn: "benchmark", description: "", tags: [], clauses: [],
            incident: nil, plantPaths: [], seed: 1, epochUnixMs: 0, duration: .hours(hours), step: .ms(100),
            timeline: timeline, expectations: [], location: location)
    }
}
