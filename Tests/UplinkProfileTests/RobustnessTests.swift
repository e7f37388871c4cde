import Foundation
import SimCore
import Testing
import UplinkProfile

/// The decoder never traps: seeded mutations of valid bodies give a payload or an error with a path.
@Suite struct RobustnessTests {
    static let bodies: [(PayloadKind, Data)] = Examples.all.map { ($0.kind, try! UplinkEncoder.encode($0)) }

    static let tokens: [String] = [
        "null", "true", "-1", "7", "1e400", "-0", "1.5", "\"\"", "\"x\"", "[]", "{}", "[[[[", "}}", ",", ":",
        "\"\\u0000\"", "\"\\ud800\"", "9223372036854775808", "-9223372036854775809", "0.0000001",
    ]

    /// Byte-level: flips, deletions, insertions of JSON tokens, truncations, repeated spans.
    static func mutateBytes(_ data: Data, rng: inout SeededRandom) -> Data {
        var bytes = [UInt8](data)
        for _ in 0..<(1 + Int(rng.next() % 4)) where !bytes.isEmpty {
            let at = Int(rng.next() % UInt64(bytes.count))
            switch rng.next() % 5 {
            case 0: bytes[at] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8))
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(contentsOf: Array(tokens[Int(rng.next() % UInt64(tokens.count))].utf8), at: at)
            case 3: bytes = Array(bytes[..<at])
            default:
                let end = min(bytes.count, at + Int(rng.next() % 40))
                bytes.insert(contentsOf: bytes[at..<end], at: end)
            }
        }
        return Data(bytes)
    }

    /// Structure-level: one value anywhere in the tree replaced by another JSON value, or a key dropped.
    static func mutateTree(_ data: Data, rng: inout SeededRandom) -> Data {
        guard let root = try? JSONSerialization.jsonObject(with: data) else { return data }
        let replacements: [Any] = [
            NSNull(), "", "x", -1, 0, 3, 7, 1.5, -1e12, 1e300, true, [Any](), [String: Any](), [[1]], Int64.max,
        ]
        var budget = rng.next() % 64
        func walk(_ node: Any, rng: inout SeededRandom) -> Any? {
            if budget == 0 {
                budget = UInt64.max
                return rng.next() % 6 == 0 ? nil : replacements[Int(rng.next() % UInt64(replacements.count))]
            }
            budget &-= 1
            if var object = node as? [String: Any] {
                for key in object.keys.sorted() { object[key] = walk(object[key]!, rng: &rng) }
                return object
            }
            if let array = node as? [Any] { return array.compactMap { walk($0, rng: &rng) } }
            return node
        }
        let mutated = walk(root, rng: &rng) ?? NSNull()
        return (try? JSONSerialization.data(withJSONObject: mutated, options: [.fragmentsAllowed, .sortedKeys])) ?? data
    }

    static func check(_ kind: PayloadKind, _ data: Data) {
        switch UplinkDecoder().decode(kind, from: data) {
        case .success(let payload):
            // Whatever is accepted re-encodes and decodes to itself.
            let again = (try? UplinkEncoder.encode(payload)).map { UplinkDecoder().decode(kind, from: $0) }
            #expect(again == .success(payload))
        case .failure(let error):
            #expect(error.path.hasPrefix("$") && !error.message.isEmpty)
        }
    }

    @Test func byteMutations() {
        var rng = SeededRandom(seed: 20_260_101).fork(label: "bytes")
        for round in 0..<2500 {
            let (kind, data) = Self.bodies[round % Self.bodies.count]
            Self.check(kind, Self.mutateBytes(data, rng: &rng))
        }
    }

    @Test func treeMutations() {
        var rng = SeededRandom(seed: 20_260_101).fork(label: "tree")
        var refused = 0
        for round in 0..<2500 {
            let (kind, data) = Self.bodies[round % Self.bodies.count]
            let mutated = Self.mutateTree(data, rng: &rng)
            Self.check(kind, mutated)
            if case .failure = UplinkDecoder().decode(kind, from: mutated) { refused += 1 }
        }
        #expect(refused > 500, "mutations should mostly be refused, got \(refused)")
    }

    @Test func wrongEndpointIsRefused() {
        for (kind, data) in Self.bodies {
            for other in PayloadKind.allCases where other != kind {
                if case .success = UplinkDecoder().decode(other, from: data) {
                    Issue.record("\(kind) body accepted as \(other)")
                }
            }
        }
    }

    @Test func deepNestingAndHugeNumbers() {
        let deep = Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(UplinkDecoder().decode(.readings, from: deep).isFailure)
        let deepValue = Data(
            (#"{"batchId":"B","companyCode":"C","gatewayCode":"G","time":1,"onlineTargets":"#
                + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + #","totalTargets":1}"#).utf8)
        #expect(UplinkDecoder().decode(.heartbeat, from: deepValue).isFailure)
        let huge = Data((#"{"batchId":"B","companyCode":"C","gatewayCode":"G","time":1e999,"onlineTargets":1,"totalTargets":1}"#).utf8)
        #expect(UplinkDecoder().decode(.heartbeat, from: huge).isFailure)
    }
}

extension Result {
    var isFailure: Bool { if case .failure = self { true } else { false } }
}
