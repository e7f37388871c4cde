import Foundation
import ModbusMap
import ModbusServer
import PlantModel
import Scenario
import SimCore
import Simulation

/// What `tundish slave` serves: an engine over the given scenario (or plants, run endlessly),
/// each plant's register map, and the scenario's protocol faults.
struct SlaveSetup {
    var engine: Engine
    var layouts: [ModbusLayout]
    var protocolFaults: ProtocolFaultSchedule
    var digest: String

    static func load(files: [String], seed: UInt64?) throws -> SlaveSetup {
        let loader = ScenarioLoader(reader: FileSourceReader())
        do {
            if files.count == 1, let scenario = try? loader.loadScenario(path: files[0]) {
                let layouts = scenario.plants.indices.map { ModbusLayout(unitId: UInt8($0 + 1)) }
                return SlaveSetup(
                    engine: Engine(scenario: scenario, seed: seed), layouts: layouts,
                    protocolFaults: ProtocolFaultSchedule(), digest: scenario.digest)
            }
            var configs: [PlantConfig] = []
            for file in files { configs.append(try loader.loadPlant(path: file)) }
            let spec = endless(plants: files)
            let layouts = configs.indices.map { ModbusLayout(unitId: UInt8($0 + 1)) }
            let digest = Digest.sha256Hex(try files.map { try FileSourceReader().read($0) }.joined())
            return SlaveSetup(
                engine: Engine(spec: spec, plantConfigs: configs, seed: seed), layouts: layouts,
                protocolFaults: ProtocolFaultSchedule(), digest: digest)
        } catch let error as DiagnosticError {
            throw CLIError(error.description)
        }
    }

    /// A plant file alone runs in steady state for (practically) ever.
    static func endless(plants: [String]) -> ScenarioSpec {
        let location = SourceLocation(file: plants.first ?? "<plant>", line: 1, column: 1)
        return ScenarioSpec(
            id: "plants", titleZh: "稳态运行", titleEn: "steady operation", description: "", tags: [], clauses: [],
            incident: nil, plantPaths: plants, seed: 1, epochUnixMs: 0, duration: .hours(24 * 365 * 10), step: .ms(100),
            timeline: [], expectations: [], location: location)
    }

    /// Groups plants into endpoints: those without their own port share `port`.
    func endpoints(host: String, port: UInt16) throws -> SlaveEndpoints {
        var maps: [UnitMap] = []
        for (index, plant) in engine.plants.enumerated() {
            do { maps.append(try UnitMap.generate(points: plant.points, layout: layouts[index])) } catch {
                throw CLIError("\(plant.enterprise.code): register map: \(error)")
            }
        }
        return SlaveEndpoints(
            list: [ModbusSlaveServer.Endpoint(host: host, port: port, units: maps)],
            plantOfUnit: Array(engine.plants.indices), plants: engine.plants.map(\.enterprise.code),
            unitIds: maps.map(\.unitId))
    }
}

/// Endpoint list plus the mapping from served units (flattened in endpoint order) to plants.
struct SlaveEndpoints {
    var list: [ModbusSlaveServer.Endpoint]
    var plantOfUnit: [Int]
    var plants: [String]
    var unitIds: [UInt8]

    func values(_ engine: Engine) -> [Int: ModbusSlaveServer.UnitValues] {
        var out: [Int: ModbusSlaveServer.UnitValues] = [:]
        for (unit, plant) in plantOfUnit.enumerated() {
            out[unit] = .init(values: engine.latestValues[plant], qualities: engine.latestQuality[plant])
        }
        return out
    }

    func summary(ports: [UInt16]) -> String {
        zip(list, ports).map { endpoint, port in
            "\(endpoint.host):\(port) units " + endpoint.units.map { String($0.unitId) }.joined(separator: ",")
        }.joined(separator: "; ")
    }
}

/// Writes the trace when asked to, otherwise discards.
struct SlaveTraceSink: TraceSink {
    var writer: TraceFileWriter?
    init(directory: String?, plants: [Plant]) throws {
        writer = try directory.map { try TraceFileWriter(directory: $0, plants: plants) }
    }
    mutating func record(_ sample: Sample) { writer?.record(sample) }
    mutating func record(_ event: EngineEvent) { writer?.record(event) }
    mutating func close() { writer?.close() }
}
