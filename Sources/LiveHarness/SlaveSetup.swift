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
public struct SlaveSetup: Sendable {
    public var engine: Engine
    public var layouts: [ModbusLayout]
    public var ports: [UInt16?]
    public var protocolFaults: ProtocolFaultSchedule
    public var networkFaults = NetworkFaultSchedule()
    public var digest: String

    public init(engine: Engine, layouts: [ModbusLayout], ports: [UInt16?], protocolFaults: ProtocolFaultSchedule,
                networkFaults: NetworkFaultSchedule = NetworkFaultSchedule(), digest: String) {
        self.engine = engine; self.layouts = layouts; self.ports = ports; self.protocolFaults = protocolFaults
        self.networkFaults = networkFaults; self.digest = digest
    }

    /// The setup of one loaded scenario with `seed`.
    public init(_ scenario: LoadedScenario, seed: UInt64?) {
        self.init(engine: Engine(scenario: scenario, seed: seed), layouts: scenario.modbusLayouts, ports: scenario.modbusPorts,
                  protocolFaults: scenario.protocolFaults, networkFaults: scenario.networkFaults, digest: scenario.digest)
    }

    public static func load(files: [String], seed: UInt64?, duration: SimDuration?) throws -> SlaveSetup {
        let loader = ScenarioLoader(reader: FileReader())
        let reader = FileReader()
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
                throw LiveRunError("give one scenario file, or one or more plant files")
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
            throw LiveRunError(error.description)
        } catch let error as SourceReadError {
            throw LiveRunError(error.description)
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
    public func endpoints(host: String, port: UInt16) throws -> SlaveEndpoints {
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
                    throw LiveRunError("\(plant.enterprise.code): register map: \(error)")
                }
                if let other = maps.dropLast().first(where: { $0.unitId == maps.last?.unitId }) {
                    throw LiveRunError(
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
public struct SlaveEndpoints: Sendable {
    public var list: [ModbusSlaveServer.Endpoint]
    public var plantOfUnit: [Int]
    public var plants: [String]

    public func values(_ engine: Engine) -> [Int: ModbusSlaveServer.UnitValues] {
        var out: [Int: ModbusSlaveServer.UnitValues] = [:]
        for (unit, plant) in plantOfUnit.enumerated() {
            out[unit] = .init(values: engine.latestValues[plant], qualities: engine.latestQuality[plant])
        }
        return out
    }

    public func summary(ports: [UInt16]) -> String {
        zip(list, ports).map { endpoint, port in
            "\(endpoint.host):\(port) units " + endpoint.units.map { String($0.unitId) }.joined(separator: ",")
        }.joined(separator: "; ")
    }
}

/// Writes the trace when asked to, feeds the uplink gateways when there are any, and keeps the
/// plant time the uplink sender times network faults by.
public struct SlaveTraceSink: TraceSink {
    var writer: TraceFileWriter?
    public var uplink: UplinkPipeline?
    let clock: PlantTimeBox
    public init(directory: String?, plants: [Plant], uplink: UplinkPipeline?, clock: PlantTimeBox) throws {
        writer = try directory.map { try TraceFileWriter(directory: $0, plants: plants) }
        self.uplink = uplink
        self.clock = clock
    }
    public mutating func record(_ sample: Sample) {
        writer?.record(sample)
        if uplink != nil {
            clock.now = sample.time
            uplink?.record(sample)
        }
    }
    public mutating func record(_ event: EngineEvent) { writer?.record(event) }
    public mutating func close(at time: SimInstant) {
        uplink?.finish(at: time)
        writer?.close()
    }
}
