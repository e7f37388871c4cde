import Conformance
@testable import LiveHarness
import SimCore
import Testing

/// An uplink outage in accelerated mode: the target's wall clock sees it `speed` times shorter.
@Suite struct TargetClockNotesTests {
    static func history(_ fault: String) -> [HistoryRecord] {
        [.step(at: SimInstant(milliseconds: 600_000), name: "outage", kind: "networkFaultStarted", enterprise: "A", detail: fault),
         .step(at: SimInstant(milliseconds: 1_020_000), name: "outage", kind: "networkFaultEnded", enterprise: "A",
               detail: "\(fault): duration elapsed")]
    }

    @Test func anOutageInAcceleratedModeIsAnErrorFromItsStartNamingItsLengthOnTheTargetsClock() {
        let notes = TargetClockNotes.records(Self.history("outage"), speed: 120)
        #expect(notes.count == 1)
        #expect(notes.first?.type == .error && notes.first?.t == 600_000)
        #expect(notes.first?.message?.contains("uplink outage from t+10m to t+17m lasts 3.5 s on the target's clock") == true,
                "\(notes.first?.message ?? "")")
        #expect(notes.first?.message?.contains("run this scenario in realtime mode") == true)
    }

    @Test func realtimeRunsAndFaultsThatLetDataThroughAreJudgedAsUsual() {
        #expect(TargetClockNotes.records(Self.history("outage"), speed: 1).isEmpty)
        #expect(TargetClockNotes.records(Self.history("latency: delayMs 800"), speed: 120).isEmpty)
    }
}

/// A Modbus fault against a target that reads our data through the uplink only.
@Suite struct ModbusFaultNotesTests {
    static let history: [HistoryRecord] = [
        .step(at: SimInstant(milliseconds: 480_000), name: "exceptions", kind: "protocolFaultStarted", enterprise: "A",
              detail: "exceptions: code 4")
    ]

    @Test func aTargetThatDoesNotPollOurSlavesNeverSeesTheFaultSoItIsAnErrorFromItsStart() {
        let notes = ModbusFaultNotes.records(Self.history, targetPolls: false, targetFile: "t.yaml")
        #expect(notes.count == 1 && notes.first?.type == .error && notes.first?.t == 480_000)
        #expect(notes.first?.message?.contains("t.yaml has no `modbus:`") == true)
        #expect(ModbusFaultNotes.records(Self.history, targetPolls: true, targetFile: "t.yaml").isEmpty)
    }
}
