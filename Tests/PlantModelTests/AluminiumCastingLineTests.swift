import PlantModel
import SimCore
import Testing

@Suite struct AluminiumCastingLineTests {
    static let required = [
        "AF1_MELT_T", "AF1_TILT_ANG", "AF1_HYD_P", "LD_LVL_OUT", "LD_LVL_TBL", "MW_P_IN", "MW_Q_IN", "MW_T_IN",
        "WELL_T_OUT", "WELL_LVL", "EW_P", "EW_TANK_LVL", "EW_ACTIVE", "V_QCO_STS", "V_QCO_FLT", "V_EMD_STS",
        "V_EMD_FLT", "DISC_STS", "DISC_FLT", "CM_MODE", "CM_CASTING", "CM_SPEED", "CM_LEN", "CM_POS_DEV", "CM_TILT",
        "CM_ROPE_F1", "CM_ROPE_F2", "CM_ROPE_F3", "CM_ROPE_F4", "CM_SELFCHK", "AL_IN_WELL", "PWR_MAIN", "INTLK_BYP",
    ]

    @Test func pointTableIsCompleteAndWritten() {
        let rig = AluminiumLineRig()
        let codes = rig.line.points.map(\.code)
        #expect(codes == Self.required)
        #expect(Set(codes).count == codes.count)
        #expect(!rig.values.contains { $0.isNaN }, "write must fill every point")
        for point in rig.line.points {
            #expect(!point.nameZh.isEmpty && !point.nameEn.isEmpty && point.clause != nil, "\(point.code)")
            #expect(point.limits.orderingProblem() == nil, "\(point.code)")
            #expect(point.samplePeriod <= .seconds(5), "\(point.code)")
            let bounds = [point.limits.ll, point.limits.l, point.limits.h, point.limits.hh].compactMap { $0 }
            if point.kind == .analog {
                #expect(bounds.allSatisfy { $0 > point.rangeMin && $0 < point.rangeMax }, "\(point.code)")
            } else {
                #expect(!point.states.isEmpty && point.noiseSigma == 0, "\(point.code)")
            }
            let value = rig.value(point.code)
            #expect(value >= point.rangeMin && value <= point.rangeMax, "\(point.code) = \(value)")
        }
        #expect(rig.line.interlocks.map(\.name) == ["mouldWaterLow", "launderLevel", "alInWell", "platformFault"])
        #expect(rig.line.interlocks[0].resultPoints["AF1_TILT_ANG"] == 0)
        #expect(rig.line.interlocks[0].resultPoints["V_QCO_STS"] == 1)
    }

    @Test func prefixAndRopeCountShapeThePoints() {
        let rig = AluminiumLineRig(params: ["pointPrefix": .text("L2_"), "ropes": .number(6)])
        #expect(rig.line.points.count == Self.required.count + 2)
        #expect(rig.line.points.allSatisfy { $0.code.hasPrefix("L2_") })
        #expect(rig.index["L2_CM_ROPE_F6"] != nil)
        #expect(rig.line.interlocks[0].triggerPoints == ["L2_MW_P_IN", "L2_MW_Q_IN"])
    }

    @Test func acceptsExactlyTheLineFaultsAndOperations() {
        let rig = AluminiumLineRig()
        let accepted: [EquipmentFault] = [
            .pumpTrip(pump: .mouldWater), .valveStuck(valve: .quickCutOff), .valveFailed(valve: .launderDisconnect),
            .powerLoss, .ropeBreak(rope: 4), .tapHoleOverflow(flowRisePctPerMin: 10),
            .launderStarvation(flowDropPctPerMin: 10), .mouldBleedOut, .starterBlockStuck,
            .tiltRunaway(rateDegPerS: 0.5), .hydraulicLeak(dropMPaPerMin: 1), .emergencyTankLeak(dropPctPerMin: 1),
            .wellDrainBlocked(riseMPerMin: 0.1), .interlockBypassed(interlock: "launderLevel"),
        ]
        let refused: [EquipmentFault] = [
            .pumpTrip(pump: .lanceWater), .valveStuck(valve: .topBleeder), .ropeBreak(rope: 5), .lanceLeak(leakM3PerH: 1),
            .interlockBypassed(interlock: "topPressure"), .coLeak(location: "CO_1", ppm: 50, rampS: 10),
        ]
        #expect(accepted.allSatisfy { rig.line.accepts($0) })
        #expect(refused.allSatisfy { !rig.line.accepts($0) })
        #expect(rig.line.accepts(.startCast(speedMmPerMin: 90)) && !rig.line.accepts(.startBlow))
        let fixed = AluminiumLineRig(params: ["furnace": .text("fixed")])
        #expect(!fixed.line.accepts(.tiltRunaway(rateDegPerS: 0.5)))
    }

    @Test func steadyCastingStaysInNormalBands() {
        var rig = AluminiumLineRig(seed: 3)
        rig.apply(.startCast(speedMmPerMin: 90))
        rig.run(30)
        var excursions: [String] = []
        rig.run(900) { rig in
            for point in rig.line.points {
                let v = rig.value(point.code)
                let low = point.limits.l ?? point.limits.ll ?? -.infinity
                let high = point.limits.h ?? point.limits.hh ?? .infinity
                if v <= low || v >= high { excursions.append("\(point.code)=\(v)") }
            }
        }
        #expect(excursions.isEmpty, "\(excursions.prefix(5))")
        #expect(rig.events.allSatisfy { $0.kind == .stateChanged }, "\(rig.events)")
        #expect(abs(rig.value("CM_LEN") - 90 * 15.5) < 10)
        #expect(rig.value("CM_CASTING") == 1 && rig.value("CM_SELFCHK") == 0)
        #expect(abs(rig.value("AF1_MELT_T") - 720) < 10)
    }

    @Test func mouldWaterTripCutsTheMetalWithinTheDelay() {
        var rig = AluminiumLineRig()
        rig.castPastWindow()
        let tripAt = rig.now
        rig.inject(.pumpTrip(pump: .mouldWater))
        var belowLL: SimInstant?
        var flowMin = Double.infinity
        rig.run(30) { rig in
            if belowLL == nil && rig.value("MW_Q_IN") < 90 { belowLL = rig.now }
            flowMin = min(flowMin, rig.value("MW_Q_IN"))
        }
        let tripped = rig.events(.interlockTripped, "mouldWaterLow")
        #expect(tripped.count == 1)
        #expect(flowMin < 90)
        if let first = tripped.first, let below = belowLL {
            #expect(first.time > tripAt)
            #expect((first.time - below).seconds <= 2.0 + 0.15, "trip \(first.time) after LL at \(below)")
        }
        #expect(rig.value("V_QCO_STS") == 1 && rig.value("V_EMD_STS") == 1 && rig.value("DISC_STS") == 1)
        #expect(rig.value("AF1_TILT_ANG") == 0 && rig.value("CM_CASTING") == 0)
        #expect(rig.value("LD_LVL_TBL") < 5)
        // A full high tank takes over: EW_ACTIVE and the flow recovers above LL.
        #expect(rig.value("EW_ACTIVE") == 1 && rig.value("MW_Q_IN") > 90)
        #expect(rig.value("EW_TANK_LVL") < 95)
        #expect(rig.events(.stateChanged, "emergencyWaterEngaged").count == 1)
    }

    @Test func furnaceTiltsBackSoonAfterTheTrip() {
        var rig = AluminiumLineRig()
        rig.castPastWindow()
        rig.inject(.pumpTrip(pump: .mouldWater))
        var trippedAt: SimInstant?
        var uprightAt: SimInstant?
        rig.run(30) { rig in
            if trippedAt == nil && rig.value("V_QCO_STS") == 1 { trippedAt = rig.now }
            if uprightAt == nil && rig.value("AF1_TILT_ANG") <= 0 { uprightAt = rig.now }
        }
        #expect(trippedAt != nil && uprightAt != nil)
        if let t = trippedAt, let u = uprightAt { #expect((u - t).seconds <= 12.0 / 2 + 0.2) }
    }

    @Test func tripBeforeTheActiveWindowDoesNotCut() {
        var rig = AluminiumLineRig()
        rig.apply(.startCast(speedMmPerMin: 90))
        rig.run(60)
        rig.inject(.pumpTrip(pump: .mouldWater))
        let flow = rig.extremes(of: "MW_Q_IN", over: 15)
        #expect(flow.min < 90)
        #expect(rig.value("CM_LEN") < 400)
        #expect(rig.events(.interlockTripped).isEmpty && rig.events(.interlockFailed).isEmpty)
        #expect(rig.value("V_QCO_STS") == 0 && rig.value("CM_CASTING") == 1)
    }

    @Test func emptyTankGivesNoEmergencyWater() {
        var rig = AluminiumLineRig()
        rig.castPastWindow()
        rig.apply(.refillEmergencyTank(levelPct: 20))
        rig.inject(.pumpTrip(pump: .mouldWater))
        rig.run(30)
        #expect(rig.value("EW_ACTIVE") == 0)
        #expect(rig.value("MW_Q_IN") < 5 && rig.value("MW_P_IN") < 0.02)
        #expect(rig.value("EW_P") < 0.10)
        #expect(rig.events(.interlockTripped, "mouldWaterLow").count == 1)
    }

    @Test func bypassedInterlockFailsAndNothingMoves() {
        var rig = AluminiumLineRig()
        rig.castPastWindow()
        rig.inject(.interlockBypassed(interlock: "mouldWaterLow"))
        rig.inject(.pumpTrip(pump: .mouldWater))
        rig.run(20)
        #expect(rig.events(.interlockFailed, "mouldWaterLow").count == 1)
        #expect(rig.events(.interlockTripped).isEmpty)
        #expect(rig.value("INTLK_BYP") == 1)
        #expect(rig.value("V_QCO_STS") == 0 && rig.value("V_EMD_STS") == 0 && rig.value("DISC_STS") == 0)
        #expect(rig.value("CM_CASTING") == 1 && rig.value("AF1_TILT_ANG") > 10)
    }

    @Test func stuckCutOffStaysOpen() {
        var rig = AluminiumLineRig()
        rig.castPastWindow()
        rig.inject(.valveStuck(valve: .quickCutOff))
        rig.inject(.pumpTrip(pump: .mouldWater))
        rig.run(20)
        let failed = rig.events(.interlockFailed, "mouldWaterLow")
        #expect(failed.count == 1 && failed.first?.detail.contains("quickCutOff stuck") == true)
        #expect(rig.value("V_QCO_STS") == 0 && rig.value("V_QCO_FLT") == 0)
        #expect(rig.value("V_EMD_STS") == 1 && rig.value("DISC_STS") == 1)
    }

    @Test func resetOnlyOnceTheCauseHasGone() {
        var rig = AluminiumLineRig(params: ["emergencyFlowPct": .number(30)])
        rig.castPastWindow()
        rig.inject(.pumpTrip(pump: .mouldWater))
        rig.run(20)
        rig.apply(.resetInterlocks)
        #expect(rig.events(.operationRefused, "resetBlocked").count == 1)
        rig.clear(.pumpTrip(pump: .mouldWater))
        rig.run(20)
        #expect(rig.value("EW_ACTIVE") == 0)
        rig.apply(.resetInterlocks)
        #expect(rig.events(.interlockReset).count == 1)
        rig.run(30)
        #expect(rig.value("V_QCO_STS") == 0 && rig.value("V_EMD_STS") == 0 && rig.value("DISC_STS") == 0)
        rig.apply(.refillEmergencyTank(levelPct: 95))
        rig.apply(.startCast(speedMmPerMin: 90))
        #expect(rig.events(.stateChanged, "castStarted").count == 2, "\(rig.events(.operationRefused))")
    }
}
