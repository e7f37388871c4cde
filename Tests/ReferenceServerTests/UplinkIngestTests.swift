import Foundation
import Hummingbird
import HummingbirdTesting
import PlantModel
import Reference
import ReferenceServer
import Testing
import UplinkProfile

/// The platform ingests the default uplink profile: basic data registers an enterprise, readings
/// raise the alarms their values call for, duplicates count once, bad bodies get 400 with a path.
@Suite struct UplinkIngestTests {
    let auth: HTTPFields = [.authorization: "Bearer k"]

    func app(_ platform: Platform) -> some ApplicationProtocol {
        Application(router: APIRoutes(platform: platform, token: "k", version: "test", openAPI: nil).router())
    }

    func readings(_ plant: Plant, second: Int, batch: String, flow: Double) -> ReadingsBatch {
        var values = [Double](repeating: 0, count: plant.points.count)
        plant.write(into: &values)
        let time = Support.t0 + Int64(second) * 1000
        return ReadingsBatch(
            batchId: batch, companyCode: plant.enterprise.code, gatewayCode: "GW1", collectTime: time,
            datas: plant.points.enumerated().map { index, point in
                ReadingsBatch.Reading(targetCode: point.code, value: point.code == "MW_Q_IN" ? flow : values[index], time: time)
            })
    }

    @Test func registersOverTheUplinkAndRaisesAlarmsFromReadings() async throws {
        // A platform that knows no plant: the enterprise arrives only over HTTP.
        let platform = try Platform(plants: [], rules: .defaults, store: try PlatformStore(path: nil), startMs: Support.t0)
        let plant = Plant(config: try Support.aluminium)
        let basic = BasicData(plant: plant, gatewayCode: "GW1", batchId: "GW1-basic", sentAt: Support.t0)
        try await app(platform).test(.router) { client in
            let early = try UplinkEncoder.encode(readings(plant, second: 0, batch: "GW1-000000000000", flow: 200))
            try await client.execute(uri: "/uplink/v1/readings", method: .post, headers: auth, body: ByteBuffer(data: early)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("unknown enterprise"))
            }
            try await client.execute(uri: "/uplink/v1/basic", method: .post, headers: auth,
                                     body: ByteBuffer(data: try UplinkEncoder.encode(basic))) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"accepted\":33"))
            }
            for second in 0..<40 {
                let batch = readings(plant, second: second, batch: BatchId.make(gateway: "GW1", sequence: UInt64(second)),
                                     flow: second < 20 ? 200 : 50)
                try await client.execute(uri: "/uplink/v1/readings", method: .post, headers: auth,
                                         body: ByteBuffer(data: try UplinkEncoder.encode(batch))) { response in
                    #expect(response.status == .ok)
                }
            }
            let again = try UplinkEncoder.encode(readings(plant, second: 39, batch: BatchId.make(gateway: "GW1", sequence: 39), flow: 50))
            try await client.execute(uri: "/uplink/v1/readings", method: .post, headers: auth, body: ByteBuffer(data: again)) { response in
                #expect(String(buffer: response.body) == #"{"accepted":0,"duplicate":true}"#)
            }
            try await client.execute(uri: "/uplink/v1/readings", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"batchId":"x","companyCode":"4501810002AL","gatewayCode":"GW1","collectTime":1,"datas":[{"targetCode":"MW_Q_IN","value":1,"quality":7,"time":1}]}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("$.datas[0].quality: expected 0, 1 or 2, found 7"))
            }
            try await client.execute(uri: "/uplink/v1/heartbeat", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unauthorized)
            }
        }
        let flowAlarms = await platform.alarms().filter { $0.point == "MW_Q_IN" && $0.level == .ll }
        #expect(flowAlarms.count == 1)
        #expect(flowAlarms.first?.raisedAt.milliseconds == Support.t0 + 20_000)
        // A restart keeps the registration and everything it led to.
        let reopened = try Platform(plants: [], rules: .defaults, store: platform.store, startMs: 0)
        #expect(await reopened.alarms().map(APIAlarm.init) == (await platform.alarms()).map(APIAlarm.init))
    }

    @Test func plantAlarmsAndHeartbeatsAreRecordedOnce() async throws {
        let platform = try Support.platform()
        let heartbeat = Heartbeat(batchId: "GW1-hb-1", companyCode: Support.code, gatewayCode: "GW1", time: Support.t0, onlineTargets: 33, totalTargets: 33)
        try await app(platform).test(.router) { client in
            for expected in [#"{"accepted":1,"duplicate":false}"#, #"{"accepted":0,"duplicate":true}"#] {
                try await client.execute(uri: "/uplink/v1/heartbeat", method: .post, headers: auth,
                                         body: ByteBuffer(data: try UplinkEncoder.encode(heartbeat))) { response in
                    #expect(String(buffer: response.body) == expected)
                }
            }
        }
        #expect(try platform.store.uplinkRecordCount(kind: "heartbeat") == 1)
    }
}

@Suite struct BundledDocumentTests {
    @Test func theServedOpenAPIDocumentIsTheOneInDocs() throws {
        let docs = try Data(contentsOf: Support.root.appendingPathComponent("docs/openapi.yaml"))
        #expect(BundledDocuments.openAPI == docs, "copy docs/openapi.yaml to Sources/ReferenceServer/Resources/openapi.yaml")
    }
}
