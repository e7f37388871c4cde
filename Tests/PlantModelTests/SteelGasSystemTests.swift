import PlantModel
import SimCore
import Testing

@Suite struct SteelGasSystemTests {
    func gas(seed: UInt64 = 42) -> SteelRig { SteelRig("gasSystem", id: "GH1", seed: seed) }

    @Test func steadyStateStaysQuietForAnHour() {
        var gh = gas()
        var alarms: [String] = []
        var outOfBand = 0
        gh.run(3600) { rig in
            alarms += rig.alarms()
            if !(20...80).contains(rig.value("LEVEL")) || !(3...6).contains(rig.value("P"))
                || !(8...12).contains(rig.value("MAIN_P")) || !(0...10).contains(rig.value("CO_1"))
                || !(0...10).contains(rig.value("CO_2"))
            {
                outOfBand += 1
            }
        }
        #expect(alarms.isEmpty)
        #expect(outOfBand == 0)
        #expect(gh.events.isEmpty)
        #expect(gh.value("INLET_VLV") == 1 && gh.value("OUTLET_VLV") == 1)
    }

    @Test func drainingHolderClosesOutletAtLowLowAndReopensAfterRepair() {
        var gh = gas()
        gh.inject(.gasImbalance(levelPctPerMin: -3))
        let ll = gh.run(until: 1200) { $0.value("LEVEL") <= 10 }
        #expect(ll != nil)
        #expect((780...840).contains(ll ?? 0))
        let closed = gh.run(until: 5) { $0.value("OUTLET_VLV") == 0 }
        #expect(closed != nil)
        #expect(gh.events(.interlockTripped, "holderLevelLow").count == 1)
        let pressureAtTrip = gh.value("MAIN_P")
        gh.run(120)
        #expect(gh.value("MAIN_P") < pressureAtTrip - 2)
        #expect(gh.value("OUTLET_VLV") == 0)
        gh.clear(.gasImbalance(levelPctPerMin: -3))
        let reopened = gh.run(until: 600) { $0.value("OUTLET_VLV") == 1 }
        #expect(reopened != nil)
        #expect(gh.value("LEVEL") >= 15)
        #expect(gh.events(.interlockReset, "holderLevelLow").count == 1)
    }

    @Test func fillingHolderClosesInletAtHighHigh() {
        var gh = gas()
        gh.inject(.gasImbalance(levelPctPerMin: 4))
        gh.run(660)
        #expect(gh.value("LEVEL") >= 85)
        #expect(gh.value("INLET_VLV") == 0)
        #expect(gh.value("OUTLET_VLV") == 1)
        #expect(gh.events(.interlockTripped, "holderLevelHigh").count == 1)
        #expect(gh.value("P") > 5.8)
    }

    @Test func bypassedLowLevelInterlockLetsTheHolderRunEmpty() {
        var gh = gas()
        gh.inject(.interlockBypassed(interlock: "holderLevelLow"))
        gh.inject(.gasImbalance(levelPctPerMin: -5))
        gh.run(720)
        #expect(gh.value("OUTLET_VLV") == 1)
        #expect(gh.value("LEVEL") < 1)
        #expect(gh.value("MAIN_P") < 5)
        #expect(gh.value("INTLK_BYP") == 1)
        #expect(gh.events(.interlockFailed, "holderLevelLow").count == 1)
    }

    @Test func coLeakAtBoosterStationOnlyRaisesThatMonitor() {
        var gh = gas()
        gh.inject(.coLeak(location: "CO_2", ppm: 160, rampS: 60))
        gh.run(30)
        #expect((70...95).contains(gh.value("CO_2")))
        gh.run(30)
        #expect(gh.value("CO_2") >= 160)
        #expect(gh.value("CO_1") < 10)
    }

    @Test func mainPressureLossAndDemand() {
        var gh = gas()
        gh.inject(.gasMainPressureLoss(dropKPaPerMin: 2))
        let low = gh.run(until: 400) { $0.value("MAIN_P") < 5 }
        #expect(low != nil)
        gh.clear(.gasMainPressureLoss(dropKPaPerMin: 2))
        gh.run(600)
        #expect(gh.value("MAIN_P") > 8)

        let level = gh.value("LEVEL")
        gh.apply(.setGasDemand(pct: 150))
        gh.run(600)
        #expect(gh.value("LEVEL") < level - 8)
        gh.apply(.setGasDemand(pct: 500))
        #expect(gh.events(.operationRefused, "gasDemandRefused").count == 1)
    }

    @Test func acceptsExactlyItsOperationsAndFaults() {
        let gh = gas().unit
        #expect(gh.accepts(.setGasDemand(pct: 90)))
        #expect(!gh.accepts(.startBlow))
        #expect(gh.accepts(.gasImbalance(levelPctPerMin: 1)))
        #expect(gh.accepts(.gasMainPressureLoss(dropKPaPerMin: 1)))
        #expect(gh.accepts(.coLeak(location: "CO_1", ppm: 1, rampS: 1)))
        #expect(gh.accepts(.coLeak(location: "GH1_CO_2", ppm: 1, rampS: 1)))
        #expect(!gh.accepts(.coLeak(location: "CO_3", ppm: 1, rampS: 1)))
        #expect(!gh.accepts(.coLeak(location: "CO_TUY", ppm: 1, rampS: 1)))
        #expect(gh.accepts(.interlockBypassed(interlock: "holderLevelHigh")))
        #expect(!gh.accepts(.interlockBypassed(interlock: "hoodLeak")))
        #expect(!gh.accepts(.pumpTrip(pump: .furnaceCooling)))
    }
}
