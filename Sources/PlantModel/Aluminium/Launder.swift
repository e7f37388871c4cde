import Foundation

/// The launder from the furnace outlet to the mould table, with its three safety gates.
/// Levels are the metal head in mm; the launder is kept primed at the nominal head in standby.
struct Launder: Sendable {
    static let nominalLevelMm = 100.0
    static let wallMm = 200.0
    /// Table level at which metal spills over the table into the well.
    static let tableSpillMm = 170.0

    var levelOut = nominalLevelMm
    var levelTable = nominalLevelMm
    var rateOut = 0.0
    var rateTable = 0.0
    var quickCutOff = LineValve()
    var emergencyDischarge = LineValve()
    var disconnect = LineValve()
    var noise = Disturbance(sigma: 1.0, tauS: 4)
    /// `cbrt` is costly: cache the weir head for the last supply ratio (constant while steady).
    private var cachedRatio = 1.0
    private var cachedHead = nominalLevelMm

    var spilling: Bool { levelTable >= Self.tableSpillMm }

    /// `supplyRatio`: furnace outflow over the moulds' demand (1 = balanced). Weir relation: the
    /// head goes with flow^(2/3). A closed cut-off backs the outlet up; an open discharge or a
    /// disconnected launder drains it; the table only fills through an open, connected path.
    mutating func step(dt: Double, factors: LineFactors, supplyRatio: Double, bleeding: Bool) {
        let ratio = min(5, max(0, supplyRatio))
        if ratio != cachedRatio {
            cachedRatio = ratio
            cachedHead = Self.nominalLevelMm * cbrt(ratio * ratio)
        }
        let head = cachedHead + noise.value
        let drained = emergencyDischarge.actuated || disconnect.actuated
        let outTarget = drained ? 0 : (quickCutOff.actuated ? min(Self.wallMm, head * 1.4) : min(Self.wallMm, head))
        let pathOpen = !quickCutOff.actuated && !disconnect.actuated
        let tableTarget = pathOpen ? min(Self.wallMm, head * (bleeding ? 0.7 : 1)) : 0
        var newOut = levelOut, newTable = levelTable
        newOut.lag(to: max(0, outTarget), factors.launder)
        newTable.lag(to: max(0, tableTarget), factors.launder)
        rateOut = (newOut - levelOut) / dt
        rateTable = (newTable - levelTable) / dt
        levelOut = newOut
        levelTable = newTable
    }
}
