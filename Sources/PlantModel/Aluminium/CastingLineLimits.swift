/// Alarm limits of the casting line (domain notes §7.2, all proposals [P]). The interlocks use the
/// same constants, so the equipment's own trip thresholds match the published point limits.
enum CastingLineLimits {
    static let meltT = Limits(ll: 670, l: 690, h: 760, hh: 780)
    static let tiltAngle = Limits(h: 28, hh: 30)
    static let hydraulicP = Limits(ll: 8, l: 10)
    static let launderLevel = Limits(ll: 60, l: 75, h: 125, hh: 140)
    /// Launder level rate of change that trips the launder interlock, mm/s.
    static let launderRateMmPerS = 15.0
    static let mouldWaterP = Limits(ll: 0.10, l: 0.15, h: 0.40)
    static let mouldWaterQ = Limits(ll: 90, l: 120)
    static let mouldWaterTIn = Limits(h: 35, hh: 38)
    static let wellTOut = Limits(h: 55, hh: 65)
    /// Distance of the water below the well mouth: a HIGH water level is a SMALL distance, so the
    /// "high level" alarms are the L/LL limits of this point.
    static let wellDistance = Limits(ll: 1.5, l: 2.0)
    static let emergencyP = Limits(ll: 0.10, l: 0.15)
    static let emergencyTank = Limits(ll: 50, l: 70)
    static let speed = Limits(l: 30, h: 140, hh: 160)
    static let positionDeviation = Limits(h: 10, hh: 20)
    static let platformTilt = Limits(h: 0.5, hh: 1.0)
    /// Rope force limits as fractions of the nominal force per rope.
    static let ropeHFraction = 1.20
    static let ropeHHFraction = 1.35
    /// Digital alarms: value 1 is the alarm state.
    static let digitalH = Limits(h: 1)
    static let digitalHH = Limits(hh: 1)
    /// PWR_MAIN: value 0 (lost) is the alarm state.
    static let digitalL = Limits(l: 0)

    static func rope(nominalKN: Double) -> Limits {
        Limits(h: nominalKN * ropeHFraction, hh: nominalKN * ropeHHFraction)
    }
}
