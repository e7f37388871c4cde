import Foundation
import Testing

@Suite struct ServeCommandTests {
    static let plant = "Scenarios/plants/aluminium-casting.yaml"

    func waitFor(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return false
    }

    func flowAlarms(_ serve: ServeProcess) throws -> [[String: Any]] {
        let reply = try serve.get("/api/v1/alarms?point=MW_Q_IN&level=LL")
        return (reply.json as? [String: Any])?["alarms"] as? [[String: Any]] ?? []
    }

    /// `tundish serve` polls a running `tundish slave` and raises the alarms the plant's values call
    /// for; killed (SIGKILL) and restarted on the same database, it has lost nothing.
    @Test func pollsASlaveRaisesAlarmsAndSurvivesAKill() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("tundish-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: db) }
        let slave = try SlaveProcess(["Tests/Interop/pump-trip-fast.yaml", "--speed", "4"])
        let serve = try ServeProcess([
            "--db", db, "--token", "t0k", "--poll-interval", "250ms", "--poll", "\(Self.plant)@127.0.0.1:\(slave.port)",
        ])
        #expect(serve.port > 0, "\(serve.log)")
        #expect(try waitFor(30) { try !flowAlarms(serve).isEmpty }, "no LL alarm on MW_Q_IN: \(serve.log)")
        let alarm = try #require(try flowAlarms(serve).first)
        let id = try #require(alarm["id"] as? String)
        #expect(try serve.post("/api/v1/alarms/\(id)/handling", json: #"{"handler":"王工","result":"切换备用泵"}"#).status == 401)
        let handled = try serve.post("/api/v1/alarms/\(id)/handling", json: #"{"handler":"王工","result":"切换备用泵"}"#, token: "t0k")
        #expect(handled.status == 200)
        let alarmsBefore = try serve.get("/api/v1/alarms").json as? [String: Any]
        let countBefore = (alarmsBefore?["alarms"] as? [[String: Any]])?.count ?? 0
        serve.kill()

        let again = try ServeProcess(["--db", db, "--plant", Self.plant])
        let restored = try flowAlarms(again).first
        #expect(restored?["id"] as? String == id)
        #expect(restored?["handler"] as? String == "王工")
        let alarmsAfter = try again.get("/api/v1/alarms").json as? [String: Any]
        #expect(((alarmsAfter?["alarms"] as? [[String: Any]])?.count ?? 0) >= countBefore)
        let events = try again.get("/api/v1/events?afterSeq=0").json as? [String: Any]
        #expect((events?["events"] as? [[String: Any]])?.contains { $0["type"] as? String == "alarmHandled" } == true)
        withExtendedLifetime(slave) {}
    }
}

extension ServeCommandTests {
    /// The same plant, pushed over the HTTP uplink instead of polled over Modbus: the platform
    /// registers it from its basic data and raises the same LL alarm on the mould-water flow.
    @Test func theUplinkRaisesTheSameAlarmsAsModbus() throws {
        let spool = FileManager.default.temporaryDirectory.appendingPathComponent("tundish-spool-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let serve = try ServeProcess(["--token", "up"])
        let slave = try CLIRunner.run([
            "slave", "Tests/Interop/pump-trip-fast.yaml", "--speed", "40", "--listen", "127.0.0.1:0",
            "--uplink", "http://127.0.0.1:\(serve.port)", "--token", "up", "--spool", spool,
        ])
        #expect(slave.status == 0, "\(slave.stderr)")
        #expect(slave.stdout.contains("0 rejected"), "\(slave.stdout)")
        #expect(slave.stdout.contains("0 still spooled"), "\(slave.stdout)")
        let enterprises = try serve.get("/api/v1/enterprises").json as? [[String: Any]]
        #expect(enterprises?.first?["code"] as? String == "4501810002AL")
        let alarms = try flowAlarms(serve)
        #expect(alarms.count == 1)
        // Plant time: the pump trips 30 s after the epoch (2024-05-01T08:00:00+08:00).
        let raised = alarms.first?["raisedAtMs"] as? Int64 ?? 0
        #expect(raised >= 1_714_521_630_000 && raised <= 1_714_521_640_000, "raised at \(raised)")
    }
}

extension ServeCommandTests {
    /// The same upload in the MEM-style SM4-CBC envelope, app secret in the `appsecret` header.
    @Test func theEnvelopedUplinkRaisesTheSameAlarms() throws {
        let spool = FileManager.default.temporaryDirectory.appendingPathComponent("tundish-spool-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let credentials = "Scenarios/profiles/credentials-example.yaml"
        let serve = try ServeProcess(["--token", "unused", "--credentials", credentials])
        let slave = try CLIRunner.run([
            "slave", "Tests/Interop/pump-trip-fast.yaml", "--speed", "40", "--listen", "127.0.0.1:0",
            "--uplink", "http://127.0.0.1:\(serve.port)", "--profile", "Scenarios/profiles/sm4-mem.yaml",
            "--credentials", credentials, "--spool", spool,
        ])
        #expect(slave.status == 0, "\(slave.stderr)")
        #expect(slave.stdout.contains("0 rejected") && slave.stdout.contains("0 still spooled"), "\(slave.stdout)")
        #expect(try flowAlarms(serve).count == 1)
    }
}
