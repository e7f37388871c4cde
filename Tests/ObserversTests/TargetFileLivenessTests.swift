import Conformance
import Foundation
import Scenario
import Testing

@testable import Observers

/// Target-file keys for issue #13's observers: liveness (`observe.heartbeat`, `observe.health`),
/// the webhook's secret and types, the event id, date-text times.
@Suite struct TargetFileLivenessTests {
    @Test func livenessSecretTypesAndTimeKeysAreRead() throws {
        let spec = try TargetFileParser.parse(text: """
            name: v
            observe:
              webhook: {listen: 127.0.0.1:0, secret: '${HOOK_SECRET}', secretHeader: X-Sign, types: []}
              heartbeat: {types: [HEARTBEAT, PING], intervalS: 30}
              health: {url: 'http://v:${PORT}/health', intervalS: 10, timeoutMs: 2000}
            mapping:
              timeFormat: yyyy-MM-dd HH:mm:ss
              timeZone: Asia/Shanghai
              eventId: none
            """, file: "t.yaml").resolving(["HOOK_SECRET": "hush", "PORT": "81"])
        guard case .webhook(let hook) = spec.observe else { Issue.record("expected webhook"); return }
        #expect(hook.secret == "hush")
        #expect(hook.secretHeader == "X-Sign")
        #expect(hook.types.isEmpty, "[] asks for all types")
        #expect(spec.liveness.heartbeat == TargetSpec.Heartbeat(types: ["HEARTBEAT", "PING"], intervalS: 30))
        #expect(spec.liveness.health?.url == "http://v:81/health")
        #expect(spec.liveness.health?.intervalS == 10)
        #expect(spec.liveness.health?.timeoutMs == 2000)
        #expect(spec.mapping.timeFormat == "yyyy-MM-dd HH:mm:ss")
        #expect(spec.mapping.timeZone == "Asia/Shanghai")
        #expect(spec.mapping.eventId == nil)
        let plain = try TargetFileParser.parse(text: "name: p\nobserve: {jsonl: {path: e.jsonl}}\n", file: "t.yaml")
        #expect(plain.liveness == TargetSpec.Liveness())
        #expect(plain.mapping.eventId == JSONPointer(valid: "/seq"))
        guard case .jsonl(let jsonl) = plain.observe else { return }
        #expect(jsonl.fromStart == false, "a file's earlier lines are not this scenario's")
    }

    @Test func livenessAndTimeMistakesAreReported() {
        let found = TargetFileParserTests.problems("""
            name: v
            observe:
              jsonl: {path: e.jsonl}
              heartbeat: {types: [HEARTBEAT]}
              health: {url: ftp://v/health, intervalS: 0}
            mapping:
              timeFormat: yyyy-MM-dd HH:mm:ss
            """)
        let messages = found.map(\.message)
        #expect(messages.contains { $0.contains("observe.heartbeat needs 'intervalS'") }, "\(messages)")
        #expect(messages.contains { $0.contains("expected an http:// or https:// URL for observe.health.url") })
        #expect(messages.contains { $0.contains("expected a positive number for observe.health.intervalS") })
        #expect(messages.contains { $0.contains("mapping.timeFormat 'yyyy-MM-dd HH:mm:ss' has no zone field: give mapping.timeZone") })
        let zone = TargetFileParserTests.problems("name: v\nobserve: {jsonl: {path: e}}\nmapping: {timeFormat: x, timeZone: Mars/Olympus}\n")
        #expect(zone.map(\.message).contains { $0.contains("expected a time zone for mapping.timeZone") })
        let header = TargetFileParserTests.problems("name: v\nobserve: {webhook: {listen: '127.0.0.1:0', secretHeader: 'X Sign:'}}\n")
        #expect(header.map(\.message).contains { $0.contains("expected an HTTP header name") })
        let alone = TargetFileParserTests.problems("name: v\nobserve: {health: {url: 'http://v/h', intervalS: 5}}\n")
        #expect(alone.map(\.message).contains { $0.contains("observe needs one of webhook, poll, jsonl besides heartbeat and health") })
    }
}
