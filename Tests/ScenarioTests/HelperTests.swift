import SimCore
@testable import Scenario
import Testing

@Suite struct HelperTests {
    @Test func epochs() {
        #expect(Epoch.unixMilliseconds("2024-05-01T08:00:00+08:00") == 1_714_521_600_000)
        #expect(Epoch.unixMilliseconds("1970-01-01T00:00:00Z") == 0)
        #expect(Epoch.unixMilliseconds("2024-02-29T12:30:15.250-05:30") == 1_709_229_615_250)
        #expect(Epoch.unixMilliseconds("2024-02-29 12:30+0000") == 1_709_209_800_000)
        for bad in ["2024-05-01", "2024-05-01T08:00:00", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
                    "2024-05-01T24:00:00Z", "2024-05-01T08:00:00+08", "x", "", "2024-05-01T08:00:00.Z"] {
            #expect(Epoch.unixMilliseconds(bad) == nil, "\(bad)")
        }
    }

    @Test func paths() {
        #expect(PathResolver.resolve("../plants/a.yaml", from: "Scenarios/aluminium/x.yaml") == "Scenarios/plants/a.yaml")
        #expect(PathResolver.resolve("./a.yaml", from: "x.yaml") == "a.yaml")
        #expect(PathResolver.resolve("../../../a.yaml", from: "s/x.yaml") == "../../a.yaml")
        #expect(PathResolver.resolve("/etc/./p/../a.yaml", from: "s/x.yaml") == "/etc/a.yaml")
        #expect(PathResolver.resolve("b/c.yaml", from: "/abs/s/x.yaml") == "/abs/s/b/c.yaml")
        #expect(PathResolver.normalise("a//b/./../c") == "a/c")
    }

    @Test func suggestions() {
        #expect(Suggest.closest(to: "MW_P_INN", among: ["MW_Q_IN", "MW_P_IN", "MW_T_IN"]) == "MW_P_IN")
        #expect(Suggest.closest(to: "titel", among: ["id", "title"]) == "title")
        #expect(Suggest.closest(to: "STARTCAST", among: ["startCast"]) == "startCast")
        #expect(Suggest.closest(to: "zzz", among: ["title", "id"]) == nil)
        #expect(Suggest.editDistance("kitten", "sitting") == 3)
        #expect(Suggest.editDistance("ab", "ba") == 1)
    }
}

