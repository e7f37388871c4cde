import Observers
import Scenario
import Testing

/// The live-run keys of a target file: hooks, epoch and platform actions.
@Suite struct TargetFileLiveTests {
    static let base = """
        name: t
        observe:
          poll: {url: "http://127.0.0.1:1/events"}

        """

    @Test func hooksEpochAndActionsAreRead() throws {
        let spec = try TargetFileParser.parse(text: Self.base + """
            epoch: scenario
            hooks:
              before:
                - {method: delete, url: "http://127.0.0.1:1/tenant/${RUN_ID}", expectStatus: [200, 204]}
                - {command: "echo reset"}
              after:
                - {url: "http://127.0.0.1:1/done", body: '{"scenario": "${SCENARIO}"}', headers: {X-Key: k}}
            actions:
              maintenance: {url: "http://127.0.0.1:1/units/${ENTERPRISE}/${EQUIPMENT}/maintenance", body: '{"on": true}'}
              disablePoint: {method: PUT, url: "http://127.0.0.1:1/points/${POINT}", expectStatus: 204}
            """, file: "t.yaml")
        #expect(spec.live.epoch == .scenario)
        #expect(spec.live.before.count == 2)
        guard case .request(let reset) = spec.live.before[0], case .command(let command) = spec.live.before[1] else {
            Issue.record("hooks not read in order as a request and a command")
            return
        }
        #expect(reset.method == "DELETE" && reset.expectStatus == [200, 204] && reset.url.hasSuffix("/tenant/${RUN_ID}"))
        #expect(command == "echo reset")
        guard case .request(let after) = spec.live.after.first else { Issue.record("no after hook"); return }
        #expect(after.method == "POST" && after.headers == ["X-Key": "k"] && after.body?.contains("${SCENARIO}") == true)
        #expect(spec.live.actions["maintenance"]?.method == "POST")
        #expect(spec.live.actions["disablePoint"]?.expectStatus == [204])
        #expect(spec.live.actions["enablePoint"] == nil)
    }

    @Test func mistakesInTheLiveKeysAreReportedWithTheirPlace() {
        do {
            _ = try TargetFileParser.parse(text: Self.base + """
                epoch: today
                hooks:
                  before:
                    - {method: FETCH}
                actions:
                  maintenence: {url: "http://127.0.0.1:1/m"}
                """, file: "t.yaml")
            Issue.record("accepted")
        } catch {
            let text = error.description
            #expect(text.contains("t.yaml:4:8: error: expected one of now, scenario for epoch, found 'today'"))
            #expect(text.contains("expected one of GET, POST, PUT, PATCH, DELETE for hooks.before[0].method"))
            #expect(text.contains("hooks.before[0] needs 'url' (or, for a hook, 'command')"))
            #expect(text.contains("unknown key 'maintenence' in actions") && text.contains("did you mean 'maintenance'?"))
        }
    }

    @Test func aTargetFileWithoutLiveKeysHasNoHooksNoActionsAndTheModesEpoch() throws {
        let spec = try TargetFileParser.parse(text: Self.base, file: "t.yaml")
        #expect(spec.live == LiveSettings())
        #expect(spec.live.epoch == nil)
    }

    @Test func aReceptionEndpointIsAGetWithACountsPointerAndAnInterval() throws {
        let spec = try TargetFileParser.parse(text: Self.base + """
            reception: {url: "http://127.0.0.1:1/received?enterprise=${ENTERPRISE}", counts: /data/byPoint, intervalS: 30}
            """, file: "t.yaml")
        let reception = try #require(spec.live.reception)
        #expect(reception.request.method == "GET")
        #expect(reception.counts.text == "/data/byPoint")
        #expect(reception.intervalS == 30)
        #expect(TargetFileLiveTests.problems("reception: {url: \"http://x/\", intervalS: 0, count: /c}").count == 2)
    }

    static func problems(_ extra: String) -> [Diagnostic] {
        do {
            _ = try TargetFileParser.parse(text: base + extra, file: "t.yaml")
            return []
        } catch {
            return error.diagnostics
        }
    }
}

extension TargetFileLiveTests {
    @Test func theExampleVendorFileShowsEveryLiveKey() throws {
        let spec = try TargetFileParserTests.load("Scenarios/targets/example-vendor.yaml")
        #expect(spec.live.epoch == .now)
        #expect(spec.live.before.count == 1)
        #expect(Set(spec.live.actions.keys) == ["maintenance", "endMaintenance", "disablePoint", "enablePoint"])
        #expect(spec.live.reception?.counts.text == "/data/byPoint")
    }
}
