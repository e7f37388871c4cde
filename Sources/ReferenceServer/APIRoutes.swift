import Envelope
import Foundation
import Hummingbird
import PlantModel
import Reference
import SimCore

/// The reference platform's HTTP API (docs/openapi.yaml).
public struct APIRoutes: Sendable {
    public let platform: Platform
    public let token: String?
    public let bodyLimit: Int
    public let version: String
    public let openAPI: Data?
    /// Per-enterprise credentials of the SM4 envelope; the uplink accepts envelopes when not empty.
    public let credentials: [EnvelopeCredentials]
    let envelope: EnvelopeIngest
    /// The Modbus pollers' states, for `/health`.
    let pollers: @Sendable () -> [PollerStatus]

    public init(
        platform: Platform, token: String?, bodyLimit: Int = 4 << 20, version: String, openAPI: Data?,
        credentials: [EnvelopeCredentials] = [], pollers: @escaping @Sendable () -> [PollerStatus] = { [] }
    ) {
        self.platform = platform; self.token = token; self.bodyLimit = bodyLimit; self.version = version
        self.openAPI = openAPI; self.credentials = credentials
        self.envelope = EnvelopeIngest(credentials: credentials)
        self.pollers = pollers
    }

    /// The routes; with `metrics`, every request is counted (Hummingbird's `MetricsMiddleware`, which
    /// applies to the routes added after it, so it comes first).
    public func router(metrics: Bool = false) -> Router<BasicRequestContext> {
        let router = Router()
        if metrics { router.add(middleware: MetricsMiddleware()) }
        router.get("/") { _, _ in IndexPage.response(version: version) }
        router.get("health") { _, _ in
            let polled = pollers()
            return try JSONResponse.make(APIHealth(status: "ok", version: version, pollers: polled.isEmpty ? nil : polled))
        }
        router.get("openapi.yaml") { _, _ in
            guard let openAPI else { throw APIError(.notFound, "no OpenAPI document bundled") }
            return JSONResponse.raw(openAPI, contentType: "application/yaml")
        }
        let api = router.group("api/v1")
        addQueries(api)
        addSettingQueries(api)
        let writes = router.group("api/v1").add(middleware: BearerTokenMiddleware(token: token))
        addWrites(writes)
        addSettingWrites(writes)
        addUplink(router.group("uplink/v1").add(middleware: UplinkAuthMiddleware(token: token, envelope: envelope)))
        return router
    }

    func addQueries(_ api: RouterGroup<BasicRequestContext>) {
        api.get("enterprises") { _, _ in try JSONResponse.make(await enterprises()) }
        api.get("enterprises/:code/points") { _, context in
            let code = try context.parameters.require("code")
            guard let plant = await platform.plants.first(where: { $0.enterprise.code == code }) else {
                throw APIError(.notFound, "no enterprise '\(code)'")
            }
            return try JSONResponse.make(plant.points.map(APIPoint.init))
        }
        api.get("alarms") { request, _ in try JSONResponse.make(APIAlarmList(alarms: try await alarms(request))) }
        api.get("grades") { _, _ in try JSONResponse.make(await grades()) }
        api.get("grades/:enterprise/history") { _, context in
            let code = try context.parameters.require("enterprise")
            return try JSONResponse.make(await platform.gradeHistory(of: code).map(APIGradeChange.init))
        }
        api.get("readings/latest") { request, _ in try JSONResponse.make(await readings(request)) }
        api.get("regulator/regions") { _, _ in try JSONResponse.make(RegionSummary.make(await platform.regulatorView())) }
        api.get("events") { request, _ in
            let after = Int64(request.uri.queryParameters.get("afterSeq") ?? "") ?? 0
            let limit = try Self.limit(request.uri.queryParameters.get("limit"))
            let rows = try platform.store.events(afterSeq: after, limit: limit)
            let json = "{\"events\":[" + rows.map(\.json).joined(separator: ",") + "]}"
            return JSONResponse.raw(Data(json.utf8))
        }
        api.get("webhooks") { _, _ in try JSONResponse.make(try platform.store.webhooks().map(APIWebhook.init)) }
    }

    func addWrites(_ api: RouterGroup<BasicRequestContext>) {
        api.post("alarms/:id/handling") { request, context in
            var request = request
            let id = try context.parameters.require("id")
            let body = try request.decode(APIHandlingRequest.self, from: try await request.bodyData(limit: bodyLimit))
            do {
                let alarm = try await platform.handle(alarmId: id, handler: body.handler, result: body.result, atMs: body.atMs)
                return try JSONResponse.make(APIAlarm(alarm))
            } catch let error as PlatformError {
                switch error {
                case .notFound(let message): throw APIError(.notFound, message)
                case .conflict(let message): throw APIError(.conflict, message)
                case .invalid(let message): throw APIError(.badRequest, message)
                case .storage(let message): throw APIError(.internalServerError, message)
                }
            }
        }
        api.post("webhooks") { request, _ in
            var request = request
            let body = try request.decode(APIWebhookRequest.self, from: try await request.bodyData(limit: bodyLimit))
            guard let url = URL(string: body.url), url.scheme == "http" || url.scheme == "https" else {
                throw APIError(.badRequest, "$.url: expected an http(s) URL, found '\(body.url)'")
            }
            return try JSONResponse.make(APIWebhook(try platform.store.addWebhook(url: body.url, types: body.types ?? [])))
        }
        api.delete("webhooks/:id") { _, context in
            let text = try context.parameters.require("id")
            guard let id = Int64(text), try platform.store.removeWebhook(id: id) else {
                throw APIError(.notFound, "no webhook '\(text)'")
            }
            return Response(status: .noContent)
        }
    }

    func enterprises() async -> [APIEnterprise] {
        var out: [APIEnterprise] = []
        for plant in await platform.plants {
            let e = plant.enterprise
            let grade = await platform.grade(of: e.code)?.grade.rawValue
            out.append(
                APIEnterprise(
                    code: e.code, name: e.name, nameEn: e.nameEn, industry: e.industry.rawValue, regionCode: e.regionCode,
                    regionName: e.regionName, points: plant.points.count, grade: grade))
        }
        return out
    }

    func alarms(_ request: Request) async throws -> [APIAlarm] {
        let query = request.uri.queryParameters
        let state = query.get("state")
        if let state, !["active", "cleared", "handled", "unhandled"].contains(state) {
            throw APIError(.badRequest, "state: expected active, cleared, handled or unhandled, found '\(state)'")
        }
        let from = query.get("fromMs").flatMap(Int64.init), to = query.get("toMs").flatMap(Int64.init)
        let limit = try Self.limit(query.get("limit"))
        let selected = await platform.alarms().filter { alarm in
            (query.get("enterprise").map { $0 == alarm.enterprise } ?? true)
                && (query.get("point").map { $0 == alarm.point } ?? true)
                && (query.get("level").map { $0 == alarm.level.rawValue } ?? true)
                && (from.map { alarm.raisedAt.milliseconds >= $0 } ?? true)
                && (to.map { alarm.raisedAt.milliseconds <= $0 } ?? true)
                && Self.matches(alarm, state: state)
        }
        return selected.prefix(limit).map(APIAlarm.init)
    }

    /// The `limit` query parameter: default 1000, at most 100,000; not a positive integer is 400
    /// (found by Tools/fuzz: `limit=-1` crashed the platform on `prefix` of a negative length).
    static func limit(_ text: String?) throws -> Int {
        guard let text else { return 1000 }
        guard let value = Int(text), value >= 1 else {
            throw APIError(.badRequest, "limit: expected a positive integer, found '\(text.prefix(100))'")
        }
        return min(value, 100_000)
    }

    static func matches(_ alarm: AlarmRecord, state: String?) -> Bool {
        switch state {
        case "active": alarm.isActive
        case "cleared": !alarm.isActive
        case "handled": alarm.isHandled
        case "unhandled": !alarm.isHandled
        default: true
        }
    }

    func grades() async -> [APIGrade] {
        var out: [APIGrade] = []
        for plant in await platform.plants {
            guard let status = await platform.grade(of: plant.enterprise.code) else { continue }
            let since = await platform.gradeHistory(of: plant.enterprise.code).last?.time.milliseconds
            out.append(
                APIGrade(
                    enterprise: status.enterprise, grade: status.grade.rawValue, reasons: status.reasons,
                    floor: status.floor.rawValue, sinceMs: since))
        }
        return out
    }

    func readings(_ request: Request) async -> [APIReading] {
        let wanted = request.uri.queryParameters.get("enterprise")
        var out: [APIReading] = []
        for plant in await platform.plants where wanted == nil || wanted == plant.enterprise.code {
            for reading in await platform.latestReadings(of: plant.enterprise.code) {
                out.append(
                    APIReading(
                        enterprise: plant.enterprise.code, point: reading.point, timeMs: reading.time?.milliseconds,
                        value: reading.value.isFinite ? reading.value : nil, quality: Int(reading.quality.rawValue)))
            }
        }
        return out
    }
}

enum RegionSummary {
    static func make(_ view: RegulatorView) -> [APIRegion] {
        view.regions.map { region in
            var counts = APIRegion.GradeCounts()
            counts.blue = region.gradeCounts[.blue] ?? 0
            counts.yellow = region.gradeCounts[.yellow] ?? 0
            counts.orange = region.gradeCounts[.orange] ?? 0
            counts.red = region.gradeCounts[.red] ?? 0
            return APIRegion(
                regionCode: region.code, regionName: region.name, enterprisesByGrade: counts,
                unhandledAlarms: region.unhandled.count, oldestUnhandledAgeS: region.unhandled.map(\.age.seconds).max(),
                criticalOnlineRatePct: region.onlineRate * 100)
        }
    }
}
