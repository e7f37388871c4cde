import Foundation
import PlantModel
import UplinkProfile

/// Example payloads with real point codes of the shipped plants (the ones docs/uplink-profile.md shows).
enum Examples {
    static let aluminiumEnterprise = Enterprise(
        code: "4501810002AL", name: "横州示范铝业有限公司", nameEn: "Hengzhou Demo Aluminium Co.", industry: .aluminium,
        regionCode: "450181", regionName: "横州市")

    static let aluminiumEquipment = [
        EquipmentConfig(
            type: "dcCastingLine", id: "L1",
            params: ["furnace": .text("tilting"), "ropes": .number(4), "interlockDelayS": .number(2), "activeFromMm": .number(400)]),
    ]

    /// A plant with a DC casting line and a blast furnace, built through the real catalogue.
    static let mixedConfig = PlantConfig(
        enterprise: aluminiumEnterprise,
        equipment: aluminiumEquipment + [
            EquipmentConfig(type: "blastFurnace", id: "BF1", params: ["volumeM3": .number(1080), "hearthSensors": .number(4)]),
        ])

    static let gateway = "GW-4501810002AL-01"
    static let t0: Int64 = 1_767_225_600_000  // 2026-01-01T00:00:00Z

    static func basic() -> BasicData {
        let plant = Plant(config: PlantConfig(enterprise: aluminiumEnterprise, equipment: aluminiumEquipment))
        var data = BasicData(
            plant: plant, gatewayCode: gateway, batchId: BatchId.make(gateway: gateway, sequence: 1), sentAt: t0,
            equipment: aluminiumEquipment)
        // Keep the example short: three points, one of each kind where the line has them.
        let wanted = ["MW_Q_IN", "EW_ACTIVE", "CM_MODE"]
        let picked = data.targets.filter { wanted.contains($0.targetCode) }
        data.targets = picked.isEmpty ? Array(data.targets.prefix(3)) : picked
        // The interlocks those points trip, and no other (a registration names only its own points).
        let kept = Set(data.targets.map(\.targetCode))
        let interlocks = data.interlocks?.filter { Set($0.triggerPoints).isSubset(of: kept) } ?? []
        data.interlocks = interlocks.isEmpty ? nil : interlocks
        return data
    }

    static let readings = ReadingsBatch(
        batchId: BatchId.make(gateway: gateway, sequence: 2), companyCode: "4501810002AL", gatewayCode: gateway,
        collectTime: t0 + 10_000,
        datas: [
            .init(targetCode: "MW_Q_IN", value: 182.4, quality: .good, time: t0 + 9_000),
            .init(targetCode: "MW_P_IN", value: 0.35, quality: .good, time: t0 + 9_000),
            .init(targetCode: "EW_ACTIVE", value: 0, quality: .good, time: t0 + 9_000),
            .init(targetCode: "WELL_LVL", value: 12.7, quality: .bad, time: t0 + 9_000),
            .init(targetCode: "MW_T_IN", value: nil, quality: .offline, time: t0 + 9_000),
        ])

    static let alarms = AlarmBatch(
        batchId: BatchId.make(gateway: gateway, sequence: 3), companyCode: "4501810002AL", gatewayCode: gateway,
        alarms: [
            .init(alarmId: "L1-000017", targetCode: "MW_Q_IN", alarmType: .ll, alarmValue: 84.2, threshold: 90, alarmTime: t0 + 61_500),
            .init(
                alarmId: "L1-000016", targetCode: "MW_Q_IN", alarmType: .l, alarmValue: 117.9, threshold: 120,
                alarmTime: t0 + 58_000, clearTime: t0 + 95_000),
            .init(alarmId: "L1-000018", targetCode: "MW_T_IN", alarmType: .offline, alarmValue: nil, alarmTime: t0 + 300_000),
        ])

    static let heartbeat = Heartbeat(
        batchId: BatchId.make(gateway: gateway, sequence: 4), companyCode: "4501810002AL", gatewayCode: gateway,
        time: t0 + 60_000, onlineTargets: 27, totalTargets: 28)

    static let steelReadings = ReadingsBatch(
        batchId: BatchId.make(gateway: "GW-4501050001GT-01", sequence: 7), companyCode: "4501050001GT",
        gatewayCode: "GW-4501050001GT-01", collectTime: t0,
        datas: [
            .init(targetCode: "BF1_TOP_P", value: 212.5, quality: .good, time: t0 - 500),
            .init(targetCode: "BF1_BLAST_P", value: 345, quality: .good, time: t0 - 500),
        ])

    static var all: [Payload] {
        [.basic(basic()), .readings(readings), .alarms(alarms), .heartbeat(heartbeat), .readings(steelReadings)]
    }

    static func json(_ payload: Payload) throws -> String {
        String(decoding: try UplinkEncoder.encode(payload, pretty: true), as: UTF8.self)
    }

    static func data(_ text: String) -> Data { Data(text.utf8) }
}
