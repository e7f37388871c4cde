import Foundation
import Testing
import UplinkProfile

/// Each kind of refusal, with its exact path and message (the text the platform answers with).
@Suite struct DecodingErrorTests {
    static let header = #""batchId":"B-000000000001","companyCode":"4501810002AL","gatewayCode":"GW""#

    static func readings(_ datas: String, collectTime: String = "1767225600000") -> Data {
        Examples.data(#"{\#(header),"collectTime":\#(collectTime),"datas":[\#(datas)]}"#)
    }

    static let good = #"{"targetCode":"MW_Q_IN","value":182.4,"quality":0,"time":1767225600000}"#

    static func error<T: UplinkPayload>(_ type: T.Type, _ data: Data, limits: UplinkLimits = .default) -> UplinkError? {
        if case .failure(let error) = UplinkDecoder.decode(type, from: data, limits: limits) { return error }
        return nil
    }

    static func basic(targets: String, equipments: String = #"[{"equipCode":"L1","equipType":"dcCastingLine"}]"#) -> Data {
        Examples.data(basicText(targets: targets, equipments: equipments))
    }

    static func basicText(targets: String, equipments: String = #"[{"equipCode":"L1","equipType":"dcCastingLine"}]"#) -> String {
        (
            #"{"profile":"tundish-default","version":1,\#(header),"companyName":"横州示范铝业有限公司","#
                + #""companyNameEn":"Hengzhou Demo Aluminium Co.","industry":"aluminium","regionCode":"450181","#
                + #""regionName":"横州市","sentAt":1767225600000,"equipments":\#(equipments),"targets":[\#(targets)]}"#)
    }

    static func target(_ extra: String = "", kind: String = "analog") -> String {
        #"{"targetCode":"MW_Q_IN","targetName":"结晶器冷却水进水流量","targetNameEn":"Mould cooling-water inlet flow","#
            + #""equipCode":"L1","unit":"m³/h","kind":"\#(kind)","samplePeriodMs":1000,"critical":true\#(extra)}"#
    }

    @Test func validBodiesDecode() {
        #expect(Self.error(ReadingsBatch.self, Self.readings(Self.good)) == nil)
        #expect(Self.error(BasicData.self, Self.basic(targets: Self.target(#","lowValue01":90,"lowValue02":120"#))) == nil)
    }

    @Test func qualityOutOfRange() {
        let datas = Array(repeating: Self.good, count: 3).joined(separator: ",")
            + #",{"targetCode":"MW_Q_IN","value":1,"quality":7,"time":1}"#
        let error = Self.error(ReadingsBatch.self, Self.readings(datas))
        #expect(error?.description == "$.datas[3].quality: expected 0, 1 or 2, found 7")
        #expect(error?.kind == .invalidValue && error?.httpStatus == 400)
    }

    @Test func limitsOutOfOrder() {
        let targets = [Self.target(), Self.target().replacingOccurrences(of: "MW_Q_IN", with: "MW_P_IN"),
                       Self.target(#","lowValue01":120,"lowValue02":100"#).replacingOccurrences(of: "MW_Q_IN", with: "EW_P")]
        let error = Self.error(BasicData.self, Self.basic(targets: targets.joined(separator: ",")))
        #expect(error?.description == "$.targets[2].lowValue01: LL 120 above L 100")
        let high = Self.error(BasicData.self, Self.basic(targets: Self.target(#","topValue01":250,"topValue02":240.5"#)))
        #expect(high?.description == "$.targets[0].topValue01: H 250 above HH 240.5")
        let skipping = Self.error(BasicData.self, Self.basic(targets: Self.target(#","lowValue02":130,"topValue02":120"#)))
        #expect(skipping?.description == "$.targets[0].lowValue02: L 130 above HH 120")
        let range = Self.error(BasicData.self, Self.basic(targets: Self.target(#","lowValue":400,"topValue":0"#)))
        #expect(range?.description == "$.targets[0].lowValue: range minimum 400 above maximum topValue 0")
    }

    @Test func missingRequiredKey() {
        let error = Self.error(ReadingsBatch.self, Self.readings(#"{"targetCode":"MW_Q_IN","value":1,"quality":0}"#))
        #expect(error?.description == "$.datas[0].time: missing required key")
        #expect(error?.kind == .missingKey)
        let value = Self.error(ReadingsBatch.self, Self.readings(#"{"targetCode":"MW_Q_IN","quality":2,"time":1}"#))
        #expect(value?.description == "$.datas[0].value: missing required key")
        let top = Self.error(Heartbeat.self, Examples.data(#"{\#(Self.header),"time":1,"onlineTargets":1}"#))
        #expect(top?.description == "$.totalTargets: missing required key")
    }

    @Test func wrongType() {
        let time = Self.error(ReadingsBatch.self, Self.readings(Self.good, collectTime: #""2026-01-01""#))
        #expect(time?.description == "$.collectTime: expected an integer, found a string")
        #expect(time?.kind == .wrongType)
        let fraction = Self.error(ReadingsBatch.self, Self.readings(Self.good, collectTime: "1.5"))
        #expect(fraction?.description == "$.collectTime: expected an integer, found 1.5")
        let null = Self.error(ReadingsBatch.self, Self.readings(#"{"targetCode":null,"value":1,"quality":0,"time":1}"#))
        #expect(null?.description == "$.datas[0].targetCode: expected a string, found null")
        let array = Self.error(ReadingsBatch.self, Examples.data(#"{\#(Self.header),"collectTime":1,"datas":{}}"#))
        #expect(array?.description == "$.datas: expected an array, found an object")
        let root = Self.error(Heartbeat.self, Examples.data("[1,2]"))
        #expect(root?.description == "$: expected an object, found an array")
    }

    @Test func unknownChoices() {
        let kind = Self.error(BasicData.self, Self.basic(targets: Self.target(kind: "counter")))
        #expect(kind?.description == #"$.targets[0].kind: expected "analog", "digital" or "enum", found "counter""#)
        let industry = Self.error(BasicData.self, Examples.data(Self.basicText(targets: "").replacingOccurrences(of: "aluminium\",\"region", with: "copper\",\"region")))
        #expect(industry?.description == #"$.industry: expected "steel" or "aluminium", found "copper""#)
        let alarm = Examples.data(
            #"{\#(Self.header),"alarms":[{"alarmId":"A1","targetCode":"MW_Q_IN","alarmType":"HHH","alarmValue":1,"alarmTime":1}]}"#)
        #expect(Self.error(AlarmBatch.self, alarm)?.description
            == #"$.alarms[0].alarmType: expected "LL", "L", "H", "HH", "DI" or "offline", found "HHH""#)
        let profile = Self.error(BasicData.self, Examples.data(Self.basicText(targets: "").replacingOccurrences(of: "tundish-default", with: "other")))
        #expect(profile?.description == #"$.profile: expected "tundish-default", found "other""#)
    }

    @Test func semanticProblems() {
        let nullGood = Self.error(ReadingsBatch.self, Self.readings(#"{"targetCode":"MW_Q_IN","value":null,"quality":0,"time":1}"#))
        #expect(nullGood?.description == "$.datas[0].value: expected a number when quality is 0 (good), found null")
        let empty = Self.error(ReadingsBatch.self, Self.readings(#"{"targetCode":"","value":1,"quality":0,"time":1}"#))
        #expect(empty?.description == "$.datas[0].targetCode: expected a non-empty string")
        let clear = Examples.data(
            #"{\#(Self.header),"alarms":[{"alarmId":"A1","targetCode":"MW_Q_IN","alarmType":"LL","alarmValue":80,"#
                + #""alarmTime":200,"clearTime":100}]}"#)
        #expect(Self.error(AlarmBatch.self, clear)?.description == "$.alarms[0].clearTime: 100 before alarmTime 200")
        let online = Examples.data(#"{\#(Self.header),"time":1,"onlineTargets":12,"totalTargets":10}"#)
        #expect(Self.error(Heartbeat.self, online)?.description == "$.onlineTargets: 12 above totalTargets 10")
        let duplicate = Self.error(BasicData.self, Self.basic(targets: Self.target() + "," + Self.target()))
        #expect(duplicate?.description == #"$.targets[1].targetCode: duplicate of $.targets[0].targetCode ("MW_Q_IN")"#)
        let stranger = Self.error(BasicData.self, Self.basic(targets: Self.target().replacingOccurrences(of: #""L1""#, with: #""L9""#)))
        #expect(stranger?.description == #"$.targets[0].equipCode: "L9" is not among $.equipments"#)
    }

    @Test func batchLargerThanTheLimit() {
        let datas = Array(repeating: Self.good, count: 11).joined(separator: ",")
        let error = Self.error(ReadingsBatch.self, Self.readings(datas), limits: UplinkLimits(maxReadings: 10))
        #expect(error?.description == "$.datas: 11 readings exceed the limit of 10")
        #expect(error?.kind == .batchTooLarge && error?.httpStatus == 400)
        #expect(UplinkLimits.default.maxReadings == 50_000 && UplinkLimits.default.maxBodyBytes == 4_194_304)
    }

    @Test func bodyLargerThanTheLimit() {
        let error = Self.error(ReadingsBatch.self, Self.readings(Self.good), limits: UplinkLimits(maxBodyBytes: 20))
        #expect(error?.kind == .bodyTooLarge && error?.httpStatus == 413)
        #expect(error?.description.hasPrefix("$: body of ") == true)
    }

    @Test(arguments: ["", "{", "not json", #"{"batchId":"#, "\u{FF}\u{FE}"])
    func malformedJSON(text: String) {
        let error = Self.error(Heartbeat.self, Examples.data(text))
        #expect(error?.kind == .malformedJSON)
        #expect(error?.path == "$")
        #expect(error?.message.hasPrefix("malformed JSON") == true, "\(String(describing: error))")
    }

    @Test func malformedJSONNamesThePosition() {
        #expect(Self.error(Heartbeat.self, Examples.data("not json"))?.description == "$: malformed JSON: Invalid value around character 1.")
        #expect(Self.error(Heartbeat.self, Examples.data(#"{"time":1"#))?.description
            == "$: malformed JSON: Unexpected end of file during JSON parse.")
    }

    @Test func numbersThatDoNotFit() {
        let huge = Self.error(ReadingsBatch.self, Self.readings(#"{"targetCode":"MW_Q_IN","value":1e999,"quality":0,"time":1}"#))
        #expect(huge?.description == "$.datas[0].value: expected a finite number, found 1e999")
        let big = Self.error(ReadingsBatch.self, Self.readings(#"{"targetCode":"MW_Q_IN","value":1,"quality":0,"time":1e30}"#))
        #expect(big?.description == "$.datas[0].time: expected an integer, found 1e30")
    }

    @Test func unknownKeysAreIgnored() {
        let body = Examples.data(#"{\#(Self.header),"time":1,"onlineTargets":1,"totalTargets":2,"vendorExtra":{"a":1}}"#)
        #expect(Self.error(Heartbeat.self, body) == nil)
    }

    @Test func pathsQuoteOddKeys() {
        let equipments = #"[{"equipCode":"L1","equipType":"dcCastingLine","params":{"rope count":[1]}}]"#
        let error = Self.error(BasicData.self, Self.basic(targets: Self.target(), equipments: equipments))
        #expect(error?.description == #"$.equipments[0].params["rope count"]: expected a number, a boolean or a string"#)
    }
}
