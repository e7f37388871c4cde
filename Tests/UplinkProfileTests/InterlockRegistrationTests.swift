import Foundation
import PlantModel
import Testing
import UplinkProfile

/// The registration carries the plant's interlock definitions, so a platform can supervise them
/// from what it received.
@Suite struct InterlockRegistrationTests {
    static func fullRegistration() -> BasicData {
        let plant = Plant(config: PlantConfig(enterprise: Examples.aluminiumEnterprise, equipment: Examples.aluminiumEquipment))
        return BasicData(plant: plant, gatewayCode: Examples.gateway, batchId: "GW-1", sentAt: Examples.t0,
                         equipment: Examples.aluminiumEquipment)
    }

    @Test func theRegistrationNamesEachInterlockWithItsTriggerActionsAndResult() throws {
        let object = try JSONSerialization.jsonObject(with: UplinkEncoder.encode(.basic(Self.fullRegistration())))
            as? [String: Any]
        let interlocks = try #require(object?["interlocks"] as? [[String: Any]])
        let mould = try #require(interlocks.first { $0["name"] as? String == "mouldWaterLow" })
        #expect((mould["triggerPoints"] as? [String])?.contains("MW_Q_IN") == true)
        let plant = Plant(config: PlantConfig(enterprise: Examples.aluminiumEnterprise, equipment: Examples.aluminiumEquipment))
        let spec = try #require(plant.interlocks.first { $0.name == "mouldWaterLow" })
        #expect(mould["triggerSide"] as? String == spec.triggerSide.rawValue)
        #expect(mould["delayS"] as? Double == spec.delayS)
        #expect(interlocks.count == plant.interlocks.count)
        #expect((mould["actions"] as? [String])?.isEmpty == false)
        #expect((mould["resultPoints"] as? [[String: Any]])?.first?["targetCode"] is String)
        #expect((mould["clause"] as? String)?.hasPrefix("Order10") == true)
        let targets = Set(((object?["targets"] as? [[String: Any]]) ?? []).compactMap { $0["targetCode"] as? String })
        for interlock in interlocks {
            for point in interlock["triggerPoints"] as? [String] ?? [] {
                #expect(targets.contains(point), "\(point) of \(interlock["name"] ?? "?") is a registered target")
            }
        }
    }

    @Test func aRegistrationWithoutInterlocksStillDecodes() throws {
        var basic = Self.fullRegistration()
        basic.interlocks = nil
        let data = try UplinkEncoder.encode(.basic(basic))
        #expect(!String(decoding: data, as: UTF8.self).contains("interlocks"))
        #expect(UplinkDecoder().decode(.basic, from: data) == .success(.basic(basic)))
    }
}
