import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The on-disk store-and-forward queue (断点续传): every batch is appended to `spool.log` and
/// synced before it counts as queued; deliveries are appended to `acked.log`. Opening a spool
/// reads both and keeps what was queued and not yet acknowledged, in order — so a killed sender
/// resends exactly what it had not delivered, with the original timestamps inside.
public final class Spool: @unchecked Sendable {
    public struct Entry: Codable, Sendable, Hashable {
        public var seq: UInt64
        /// Endpoint path (`/uplink/v1/readings`).
        public var path: String
        public var batchId: String
        /// The request body as sent (JSON text).
        public var body: String
        /// The enterprise whose batch it is (nil in spools of older versions).
        public var enterprise: String?
        /// Plant milliseconds of the batch's earliest data (nil in spools of older versions).
        public var plantMs: Int64?
    }

    public struct Full: Error, CustomStringConvertible {
        public var pendingBytes: Int
        public var limitBytes: Int
        public var description: String {
            "uplink spool full: \(pendingBytes) bytes pending, limit \(limitBytes) bytes — batches are refused until the target answers"
        }
    }

    let directory: String
    let limitBytes: Int
    let lock = NSLock()
    private var log: FileHandle
    private var acks: FileHandle
    private(set) var pending: [Entry] = []
    private var pendingBytes = 0
    private var nextSeq: UInt64 = 0
    /// The fate of every batch appended by this process.
    public let ledger = DeliveryLedger()

    public init(directory: String, limitBytes: Int = 1 << 30) throws {
        self.directory = directory
        self.limitBytes = limitBytes
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let logPath = (directory as NSString).appendingPathComponent("spool.log")
        let ackPath = (directory as NSString).appendingPathComponent("acked.log")
        let entries = Self.readLines(logPath).compactMap { try? JSONDecoder().decode(Entry.self, from: Data($0.utf8)) }
        let acked = Set(Self.readLines(ackPath).compactMap { UInt64($0) })
        pending = entries.filter { !acked.contains($0.seq) }
        pendingBytes = pending.reduce(0) { $0 + $1.body.utf8.count }
        nextSeq = (entries.map(\.seq).max() ?? 0) + 1
        if pending.isEmpty {
            // Nothing owed: start both logs afresh.
            FileManager.default.createFile(atPath: logPath, contents: nil)
            FileManager.default.createFile(atPath: ackPath, contents: nil)
        }
        for path in [logPath, ackPath] where !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let log = FileHandle(forWritingAtPath: logPath), let acks = FileHandle(forWritingAtPath: ackPath) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        log.seekToEndOfFile()
        acks.seekToEndOfFile()
        self.log = log
        self.acks = acks
    }

    /// The complete lines of a log. A torn last line (a crash or a full disk mid-write: no final
    /// newline) is cut off the file, so that it is neither read (a torn `15` is not seq `1`) nor
    /// glued to the next line appended (which would then be unreadable and lost on the next start).
    static func readLines(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let complete = data.lastIndex(of: UInt8(ascii: "\n")).map { data.index(after: $0) } ?? data.startIndex
        if complete < data.endIndex {
            truncate(path, off_t(complete - data.startIndex))
        }
        return String(decoding: data[data.startIndex..<complete], as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Appends and syncs one batch; throws `Full` past the limit.
    @discardableResult
    public func append(path: String, batchId: String, body: String, enterprise: String? = nil, plantMs: Int64? = nil)
        throws -> Entry
    {
        let entry = try lock.withLock {
            let size = body.utf8.count
            guard pendingBytes + size <= limitBytes else { throw Full(pendingBytes: pendingBytes, limitBytes: limitBytes) }
            let entry = Entry(seq: nextSeq, path: path, batchId: batchId, body: body, enterprise: enterprise, plantMs: plantMs)
            nextSeq += 1
            var line = try JSONEncoder().encode(entry)
            line.append(UInt8(ascii: "\n"))
            log.write(line)
            fsync(log.fileDescriptor)
            pending.append(entry)
            pendingBytes += size
            return entry
        }
        ledger.queued(entry)
        return entry
    }

    /// The oldest batch not yet delivered.
    public var first: Entry? { lock.withLock { pending.first } }
    public var count: Int { lock.withLock { pending.count } }
    /// Every batch not yet delivered, oldest first.
    public var pendingEntries: [Entry] { lock.withLock { pending } }

    /// Marks a batch delivered (or given up on); synced.
    public func acknowledge(_ entry: Entry) {
        lock.withLock {
            acks.write(Data("\(entry.seq)\n".utf8))
            fsync(acks.fileDescriptor)
            if let index = pending.firstIndex(where: { $0.seq == entry.seq }) {
                pendingBytes -= pending[index].body.utf8.count
                pending.remove(at: index)
            }
        }
    }
}
