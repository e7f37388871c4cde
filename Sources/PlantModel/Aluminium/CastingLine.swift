import SimCore

/// A whole DC (deep-well) casting line: holding furnace, launder with quick cut-off, emergency
/// discharge and launder disconnect, mould cooling water with the emergency high tank, casting
/// well, and the casting machine with its winch. Composed of one sub-struct per unit; the
/// interlocks, self-check, operations and faults live in `CastingLine+*.swift`.
///
/// `step` allocates nothing: plain Double math on stored values, lag factors cached per `dt`.
public struct CastingLine: Equipment {
    public let id: String
    public let points: [PointSpec]
    public let interlocks: [InterlockSpec]
    let config: CastingLineConfig
    var factors = LineFactors()
    var furnace: HoldingFurnace
    var launder = Launder()
    var water: MouldCoolingWater
    var well = CastingWell()
    var machine: CastingMachine
    var safety = CastingInterlocks()
    var powered = true
    /// Seconds the platform has been tilted past the spill angle with metal on the table.
    var tiltSpillS = 0.0

    /// Platform tilt above which billets pull out of the moulds (bleed-out follows).
    static let spillTiltDeg = 1.2
    static let spillDelayS = 5.0

    public init(config equipmentConfig: EquipmentConfig) {
        let config = CastingLineConfig(equipmentConfig)
        self.config = config
        id = equipmentConfig.id
        points = CastingLinePoints.specs(config: config, equipment: equipmentConfig.id)
        interlocks = CastingInterlockSpecs.specs(config: config, equipment: equipmentConfig.id)
        furnace = HoldingFurnace(config: config)
        water = MouldCoolingWater(config: config)
        machine = CastingMachine(config: config)
    }

    public mutating func step(now: SimInstant, dt: Double, rng: inout SeededRandom, events: inout [PlantEvent]) {
        guard dt > 0 else { return }
        if factors.update(dt: dt, config: config) { tuneDisturbances(dt: dt) }
        furnace.meltNoise.step(&rng)
        launder.noise.step(&rng)
        water.flowNoise.step(&rng)
        machine.ropeNoise.step(&rng)

        furnace.step(dt: dt, factors: factors, powered: powered)
        if machine.step(dt: dt, factors: factors) {
            if furnace.tilting && !furnace.tiltingBack { furnace.targetAngle = config.pourAngleDeg }
            events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "castFinished"))
        }
        launder.step(dt: dt, factors: factors, supplyRatio: furnace.outflowRatio / machine.demandRatio,
                     bleeding: well.bleeding)
        switch water.step(dt: dt, factors: factors, powered: powered, heatLoad: well.heatLoad) {
        case .none: break
        case .engaged:
            events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "emergencyWaterEngaged"))
        case .released:
            events.append(PlantEvent(time: now, kind: .stateChanged, equipment: id, name: "emergencyWaterReleased"))
        }
        well.step(dt: dt, factors: factors, speedRatio: machine.speed / config.nominalSpeedMmPerMin,
                  inletT: water.inletT, flowRatio: water.flow / config.mouldWaterFlowM3PerH,
                  spilling: launder.spilling)
        stepPlatformSpill(dt: dt)
        evaluateInterlocks(now: now, dt: dt, events: &events)
    }

    private mutating func tuneDisturbances(dt: Double) {
        furnace.meltNoise.tune(dt: dt)
        launder.noise.tune(dt: dt)
        water.flowNoise.tune(dt: dt)
        machine.ropeNoise.tune(dt: dt)
    }

    /// Jiangyin: a tilted platform with metal on the table pulls billets out of the moulds.
    private mutating func stepPlatformSpill(dt: Double) {
        if machine.casting && machine.tiltDeg > Self.spillTiltDeg && launder.levelTable > 20 {
            tiltSpillS += dt
            if tiltSpillS >= Self.spillDelayS { well.bleeding = true }
        } else {
            tiltSpillS = 0
        }
    }

    public func write(into values: inout [Double], at offset: Int) {
        var i = offset
        @inline(__always) func put(_ value: Double) { values[i] = value; i += 1 }
        put(furnace.meltT)
        put(furnace.angle)
        put(furnace.hydraulicP)
        put(launder.levelOut)
        put(launder.levelTable)
        put(water.pressure)
        put(water.flow)
        put(water.inletT)
        put(well.outletT)
        put(well.distanceM)
        put(water.emergencyPressure)
        put(water.tankPct)
        put(water.emergencyActive ? 1 : 0)
        put(launder.quickCutOff.statusValue)
        put(launder.quickCutOff.faultValue)
        put(launder.emergencyDischarge.statusValue)
        put(launder.emergencyDischarge.faultValue)
        put(launder.disconnect.statusValue)
        put(launder.disconnect.faultValue)
        put(machine.mode.code)
        put(machine.casting ? 1 : 0)
        put(machine.speed)
        put(machine.lengthMm)
        put(machine.deviationMm)
        put(machine.tiltDeg)
        for rope in 0..<machine.ropes.count { put(machine.ropes.force(rope)) }
        put(machine.selfCheckFailed ? 1 : 0)
        put(well.metalDetected ? 1 : 0)
        put(powered ? 1 : 0)
        put(safety.anyBypassed ? 1 : 0)
    }
}
