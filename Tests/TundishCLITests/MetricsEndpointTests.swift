import Foundation
import Testing
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `/metrics` on `serve` and `slave --metrics`: Prometheus text format with the figures the
/// docs name, read as a scraper would.
@Suite(.serialized) struct MetricsEndpointTests {
    static func text(_ url: String) throws -> (status: Int, type: String, body: String) {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, String, Data?, (any Error)?) = (0, "", nil, nil)
        URLSession.shared.dataTask(with: URL(string: url)!) { data, response, error in
            let http = response as? HTTPURLResponse
            result = (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Content-Type") ?? "", data, error)
            done.signal()
        }.resume()
        done.wait()
        if let error = result.3 { throw error }
        return (result.0, result.1, String(decoding: result.2 ?? Data(), as: UTF8.self))
    }

    /// The value of a sample line `name{labels} value` (labels matched as a substring).
    static func value(_ body: String, _ name: String, _ labels: String = "") -> Double? {
        body.split(separator: "\n").first { $0.hasPrefix(name) && !$0.hasPrefix("#") && (labels.isEmpty || $0.contains(labels)) }
            .flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
    }

    @Test func serveCountsUplinkBatchesAndRequestsAndShowsGrades() throws {
        let serve = try ServeProcess(["--token", "T", "--plant", "Scenarios/plants/aluminium-casting.yaml"])
        let first = try Self.text("http://127.0.0.1:\(serve.port)/metrics")
        #expect(first.status == 200)
        #expect(first.type.hasPrefix("text/plain"))
        #expect(first.body.contains("# TYPE tundish_alarms_raised_total counter"))
        #expect(first.body.contains("# TYPE tundish_alarms_active gauge"))
        let bad = try serve.post("/uplink/v1/readings", json: "{}", token: "T")
        #expect(bad.status >= 400)
        _ = try serve.get("/health")
        let second = try Self.text("http://127.0.0.1:\(serve.port)/metrics").body
        #expect(Self.value(second, "tundish_uplink_batches_total", "outcome=\"rejected\"") == 1)
        #expect((Self.value(second, "hb_requests{", "/health") ?? 0) >= 1, "requests are counted per route: \(second)")
    }

    @Test func slaveServesModbusAndUplinkFigures() throws {
        let port = try Self.freePort()
        let slave = try SlaveProcess([
            "Scenarios/plants/aluminium-casting.yaml", "--speed", "10", "--duration", "30s", "--metrics", "127.0.0.1:\(port)",
        ])
        var body = ""
        for _ in 0..<50 {
            if let page = try? Self.text("http://127.0.0.1:\(port)/metrics"), page.status == 200 { body = page.body; break }
            usleep(100_000)
        }
        #expect(body.contains("# TYPE tundish_modbus_requests_total counter"))
        #expect(body.contains("tundish_modbus_connections_open"))
        let plantTime = try #require(Self.value(body, "tundish_plant_time_seconds"))
        #expect(plantTime >= 0)
        #expect(slave.wait() == 0)
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
