import Foundation
import ModbusMap
import ModbusServer
import PlantModel
import Scenario
import SimCore
import Simulation
import Uplink

/// What `tundish slave` serves: an engine over the given scenario (or plants, run endlessly),
/// each plant's register map, and the scenario's protocol faults.
struct SlaveSetup {
    var engine: Engine
    var layouts: [ModbusLayout]
    var ports: [UInt16?]
    var protocolFaults: ProtocolFaultSchedule
    var networkFaults = NetworkFaultSchedule()
    var digest: String

    static func load(files: [String], seed: UInt64?, duration: SimDuration?) throws -> SlaveSetup {
        let loader = ScenarioLoader(reader: FileSourceReader())
        let reader = FileSourceReader()
        do {
            let isPlant = try files.map { ScenarioLoader.looksLikePlantFile(try reader.read($0)) }
            if files.count == 1, isPlant == [false] {
                var scenario = try loader.loadScenario(path: files[0])
                if let duration { scenario.spec.duration = min(scenario.spec.duration, duration) }
                return SlaveSetup(
                    engine: Engine(scenario: scenario, seed: seed), layouts: scenario.modbusLayouts,
                    ports: scenario.modbusPorts, protocolFaults: scenario.protocolFaults,
                    networkFaults: scenario.networkFaults, digest: scenario.digest)
            }
            guard !isPlant.contains(false) else {
                throw CLIError("give one scenario file, or one or more plant files")
            }
            var plantFiles: [PlantFile] = []
            for file in files { plantFiles.append(try loader.loadPlantFile(path: file)) }
            // Plants that do not set a unit id are numbered 1, 2, … in argument order.
            for index in plantFiles.indices where !plantFiles[index].unitIdGiven {
                plantFiles[index].modbus.unitId = UInt8(clamping: index + 1)
            }
            let digest = Digest.sha256Hex(try files.map { try reader.read($0) }.joined(separator: "\u{0}"))
            return SlaveSetup(
                engine: Engine(spec: endless(plants: files, duration: duration), plantConfigs: plantFiles.map(\.config), seed: seed),
                layouts: plantFiles.map(\.modbus), ports: plantFiles.map(\.modbusPort),
                protocolFaults: ProtocolFaultSchedule(), digest: digest)
        } catch let error as DiagnosticError {
            throw CLIError(error.description)
        } catch let error as SourceReadError {
            throw CLIError(error.description)
        }
    }

    /// A plant file alone runs in steady state for (practically) ever.
    static func endless(plants: [String], duration: SimDuration?) -> ScenarioSpec {
        let location = SourceLocation(file: plants.first ?? "<plant>", line: 1, column: 1)
        return ScenarioSpec(
            id: "plants", titleZh: "稳态运行", titleEn: "steady operation", description: "", tags: [], clauses: [],
            incident: nil, plantPaths: plants, seed: 1, epochUnixMs: 0, duration: duration ?? .hours(24 * 365 * 10), step: .ms(100),
            timeline: [], expectations: [], location: location)
    }

    /// Groups plants into endpoints: plants with their own `modbus.port` get it; the others share
    /// `port`. Unit ids must be unique per port.
    func endpoints(host: String, port: UInt16) throws -> SlaveEndpoints {
        var groups: [(port: UInt16, plants: [Int])] = []
        for index in engine.plants.indices {
            let wanted = ports[index] ?? port
            if let at = groups.firstIndex(where: { $0.port == wanted }) { groups[at].plants.append(index) } else {
                groups.append((wanted, [index]))
            }
        }
        var result = SlaveEndpoints(list: [], plantOfUnit: [], plants: engine.plants.map(\.enterprise.code))
        for group in groups {
            var maps: [UnitMap] = []
            for index in group.plants {
                let plant = engine.plants[index]
                do { maps.append(try UnitMap.generate(points: plant.points, layout: layouts[index])) } catch {
                    throw CLIError("\(plant.enterprise.code): register map: \(error)")
                }
                if let other = maps.dropLast().first(where: { $0.unitId == maps.last?.unitId }) {
                    throw CLIError(
                        "\(plant.enterprise.code): unit id \(other.unitId) is already served on port \(group.port); "
                            + "set modbus.unitId or modbus.port in its plant file")
                }
                result.plantOfUnit.append(index)
            }
            result.list.append(ModbusSlaveServer.Endpoint(host: host, port: group.port, units: maps))
        }
        return result
    }
}

/// Endpoint list plus the mapping from served units (flattened in endpoint order) to plants.
struct SlaveEndpoints {
    var list: [ModbusSlaveServer.Endpoint]
    var plantOfUnit: [Int]
    var plants: [String]

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

/// Writes the trace when asked to, feeds the uplink gateways when there are any, and keeps the
/// plant time the uplink sender times network faults by.
struct SlaveTraceSink: TraceSink {
    var writer: TraceFileWriter?
    var uplink: UplinkPipeline?
    let clock: PlantTimeBox
    init(directory: String?, plants: [Plant], uplink: UplinkPipeline?, clock: PlantTimeBox) throws {
        writer = try directory.map { try TraceFileWriter(directory: $0, plants: plants) }
        self.uplink = uplink
        self.clock = clock
    }
    mutating func record(_ sample: Sample) {
        writer?.record(sample)
        if uplink != nil {
            clock.now = sample.time
            uplink?.record(sample)
        }
    }
    mutating func record(_ event: EngineEvent) { writer?.record(event) }
    mutating func close(at time: SimInstant) {
        uplink?.finish(at: time)
        writer?.close()
    }
}
