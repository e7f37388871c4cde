import PlantModel

/// Equipment faults (`fault: pumpTrip`): every `EquipmentFault` case, its parameters and units.
public enum FaultSchema {
    private static func rate(_ name: String, _ unit: String, _ summary: String, max: Double = 1e6) -> ActionParameter {
        ActionParameter(name, .number(0...max), unit: unit, summary)
    }

    public static let all: [ActionSchema<EquipmentFault>] = [
        ActionSchema("pumpTrip", "A cooling-water pump trips.", [
            ActionParameter("pump", .choice(Pump.allCases.map(\.rawValue)), "which pump"),
        ]) { .pumpTrip(pump: Pump(rawValue: $0.text("pump")) ?? .mouldWater) },
        ActionSchema("valveStuck", "A valve stays where it is when commanded.", [
            ActionParameter("valve", .choice(Valve.allCases.map(\.rawValue)), "which valve"),
        ]) { .valveStuck(valve: Valve(rawValue: $0.text("valve")) ?? .quickCutOff) },
        ActionSchema("valveFailed", "A valve reports a fault and will not act.", [
            ActionParameter("valve", .choice(Valve.allCases.map(\.rawValue)), "which valve"),
        ]) { .valveFailed(valve: Valve(rawValue: $0.text("valve")) ?? .quickCutOff) },
        ActionSchema("powerLoss", "Loss of main power.") { _ in .powerLoss },
        ActionSchema("ropeBreak", "A winch wire rope breaks.", [
            ActionParameter("rope", .integer(1...64), default: .number(1), "1-based rope index"),
        ]) { .ropeBreak(rope: $0.int("rope")) },
        ActionSchema("tapHoleOverflow", "Tap hole enlarging: furnace outflow rises.", [
            rate("flowRisePctPerMin", "% of nominal/min", "outflow rise"),
        ]) { .tapHoleOverflow(flowRisePctPerMin: $0.number("flowRisePctPerMin")) },
        ActionSchema("launderStarvation", "Launder blocked or furnace under-feeding: outflow falls.", [
            rate("flowDropPctPerMin", "% of nominal/min", "outflow drop"),
        ]) { .launderStarvation(flowDropPctPerMin: $0.number("flowDropPctPerMin")) },
        ActionSchema("mouldBleedOut", "Molten aluminium leaks from the mould into the well.") { _ in .mouldBleedOut },
        ActionSchema("starterBlockStuck", "The starter block sticks to the mould table.") { _ in .starterBlockStuck },
        ActionSchema("tiltRunaway", "The tilting furnace keeps tipping without a command.", [
            rate("rateDegPerS", "°/s", "tilt rate", max: 90),
        ]) { .tiltRunaway(rateDegPerS: $0.number("rateDegPerS")) },
        ActionSchema("hydraulicLeak", "Loss of tilting hydraulic pressure.", [
            rate("dropMPaPerMin", "MPa/min", "pressure drop"),
        ]) { .hydraulicLeak(dropMPaPerMin: $0.number("dropMPaPerMin")) },
        ActionSchema("emergencyTankLeak", "The emergency high tank drains.", [
            rate("dropPctPerMin", "%/min", "level drop"),
        ]) { .emergencyTankLeak(dropPctPerMin: $0.number("dropPctPerMin")) },
        ActionSchema("wellDrainBlocked", "The casting-well drain is blocked: water rises.", [
            rate("riseMPerMin", "m/min", "water rise"),
        ]) { .wellDrainBlocked(riseMPerMin: $0.number("riseMPerMin")) },
        ActionSchema("lanceLeak", "Oxygen-lance water circuit leak.", [
            rate("leakM3PerH", "m³/h", "outlet flow below inlet"),
        ]) { .lanceLeak(leakM3PerH: $0.number("leakM3PerH")) },
        ActionSchema("tuyereLeak", "Blast-furnace tuyere cooler leak.", [
            rate("leakM3PerH", "m³/h", "in/out flow difference"),
        ]) { .tuyereLeak(leakM3PerH: $0.number("leakM3PerH")) },
        ActionSchema("coolingWaterLoss", "Blast-furnace cooling-water supply pressure falls.", [
            rate("dropMPaPerMin", "MPa/min", "pressure drop"),
        ]) { .coolingWaterLoss(dropMPaPerMin: $0.number("dropMPaPerMin")) },
        ActionSchema("topPressureSurge", "Blast-furnace top pressure rises.", [
            rate("riseKPaPerMin", "kPa/min", "pressure rise"),
        ]) { .topPressureSurge(riseKPaPerMin: $0.number("riseKPaPerMin")) },
        ActionSchema("hearthErosion", "Hearth wall temperature creep at one thermocouple.", [
            // Not `sensor`: that is the key of sensor-fault steps, so a step could not carry it.
            ActionParameter("thermocouple", .integer(1...64), default: .number(1), "1-based thermocouple"),
            rate("riseCPerH", "°C/h", "temperature rise"),
        ]) { .hearthErosion(sensor: $0.int("thermocouple"), riseCPerH: $0.number("riseCPerH")) },
        ActionSchema("coLeak", "CO escapes at a location, ramping to a concentration.", [
            ActionParameter("location", .text, "point-code suffix such as CO_TUY or CO_1"),
            ActionParameter("ppm", .number(0...1_000_000), unit: "ppm", "final concentration"),
            ActionParameter("rampS", .number(0...86_400), unit: "s", default: .number(60), "ramp time"),
        ]) { .coLeak(location: $0.text("location"), ppm: $0.number("ppm"), rampS: $0.number("rampS")) },
        ActionSchema("gasImbalance", "Gas holder inflow/outflow imbalance.", [
            ActionParameter("levelPctPerMin", .number(-100...100), unit: "%/min", "level change (signed)"),
        ]) { .gasImbalance(levelPctPerMin: $0.number("levelPctPerMin")) },
        ActionSchema("gasMainPressureLoss", "Gas main pressure falls.", [
            rate("dropKPaPerMin", "kPa/min", "pressure drop"),
        ]) { .gasMainPressureLoss(dropKPaPerMin: $0.number("dropKPaPerMin")) },
        ActionSchema("craneBrakeFault", "One hoist brake reports a fault.", [
            ActionParameter("brake", .integer(1...8), default: .number(1), "1-based brake index"),
        ]) { .craneBrakeFault(brake: $0.int("brake")) },
        ActionSchema("ladleHotSpot", "Ladle refractory thinning: shell hot spot rising.", [
            rate("riseCPerMin", "°C/min", "temperature rise"),
        ]) { .ladleHotSpot(riseCPerMin: $0.number("riseCPerMin")) },
        ActionSchema("interlockBypassed", "The named interlock will not act (旁路).", [
            ActionParameter("interlock", .text, "an interlock name of the plant"),
        ]) { .interlockBypassed(interlock: $0.text("interlock")) },
    ]

    public static func named(_ name: String) -> ActionSchema<EquipmentFault>? { all.first { $0.name == name } }
}
