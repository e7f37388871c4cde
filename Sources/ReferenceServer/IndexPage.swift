import Foundation
import Hummingbird

/// `GET /`: a small page naming what the platform serves, with links (not an empty 404).
enum IndexPage {
    static let routes: [(path: String, what: String)] = [
        ("/health", "liveness, version and each Modbus poller's state"),
        ("/openapi.yaml", "the API description (OpenAPI 3.1)"),
        ("/metrics", "Prometheus metrics: uplink batches, alarms, grades, HTTP requests"),
        ("/api/v1/enterprises", "enterprises known, with their risk grade"),
        ("/api/v1/alarms?state=active", "alarms (filters: enterprise, point, level, state, fromMs, toMs, limit)"),
        ("/api/v1/grades", "current risk grades (red/orange/yellow/blue) with reasons"),
        ("/api/v1/readings/latest", "the latest reading of every point"),
        ("/api/v1/regulator/regions", "the regulator's view per region"),
        ("/api/v1/events", "the event log (afterSeq, limit)"),
        ("/api/v1/webhooks", "webhook subscriptions"),
    ]

    static func html(version: String) -> String {
        let items = routes.map { "<li><a href=\"\($0.path)\">\($0.path)</a> — \($0.what)</li>" }.joined(separator: "\n")
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Tundish reference platform</title></head>
            <body>
            <h1>Tundish reference platform \(version)</h1>
            <p>Alarm engine, risk grading and query API (参考监测预警平台). Writes (POST) need
            <code>Authorization: Bearer &lt;token&gt;</code>; the uplink takes posts under <code>/uplink/v1/</code>.</p>
            <ul>
            \(items)
            </ul>
            </body></html>

            """
    }

    static func response(version: String) -> Response {
        JSONResponse.raw(Data(html(version: version).utf8), contentType: "text/html; charset=utf-8")
    }
}
