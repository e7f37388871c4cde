import PlantModel
import SimCore
import Testing

@Suite struct SteelBlastFurnaceTests {
    func furnace(seed: UInt64 = 42) -> SteelRig { SteelRig("blastFurnace", id: "BF1", seed: seed) }

    @Test func steadyStateStaysInNormalBandsForAnHour() {
        var bf = furnace()
        var worst: [String] = []
        bf.run(3600) { rig in
            if worst.isEmpty { worst = rig.alarms() }
            let top = rig.value("TOP_P"), blast = rig.value("BLAST_P"), cw = rig.value("CW_P")
            if !(150...200).contains(top) || !(300...380).contains(blast) || !(0.6...0.9).contains(cw) {
                worst.append("out of band at \(rig.seconds): \(top) \(blast) \(cw)")
            }
            if !(0...0.3).contains(rig.value("TUY_DQ")) || !(0...10).contains(rig.value("CO_TUY")) {
                worst.append("DQ/CO out of band at \(rig.seconds)")
            }
            if !(150...350).contains(rig.value("HEARTH_T4")) { worst.append("hearth") }
        }
        #expect(worst.isEmpty)
        #expect(bf.events.isEmpty)
        #expect(bf.value("BLEEDER") == 0)
        #expect(bf.value("INTLK_BYP") == 0)
    }

    @Test func topPressureSurgeOpensBleederAndPressureFalls() {
        var bf = furnace()
        bf.run(10)
        bf.inject(.topPressureSurge(riseKPaPerMin: 30))
        let reachedHH = bf.run(until: 600) { $0.value("TOP_P") >= 240 }
        #expect(reachedHH != nil)
        let opened = bf.run(until: 10) { $0.value("BLEEDER") == 1 }
        #expect(opened != nil)
        #expect((opened ?? 99) - (reachedHH ?? 0) <= 2.05)
        let tripped = bf.events(.interlockTripped, "topPressureBleeder")
        #expect(tripped.count == 1)
        let backBelowH = bf.run(until: 60) { $0.value("TOP_P") < 220 }
        #expect(backBelowH != nil)
        // The surge keeps pushing, the open bleeder keeps the pressure down.
        var peak = 0.0
        bf.run(600) { peak = max(peak, $0.value("TOP_P")) }
        #expect(peak < 220)
        #expect(bf.value("BLEEDER") == 1)
        // Surge over: the bleeder recloses and the pressure settles near its setpoint.
        bf.clear(.topPressureSurge(riseKPaPerMin: 30))
        let closed = bf.run(until: 900) { $0.value("BLEEDER") == 0 }
        #expect(closed != nil)
        #expect(bf.events(.interlockReset, "topPressureBleeder").count == 1)
        bf.run(300)
        #expect((150...200).contains(bf.value("TOP_P")))
    }

    @Test func bypassedOrStuckBleederFailsAndPressureKeepsRising() {
        let faults: [EquipmentFault] = [
            .interlockBypassed(interlock: "topPressureBleeder"), .valveStuck(valve: .topBleeder),
        ]
        for fault in faults {
            var bf = furnace()
            bf.inject(fault)
            bf.inject(.topPressureSurge(riseKPaPerMin: 60))
            bf.run(300)
            #expect(bf.value("BLEEDER") == 0)
            #expect(bf.value("TOP_P") > 260)
            #expect(bf.events(.interlockFailed, "topPressureBleeder").count == 1)
            #expect(bf.events(.interlockTripped, "topPressureBleeder").isEmpty)
            let bypassFlag: Double = if case .interlockBypassed = fault { 1 } else { 0 }
            #expect(bf.value("INTLK_BYP") == bypassFlag)
        }
    }

    @Test func tuyereLeakRaisesFlowDifferenceAndPlatformCO() {
        var bf = furnace()
        bf.run(30)
        let co0 = bf.value("CO_TUY")
        bf.inject(.tuyereLeak(leakM3PerH: 3))
        let hh = bf.run(until: 180) { $0.value("TUY_DQ") >= 1.5 }
        #expect(hh != nil)
        bf.run(120)
        #expect(bf.value("TUY_DQ") > 2.5)
        #expect(bf.value("CO_TUY") > co0 + 15)
        bf.clear(.tuyereLeak(leakM3PerH: 3))
        bf.run(300)
        #expect(bf.value("TUY_DQ") < 0.3)
    }

    @Test func coLeakRampsToTargetAfterRampTime() {
        var bf = furnace()
        bf.inject(.coLeak(location: "CO_TUY", ppm: 160, rampS: 120))
        bf.run(60)
        #expect((70...100).contains(bf.value("CO_TUY")))
        bf.run(60)
        #expect(bf.value("CO_TUY") >= 160)
        bf.clear(.coLeak(location: "CO_TUY", ppm: 160, rampS: 120))
        bf.run(600)
        #expect(bf.value("CO_TUY") < 10)
    }

    @Test func coolingWaterLossReducesBlastAndRecovers() {
        var bf = furnace()
        bf.run(30)
        bf.inject(.coolingWaterLoss(dropMPaPerMin: 0.3))
        let ll = bf.run(until: 300) { $0.value("CW_P") < 0.40 }
        #expect(ll != nil)
        bf.run(3)
        #expect(bf.events(.interlockTripped, "coolingWaterLow").count == 1)
        bf.run(90)
        #expect((240...270).contains(bf.value("BLAST_P")))
        bf.clear(.coolingWaterLoss(dropMPaPerMin: 0.3))
        bf.run(300)
        #expect(bf.value("CW_P") > 0.6)
        #expect(bf.events(.interlockReset, "coolingWaterLow").count == 1)
        bf.run(120)
        #expect(bf.value("BLAST_P") > 300)
    }

    @Test func coolingPumpTripDropsSupplyPressureFast() {
        var bf = furnace()
        bf.run(10)
        bf.inject(.pumpTrip(pump: .furnaceCooling))
        let ll = bf.run(until: 30) { $0.value("CW_P") < 0.40 }
        #expect(ll != nil)
        bf.run(5)
        #expect(bf.events(.interlockTripped, "coolingWaterLow").count == 1)
    }

    @Test func hearthErosionCreepsOnlyTheNamedThermocouple() {
        var bf = furnace()
        bf.run(10)
        let before = (1...4).map { bf.value("HEARTH_T\($0)") }
        bf.inject(.hearthErosion(sensor: 2, riseCPerH: 120))
        bf.run(7200)
        let after = (1...4).map { bf.value("HEARTH_T\($0)") }
        #expect(after[1] - before[1] > 200)
        #expect(after[1] >= 450)
        for i in [0, 2, 3] { #expect(abs(after[i] - before[i]) < 2) }
    }

    @Test func topPressureSetpointAboveDesignIsRefused() {
        var bf = furnace()
        bf.apply(.setTopPressure(kPa: 260))
        #expect(bf.events(.operationRefused, "topPressureSetpointRefused").count == 1)
        bf.apply(.setTopPressure(kPa: 195))
        bf.apply(.setBlastPressure(kPa: 360))
        bf.run(120)
        #expect(abs(bf.value("TOP_P") - 195 - 0.4 * (bf.value("BLAST_P") - 360)) < 12)
        #expect(abs(bf.value("BLAST_P") - 360) < 15)
    }

    @Test func acceptsExactlyItsOperationsAndFaults() {
        let bf = furnace().unit
        #expect(bf.accepts(.setTopPressure(kPa: 180)))
        #expect(bf.accepts(.setBlastPressure(kPa: 350)))
        #expect(!bf.accepts(.startBlow))
        #expect(!bf.accepts(.hoistLadle(loadT: 10)))
        #expect(bf.accepts(.tuyereLeak(leakM3PerH: 1)))
        #expect(bf.accepts(.coolingWaterLoss(dropMPaPerMin: 0.1)))
        #expect(bf.accepts(.topPressureSurge(riseKPaPerMin: 10)))
        #expect(bf.accepts(.pumpTrip(pump: .furnaceCooling)))
        #expect(!bf.accepts(.pumpTrip(pump: .lanceWater)))
        #expect(bf.accepts(.hearthErosion(sensor: 4, riseCPerH: 5)))
        #expect(!bf.accepts(.hearthErosion(sensor: 5, riseCPerH: 5)))
        #expect(bf.accepts(.coLeak(location: "CO_TUY", ppm: 50, rampS: 10)))
        #expect(bf.accepts(.coLeak(location: "BF1_CO_TUY", ppm: 50, rampS: 10)))
        #expect(!bf.accepts(.coLeak(location: "CO_1", ppm: 50, rampS: 10)))
        #expect(bf.accepts(.valveStuck(valve: .topBleeder)))
        #expect(bf.accepts(.valveFailed(valve: .topBleeder)))
        #expect(!bf.accepts(.valveStuck(valve: .oxygen)))
        #expect(bf.accepts(.interlockBypassed(interlock: "topPressureBleeder")))
        #expect(bf.accepts(.interlockBypassed(interlock: "coolingWaterLow")))
        #expect(!bf.accepts(.interlockBypassed(interlock: "lanceWaterLeak")))
        #expect(!bf.accepts(.lanceLeak(leakM3PerH: 1)))
        #expect(!bf.accepts(.powerLoss))
    }

    @Test func hearthSensorCountFollowsParameter() {
        let bf = SteelRig("blastFurnace", id: "BF2", params: ["hearthSensors": .number(6)])
        let codes = bf.unit.points.map(\.code)
        #expect(codes.contains("BF2_HEARTH_T6"))
        #expect(!codes.contains("BF2_HEARTH_T7"))
        #expect(codes.count == 13)
    }
}
