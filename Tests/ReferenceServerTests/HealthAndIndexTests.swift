import Foundation
import Hummingbird
import HummingbirdTesting
import ModbusMap
import ModbusServer
import PlantModel
import Reference
import ReferenceServer
import Testing

/// What a newcomer meets first: `GET /` answers an index, and `/health` tells whether each polled
/// slave answers; a slave that goes away is logged once, as a lost connection.
@Suite struct HealthAndIndexTests {
    final class Lines: @unchecked Sendable {
        let lock = NSLock()
        var all: [String] = []
        func add(_ line: String) { lock.withLock { all.append(line) } }
        var snapshot: [String] { lock.withLock { all } }
    }

    func waitFor(_ seconds: Double, _ condition: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    @Test func theRootAnswersAnIndexLinkingTheAPIHealthAndOpenAPI() async throws {
        let routes = APIRoutes(platform: try Support.platform(), token: "t", version: "9.9", openAPI: Data("openapi: 3.1.0\n".utf8))
        try await Application(router: routes.router()).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                let page = String(buffer: response.body)
                for link in ["href=\"/openapi.yaml\"", "href=\"/health\"", "href=\"/api/v1/alarms?state=active\"",
                             "href=\"/api/v1/grades\"", "href=\"/api/v1/enterprises\""] {
                    #expect(page.contains(link), "\(link) missing")
                }
                #expect(page.contains("9.9"))
            }
            try await client.execute(uri: "/health", method: .get) { response in
                let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                #expect(body["status"] as? String == "ok")
                #expect(body["pollers"] == nil, "no pollers: no pollers key")
            }
        }
    }

    @Test func healthReportsAPollerConnectedThenLostAndTheLossIsLoggedOnce() async throws {
        let file = try Support.plantFile("aluminium-casting.yaml")
        let plant = Plant(config: file.config)
        let map = try UnitMap.generate(points: plant.points, layout: file.modbus)
        let server = ModbusSlaveServer(configuration: .init(endpoints: [.init(port: 0, units: [map])]))
        try server.start()
        var values = [Double](repeating: 0, count: plant.points.count)
        plant.write(into: &values)
        server.publish(time: .start, units: [0: .init(values: values, qualities: values.map { _ in .good })])
        let port = server.boundPorts[0]
        let lines = Lines()
        let poller = try ModbusPoller(
            plant: plant, layout: file.modbus, host: "127.0.0.1", port: port, intervalMs: 100, log: { lines.add($0) }
        ) { _ in }
        #expect(poller.status.state == .connecting)
        poller.start()
        defer { poller.stop() }
        #expect(try await waitFor(10) { poller.status.state == .connected })
        let lastRead = try #require(poller.status.lastReadMs)
        server.stop()
        #expect(try await waitFor(10) { poller.status.state == .lost })
        try await Task.sleep(for: .milliseconds(400))  // several failed cycles: still one line
        let logged = lines.snapshot
        #expect(logged.first == "poll \(plant.enterprise.code) at 127.0.0.1:\(port): connected")
        #expect(logged.filter { $0.contains("connection lost") || $0.contains("cannot connect") }.count == 1, "\(logged)")
        #expect(logged.dropFirst().first?.hasPrefix("poll \(plant.enterprise.code) at 127.0.0.1:\(port): connection lost (") == true,
                "\(logged)")

        let routes = APIRoutes(platform: try Support.platform(), token: "t", version: "test", openAPI: nil,
                               pollers: { [poller.status] })
        try await Application(router: routes.router()).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                let pollers = try #require(body["pollers"] as? [[String: Any]])
                #expect(pollers.count == 1)
                #expect(pollers.first?["state"] as? String == "lost")
                #expect(pollers.first?["enterprise"] as? String == plant.enterprise.code)
                #expect(pollers.first?["address"] as? String == "127.0.0.1:\(port)")
                #expect((pollers.first?["lastReadMs"] as? NSNumber)?.int64Value == lastRead)
                #expect((pollers.first?["error"] as? String)?.isEmpty == false)
            }
        }
    }
}
