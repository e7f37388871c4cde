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
        precondition(offset >= 0 && offset + points.count <= values.count, "value buffer too small")
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            writeUnchecked(into: base + offset)
        }
    }

    /// Fills `points.count` values in `points` order.
    private func writeUnchecked(into out: UnsafeMutablePointer<Double>) {
        out[0] = furnace.meltT
        out[1] = furnace.angle
        out[2] = furnace.hydraulicP
        out[3] = launder.levelOut
        out[4] = launder.levelTable
        out[5] = water.pressure
        out[6] = water.flow
        out[7] = water.inletT
        out[8] = well.outletT
        out[9] = well.distanceM
        out[10] = water.emergencyPressure
        out[11] = water.tankPct
        out[12] = water.emergencyActive ? 1 : 0
        out[13] = launder.quickCutOff.statusValue
        out[14] = launder.quickCutOff.faultValue
        out[15] = launder.emergencyDischarge.statusValue
        out[16] = launder.emergencyDischarge.faultValue
        out[17] = launder.disconnect.statusValue
        out[18] = launder.disconnect.faultValue
        out[19] = machine.mode.code
        out[20] = machine.casting ? 1 : 0
        out[21] = machine.speed
        out[22] = machine.lengthMm
        out[23] = machine.deviationMm
        out[24] = machine.tiltDeg
        let ropes = machine.ropes.count
        for rope in 0..<ropes { out[25 + rope] = machine.ropes.force(rope) }
        let rest = out + 25 + ropes
        rest[0] = machine.selfCheckFailed ? 1 : 0
        rest[1] = well.metalDetected ? 1 : 0
        rest[2] = powered ? 1 : 0
        rest[3] = safety.anyBypassed ? 1 : 0
    }
}
