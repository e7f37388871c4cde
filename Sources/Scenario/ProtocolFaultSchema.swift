import ModbusMap
import SimCore

/// Modbus protocol faults (`modbus: exception`), scoped by the step's `unit`, `table`, `address`
/// and `count` keys; timed by the step (`duration`, or a later `clear`).
public enum ProtocolFaultSchema {
    public static let all: [ActionSchema<ProtocolFault.Kind>] = [
        ActionSchema("exception", "Answer matching requests with a Modbus exception.", [
            ActionParameter("code", .integer(1...255), default: .number(4), "exception code (4: server device failure)"),
        ]) { .exception(code: UInt8(clamping: $0.int("code"))) },
        ActionSchema("delay", "Answer late; other connections are not held up.", [
            ActionParameter("delayMs", .integer(1...600_000), unit: "ms", "reply delay (wall time)"),
        ]) { .delay(delayMs: $0.int("delayMs")) },
        ActionSchema("noReply", "Do not answer matching requests.") { _ in .noReply },
        ActionSchema("dropConnection", "Close the connection when a matching request arrives.") { _ in .dropConnection },
        ActionSchema("refuseConnections", "Accept and at once close new connections on the unit's port.") { _ in
            .refuseConnections
        },
        ActionSchema("freeze", "Registers stop updating while the plant moves on.") { _ in .freeze },
        ActionSchema("wordOrderSwap", "32-bit values are sent with their words swapped.") { _ in .wordOrderSwap },
        ActionSchema("splitFrame", "The reply is sent in several TCP writes.", [
            ActionParameter("pieces", .integer(2...64), default: .number(2), "number of writes"),
            ActionParameter("gapMs", .integer(0...60_000), unit: "ms", default: .number(50), "pause between writes"),
        ]) { .splitFrame(pieces: $0.int("pieces"), gapMs: $0.int("gapMs")) },
        ActionSchema("garbage", "The reply is replaced by seeded random bytes.", [
            ActionParameter("bytes", .integer(1...260), default: .number(12), "how many bytes"),
        ]) { .garbage(bytes: $0.int("bytes")) },
    ]

    public static func named(_ name: String) -> ActionSchema<ProtocolFault.Kind>? { all.first { $0.name == name } }

    /// Keys that scope a protocol fault (besides the schema's parameters).
    static let scopeKeys = ["unit", "table", "address", "count"]
}

extension LoadedScenario {
    /// The scenario's protocol faults with their plant-time spans (end: `duration`, or the time
    /// of the step that clears it, or the scenario's end).
    public var protocolFaults: ProtocolFaultSchedule {
        var entries: [ProtocolFaultSchedule.Entry] = []
        for step in spec.timeline {
            guard case .protocolFault(let fault) = step.action else { continue }
            var end = step.duration.map { step.time + $0 }
            if let name = step.name,
                let clear = spec.timeline.first(where: { $0.action == .clear(step: name) && $0.time >= step.time }) {
                end = min(end ?? clear.time, clear.time)
            }
            entries.append(.init(fault: fault, start: step.time, end: end, name: step.name))
        }
        return ProtocolFaultSchedule(entries: entries)
    }
}
