import Gateway
import PlantModel
import SimCore
import Testing
import UplinkProfile

@Suite struct GatewayTests {
    static let plant = Plant(config: PlantConfig(
        enterprise: Enterprise(code: "E1", name: "测试", nameEn: "Test", industry: .aluminium, regionCode: "450181", regionName: "横州市"),
        equipment: [EquipmentConfig(type: "dcCastingLine", id: "L1")]))
    static let epoch: Int64 = 1_714_521_600_000
    static let flow = plant.pointIndex["MW_Q_IN"]!

    func gateway(deadband: Double? = nil) -> Gateway {
        Gateway(plant: Self.plant, configuration: .init(gatewayCode: "GW", deadbandFraction: deadband, epochUnixMs: Self.epoch))
    }

    /// Feeds `seconds` of 1 Hz samples of every point (flow from `flow(s)`), ticking each second.
    func run(_ gateway: inout Gateway, seconds: Int, flow: (Int) -> Double = { _ in 200 }, quality: (Int) -> Quality = { _ in .good }) -> [Payload] {
        var values = [Double](repeating: 0, count: Self.plant.points.count)
        Self.plant.write(into: &values)
        var out: [Payload] = []
        for s in 0...seconds {
            let time = SimInstant(milliseconds: Int64(s) * 1000)
            for index in values.indices {
                let value = index == Self.flow ? flow(s) : values[index]
                out += gateway.observe(point: index, time: time, value: value, quality: index == Self.flow ? quality(s) : .good)
            }
            out += gateway.tick(at: time)
        }
        return out + gateway.finish(at: SimInstant(milliseconds: Int64(seconds) * 1000))
    }

    @Test func registersOnceThenBatchesEverySampleExactlyOnce() {
        var gw = gateway()
        let out = run(&gw, seconds: 25)
        guard case .basic(let basic) = out.first else { Issue.record("first upload is not basic data"); return }
        #expect(basic.targets.count == Self.plant.points.count && basic.batchId == "GW-000000000000")
        #expect(out.filter { $0.kind == .basic }.count == 1)
        let batches = out.compactMap { if case .readings(let b) = $0 { b } else { nil } }
        #expect(batches.map(\.collectTime) == [10_000, 20_000, 25_000].map { Self.epoch + $0 })
        let readings = batches.flatMap(\.datas)
        #expect(readings.count == 26 * Self.plant.points.count)
        #expect(Set(readings.map { "\($0.targetCode)@\($0.time)" }).count == readings.count)
        let ids = out.map(\.batchId)
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
    }

    @Test func aJumpBeyondTheDeadbandSendsAtOnce() {
        var gw = gateway(deadband: 0.05)
        let out = run(&gw, seconds: 15, flow: { $0 < 12 ? 200 : 80 })
        let batches = out.compactMap { if case .readings(let b) = $0 { b } else { nil } }
        #expect(batches.map(\.collectTime).contains(Self.epoch + 12_000))
    }

    @Test func plantAlarmsRaiseAndClearWithTheDCSLimits() throws {
        var gw = gateway()
        let out = run(&gw, seconds: 30, flow: { (5..<15).contains($0) ? 60 : 200 }, quality: { (20..<25).contains($0) ? .offline : .good })
        let alarms = out.compactMap { if case .alarms(let b) = $0 { b } else { nil } }.flatMap(\.alarms).filter { $0.targetCode == "MW_Q_IN" }
        #expect(alarms.map(\.alarmType) == [.ll, .ll, .offline, .offline])
        #expect(alarms[0].alarmTime == Self.epoch + 5000 && alarms[0].clearTime == nil && alarms[0].threshold == 90)
        #expect(alarms[1].alarmId == alarms[0].alarmId && alarms[1].clearTime == Self.epoch + 15_000)
        #expect(alarms[2].alarmTime == Self.epoch + 20_000 && alarms[3].clearTime == Self.epoch + 25_000)
    }

    @Test func heartbeatCountsPointsOnline() {
        var gw = gateway()
        let out = run(&gw, seconds: 61, quality: { $0 >= 50 ? .offline : .good })
        let beats = out.compactMap { if case .heartbeat(let b) = $0 { b } else { nil } }
        #expect(beats.count == 1)
        #expect(beats.first?.time == Self.epoch + 60_000)
        #expect(beats.first?.onlineTargets == Self.plant.points.count - 1 && beats.first?.totalTargets == Self.plant.points.count)
    }

    @Test func clockSkewShiftsEveryTimestamp() {
        var gw = gateway()
        gw.clockSkewMs = -30_000
        let out = run(&gw, seconds: 10)
        let batch = out.compactMap { if case .readings(let b) = $0 { b } else { nil } }.first
        #expect(batch?.collectTime == Self.epoch + 10_000 - 30_000)
        #expect(batch?.datas.first?.time == Self.epoch - 30_000)
    }

    @Test func aBatchScopeMakesIdsUniqueAcrossRunsAndScenarios() {
        var configuration = Gateway.Configuration(gatewayCode: "GW", epochUnixMs: Self.epoch)
        configuration.batchScope = "r7k2m9qa-AL-01"
        var scoped = Gateway(plant: Self.plant, configuration: configuration)
        configuration.batchScope = "x0000001-AL-01"
        var other = Gateway(plant: Self.plant, configuration: configuration)
        let ids = run(&scoped, seconds: 15).map(\.batchId)
        #expect(ids.first == "GW-r7k2m9qa-AL-01-000000000000")
        #expect(Set(ids).isDisjoint(with: run(&other, seconds: 15).map(\.batchId)), "another run's ids never collide")
        #expect(ids == ids.sorted())
    }
}
