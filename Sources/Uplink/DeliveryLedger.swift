import Foundation

/// The fate of every batch queued in one spool during this process: sent, delivered, rejected (with
/// the status and the start of the answer), retried, or still queued at the end — per enterprise,
/// with the backlog's high-water mark. Written by the pipeline (queued) and the sender (settled);
/// read by the live run for its `delivery` and `uplink` history records and its backlog warnings.
public final class DeliveryLedger: @unchecked Sendable {
    public enum Kind: String, Sendable, Hashable {
        case delivered, rejected, undelivered
    }

    /// One batch whose fate is known.
    public struct Fate: Sendable, Hashable {
        public var kind: Kind
        public var batchId: String
        public var path: String
        public var enterprise: String?
        /// Plant milliseconds of the batch's earliest data (nil for batches of an earlier process).
        public var plantMs: Int64?
        public var status: Int?
        public var attempts: Int
        /// Why (a retry's last reason) or the first 200 bytes of the answer's body.
        public var message: String?

        public init(kind: Kind, batchId: String, path: String, enterprise: String?, plantMs: Int64?, status: Int?,
                    attempts: Int, message: String?) {
            self.kind = kind; self.batchId = batchId; self.path = path; self.enterprise = enterprise
            self.plantMs = plantMs; self.status = status; self.attempts = attempts; self.message = message
        }
    }

    /// Per enterprise: batches sent (queued), delivered, rejected, and the backlog's high-water mark.
    public struct Counts: Sendable, Hashable {
        public var sent = 0
        public var delivered = 0
        public var rejected = 0
        public var highWater = 0
        public var backlog: Int { sent - delivered - rejected }
        public init() {}
    }

    let lock = NSLock()
    private var fates: [Fate] = []
    private var counts: [String: Counts] = [:]
    private var ours: Set<UInt64> = []
    private var lastFailure: String?
    private var authRejection: Fate?

    public init() {}

    /// A batch was appended to the spool.
    public func queued(_ entry: Spool.Entry) {
        lock.withLock {
            ours.insert(entry.seq)
            let key = entry.enterprise ?? ""
            counts[key, default: Counts()].sent += 1
            counts[key]!.highWater = max(counts[key]!.highWater, counts[key]!.backlog)
        }
    }

    /// A post failed and the batch stays queued (the last reason is kept for undelivered batches).
    public func retried(_ entry: Spool.Entry, reason: String) {
        lock.withLock { lastFailure = reason }
    }

    /// The sender delivered or gave up on a batch.
    public func settled(_ entry: Spool.Entry, kind: Kind, status: Int?, attempts: Int, message: String?) {
        lock.withLock {
            let fate = Fate(
                kind: kind, batchId: entry.batchId, path: entry.path, enterprise: entry.enterprise, plantMs: entry.plantMs,
                status: status, attempts: attempts, message: message.map { String(decoding: Array($0.utf8.prefix(200)), as: UTF8.self) })
            fates.append(fate)
            guard ours.contains(entry.seq) else { return }
            let key = entry.enterprise ?? ""
            if kind == .delivered { counts[key, default: Counts()].delivered += 1 }
            if kind == .rejected { counts[key, default: Counts()].rejected += 1 }
            if kind == .rejected, let status, status == 401 || status == 403, authRejection == nil { authRejection = fate }
        }
    }

    /// Every settled fate so far, in order.
    public var settledFates: [Fate] { lock.withLock { fates } }

    /// The first rejection for authentication or authorisation (401/403), if any.
    public var firstAuthRejection: Fate? { lock.withLock { authRejection } }

    /// The reason of the most recent failed post.
    public var lastFailureReason: String? { lock.withLock { lastFailure } }

    /// Per-enterprise counts ("" for batches without an enterprise).
    public var perEnterprise: [String: Counts] { lock.withLock { counts } }

    /// Batches queued and not yet settled, all enterprises.
    public var backlog: Int { lock.withLock { counts.values.reduce(0) { $0 + $1.backlog } } }

    /// The fates of what is still queued when the run ends.
    public func undelivered(_ pending: [Spool.Entry], attempts: Int) -> [Fate] {
        let reason = lastFailureReason.map { String(decoding: Array($0.utf8.prefix(200)), as: UTF8.self) }
        return pending.map {
            Fate(kind: .undelivered, batchId: $0.batchId, path: $0.path, enterprise: $0.enterprise, plantMs: $0.plantMs,
                 status: nil, attempts: $0.seq == pending.first?.seq ? attempts : 0, message: reason)
        }
    }
}
