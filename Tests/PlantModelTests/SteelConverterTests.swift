import PlantModel
import SimCore
import Testing

@Suite struct SteelConverterTests {
    /// A converter that has been blowing for a minute.
    func blowing(seed: UInt64 = 42) -> SteelRig {
        var bof = SteelRig("converter", id: "BOF1", seed: seed)
        bof.run(30)
        bof.apply(.startBlow)
        bof.run(60)
        return bof
    }

    @Test func steadyBlowingRaisesNoAlarm() {
        var bof = blowing()
        #expect(bof.value("O2_VLV") == 1)
        #expect(abs(bof.value("LNC_POS") - 1.5) < 1e-9)
        var alarms: [String] = []
        var outOfBand = 0
        bof.run(1800) { rig in
            alarms += rig.alarms()
            if !(180...220).contains(rig.value("LNC_QIN")) || !(30...45).contains(rig.value("LNC_TOUT"))
                || !(1.2...1.5).contains(rig.value("LNC_PIN")) || !(0.9...1.2).contains(rig.value("O2_P"))
                || !(0...2).contains(rig.value("LNC_DQ")) || !(0...2).contains(rig.value("HOOD_DQ"))
            {
                outOfBand += 1
            }
        }
        #expect(alarms.isEmpty)
        #expect(outOfBand == 0)
        #expect(bof.events.map(\.name) == ["blowStarted"])
    }

    @Test func lanceLeakWhileBlowingLiftsLanceAndCutsOxygen() {
        var bof = blowing()
        bof.inject(.lanceLeak(leakM3PerH: 15))
        let hh = bof.run(until: 120) { $0.value("LNC_DQ") >= 8 }
        #expect(hh != nil)
        #expect(bof.value("LNC_QOUT") < bof.value("LNC_QIN") - 8)
        let cut = bof.run(until: 10) { $0.value("O2_VLV") == 0 }
        #expect(cut != nil)
        #expect((cut ?? 99) - (hh ?? 0) <= 2.05)
        let tripped = bof.events(.interlockTripped, "lanceWaterLeak")
        #expect(tripped.count == 1)
        let parked = bof.run(until: 10) { $0.value("LNC_POS") >= 12 }
        #expect(parked != nil)
        #expect(bof.value("TILT_BLK") == 1)
        // The leak is still there: no new blow, no lowering.
        bof.apply(.startBlow)
        bof.apply(.lowerLance)
        #expect(bof.events(.operationRefused, "blowStartBlocked").count == 1)
        #expect(bof.events(.operationRefused, "lanceLowerBlocked").count == 1)
        // Repaired: the block clears and blowing can resume.
        bof.clear(.lanceLeak(leakM3PerH: 15))
        let free = bof.run(until: 300) { $0.value("TILT_BLK") == 0 }
        #expect(free != nil)
        #expect(bof.events(.interlockReset, "lanceWaterLeak").count == 1)
        bof.apply(.startBlow)
        bof.run(10)
        #expect(bof.value("O2_VLV") == 1)
    }

    @Test func lanceLeakRaisesOutletTemperature() {
        var bof = blowing()
        let before = bof.value("LNC_TOUT")
        bof.inject(.interlockBypassed(interlock: "lanceWaterLeak"))
        bof.inject(.lanceLeak(leakM3PerH: 20))
        bof.run(120)
        #expect(bof.value("LNC_TOUT") > before + 8)
    }

    @Test func bypassedLanceInterlockDoesNotLift() {
        var bof = blowing()
        bof.inject(.interlockBypassed(interlock: "lanceWaterLeak"))
        bof.inject(.lanceLeak(leakM3PerH: 15))
        bof.run(120)
        #expect(bof.value("LNC_DQ") >= 8)
        #expect(bof.value("LNC_POS") < 2)
        #expect(bof.value("O2_VLV") == 1)
        #expect(bof.value("INTLK_BYP") == 1)
        #expect(bof.events(.interlockFailed, "lanceWaterLeak").count == 1)
        #expect(bof.events(.interlockTripped, "lanceWaterLeak").isEmpty)
    }

    @Test func stuckOxygenValveLiftsLanceButReportsFailure() {
        var bof = blowing()
        bof.inject(.valveStuck(valve: .oxygen))
        bof.inject(.lanceLeak(leakM3PerH: 15))
        bof.run(90)
        #expect(bof.value("LNC_POS") >= 12)
        #expect(bof.value("O2_VLV") == 1)
        #expect(bof.events(.interlockTripped, "lanceWaterLeak").count == 1)
        #expect(bof.events(.interlockFailed, "lanceWaterLeak").first?.detail == "oxygen valve stuck open")
    }

    @Test func lanceLeakWhileParkedDoesNotTrip() {
        var bof = SteelRig("converter", id: "BOF1")
        bof.inject(.lanceLeak(leakM3PerH: 15))
        bof.run(120)
        #expect(bof.value("LNC_DQ") >= 8)
        #expect(bof.events(.interlockTripped, "lanceWaterLeak").isEmpty)
        #expect(bof.value("TILT_BLK") == 0)
    }

    @Test func lanceWaterPumpTripLiftsLanceOnLowPressure() {
        var bof = blowing()
        bof.inject(.pumpTrip(pump: .lanceWater))
        let ll = bof.run(until: 10) { $0.value("LNC_PIN") < 0.9 }
        #expect(ll != nil)
        let cut = bof.run(until: 5) { $0.value("O2_VLV") == 0 }
        #expect(cut != nil)
        #expect(bof.events(.interlockTripped, "lanceWaterPressureLow").count == 1)
        bof.run(20)
        #expect(bof.value("LNC_POS") >= 12)
        #expect(bof.value("LNC_QIN") < 20)
        bof.apply(.lowerLance)
        #expect(bof.events(.operationRefused, "lanceLowerBlocked").count == 1)
        bof.clear(.pumpTrip(pump: .lanceWater))
        bof.run(60)
        #expect(bof.value("LNC_PIN") > 1.2)
        #expect(bof.events(.interlockReset, "lanceWaterPressureLow").count == 1)
    }

    @Test func stopBlowAndRaiseLanceCloseOxygen() {
        var bof = blowing()
        bof.apply(.raiseLance)
        bof.run(1)
        #expect(bof.value("O2_VLV") == 0)
        bof.run(10)
        #expect(bof.value("LNC_POS") == 12)
        bof.apply(.lowerLance)
        bof.run(10)
        #expect(bof.value("LNC_POS") == 1.5)
        #expect(bof.value("O2_VLV") == 0)
        bof.apply(.startBlow)
        bof.run(1)
        #expect(bof.value("O2_VLV") == 1)
        bof.apply(.stopBlow)
        bof.run(1)
        #expect(bof.value("O2_VLV") == 0)
        #expect(bof.events.map(\.name) == ["blowStarted", "blowStopped", "blowStarted", "blowStopped"])
    }

    @Test func acceptsExactlyItsOperationsAndFaults() {
        let bof = SteelRig("converter", id: "BOF1").unit
        for op in [Operation.startBlow, .stopBlow, .lowerLance, .raiseLance] { #expect(bof.accepts(op)) }
        #expect(!bof.accepts(.setTopPressure(kPa: 100)))
        #expect(!bof.accepts(.resetInterlocks))
        #expect(bof.accepts(.lanceLeak(leakM3PerH: 5)))
        #expect(bof.accepts(.pumpTrip(pump: .lanceWater)))
        #expect(!bof.accepts(.pumpTrip(pump: .mouldWater)))
        #expect(bof.accepts(.valveStuck(valve: .oxygen)))
        #expect(bof.accepts(.valveFailed(valve: .oxygen)))
        #expect(!bof.accepts(.valveFailed(valve: .topBleeder)))
        for name in ["lanceWaterLeak", "lanceWaterPressureLow", "hoodLeak"] {
            #expect(bof.accepts(.interlockBypassed(interlock: name)))
        }
        #expect(!bof.accepts(.interlockBypassed(interlock: "topPressureBleeder")))
        #expect(!bof.accepts(.coLeak(location: "CO_1", ppm: 10, rampS: 1)))
        #expect(bof.interlocks.map(\.name) == ["lanceWaterLeak", "lanceWaterPressureLow", "hoodLeak"])
    }
}
