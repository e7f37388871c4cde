import Conformance
import SimCore

/// A Modbus protocol fault (`protocol:` steps: exceptions, frozen registers, word order) happens on
/// our Modbus slaves. A target that does not poll them (its target file has no `modbus:`; it gets
/// our data through the uplink only) never sees it, so what it should conclude from it cannot be
/// judged: an `error` at the fault's start says so, never a fail that is ours.
enum ModbusFaultNotes {
    static func records(_ history: [HistoryRecord], targetPolls: Bool, targetFile: String) -> [HistoryRecord] {
        guard !targetPolls else { return [] }
        var seen: Set<Int64> = []
        return history.compactMap { record in
            guard record.type == .step, record.kind == "protocolFaultStarted", seen.insert(record.t).inserted else { return nil }
            let start = SimInstant(milliseconds: record.t)
            return .error(at: start, source: .harness,
                          message: "Modbus fault '\(record.message ?? "")' from \(start): \(targetFile) has no `modbus:`, so the "
                              + "target reads our data through the uplink only and never sees the fault; what it should "
                              + "conclude from it cannot be judged (docs/targets.md, \"modbus\")")
        }
    }
}
