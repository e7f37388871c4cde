import Envelope
import Foundation
import PlantModel
import Testing
import UplinkProfile

/// Profile files: the shipped ones parse, mistakes are reported with positions and suggestions,
/// and field mappings rename keys both ways without touching values.
@Suite struct ProfileFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func shipped(_ name: String) throws -> ProfileFile {
        let path = root.appendingPathComponent("Scenarios/profiles/\(name)").path
        return try ProfileFile.parse(try String(contentsOfFile: path, encoding: .utf8), file: "Scenarios/profiles/\(name)")
    }

    static let gateway = "GW-4501810002AL-01"
    static let t0: Int64 = 1_767_225_600_000

    static var payloads: [Payload] {
        let enterprise = Enterprise(
            code: "4501810002AL", name: "横州示范铝业有限公司", nameEn: "Hengzhou Demo Aluminium Co.", industry: .aluminium,
            regionCode: "450181", regionName: "横州市")
        let equipment = [EquipmentConfig(type: "dcCastingLine", id: "L1", params: ["furnace": .text("tilting"), "time": .number(4)])]
        let plant = Plant(config: PlantConfig(enterprise: enterprise, equipment: equipment))
        let basic = BasicData(plant: plant, gatewayCode: gateway, batchId: BatchId.make(gateway: gateway, sequence: 1), sentAt: t0,
                              equipment: equipment)
        let readings = ReadingsBatch(
            batchId: BatchId.make(gateway: gateway, sequence: 2), companyCode: "4501810002AL", gatewayCode: gateway,
            collectTime: t0 + 10_000,
            datas: [.init(targetCode: "MW_Q_IN", value: 182.4, time: t0 + 9_000),
                    .init(targetCode: "MW_T_IN", value: nil, quality: .offline, time: t0 + 9_000),
                    .init(targetCode: "MW_P_IN", value: 0.1 + 0.2, time: t0 + 9_000)])
        let alarms = AlarmBatch(
            batchId: BatchId.make(gateway: gateway, sequence: 3), companyCode: "4501810002AL", gatewayCode: gateway,
            alarms: [.init(alarmId: "L1-1", targetCode: "MW_Q_IN", alarmType: .ll, alarmValue: 84.2, threshold: 90,
                           alarmTime: t0, clearTime: t0 + 5)])
        let heartbeat = Heartbeat(batchId: BatchId.make(gateway: gateway, sequence: 4), companyCode: "4501810002AL",
                                  gatewayCode: gateway, time: t0, onlineTargets: 27, totalTargets: 28)
        return [.basic(basic), .readings(readings), .alarms(alarms), .heartbeat(heartbeat)]
    }

    @Test func shippedProfilesParse() throws {
        let plain = try Self.shipped("default.yaml")
        #expect(plain.name == "tundish-default")
        #expect(plain.endpoints == .default)
        #expect(plain.fields.isIdentity)
        #expect(plain.envelope == .plain)
        #expect(plain.auth == .bearer)
        #expect(plain == ProfileFile.default)

        let sm4 = try Self.shipped("sm4-example.yaml")
        #expect(sm4.envelope == .sm4)
        #expect(sm4.auth == .secretHeader("appsecret"))
        #expect(sm4.envelopeCodec.secretHeader == "appsecret")
        #expect(sm4.endpoints.path(for: .readings) == "/api/data")
        #expect(sm4.endpoints.kind(forPath: "/api/heart") == .heartbeat)
        #expect(sm4.fields.name(of: "targetCode", at: ["datas"]) == "zbCode")
        #expect(sm4.fields.name(of: "time", at: ["datas"]) == "sj")
        #expect(sm4.fields.name(of: "time") == "time")
    }

    @Test func mappedPayloadsRoundTripAndDecode() throws {
        let profile = try Self.shipped("sm4-example.yaml")
        for payload in Self.payloads {
            let original = try UplinkEncoder.encode(payload)
            let mapped = profile.fields.outgoing(original)
            #expect(mapped != original)
            let back = profile.fields.incoming(mapped)
            #expect(back == original, "\(payload.kind)")
            #expect(try UplinkDecoder().decode(payload.kind, from: back).get() == payload)
        }
    }

    @Test func renamesKeysAtDepthAndOnlyThere() throws {
        let profile = try Self.shipped("sm4-example.yaml")
        let readings = Self.payloads[1], heartbeat = Self.payloads[3], basic = Self.payloads[0]
        let mapped = try #require(try JSONSerialization.jsonObject(with: profile.fields.outgoing(try UplinkEncoder.encode(readings))) as? [String: Any])
        #expect(Set(mapped.keys) == ["batchId", "qyCode", "wgCode", "cjsj", "data"])
        let first = try #require((mapped["data"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["zbCode", "value", "quality", "sj"])
        #expect(first["value"] as? Double == 182.4)
        // The heartbeat's `time` is not `datas[].time`: unchanged.
        let beat = try #require(try JSONSerialization.jsonObject(with: profile.fields.outgoing(try UplinkEncoder.encode(heartbeat))) as? [String: Any])
        #expect(beat["time"] != nil && beat["sj"] == nil && beat["qyCode"] != nil)
        // Equipment parameters are free-form: a parameter named like a default key keeps its name.
        let text = String(decoding: profile.fields.outgoing(try UplinkEncoder.encode(basic)), as: UTF8.self)
        #expect(text.contains(#""params":{"furnace":"tilting","time":4}"#))
        #expect(text.contains(#""zbCode":"MW_Q_IN""#))
        // Numbers are copied byte for byte.
        let raw = String(decoding: try UplinkEncoder.encode(readings), as: UTF8.self)
        let number = try #require(raw.range(of: #"0\.30000000000000\d*"#, options: .regularExpression))
        #expect(String(decoding: profile.fields.outgoing(Data(raw.utf8)), as: UTF8.self).contains(raw[number]))
    }

    @Test func defaultKeysListCoversEveryEncodedKey() throws {
        func keys(_ value: Any, under parent: String?, into set: inout Set<String>) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    if parent != "params" { set.insert(key) }
                    keys(child, under: key, into: &set)
                }
            } else if let array = value as? [Any] {
                for child in array { keys(child, under: parent, into: &set) }
            }
        }
        var found = Set<String>()
        for payload in Self.payloads { keys(try JSONSerialization.jsonObject(with: try UplinkEncoder.encode(payload)), under: nil, into: &found) }
        #expect(found.subtracting(DefaultProfileKeys.all).isEmpty, "\(found.subtracting(DefaultProfileKeys.all))")
    }

    @Test func swappedNamesRoundTrip() throws {
        let mapping = try FieldMapping(["time": "collectTime", "collectTime": "time"])
        let original = try UplinkEncoder.encode(Self.payloads[1])
        #expect(mapping.incoming(mapping.outgoing(original)) == original)
    }

    @Test func ambiguousMappingsAreRefused() {
        #expect(throws: FieldMappingError.self) { try FieldMapping(["companyCode": "code", "gatewayCode": "code"]) }
        #expect(throws: FieldMappingError.self) { try FieldMapping(["companyCode": "gatewayCode"]) }
        #expect(throws: FieldMappingError.self) { try FieldMapping(["companyCode": "a\"b"]) }
    }

    func problems(_ text: String) -> String {
        do {
            _ = try ProfileFile.parse(text, file: "p.yaml")
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func mistakesAreReportedWithPositionsAndSuggestions() {
        #expect(problems("name: x\nendpoint: {}\n") == "p.yaml:2:1: error: unknown key 'endpoint' in the profile (expected name, endpoints, fields, envelope, auth) (did you mean 'endpoints'?)")
        #expect(problems("name: x\nendpoints:\n  reading: /a\n").contains("p.yaml:3:3: error: unknown key 'reading' in endpoints"))
        #expect(problems("name: x\nendpoints:\n  reading: /a\n").contains("(did you mean 'readings'?)"))
        #expect(problems("name: x\nfields:\n  targetcode: zb\n") == "p.yaml:3:3: error: unknown default-profile key 'targetcode' in fields (did you mean 'targetCode'?)")
        #expect(problems("name: x\nfields:\n  datas[].tme: sj\n").contains("unknown default-profile key 'tme' in fields (did you mean 'time'?)"))
        #expect(problems("name: x\nenvelope: sm3\n") == "p.yaml:2:11: error: unknown envelope 'sm3' (expected plain or sm4) (did you mean 'sm4'?)")
        #expect(problems("name: x\nendpoints: { basic: api/basic }\n").contains("p.yaml:2:21: error: expected a path starting with '/'"))
        #expect(problems("name: x\nauth: { header: appsecret, bearer: true }\n").contains("not both"))
        #expect(problems("name: x\nfields: { companyCode: c, gatewayCode: c }\n").contains("both renamed to 'c'"))
        #expect(problems("endpoints: {}\n").contains("missing required key 'name'"))
        #expect(problems("name: [x\n").contains("YAML syntax error"))
        #expect(problems("").contains("empty document"))
        #expect(problems("name: x\nenvelope: sm4\n").isEmpty)
        #expect((try? ProfileFile.parse("name: x\nenvelope: sm4\n", file: "p"))?.auth == .secretHeader("appsecret"))
        #expect((try? ProfileFile.parse("name: x\nauth: { bearer: false }\n", file: "p"))?.auth == ProfileFile.Auth.none)
    }
}
