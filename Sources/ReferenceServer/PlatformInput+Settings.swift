import GRDB

// Storage of the enterprise settings and the reset (the `inputs` table: the equipment or point in
// `point`, on/off as `value` 1/0).
extension PlatformInput {
    static func setting(kind: String, row: Row, time: Int64) -> PlatformInput? {
        let enterprise: String = row["enterprise"] ?? "", code: String = row["point"] ?? ""
        let on = ((row["value"] as Double?) ?? 0) != 0
        switch kind {
        case "maintenance": return .maintenance(enterprise: enterprise, equipment: code, on: on, timeMs: time)
        case "pointDisabled": return .pointDisabled(enterprise: enterprise, point: code, disabled: on, timeMs: time)
        case "reset": return .reset(timeMs: time, enterprises: code.split(separator: ",").map(String.init))
        default: return nil
        }
    }

    func insertSetting(_ db: Database) throws {
        let sql = "INSERT INTO inputs (kind, timeMs, enterprise, point, value) VALUES (?, ?, ?, ?, ?)"
        switch self {
        case .maintenance(let enterprise, let equipment, let on, let time):
            try db.execute(sql: sql, arguments: ["maintenance", time, enterprise, equipment, on ? 1.0 : 0.0])
        case .pointDisabled(let enterprise, let point, let disabled, let time):
            try db.execute(sql: sql, arguments: ["pointDisabled", time, enterprise, point, disabled ? 1.0 : 0.0])
        case .reset(let time, let enterprises):
            try db.execute(sql: "INSERT INTO inputs (kind, timeMs, point) VALUES ('reset', ?, ?)",
                           arguments: [time, enterprises.joined(separator: ",")])
        default:
            break
        }
    }
}
