import Conformance
import SimCore
import Uplink

/// The uplink's side of a live run's history: one `delivery` record per batch whose fate is known,
/// one `uplink` summary per enterprise, and `error` records stamped where the loss began — the first
/// rejection (saying which credential to check when the target refused us with 401/403) and the
/// earliest batch still queued at the end (with a speed that would have let the target keep up).
public struct DeliveryHistory: Sendable {
    /// What the target wanted and we may have got wrong, for a 401/403 (`UplinkCredentials.hint`).
    public var credentialHint: String
    /// Figures of the run for the backlog's explanation (nil: not measured).
    public var rates: DeliveryRates?

    public init(credentialHint: String, rates: DeliveryRates? = nil) {
        self.credentialHint = credentialHint; self.rates = rates
    }

    /// The records for `settled` and `undelivered` batches, ending at plant time `end`.
    public func records(settled: [DeliveryLedger.Fate], undelivered: [DeliveryLedger.Fate],
                        counts: [String: DeliveryLedger.Counts], end: SimInstant) -> [HistoryRecord] {
        var records = (settled + undelivered).map(Self.record)
        if let rejection = settled.first(where: { $0.kind == .rejected }) {
            records.append(.error(at: Self.time(rejection, end), source: .target,
                                  message: rejectionMessage(rejection, total: settled.filter { $0.kind == .rejected }.count)))
        }
        if let first = undelivered.min(by: { ($0.plantMs ?? .max) < ($1.plantMs ?? .max) }) {
            records.append(.error(at: Self.time(first, end), source: .harness,
                                  message: lossMessage(first, count: undelivered.count, answered: !settled.isEmpty)))
        }
        var left: [String: Int] = [:]
        for fate in undelivered { left[fate.enterprise ?? "", default: 0] += 1 }
        for (enterprise, c) in counts.sorted(by: { $0.key < $1.key }) {
            records.append(.uplink(at: end, enterprise: enterprise.isEmpty ? nil : enterprise, sent: c.sent,
                                   delivered: c.delivered, rejected: c.rejected, undelivered: left[enterprise] ?? 0,
                                   backlogHighWater: c.highWater))
        }
        return records
    }

    static func time(_ fate: DeliveryLedger.Fate, _ end: SimInstant) -> SimInstant {
        fate.plantMs.map { SimInstant(milliseconds: $0) } ?? end
    }

    static func record(_ fate: DeliveryLedger.Fate) -> HistoryRecord {
        let kind: HistoryRecord.DeliveryFate = switch fate.kind {
        case .delivered: .delivered
        case .rejected: .rejected
        case .undelivered: .undelivered
        }
        return .delivery(at: SimInstant(milliseconds: fate.plantMs ?? 0), enterprise: fate.enterprise, batch: fate.batchId,
                         fate: kind, status: fate.status, attempts: fate.attempts, message: fate.message)
    }

    func rejectionMessage(_ fate: DeliveryLedger.Fate, total: Int) -> String {
        let status = fate.status ?? 0
        let body = (fate.message ?? "").isEmpty ? "" : ": \(fate.message!)"
        let head = "uplink: the target rejected batch \(fate.batchId) (\(fate.path), data from \(Self.time(fate, .start))) "
            + "with \(status)\(body); \(total) batch\(total == 1 ? "" : "es") rejected"
        if status == 401 || status == 403 {
            return head + " — authentication refused, the scenario was stopped: \(credentialHint)"
        }
        return head + " — the target refuses what we send (see docs/uplink-profile.md)"
    }

    func lossMessage(_ first: DeliveryLedger.Fate, count: Int, answered: Bool) -> String {
        var message = "uplink: batches from \(Self.time(first, .start)) onwards never reached the target: "
            + "\(count) queued at the end"
        if let reason = first.message { message += " (last failure: \(reason))" } else if !answered {
            message += " (no post was answered before the end: the target may be unreachable)"
        }
        if let advice = rates?.advice { message += "; \(advice)" }
        return message
    }
}
