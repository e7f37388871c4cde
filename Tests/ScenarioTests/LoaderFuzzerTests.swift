import Foundation
import Scenario
import Testing

/// A short run of the loader fuzzer (Tools/fuzz runs 5 k / 100 k of the shipped files).
@Suite struct LoaderFuzzerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func fixtureMutantsKeepTheOracle() {
        let fuzzer = LoaderFuzzer(files: Fixtures.files) { Fixtures.loader($0) }
        let summary = fuzzer.run(count: 300, seed: 0xF022)
        #expect(summary.findings.isEmpty, "\(summary.findings.map(\.description))")
        #expect(summary.rejected > 100)
        #expect(summary.mutations.count == 12)
    }

    @Test func shippedFilesMutantsKeepTheOracle() throws {
        var files: [String: String] = [:]
        for folder in ["plants", "aluminium", "steel"] {
            let url = Self.root.appendingPathComponent("Scenarios/\(folder)")
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasSuffix(".yaml") {
                files["Scenarios/\(folder)/\(name)"] = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
            }
        }
        let fuzzer = LoaderFuzzer(files: files)
        let summary = fuzzer.run(count: 150, seed: 42)
        #expect(summary.findings.isEmpty, "\(summary.findings.map(\.description))")
        #expect(summary.iterations == 150)
    }

    @Test func iterationsAreReproducible() {
        let fuzzer = LoaderFuzzer(files: Fixtures.files)
        let a = fuzzer.mutant(iteration: 17, seed: 5), b = fuzzer.mutant(iteration: 17, seed: 5)
        #expect(a.path == b.path && a.text == b.text && a.mutations == b.mutations)
        #expect(fuzzer.mutant(iteration: 18, seed: 5).text != a.text || fuzzer.mutant(iteration: 18, seed: 5).path != a.path)
    }
}
