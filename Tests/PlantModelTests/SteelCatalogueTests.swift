import PlantModel
import SimCore
import Testing

@Suite struct SteelCatalogueTests {
    static let enterprise = Enterprise(
        code: "3205820001ST", name: "示例钢铁", nameEn: "Example Steel", industry: .steel, regionCode: "320582",
        regionName: "张家港市")

    static func plantConfig() -> PlantConfig {
        PlantConfig(
            enterprise: enterprise,
            equipment: [
                EquipmentConfig(type: "blastFurnace", id: "BF1"), EquipmentConfig(type: "converter", id: "BOF1"),
                EquipmentConfig(type: "gasSystem", id: "GH1"), EquipmentConfig(type: "ladleCrane", id: "CR1"),
                EquipmentConfig(type: "ladle", id: "LD1"),
            ])
    }

    /// Runs the whole steel plant for `seconds` with a blow and a hoist, returning every sample.
    static func run(seed: UInt64, seconds: Int) -> (values: [[Double]], events: [PlantEvent]) {
        var plant = Plant(config: plantConfig(), catalogue: SteelCatalogue.types)
        let root = SeededRandom(seed: seed)
        var rngs = plant.equipment.map { root.fork(label: $0.id) }
        var events: [PlantEvent] = []
        var values = Array(repeating: 0.0, count: plant.points.count)
        var trace: [[Double]] = []
        var now = SimInstant.start
        for tick in 0..<(seconds * 10) {
            now = now + .ms(100)
            if tick == 100 {
                plant.apply(.startBlow, to: plant.targets(of: .startBlow, target: nil)[0], now: now, events: &events)
                plant.apply(.hoistLadle(loadT: 90), to: 3, now: now, events: &events)
            }
            plant.step(now: now, dt: 0.1, rngs: &rngs, events: &events)
            plant.write(into: &values)
            if tick % 10 == 9 { trace.append(values) }
        }
        return (trace, events)
    }

    @Test func catalogueHasTheFiveSteelTypes() {
        #expect(SteelCatalogue.types.map(\.name) == ["blastFurnace", "converter", "gasSystem", "ladleCrane", "ladle"])
        #expect(SteelCatalogue.types.allSatisfy { $0.industry == .steel })
        let bf = SteelCatalogue.types[0]
        #expect(bf.parameters.map(\.name).contains("hearthSensors"))
        #expect(bf.withDefaults(EquipmentConfig(type: "blastFurnace", id: "BF1")).params["volumeM3"] == .number(1080))
    }

    /// Critical by proposal (docs/plants/steel.md): the gas main (GB 6222 low-pressure protection)
    /// and the ladle shell hot spot (breakout precursor); both alarm without on-delay.
    @Test func gasMainAndLadleShellAreCritical() {
        let plant = Plant(config: Self.plantConfig(), catalogue: SteelCatalogue.types)
        let critical = Set(plant.points.filter(\.critical).map(\.code))
        #expect(critical.isSuperset(of: ["GH1_MAIN_P", "LD1_SHELL_T"]))
        #expect(!critical.contains("BF1_TUY_DQ") && !critical.contains("BF1_HEARTH_T1"))
    }

    @Test func pointSpecsAreConsistent() {
        let plant = Plant(config: Self.plantConfig(), catalogue: SteelCatalogue.types)
        #expect(plant.points.count == 11 + 11 + 8 + 5 + 1)
        #expect(Set(plant.points.map(\.code)).count == plant.points.count)
        for point in plant.points {
            #expect(point.limits.orderingProblem() == nil, "\(point.code)")
            #expect(!point.nameZh.isEmpty && !point.nameEn.isEmpty)
            let limits = [point.limits.ll, point.limits.l, point.limits.h, point.limits.hh].compactMap { $0 }
            #expect(limits.allSatisfy { $0 >= point.rangeMin && $0 <= point.rangeMax }, "\(point.code)")
            #expect(point.samplePeriod >= .seconds(1) && point.samplePeriod <= .seconds(5))
            if point.kind == .digital { #expect(point.noiseSigma == 0 && point.states.count == 2) }
            if point.code.contains("_CO") { #expect(point.critical && point.limits.h == 24 && point.limits.hh == 160) }
            #expect(point.code.hasPrefix(point.equipment + "_"))
        }
        let codes = Set(plant.points.map(\.code))
        for interlock in plant.interlocks {
            #expect(interlock.triggerPoints.allSatisfy(codes.contains), "\(interlock.name)")
            #expect(interlock.resultPoints.keys.allSatisfy(codes.contains), "\(interlock.name)")
            #expect(interlock.delayS > 0 && !interlock.clause.isEmpty)
            let critical = plant.points.filter { interlock.triggerPoints.contains($0.code) }.allSatisfy(\.critical)
            #expect(critical, "\(interlock.name)")
        }
        #expect(
            plant.interlocks.map(\.name) == [
                "topPressureBleeder", "coolingWaterLow", "lanceWaterLeak", "lanceWaterPressureLow", "hoodLeak",
                "holderLevelLow", "holderLevelHigh", "craneOverload", "hoistBrakeFault",
            ])
    }

    @Test func sameSeedSameTraceDifferentSeedSameStory() {
        let a = Self.run(seed: 7, seconds: 600)
        let b = Self.run(seed: 7, seconds: 600)
        let c = Self.run(seed: 8, seconds: 600)
        #expect(a.values == b.values)
        #expect(a.events == b.events)
        #expect(a.values != c.values)
        #expect(a.events.map(\.name) == c.events.map(\.name))
        // The story is the same: every point stays within a small distance of the other run.
        let plant = Plant(config: Self.plantConfig(), catalogue: SteelCatalogue.types)
        var apart: Set<String> = []
        for (row, other) in zip(a.values, c.values) {
            for (i, point) in plant.points.enumerated()
            where abs(row[i] - other[i]) > 0.05 * (point.rangeMax - point.rangeMin) {
                apart.insert(point.code)
            }
        }
        #expect(apart.isEmpty)
    }
}
