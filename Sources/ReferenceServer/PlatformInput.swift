import GRDB
import PlantModel

/// One input to the core, as stored for replay.
public enum PlatformInput: Sendable, Hashable {
    case sample(enterprise: String, point: String, timeMs: Int64, value: Double, quality: Quality)
    case handling(alarmId: String, handler: String, result: String, timeMs: Int64)
    case advance(timeMs: Int64)
    /// An enterprise's setting (Platform+Settings.swift): takes effect when the clock reaches `timeMs`.
    case maintenance(enterprise: String, equipment: String, on: Bool, timeMs: Int64)
    case pointDisabled(enterprise: String, point: String, disabled: Bool, timeMs: Int64)
    /// A test tenant's reset: the state starts afresh at `timeMs` (the event list goes on).
    case reset(timeMs: Int64, enterprises: [String] = [])

    public var timeMs: Int64 {
        switch self {
        case .sample(_, _, let time, _, _), .handling(_, _, _, let time), .advance(let time): time
        case .maintenance(_, _, _, let time), .pointDisabled(_, _, _, let time), .reset(let time, _): time
        }
    }

    init?(row: Row) {
        let kind: String = row["kind"]
        let time: Int64 = row["timeMs"]
        switch kind {
        case "sample":
            let quality = Quality(rawValue: UInt8(clamping: (row["quality"] as Int?) ?? 2)) ?? .offline
            self = .sample(
                enterprise: row["enterprise"] ?? "", point: row["point"] ?? "", timeMs: time,
                value: (row["value"] as Double?) ?? .nan, quality: quality)
        case "handling":
            self = .handling(alarmId: row["alarmId"] ?? "", handler: row["handler"] ?? "", result: row["result"] ?? "", timeMs: time)
        case "advance":
            self = .advance(timeMs: time)
        default:
            guard let setting = Self.setting(kind: kind, row: row, time: time) else { return nil }
            self = setting
        }
    }

    func insert(_ db: Database) throws {
        switch self {
        case .sample(let enterprise, let point, let time, let value, let quality):
            try db.execute(
                sql: "INSERT INTO inputs (kind, timeMs, enterprise, point, value, quality) VALUES ('sample', ?, ?, ?, ?, ?)",
                arguments: [time, enterprise, point, value.isFinite ? value : nil, Int(quality.rawValue)])
        case .handling(let alarmId, let handler, let result, let time):
            try db.execute(
                sql: "INSERT INTO inputs (kind, timeMs, alarmId, handler, result) VALUES ('handling', ?, ?, ?, ?)",
                arguments: [time, alarmId, handler, result])
        case .advance(let time):
            try db.execute(sql: "INSERT INTO inputs (kind, timeMs) VALUES ('advance', ?)", arguments: [time])
        case .maintenance, .pointDisabled, .reset:
            try insertSetting(db)
        }
    }
}
