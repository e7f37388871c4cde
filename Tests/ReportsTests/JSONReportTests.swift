import Conformance
import Foundation
import Reports
import Testing

@Suite struct JSONReportTests {
    @Test func roundTrips() throws {
        let text = try JSONReport.render(ReportFixtures.run)
        let back = try JSONReport.parse(text, file: "verdicts.json")
        #expect(back == ReportFixtures.run)
        #expect(try JSONReport.render(back) == text)
        #expect(text.contains("\"schemaVersion\" : 1"))
    }

    @Test func writesNoNullsAndReadsResultsWrittenBeforeTheAdditiveFields() throws {
        let text = try JSONReport.render(ReportFixtures.run)
        #expect(!text.contains("null"))
        #expect(text.contains("\"wallMs\" : 1250") && text.contains("\"regionName\" : \"柳北区\""))
        var older = ReportFixtures.run
        older.rules = nil
        for i in older.scenarios.indices { older.scenarios[i].enterpriseDetails = nil; older.scenarios[i].wallMs = nil }
        let olderText = try JSONReport.render(older)
        #expect(!olderText.contains("wallMs") && !olderText.contains("enterpriseDetails") && !olderText.contains("\"rules\""))
        let back = try JSONReport.parse(olderText, file: "old/verdicts.json")
        #expect(back == older)
        #expect(back.scenarios[0].wallMs == nil && back.rules == nil)
    }

    @Test func aResultJSONCannotHoldIsAnErrorNotAnEmptyObject() {
        var run = ReportFixtures.run
        run.scenarios[0].quality.per10MinAverage = .nan
        #expect(throws: EncodingError.self) { try JSONReport.render(run) }
    }

    @Test func rejectsAnotherSchemaVersionNamingTheFile() throws {
        let text = try JSONReport.render(ReportFixtures.run).replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 99")
        do {
            _ = try JSONReport.parse(text, file: "out/verdicts.json")
            Issue.record("a schemaVersion of 99 was accepted")
        } catch {
            #expect(error.description.hasPrefix("out/verdicts.json: schemaVersion 99, expected 1"))
            #expect(error.description.contains("newer tundish"))
        }
    }

    @Test func explainsMissingFieldsAndNonsense() throws {
        let text = try JSONReport.render(ReportFixtures.run).replacingOccurrences(of: "\"titleEn\" : \"Converter\",", with: "")
        #expect(throws: JSONReport.ParseError.self) { try JSONReport.parse(text, file: "x.json") }
        do {
            _ = try JSONReport.parse(text, file: "x.json")
        } catch {
            #expect(error.description == "x.json: missing field 'titleEn' at scenarios[1]")
        }
        do {
            _ = try JSONReport.parse("[1, 2]", file: "y.json")
            Issue.record("an array was accepted")
        } catch {
            #expect(error.description == "y.json: not a JSON object")
        }
        do {
            _ = try JSONReport.parse("{\"mode\": \"x\"}", file: "z.json")
            Issue.record("an object without schemaVersion was accepted")
        } catch {
            #expect(error.description.hasPrefix("z.json: no schemaVersion"))
        }
    }
}
