import Foundation
import Hummingbird
import Reference
import SimCore
import UplinkProfile

extension APIRoutes {
    /// `POST /uplink/v1/{basic,readings,alarms,heartbeat}`: the default uplink profile
    /// (docs/uplink-profile.md), bearer token required; or the SM4 envelope with its `appsecret`
    /// header when credentials are configured (EnvelopeIngest.swift).
    func addUplink(_ uplink: RouterGroup<BasicRequestContext>) {
        for kind in PayloadKind.allCases {
            uplink.post(RouterPath(kind.rawValue)) { request, _ in
                var request = request
                let body = try await request.bodyData(limit: bodyLimit)
                let data = try envelope.payload(of: body, headers: request.headers, token: token)
                switch UplinkDecoder(limits: UplinkLimits(maxBodyBytes: bodyLimit)).decode(kind, from: data) {
                case .failure(let error):
                    PlatformMetrics.uplink(kind: kind.rawValue, outcome: "rejected")
                    throw APIError(HTTPResponse.Status(code: error.httpStatus), error.description)
                case .success(let payload):
                    let accepted = try await ingest(payload)
                    PlatformMetrics.uplink(kind: kind.rawValue, outcome: accepted.duplicate ? "duplicate" : "accepted")
                    return try JSONResponse.make(accepted)
                }
            }
        }
    }

    func ingest(_ payload: Payload) async throws -> APIAccepted {
        switch payload {
        case .basic(let basic):
            return APIAccepted(accepted: try await platform.register(basic), duplicate: false)
        case .readings(let batch):
            guard await platform.knows(enterprise: batch.companyCode) else {
                throw APIError(.badRequest, "$.companyCode: unknown enterprise '\(batch.companyCode)' (POST its basic data first)")
            }
            let samples = batch.datas.map {
                ReferenceSample(
                    enterprise: batch.companyCode, point: $0.targetCode, time: SimInstant(milliseconds: $0.time),
                    value: $0.value ?? .nan, quality: $0.quality)
            }
            let taken = try await platform.ingest(samples, batchId: batch.batchId)
            return APIAccepted(accepted: taken ? samples.count : 0, duplicate: !taken)
        case .alarms(let batch):
            let taken = try await platform.record(payload)
            return APIAccepted(accepted: taken ? batch.alarms.count : 0, duplicate: !taken)
        case .heartbeat:
            let taken = try await platform.record(payload)
            return APIAccepted(accepted: taken ? 1 : 0, duplicate: !taken)
        }
    }
}
