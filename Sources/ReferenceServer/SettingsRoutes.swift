import Foundation
import Hummingbird

/// `POST /api/v1/enterprises/{code}/equipment/{equipment}/maintenance` (检修), `POST
/// /api/v1/enterprises/{code}/points/{point}/disabled` (停用), `POST /api/v1/reset` (a test tenant's
/// reset) — writes, bearer token required — and `GET /api/v1/enterprises/{code}/reception`
/// (readings received per point, for `dataComplete` in live runs). docs/openapi.yaml.
extension APIRoutes {
    func addSettingQueries(_ api: RouterGroup<BasicRequestContext>) {
        api.get("enterprises/:code/reception") { request, context in
            let code = try context.parameters.require("code")
            let query = request.uri.queryParameters
            let from = try Self.millis(query.get("fromMs"), "fromMs"), to = try Self.millis(query.get("toMs"), "toMs")
            guard to > from else { throw APIError(.badRequest, "toMs: expected more than fromMs (\(from)), found \(to)") }
            let counts = try await Self.mapped { () async throws(PlatformError) in
                try await platform.receptionCounts(enterprise: code, fromMs: from, toMs: to)
            }
            return try JSONResponse.make(APIReception(enterprise: code, fromMs: from, toMs: to, counts: counts))
        }
    }

    func addSettingWrites(_ api: RouterGroup<BasicRequestContext>) {
        api.post("enterprises/:code/equipment/:equipment/maintenance") { request, context in
            var request = request
            let code = try context.parameters.require("code"), unit = try context.parameters.require("equipment")
            let body = try request.decode(APIMaintenanceRequest.self, from: try await request.bodyData(limit: bodyLimit))
            try await Self.mapped { () async throws(PlatformError) in
                try await platform.setMaintenance(enterprise: code, equipment: unit, on: body.on, atMs: body.atMs)
            }
            return try JSONResponse.make(body)
        }
        api.post("enterprises/:code/points/:point/disabled") { request, context in
            var request = request
            let code = try context.parameters.require("code"), point = try context.parameters.require("point")
            let body = try request.decode(APIPointDisabledRequest.self, from: try await request.bodyData(limit: bodyLimit))
            try await Self.mapped { () async throws(PlatformError) in
                try await platform.setPointDisabled(enterprise: code, point: point, disabled: body.disabled, atMs: body.atMs)
            }
            return try JSONResponse.make(body)
        }
        api.post("reset") { request, _ in
            var request = request
            let data = try await request.bodyData(limit: bodyLimit)
            let body = data.isEmpty ? APIResetRequest() : try request.decode(APIResetRequest.self, from: data)
            try await Self.mapped { () async throws(PlatformError) in
                try await platform.reset(atMs: body.atMs, enterprises: body.enterprises ?? [])
            }
            let restarted = await platform.now
            return try JSONResponse.make(APIResetRequest(atMs: restarted, enterprises: body.enterprises))
        }
    }

    /// A Unix-ms query parameter (required).
    static func millis(_ text: String?, _ name: String) throws -> Int64 {
        guard let text else { throw APIError(.badRequest, "\(name): required (Unix ms)") }
        guard let value = Int64(text) else {
            throw APIError(.badRequest, "\(name): expected Unix ms, found '\(text.prefix(100))'")
        }
        return value
    }

    /// Runs a platform call, its errors as API errors (404, 409, 400, 500).
    @discardableResult
    static func mapped<T>(_ body: () async throws(PlatformError) -> T) async throws -> T {
        do { return try await body() } catch {
            switch error {
            case .notFound(let message): throw APIError(.notFound, message)
            case .conflict(let message): throw APIError(.conflict, message)
            case .invalid(let message): throw APIError(.badRequest, message)
            case .storage(let message): throw APIError(.internalServerError, message)
            }
        }
    }
}

public struct APIMaintenanceRequest: Codable, Sendable {
    public var on: Bool
    public var atMs: Int64?
}

public struct APIPointDisabledRequest: Codable, Sendable {
    public var disabled: Bool
    public var atMs: Int64?
}

public struct APIResetRequest: Codable, Sendable {
    public var atMs: Int64?
    /// Only these enterprises are monitored until the next reset; absent: all.
    public var enterprises: [String]?
}

public struct APIReception: Codable, Sendable {
    public var enterprise: String
    public var fromMs: Int64
    public var toMs: Int64
    /// Point code → readings received (every point of the enterprise, 0 when none).
    public var counts: [String: Int]
}
