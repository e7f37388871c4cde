import Foundation
import ModbusMap
import ModbusServer
import PlantModel
import SimCore

/// A running slave on a free port with two units (ids 1 and 2) of four points each.
final class ServerFixture {
    static let points: [PointSpec] = [
        PointSpec(code: "P1", nameZh: "压力", nameEn: "pressure", unit: "MPa", range: 0...1, equipment: "E"),
        PointSpec(code: "D1", nameZh: "阀", nameEn: "valve", unit: "", kind: .digital, range: 0...1, equipment: "E"),
        PointSpec(code: "M1", nameZh: "模式", nameEn: "mode", unit: "", kind: .enumeration, range: 0...2, equipment: "E"),
        PointSpec(code: "T1", nameZh: "温度", nameEn: "temperature", unit: "°C", range: 0...100, equipment: "E"),
    ]
    static let values: [Double] = [0.25, 1, 2, 37.5]

    let server: ModbusSlaveServer
    let maps: [UnitMap]
    var port: UInt16 { server.boundPorts[0] }

    init(unknownUnit: ModbusSlaveServer.UnknownUnitPolicy = .drop, layout: ModbusLayout = ModbusLayout(),
         readIntervalMs: Int64? = nil) throws {
        var second = layout
        second.unitId = 2
        maps = [
            try UnitMap.generate(points: Self.points, layout: layout),
            try UnitMap.generate(points: Self.points, layout: second),
        ]
        server = ModbusSlaveServer(
            configuration: .init(endpoints: [.init(port: 0, units: maps)], unknownUnit: unknownUnit,
                                 readIntervalMs: readIntervalMs))
        try server.start()
        publish(time: .start, values: Self.values, unit2: [0.5, 0, 1, 20])
    }

    func publish(time: SimInstant, values: [Double], unit2: [Double]? = nil) {
        let good = [Quality](repeating: .good, count: 4)
        var units = [0: ModbusSlaveServer.UnitValues(values: values, qualities: good)]
        if let unit2 { units[1] = .init(values: unit2, qualities: [.good, .good, .bad, .offline]) }
        server.publish(time: time, units: units)
        usleep(20_000)
    }

    func faults(_ entries: [ProtocolFaultSchedule.Entry]) {
        server.setFaultSchedule(ProtocolFaultSchedule(entries: entries))
        usleep(20_000)
    }

    deinit { server.stop() }
}

extension Array where Element == UInt8 {
    /// Registers of a read reply PDU (function, byte count, data…).
    var registers: [UInt16] {
        guard count >= 2 else { return [] }
        return stride(from: 2, to: count - 1, by: 2).map { UInt16(self[$0]) << 8 | UInt16(self[$0 + 1]) }
    }
}
