import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func shippedLibraryIsValid() throws {
        let result = try CLIRunner.run(["validate", "Scenarios"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("0 errors"))
    }

    @Test func brokenCopyReportsEveryErrorWithPosition() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = CLIRunner.root.appendingPathComponent(SimulateCommandTests.scenario)
        var text = try String(contentsOf: source, encoding: .utf8)
        text = text.replacingOccurrences(of: "point: MW_Q_IN", with: "point: MW_Q_INN")
        text = text.replacingOccurrences(of: "duration: 30m", with: "duration: soon")
        // Keep the plant reachable from the copy.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("aluminium"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CLIRunner.root.appendingPathComponent("Scenarios/plants"), to: dir.appendingPathComponent("plants"))
        let copy = dir.appendingPathComponent("aluminium/broken.yaml")
        try text.write(to: copy, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["validate", copy.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.contains("broken.yaml:") && $0.contains("MW_Q_INN") && $0.contains("did you mean 'MW_Q_IN'") })
        #expect(lines.contains { $0.contains("broken.yaml:") && $0.contains("soon") })
        #expect(lines.allSatisfy { $0.range(of: #"broken\.yaml:\d+:\d+: error: "#, options: .regularExpression) != nil })
    }

    @Test func rulesFilesAreValidatedToo() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: CLIRunner.root.appendingPathComponent("Scenarios/rules/default.yaml"), encoding: .utf8)
        let broken = dir.appendingPathComponent("rules.yaml")
        try text.replacingOccurrences(of: "deadbandPct", with: "deadbandPcx").write(to: broken, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["validate", broken.path])
        #expect(result.status == 1)
        #expect(result.stdout.range(of: #"rules\.yaml:\d+:\d+: error: unknown key 'deadbandPcx'"#, options: .regularExpression) != nil)
    }

    @Test func pointsCommandPrintsTheCatalogue() throws {
        let csv = try CLIRunner.run(["points", "Scenarios/plants/aluminium-casting.yaml", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first?.hasPrefix("code,nameZh,nameEn,unit,kind,rangeMin,rangeMax,LL,L,H,HH") == true)
        #expect(rows.count >= 25)
        #expect(rows.contains { $0.hasPrefix("MW_P_IN,") })
        let json = try CLIRunner.run(["points", "Scenarios/plants/steel-works.yaml", "--format", "json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let points = object?["points"] as? [[String: Any]]
        #expect((points?.count ?? 0) >= 18)
        #expect(object?["schemaVersion"] as? Int == 1)
        // Interlock definitions travel with the points: trigger points that are points of the plant.
        let interlocks = object?["interlocks"] as? [[String: Any]] ?? []
        #expect(!interlocks.isEmpty)
        let codes = Set(points?.compactMap { $0["code"] as? String } ?? [])
        for interlock in interlocks {
            #expect((interlock["triggerPoints"] as? [String] ?? []).allSatisfy(codes.contains), "\(interlock)")
            #expect((interlock["actions"] as? [String])?.isEmpty == false)
        }
    }
}

@Suite struct RegisterMapDocTests {
    /// docs/register-maps.md shows the maps the shipped plant files really produce.
    @Test(arguments: ["Scenarios/plants/steel-works.yaml", "Scenarios/plants/aluminium-casting.yaml"])
    func docShowsTheGeneratedMap(plant: String) throws {
        let result = try CLIRunner.run(["points", plant, "--format", "markdown"])
        #expect(result.status == 0)
        let doc = try String(contentsOf: CLIRunner.root.appendingPathComponent("docs/register-maps.md"), encoding: .utf8)
        #expect(doc.contains(result.stdout), "regenerate the table of \(plant) in docs/register-maps.md")
    }
}

@Suite struct ValidateTargetFileTests {
    @Test func targetFilesAreValidatedWithPositions() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("vendor.yaml")
        try "name: vendor\nobserve:\n  poll:\n    url: http://127.0.0.1:1/events\n    intervalMS: 100\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["validate", bad.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("vendor.yaml:5:5: error:"), "\(result.stdout)")
        #expect(result.stdout.contains("did you mean 'intervalMs'?"))
    }
}
