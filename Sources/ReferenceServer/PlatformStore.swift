import Foundation
import GRDB
import PlantModel
import Reference
import SimCore

/// SQLite storage of the reference platform (GRDB). Two kinds of table:
/// - `inputs`: every input in arrival order (samples, handlings, clock advances) — replaying them
///   into a fresh core restores its exact state after a restart (the core is deterministic);
/// - projections for queries: `alarms`, `grade_changes`, `events` (with the sequence webhooks
///   and pollers use), `batches` (uplink batch ids already taken), `webhooks`, `meta`.
/// Inputs and the events they cause are written in one transaction, so a crash loses neither.
public final class PlatformStore: Sendable {
    let queue: DatabaseQueue

    /// - Parameter path: a file, or nil for an in-memory database (tests).
    public init(path: String?) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        queue = try path.map { try DatabaseQueue(path: $0, configuration: configuration) }
            ?? DatabaseQueue(configuration: configuration)
        try Self.migrator.migrate(queue)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE inputs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, timeMs INTEGER NOT NULL,
                    enterprise TEXT, point TEXT, value REAL, quality INTEGER,
                    alarmId TEXT, handler TEXT, result TEXT);
                CREATE TABLE alarms (
                    id TEXT PRIMARY KEY, enterprise TEXT NOT NULL, point TEXT NOT NULL, level TEXT NOT NULL,
                    raisedAtMs INTEGER NOT NULL, clearedAtMs INTEGER, handledAtMs INTEGER, json TEXT NOT NULL);
                CREATE INDEX alarms_enterprise ON alarms(enterprise, raisedAtMs);
                CREATE TABLE grade_changes (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, enterprise TEXT NOT NULL, timeMs INTEGER NOT NULL,
                    fromGrade TEXT, toGrade TEXT NOT NULL, reasons TEXT NOT NULL);
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, timeMs INTEGER NOT NULL,
                    enterprise TEXT NOT NULL, json TEXT NOT NULL);
                CREATE TABLE batches (batchId TEXT PRIMARY KEY, kind TEXT NOT NULL, receivedAtMs INTEGER NOT NULL);
                CREATE TABLE registrations (companyCode TEXT PRIMARY KEY, json TEXT NOT NULL);
                CREATE TABLE webhooks (id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL, types TEXT NOT NULL);
                """)
        }
        migrator.registerMigration("v2-uplink-records") { db in
            try db.execute(sql: """
                CREATE TABLE uplink_records (
                    batchId TEXT PRIMARY KEY, kind TEXT NOT NULL, companyCode TEXT NOT NULL, json TEXT NOT NULL,
                    receivedAtMs INTEGER NOT NULL);
                """)
        }
        migrator.registerMigration("v3-reception-index") { db in
            try db.execute(sql: "CREATE INDEX inputs_reception ON inputs(kind, enterprise, timeMs)")
        }
        return migrator
    }

    /// Keeps a plant-side alarm batch or heartbeat as received (its batch id counts once).
    func recordPayload(batchId: String, kind: String, company: String, json: String, atMs: Int64) throws {
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO batches (batchId, kind, receivedAtMs) VALUES (?, ?, ?)", arguments: [batchId, kind, atMs])
            try db.execute(
                sql: "INSERT INTO uplink_records (batchId, kind, companyCode, json, receivedAtMs) VALUES (?, ?, ?, ?, ?)",
                arguments: [batchId, kind, company, json, atMs])
        }
    }

    public func uplinkRecordCount(kind: String) throws -> Int {
        try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM uplink_records WHERE kind = ?", arguments: [kind]) ?? 0 }
    }

    // MARK: meta

    public func meta(_ key: String) throws -> String? {
        try queue.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try queue.write {
            try $0.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    // MARK: inputs

    /// Every stored input in arrival order.
    public func inputs() throws -> [PlatformInput] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM inputs ORDER BY seq").compactMap(PlatformInput.init(row:))
        }
    }

    /// Stores inputs and the events they caused in one transaction; returns the events with their
    /// sequence numbers. `batch` (an uplink batch id) is recorded in the same transaction.
    func commit(inputs: [PlatformInput], events: [ReferenceEvent], batch: (id: String, kind: String)?) throws
        -> [StoredEvent]
    {
        try queue.write { db in
            if let batch {
                try db.execute(
                    sql: "INSERT INTO batches (batchId, kind, receivedAtMs) VALUES (?, ?, ?)",
                    arguments: [batch.id, batch.kind, inputs.last?.timeMs ?? 0])
            }
            for input in inputs { try input.insert(db) }
            return try events.map { try Self.store($0, db) }
        }
    }

    public func hasBatch(_ id: String) throws -> Bool {
        try queue.read { try Bool.fetchOne($0, sql: "SELECT 1 FROM batches WHERE batchId = ?", arguments: [id]) ?? false }
    }

    static func store(_ event: ReferenceEvent, _ db: Database) throws -> StoredEvent {
        let type: String
        switch event {
        case .alarmRaised: type = "alarmRaised"
        case .alarmCleared: type = "alarmCleared"
        case .alarmHandled: type = "alarmHandled"
        case .gradeChanged: type = "gradeChanged"
        case .interlockActed: type = "interlockActed"
        }
        var enterprise = ""
        if case .interlockActed(let action) = event { enterprise = action.enterprise }
        if let alarm = event.alarm {
            enterprise = alarm.enterprise
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO alarms (id, enterprise, point, level, raisedAtMs, clearedAtMs, handledAtMs, json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    alarm.id, alarm.enterprise, alarm.point, alarm.level.rawValue, alarm.raisedAt.milliseconds,
                    alarm.clearedAt?.milliseconds, alarm.handledAt?.milliseconds, try JSONText.encode(APIAlarm(alarm)),
                ])
        }
        if case .gradeChanged(let change) = event {
            enterprise = change.enterprise
            try db.execute(
                sql: "INSERT INTO grade_changes (enterprise, timeMs, fromGrade, toGrade, reasons) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    change.enterprise, change.time.milliseconds, change.from?.rawValue, change.to.rawValue,
                    try JSONText.encode(change.reasons),
                ])
        }
        var stored = StoredEvent(seq: 0, type: type, timeMs: event.time.milliseconds, enterprise: enterprise, event: event)
        try db.execute(
            sql: "INSERT INTO events (type, timeMs, enterprise, json) VALUES (?, ?, ?, '')",
            arguments: [type, stored.timeMs, enterprise])
        stored.seq = db.lastInsertedRowID
        try db.execute(
            sql: "UPDATE events SET json = ? WHERE seq = ?", arguments: [try JSONText.encode(APIEvent(stored)), stored.seq])
        return stored
    }

    // MARK: queries

    public func events(afterSeq: Int64, limit: Int) throws -> [(seq: Int64, json: String)] {
        try queue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT seq, json FROM events WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [afterSeq, limit]
            ).map { (seq: $0["seq"], json: $0["json"]) }
        }
    }

    public func alarmCount() throws -> Int {
        try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM alarms") ?? 0 }
    }

    public func gradeChangeCount() throws -> Int {
        try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM grade_changes") ?? 0 }
    }

    // MARK: webhooks and registrations

    public func webhooks() throws -> [Webhook] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM webhooks ORDER BY id").map {
                Webhook(id: $0["id"], url: $0["url"], types: (($0["types"] as String?) ?? "").split(separator: ",").map(String.init))
            }
        }
    }

    public func addWebhook(url: String, types: [String]) throws -> Webhook {
        try queue.write { db in
            try db.execute(sql: "INSERT INTO webhooks (url, types) VALUES (?, ?)", arguments: [url, types.joined(separator: ",")])
            return Webhook(id: db.lastInsertedRowID, url: url, types: types)
        }
    }

    public func removeWebhook(id: Int64) throws -> Bool {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM webhooks WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    public func registrations() throws -> [String] {
        try queue.read { try String.fetchAll($0, sql: "SELECT json FROM registrations ORDER BY companyCode") }
    }

    public func saveRegistration(code: String, json: String) throws {
        try queue.write {
            try $0.execute(sql: "INSERT OR REPLACE INTO registrations (companyCode, json) VALUES (?, ?)", arguments: [code, json])
        }
    }
}

/// A webhook subscriber: events of `types` (empty: all) are POSTed to `url`.
public struct Webhook: Codable, Sendable, Hashable {
    public var id: Int64
    public var url: String
    public var types: [String]
}

/// An event as persisted, with its sequence number.
public struct StoredEvent: Sendable {
    public var seq: Int64
    public var type: String
    public var timeMs: Int64
    public var enterprise: String
    public var event: ReferenceEvent
}

enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension PlatformStore {
    /// Per point of `enterprise`: stored readings with a value (not offline) whose own times lie in
    /// [`fromMs`, `toMs`), after the latest reset.
    public func receptionCounts(enterprise: String, fromMs: Int64, toMs: Int64) throws -> [String: Int] {
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT point, COUNT(*) AS n FROM inputs
                WHERE kind = 'sample' AND enterprise = ? AND timeMs >= ? AND timeMs < ? AND quality != ?
                  AND seq > COALESCE((SELECT MAX(seq) FROM inputs WHERE kind = 'reset'), 0)
                GROUP BY point
                """, arguments: [enterprise, fromMs, toMs, Int(Quality.offline.rawValue)])
            var counts: [String: Int] = [:]
            for row in rows { counts[row["point"] ?? ""] = row["n"] }
            return counts
        }
    }
}
