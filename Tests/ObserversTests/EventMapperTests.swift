import Conformance
import Foundation
import SimCore
import Testing

@testable import Observers

@Suite struct EventMapperTests {
    static let epoch: Int64 = 1_714_521_600_000
    static let timeMap = WallToPlant(wallStartMs: 2_000_000_000_000, speed: 1)
    static let reference = EventMapper(EventMapping(), epochUnixMs: epoch, timeMap: timeMap)

    /// Event JSON as the reference platform's `/api/v1/events` writes it (APIEvent, APIAlarm with
    /// every key, APIGradeChange, APIInterlockAction), sorted keys.
    static let raised = #"""
        {"alarm":{"category":"hazard","clearedAtMs":null,"critical":true,"enterprise":"GT-001","excluded":false,
        "handledAtMs":null,"handler":null,"id":"A-000007","kind":"limit","level":"HH","message":"钢包温度 高高",
        "point":"LD_T01","raisedAtMs":1714521605250,"result":null,"threshold":1700,"value":1712.5},
        "enterprise":"GT-001","seq":3,"timeMs":1714521605250,"type":"alarmRaised"}
        """#
    static let cleared = #"""
        {"alarm":{"category":"hazard","clearedAtMs":1714521665000,"critical":true,"enterprise":"GT-001","excluded":false,
        "handledAtMs":null,"handler":null,"id":"A-000007","kind":"limit","level":"HH","message":"钢包温度 高高",
        "point":"LD_T01","raisedAtMs":1714521605250,"result":null,"threshold":1700,"value":null},
        "enterprise":"GT-001","seq":5,"timeMs":1714521665000,"type":"alarmCleared"}
        """#
    static let graded = #"""
        {"enterprise":"GT-001","grade":{"enterprise":"GT-001","from":"blue","reasons":["HH on LD_T01","critical"],
        "timeMs":1714521606000,"to":"orange"},"seq":4,"timeMs":1714521606000,"type":"gradeChanged"}
        """#
    static let firstGrade = #"""
        {"enterprise":"GT-002","grade":{"enterprise":"GT-002","from":null,"reasons":[],"timeMs":1714521600000,"to":"blue"},
        "seq":1,"timeMs":1714521600000,"type":"gradeChanged"}
        """#
    static let interlock = #"""
        {"enterprise":"GT-001","interlock":{"afterMs":1500,"late":false,"name":"LADLE_TILT_STOP","triggerAlarm":"A-000007"},
        "seq":6,"timeMs":1714521606750,"type":"interlockActed"}
        """#

    @Test func referenceAlarmRaisedAndCleared() {
        let r = Self.reference.record(text: Self.raised, receivedAtWallMs: 0)
        #expect(r == .alarm(.alarmRaised, at: SimInstant(milliseconds: 5250), id: "A-000007", enterprise: "GT-001",
                            point: "LD_T01", level: "HH", category: "hazard", kind: "limit", critical: true, value: 1712.5,
                            message: "钢包温度 高高"))
        let c = Self.reference.record(text: Self.cleared, receivedAtWallMs: 0)
        #expect(c?.type == .alarmCleared)
        #expect(c?.t == 65_000)
        #expect(c?.id == "A-000007")
        #expect(c?.value == nil)
        #expect(c?.source == .target)
    }

    @Test func anAlarmThePlatformSetAsideIsMarkedExcluded() {
        let inMaintenance = Self.raised.replacingOccurrences(of: #""excluded":false"#, with: #""excluded":true"#)
        #expect(Self.reference.record(text: inMaintenance, receivedAtWallMs: 0)?.excluded == true)
        #expect(Self.reference.record(text: Self.raised, receivedAtWallMs: 0)?.excluded == nil)
    }

    @Test func referenceGradesAndInterlock() {
        #expect(Self.reference.record(text: Self.graded, receivedAtWallMs: 0)
            == .grade(at: SimInstant(milliseconds: 6000), enterprise: "GT-001", to: "orange", from: "blue",
                      reasons: ["HH on LD_T01", "critical"]))
        #expect(Self.reference.record(text: Self.firstGrade, receivedAtWallMs: 0)
            == .grade(at: .start, enterprise: "GT-002", to: "blue", from: nil, reasons: []))
        #expect(Self.reference.record(text: Self.interlock, receivedAtWallMs: 0)
            == .interlockActed(at: SimInstant(milliseconds: 6750), enterprise: "GT-001", interlock: "LADLE_TILT_STOP", detail: nil))
    }

    static func vendor() throws -> EventMapper {
        let url = TargetFileParserTests.root.appendingPathComponent("Scenarios/targets/example-vendor.yaml")
        let spec = try TargetFileParser.parse(text: try String(contentsOf: url, encoding: .utf8), file: url.path)
        return EventMapper(spec.mapping, time: spec.time, epochUnixMs: epoch, timeMap: timeMap)
    }

    @Test func vendorChineseVocabulary() throws {
        let mapper = try Self.vendor()
        let alarm = mapper.record(text: #"""
            {"msgType": "ALARM_NEW", "occurTime": 1714536000000, "data": {"qyCode": "GT-001", "alarmNo": 88123,
             "pointCode": "LD_T01", "alarmLevel": "高高", "alarmClass": "工艺", "isKey": 1, "curValue": "1712.5",
             "content": "钢包温度高高报警"}}
            """#, receivedAtWallMs: 0)
        #expect(alarm == .alarm(.alarmRaised, at: SimInstant(milliseconds: 14_400_000), id: "88123", enterprise: "GT-001",
                                point: "LD_T01", level: "HH", category: "hazard", kind: nil, critical: true, value: 1712.5,
                                message: "钢包温度高高报警"))
        let grade = mapper.record(text: #"""
            {"msgType":"RISK_CHANGE","occurTime":1714536001000,"data":{"qyCode":"GT-001","riskLevel":"红",
             "lastRiskLevel":"橙","reasonList":["联锁动作","高高报警"]}}
            """#, receivedAtWallMs: 0)
        #expect(grade == .grade(at: SimInstant(milliseconds: 14_401_000), enterprise: "GT-001", to: "red", from: "orange",
                                reasons: ["联锁动作", "高高报警"]))
        #expect(mapper.record(text: #"{"msgType":"HEARTBEAT","occurTime":1}"#, receivedAtWallMs: 0) == nil)
    }

    @Test func vendorUnknownLevelIsAnErrorNamingTheField() throws {
        let r = try Self.vendor().record(text: #"""
            {"msgType":"ALARM_NEW","occurTime":1714536000000,"data":{"qyCode":"GT-001","alarmNo":"9","pointCode":"P",
             "alarmLevel":"超高"}}
            """#, receivedAtWallMs: 0)
        #expect(r?.type == .error)
        #expect(r?.source == .target)
        #expect(r?.t == 14_400_000, "the event's own time when it is readable")
        #expect(r?.message?.contains("field 'level' at /data/alarmLevel: '超高' is not one of LL, L, H, HH") == true)
        #expect(r?.message?.contains("mapping.levels") == true)
    }

    @Test func missingRequiredFieldIsAnError() {
        var event = try! JSONValue.parse(Self.raised)
        guard case .object(var members) = event, case .object(var alarm) = members["alarm"] else { return }
        alarm["point"] = nil
        members["alarm"] = .object(alarm)
        event = .object(members)
        let r = Self.reference.record(for: event, receivedAtWallMs: 0)
        #expect(r?.type == .error)
        #expect(r?.message?.hasPrefix("missing field 'point' at /alarm/point in event {") == true)
    }

    @Test func unparseableValuesAreErrors() {
        let badTime = Self.reference.record(text: #"{"type":"alarmRaised","timeMs":"later","enterprise":"E"}"#,
                                            receivedAtWallMs: Self.timeMap.wallStartMs + 1234)
        #expect(badTime?.type == .error)
        #expect(badTime?.t == 1234, "the receipt time when the event's time is unreadable")
        #expect(badTime?.message?.contains("field 'timeMs' at /timeMs: expected a number of Unix milliseconds, found 'later'") == true)
        let badType = Self.reference.record(text: #"{"type":"readingReceived","timeMs":1714521600000,"enterprise":"E"}"#,
                                            receivedAtWallMs: 0)
        #expect(badType?.message?.contains("unknown event type 'readingReceived' at /type") == true)
        let notJSON = Self.reference.record(text: "<html>", receivedAtWallMs: Self.timeMap.wallStartMs)
        #expect(notJSON?.type == .error)
        #expect(notJSON?.message?.hasPrefix("event is not JSON") == true)
        let notObject = Self.reference.record(text: "[1]", receivedAtWallMs: 0)
        #expect(notObject?.message?.contains("expected an event object, found an array") == true)
        let badCritical = Self.reference.record(text: Self.raised.replacingOccurrences(of: #""critical":true"#, with: #""critical":"maybe""#),
                                                receivedAtWallMs: 0)
        #expect(badCritical?.message?.contains("field 'critical' at /alarm/critical: expected true or false, found 'maybe'") == true)
    }

    @Test func receivedTimeGoesThroughTheWallMap() {
        let map = WallToPlant(wallStartMs: 1_000_000, speed: 10, plantStart: SimInstant(milliseconds: 60_000))
        #expect(map.plant(atWallMs: 1_000_500) == SimInstant(milliseconds: 65_000))
        #expect(map.plant(atWallMs: 999_900) == SimInstant(milliseconds: 59_000))
        let mapper = EventMapper(EventMapping(), time: .received, epochUnixMs: Self.epoch, timeMap: map)
        #expect(mapper.record(text: Self.graded, receivedAtWallMs: 1_000_100)?.t == 61_000)
    }

    @Test func timeScaleForSeconds() {
        var mapping = EventMapping()
        mapping.timeScale = 1000
        let mapper = EventMapper(mapping, epochUnixMs: Self.epoch, timeMap: Self.timeMap)
        let text = Self.graded.replacingOccurrences(of: #""timeMs":1714521606000,"type""#, with: #""timeMs":1714521606.5,"type""#)
        #expect(mapper.record(text: text, receivedAtWallMs: 0)?.t == 6500)
    }
}
