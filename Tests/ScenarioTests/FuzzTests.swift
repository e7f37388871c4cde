import Scenario
import SimCore
import Testing

/// Deterministic mutations of valid files never crash the loader, and every rejection has a position.
@Suite struct FuzzTests {
    static let specials: [UInt8] = Array(":-[]{}&*!|>'\"#%@`,?~ \n\t0123456789.".utf8)

    static func mutate(_ text: String, _ rng: inout SeededRandom) -> String {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return text }
        let position = Int(rng.next() % UInt64(bytes.count))
        switch rng.next() % 6 {
        case 0:
            bytes[position] = specials[Int(rng.next() % UInt64(specials.count))]
        case 1:
            bytes[position] = UInt8(truncatingIfNeeded: rng.next())
        case 2:
            bytes = Array(bytes[..<position])
        case 3:
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let a = Int(rng.next() % UInt64(lines.count)), b = Int(rng.next() % UInt64(lines.count))
            lines.swapAt(a, b)
            return lines.joined(separator: "\n")
        case 4:
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let a = Int(rng.next() % UInt64(lines.count))
            if rng.next() % 2 == 0 { lines.insert(lines[a], at: a) } else { lines.remove(at: a) }
            return lines.joined(separator: "\n")
        default:
            bytes.insert(specials[Int(rng.next() % UInt64(specials.count))], at: position)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func check(_ diagnostics: [Diagnostic]) -> Bool {
        diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 && !$0.message.isEmpty }
    }

    @Test func scenarioMutations() {
        var rng = SeededRandom(seed: 0x5CE7A210)
        var rejected = 0
        for round in 0..<1200 {
            var text = Fixtures.scenario
            for _ in 0...(round % 3) { text = Self.mutate(text, &rng) }
            var files = Fixtures.files
            files[Fixtures.scenarioPath] = text
            let loader = Fixtures.loader(files)
            let diagnostics = loader.validate(path: Fixtures.scenarioPath)
            #expect(Self.check(diagnostics), "round \(round)")
            if diagnostics.isEmpty {
                #expect((try? loader.loadScenario(path: Fixtures.scenarioPath)) != nil, "round \(round)")
            } else {
                rejected += 1
            }
        }
        #expect(rejected > 500)
    }

    @Test func plantMutations() {
        var rng = SeededRandom(seed: 0x91A47)
        for round in 0..<800 {
            var text = Fixtures.plant
            for _ in 0...(round % 3) { text = Self.mutate(text, &rng) }
            var files = Fixtures.files
            files[Fixtures.plantPath] = text
            let loader = Fixtures.loader(files)
            #expect(Self.check(loader.validate(path: Fixtures.plantPath)), "round \(round)")
            if round % 5 == 0 { #expect(Self.check(loader.validate(path: Fixtures.scenarioPath)), "round \(round)") }
        }
    }
}
