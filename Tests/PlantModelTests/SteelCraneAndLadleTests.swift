import PlantModel
import SimCore
import Testing

@Suite struct SteelCraneAndLadleTests {
    func crane() -> SteelRig { SteelRig("ladleCrane", id: "CR1") }

    @Test func ratedLoadIsHoisted() {
        var cr = crane()
        cr.apply(.hoistLadle(loadT: 90))
        cr.run(15)
        #expect(abs(cr.value("LOAD") - 90) < 0.5)
        #expect(cr.value("HOIST_BLK") == 0)
        #expect(cr.events.map(\.name) == ["ladleHoisted"])
        cr.apply(.lowerLadle)
        cr.run(15)
        #expect(cr.value("LOAD") < 0.5)
        #expect(cr.events.map(\.name) == ["ladleHoisted", "ladleLowered"])
    }

    @Test func overloadBlocksHoisting() {
        var cr = crane()
        cr.apply(.hoistLadle(loadT: 118))
        let hh = cr.run(until: 20) { $0.value("LOAD") >= 110 }
        #expect(hh != nil)
        let blocked = cr.run(until: 2) { $0.value("HOIST_BLK") == 1 }
        #expect(blocked != nil)
        cr.run(10)
        #expect(cr.events(.interlockTripped, "craneOverload").count == 1)
        #expect(cr.events(.operationRefused, "hoistBlocked").count == 1)
        #expect(cr.events(.stateChanged, "ladleHoisted").isEmpty)
        cr.apply(.hoistLadle(loadT: 118))
        #expect(cr.events(.operationRefused, "hoistBlocked").count == 2)
        cr.apply(.lowerLadle)
        cr.run(15)
        #expect(cr.value("HOIST_BLK") == 0)
        #expect(cr.events(.interlockReset, "craneOverload").count == 1)
    }

    @Test func bypassedOverloadInterlockHoistsAnyway() {
        var cr = crane()
        cr.inject(.interlockBypassed(interlock: "craneOverload"))
        cr.apply(.hoistLadle(loadT: 118))
        cr.run(20)
        #expect(cr.value("HOIST_BLK") == 0)
        #expect(cr.value("INTLK_BYP") == 1)
        #expect(cr.events(.interlockFailed, "craneOverload").count == 1)
        #expect(cr.events(.stateChanged, "ladleHoisted").count == 1)
    }

    @Test func brakeFaultWithLoadShowsAndBlocksHoisting() {
        var cr = crane()
        cr.apply(.hoistLadle(loadT: 95))
        cr.run(15)
        cr.inject(.craneBrakeFault(brake: 2))
        cr.run(1)
        #expect(cr.value("BRK2") == 1)
        #expect(cr.value("BRK1") == 0)
        #expect(cr.value("HOIST_BLK") == 1)
        #expect(cr.events(.stateChanged, "brakeFaultWithLoad").count == 1)
        #expect(cr.events(.interlockTripped, "hoistBrakeFault").count == 1)
        cr.apply(.lowerLadle)
        cr.run(15)
        cr.apply(.hoistLadle(loadT: 50))
        #expect(cr.events(.operationRefused, "hoistBlocked").count == 1)
        cr.clear(.craneBrakeFault(brake: 2))
        cr.run(1)
        #expect(cr.value("BRK2") == 0 && cr.value("HOIST_BLK") == 0)
    }

    @Test func craneAccepts() {
        let cr = crane().unit
        #expect(cr.accepts(.hoistLadle(loadT: 1)) && cr.accepts(.lowerLadle))
        #expect(!cr.accepts(.startBlow))
        #expect(cr.accepts(.craneBrakeFault(brake: 1)) && cr.accepts(.craneBrakeFault(brake: 2)))
        #expect(!cr.accepts(.craneBrakeFault(brake: 3)))
        #expect(cr.accepts(.interlockBypassed(interlock: "hoistBrakeFault")))
        #expect(!cr.accepts(.ropeBreak(rope: 1)))
        let limits = cr.points[0].limits
        #expect(limits.h == 100 && limits.hh == 110)
    }

    @Test func ladleHotSpotRisesThroughHighAndHighHigh() {
        var ld = SteelRig("ladle", id: "LD1")
        ld.run(600) { #expect($0.value("SHELL_T") < 300) }
        ld.inject(.ladleHotSpot(riseCPerMin: 10))
        let h = ld.run(until: 1200) { $0.value("SHELL_T") >= 350 }
        let hh = ld.run(until: 1200) { $0.value("SHELL_T") >= 400 }
        #expect(h != nil && hh != nil)
        #expect((h ?? 0) > 600 + 8 * 60)
        ld.clear(.ladleHotSpot(riseCPerMin: 10))
        ld.run(1800)
        #expect(ld.value("SHELL_T") < 300)
        #expect(ld.unit.accepts(.ladleHotSpot(riseCPerMin: 1)))
        #expect(!ld.unit.accepts(.hoistLadle(loadT: 1)))
        #expect(!ld.unit.accepts(.interlockBypassed(interlock: "x")))
    }
}
