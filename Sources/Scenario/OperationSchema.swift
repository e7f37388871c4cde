import PlantModel

/// Operations a timeline step may perform (`op: startCast`), one table for parsing, suggestions and docs.
public enum OperationSchema {
    public static let all: [ActionSchema<Operation>] = [
        ActionSchema("startCast", "Begin a drop at a casting speed (the line's self-check runs first).", [
            ActionParameter("speedMmPerMin", .number(0.1...1000), unit: "mm/min", "casting speed"),
        ]) { .startCast(speedMmPerMin: $0.number("speedMmPerMin")) },
        ActionSchema("stopCast", "End the drop.") { _ in .stopCast },
        ActionSchema("setCastMode", "Switch the casting machine's mode.", [
            ActionParameter("mode", .choice(CastMode.allCases.map(\.rawValue)), "auto, manual or simulation"),
        ]) { .setCastMode(CastMode(rawValue: $0.text("mode")) ?? .auto) },
        ActionSchema("tiltFurnace", "Tilt the holding furnace to an angle (0 is upright).", [
            ActionParameter("angleDeg", .number(0...120), unit: "°", "target angle"),
        ]) { .tiltFurnace(angleDeg: $0.number("angleDeg")) },
        ActionSchema("runSelfCheck", "Run the pre-cast self-check (铸前自检).") { _ in .runSelfCheck },
        ActionSchema("resetInterlocks", "Operator reset of tripped interlocks.") { _ in .resetInterlocks },
        ActionSchema("refillEmergencyTank", "Refill the emergency high tank (高位水池).", [
            ActionParameter("levelPct", .number(0...100), unit: "%", default: .number(100), "target level"),
        ]) { .refillEmergencyTank(levelPct: $0.number("levelPct")) },
        ActionSchema("startBlow", "Start the converter oxygen blow.") { _ in .startBlow },
        ActionSchema("stopBlow", "Stop the oxygen blow.") { _ in .stopBlow },
        ActionSchema("lowerLance", "Lower the oxygen lance.") { _ in .lowerLance },
        ActionSchema("raiseLance", "Raise the oxygen lance.") { _ in .raiseLance },
        ActionSchema("hoistLadle", "Hoist a ladle of hot metal.", [
            ActionParameter("loadT", .number(0...1000), unit: "t", "load"),
        ]) { .hoistLadle(loadT: $0.number("loadT")) },
        ActionSchema("lowerLadle", "Lower the ladle.") { _ in .lowerLadle },
        ActionSchema("setTopPressure", "Change the blast-furnace top-pressure setpoint.", [
            ActionParameter("kPa", .number(0...1000), unit: "kPa", "setpoint"),
        ]) { .setTopPressure(kPa: $0.number("kPa")) },
        ActionSchema("setBlastPressure", "Change the hot-blast pressure setpoint.", [
            ActionParameter("kPa", .number(0...1000), unit: "kPa", "setpoint"),
        ]) { .setBlastPressure(kPa: $0.number("kPa")) },
        ActionSchema("setGasDemand", "Gas network consumers' draw (100 = balanced with production).", [
            ActionParameter("pct", .number(0...300), unit: "%", "demand"),
        ]) { .setGasDemand(pct: $0.number("pct")) },
    ]

    public static func named(_ name: String) -> ActionSchema<Operation>? { all.first { $0.name == name } }
}

/// Sensor faults (`sensor: drift`) on one point (`point:` is required for every one).
public enum SensorFaultSchema {
    public static let all: [ActionSchema<SensorFault>] = [
        ActionSchema("stuck", "The reading freezes at its value when the fault starts.") { _ in .stuck },
        ActionSchema("drift", "The reading drifts away from the truth.", [
            ActionParameter("perMin", .number(nil), unit: "point units/min", "drift rate (may be negative)"),
        ]) { .drift(perMin: $0.number("perMin")) },
        ActionSchema("spike", "A single-sample spike at the fault's start.", [
            ActionParameter("magnitude", .number(nil), unit: "point units", "spike size (may be negative)"),
        ]) { .spike(magnitude: $0.number("magnitude")) },
        ActionSchema("noise", "Extra Gaussian noise.", [
            ActionParameter("sigma", .number(0...1e9), unit: "point units", "standard deviation"),
        ]) { .noise(sigma: $0.number("sigma")) },
        ActionSchema("outOfRange", "The reading jumps to a value outside the physical range.", [
            ActionParameter("value", .number(nil), unit: "point units", "the reported value"),
        ]) { .outOfRange(value: $0.number("value")) },
        ActionSchema("offline", "No data reaches the gateway (quality offline).") { _ in .offline },
        ActionSchema("badQuality", "The instrument flags bad quality.") { _ in .badQuality },
    ]

    public static func named(_ name: String) -> ActionSchema<SensorFault>? { all.first { $0.name == name } }
}
