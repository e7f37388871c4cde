import Foundation
import PlantModel
import SimCore
import Testing
import UplinkProfile

@Suite struct RoundTripTests {
    @Test func namesItself() { #expect(UplinkProfile.name == "tundish-default" && UplinkProfile.version == 1) }

    @Test(arguments: Examples.all)
    func everyPayloadRoundTrips(payload: Payload) throws {
        let data = try UplinkEncoder.encode(payload)
        let decoded = UplinkDecoder().decode(payload.kind, from: data)
        #expect(decoded == .success(payload))
        // Equal payloads give equal bytes (sorted keys).
        #expect(try UplinkEncoder.encode(try decoded.get()) == data)
    }

    @Test func nullsAreWrittenOut() throws {
        let text = String(decoding: try UplinkEncoder.encode(Examples.readings), as: UTF8.self)
        #expect(text.contains(#"{"quality":2,"targetCode":"MW_T_IN","time":1767225609000,"value":null}"#))
        let alarms = String(decoding: try UplinkEncoder.encode(Examples.alarms), as: UTF8.self)
        #expect(alarms.contains(#""alarmType":"offline","alarmValue":null"#))
    }

    @Test func wireFieldNames() throws {
        let object = try JSONSerialization.jsonObject(with: UplinkEncoder.encode(Examples.basic())) as? [String: Any]
        #expect(object?["profile"] as? String == "tundish-default")
        #expect(object?["version"] as? Int == 1)
        #expect(object?["industry"] as? String == "aluminium")
        let target = (object?["targets"] as? [[String: Any]])?.first { $0["targetCode"] as? String == "MW_Q_IN" }
        #expect(target?["lowValue01"] as? Double == 90)
        #expect(target?["lowValue02"] as? Double == 120)
        #expect(target?["topValue01"] == nil)
        #expect(target?["lowValue"] as? Double == 0 && target?["topValue"] as? Double == 400)
        #expect(target?["kind"] as? String == "analog")
        let equipment = (object?["equipments"] as? [[String: Any]])?.first
        #expect(equipment?["equipType"] as? String == "dcCastingLine")
        #expect((equipment?["params"] as? [String: Any])?["furnace"] as? String == "tilting")
    }

    @Test func endpoints() {
        #expect(PayloadKind.allCases.map(\.defaultPath) == [
            "/uplink/v1/basic", "/uplink/v1/readings", "/uplink/v1/alarms", "/uplink/v1/heartbeat",
        ])
        #expect(UplinkEndpoints.default.kind(forPath: "/uplink/v1/alarms") == .alarms)
        #expect(UplinkEndpoints.default.kind(forPath: "/uplink/v1/other") == nil)
        #expect(Payload.heartbeat(Examples.heartbeat).path == "/uplink/v1/heartbeat")
        #expect(Payload.readings(Examples.readings).batchId == "GW-4501810002AL-01-000000000002")
    }

    @Test func batchIds() {
        #expect(BatchId.make(gateway: "GW1", sequence: 42) == "GW1-000000000042")
        #expect(BatchId.make(gateway: "GW1", sequence: 1_234_567_890_123) == "GW1-1234567890123")
        #expect(BatchId.parse("GW-450-01-000000000042")! == ("GW-450-01", 42))
        #expect(BatchId.parse("GW1-42") == nil)
        #expect(BatchId.parse("-000000000042") == nil)
        #expect(BatchId.parse("GW1-00000000004x") == nil)
    }

    @Test func deduplicatorDropsRepeatsWithinCapacity() {
        var seen = BatchDeduplicator(capacity: 3)
        let ids = (1...5).map { BatchId.make(gateway: "G", sequence: $0) }
        let first = ids.map { seen.admit($0) }
        #expect(first == [true, true, true, true, true])
        let repeats = [seen.admit(ids[4]), seen.admit(ids[2])]
        #expect(repeats == [false, false])
        let forgotten = seen.admit(ids[0])  // older than the last 3
        #expect(forgotten)
        #expect(seen.count == 3)
    }
}

@Suite struct ConversionTests {
    static func withoutNoise(_ points: [PointSpec]) -> [PointSpec] {
        points.map { var p = $0; p.noiseSigma = 0; return p }
    }

    @Test func plantToBasicDataToPointSpecs() throws {
        let plant = Plant(config: Examples.mixedConfig)
        let basic = BasicData(plant: plant, gatewayCode: "GW", batchId: "GW-000000000001", sentAt: 0)
        #expect(basic.targets.count == plant.points.count)
        #expect(basic.equipments.map(\.equipCode) == ["L1", "BF1"])
        #expect(basic.equipments.map(\.equipType) == ["dcCastingLine", "blastFurnace"])
        #expect(basic.equipments.allSatisfy { $0.params == nil })
        #expect(basic.problems().isEmpty)
        #expect(basic.enterprise() == plant.enterprise)
        #expect(basic.pointSpecs() == Self.withoutNoise(plant.points))
        // And through JSON, as the platform receives it.
        let received = try UplinkDecoder.decode(BasicData.self, from: UplinkEncoder.encode(basic)).get()
        #expect(received.pointSpecs() == Self.withoutNoise(plant.points))
    }

    @Test func everyCatalogueTypeIsNamed() {
        let config = PlantConfig(
            enterprise: Examples.aluminiumEnterprise,
            equipment: EquipmentCatalogue.all.enumerated().map { EquipmentConfig(type: $1.name, id: "E\($0)", params: ["pointPrefix": .text("E\($0)_")]) })
        let basic = BasicData(plant: Plant(config: config), gatewayCode: "GW", batchId: "B", sentAt: 0)
        #expect(basic.equipments.map(\.equipType) == EquipmentCatalogue.all.map(\.name))
    }

    @Test func parametersComeFromThePlantFile() {
        let basic = Examples.basic()
        #expect(basic.equipments.first?.params?["ropes"] == .number(4))
        #expect(basic.equipments.first?.params?["furnace"] == .text("tilting"))
    }

    @Test func missingRangeFallsBackByKind() {
        let analog = BasicData.Target(targetCode: "A", targetName: "", targetNameEn: "", equipCode: "E", unit: "", samplePeriodMs: 1000)
        #expect(analog.pointSpec().rangeMax == .greatestFiniteMagnitude)
        var digital = analog
        digital.kind = .digital
        #expect(digital.pointSpec().rangeMin == 0 && digital.pointSpec().rangeMax == 1)
        var enumeration = analog
        enumeration.kind = .enumeration
        enumeration.states = ["idle", "casting", "stopped"]
        #expect(enumeration.pointSpec().rangeMax == 2)
        var nan = analog
        nan.lowValue = .nan
        #expect(nan.pointSpec().rangeMin == -.greatestFiniteMagnitude)
    }
}
