import Conformance
import Reports
import SimCore

/// A fixed run for the report tests: two scenarios; the first with a pass, a fail and an error
/// verdict, a title that needs escaping, full evidence, the enterprise's identity and a wall time;
/// the second with a scenario-level error and neither (as results written before they existed).
enum ReportFixtures {
    static let blastFurnace = ScenarioResult(
        id: "BF-01", titleZh: "高炉 <热风炉> 冷却水 & 炉顶压力", titleEn: "Blast furnace <stove> & \"top\" pressure",
        file: "scenarios/bf-01.yaml", digest: "9f2c1e", seed: 42, enterprises: ["E1"],
        clauses: ["GB 50427 §7.1", "AQ 2002 §4"], durationMs: 600_000,
        verdicts: [
            Verdict(id: "hh-raised", kind: "alarmRaised", outcome: .pass,
                    expected: "HH alarm on TP raised in [t+1m, t+2m] (after 'surge')", observed: "TP HH raised at t+1m2.5s",
                    windowStartMs: 60_000, windowEndMs: 120_000, anchor: "surge", latencyMs: 2500, firstMs: 62_500,
                    lastMs: 62_500, occurrences: 1, enterprise: "E1", point: "TP", clauses: ["GB 50427 §7.1"],
                    location: "scenarios/bf-01.yaml:20:7"),
            Verdict(id: "grade-red", kind: "gradeReached", outcome: .fail,
                    expected: "grade at E1 reaches red in [t+2m, t+5m]", observed: "grade stayed orange <max>",
                    windowStartMs: 120_000, windowEndMs: 300_000, anchor: nil, firstMs: 150_000, lastMs: 280_000,
                    occurrences: 3, enterprise: "E1", clauses: ["AQ 2002 §4"], note: "grading lags by design?",
                    location: "scenarios/bf-01.yaml:27:7"),
            Verdict(id: "data", kind: "dataComplete", outcome: .error,
                    expected: "≥ 99 % of readings of every point received in [t+0s, t+10m]",
                    observed: "target error at t+8m: connection refused", windowStartMs: 0, windowEndMs: 600_000,
                    anchor: nil, location: "scenarios/bf-01.yaml:33:7"),
        ],
        quality: AlarmQuality(hazardAlarms: 3, instrumentAlarms: 1, per10MinAverage: 3, per10MinPeak: 3, floods: 0,
                              chattering: ["E1/TP/HH"], standing: ["a-3"], unexpected: ["a-3"]),
        enterpriseDetails: [EnterpriseIdentity(code: "E1", name: "柳州示例钢铁有限公司", nameEn: "Liuzhou Example Steel Co., Ltd.",
                                               regionCode: "450202", regionName: "柳北区")],
        wallMs: 1250)

    static let converter = ScenarioResult(
        id: "BOF-02", titleZh: "转炉", titleEn: "Converter", file: "scenarios/bof-02.yaml", digest: "77aa01", seed: 7,
        enterprises: ["E2"], clauses: [], durationMs: 90_000,
        verdicts: [
            Verdict(id: "o2", kind: "interlockTripped", outcome: .error, expected: "interlock o2 at E2 seen to act in [t+0s, t+1m30s]",
                    observed: "harness error at t+0s: modbus\u{01} port busy", windowStartMs: 0, windowEndMs: 90_000,
                    anchor: nil, location: "scenarios/bof-02.yaml:12:5"),
        ],
        quality: .empty, error: "could not bind 0.0.0.0:1502 <EADDRINUSE>\u{07}")

    static let run = RunResult(
        tundishVersion: "0.9.0", seed: nil, mode: "lockstep", target: "reference", startedAt: "2025-01-02T03:04:05Z",
        replay: "tundish run scenarios --target reference --mode lockstep", scenarios: [blastFurnace, converter],
        rules: RulesIdentity(file: "Scenarios/rules/default.yaml", digest: "c0ffee12"))

    static func alarm(_ type: HistoryRecord.Kind, _ t: Int64, id: String, point: String, level: String,
                      value: Double?) -> HistoryRecord {
        var r = HistoryRecord(t: t, source: .target, type: type)
        r.id = id; r.enterprise = "E1"; r.point = point; r.level = level; r.value = value; r.category = "hazard"
        return r
    }

    static let history: [HistoryRecord] = {
        var records: [HistoryRecord] = [
            .plant(enterprise: "E1", region: "R", regionName: "区", points: ["TP", "CW"], periodsMs: [1000, 1000]),
            .step(at: .init(milliseconds: 60_000), name: "surge", kind: "ramp", enterprise: "E1", detail: "TP ramps"),
            .step(at: .init(milliseconds: 400_000), name: nil, kind: "valveFailed", enterprise: "E1", detail: "valve"),
            .grade(at: .init(milliseconds: 30_000), enterprise: "E1", to: "blue", from: nil, reasons: []),
            .grade(at: .init(milliseconds: 150_000), enterprise: "E1", to: "orange", from: "blue", reasons: ["R-7"]),
            .end(at: .init(milliseconds: 600_000)),
        ]
        var raised = alarm(.alarmRaised, 62_500, id: "a-1", point: "TP", level: "HH", value: 0.31)
        raised.message = "炉顶压力 Top pressure 0.310 MPa ≥ HH 0.3"
        records.append(raised)
        records.append(alarm(.alarmCleared, 200_000, id: "a-1", point: "TP", level: "HH", value: 0.2))
        records.append(alarm(.alarmRaised, 300_000, id: "a-3", point: "CW", level: "L", value: nil))
        return records
    }()

    static let series = PointSeries(
        enterprise: "E1", point: "TP", name: "Top pressure", unit: "MPa",
        limits: ["H": 0.25, "HH": 0.3, "L": 0.05], rangeMin: 0, rangeMax: 0.5, startMs: 0, bucketMs: 60_000,
        min: [0.1, 0.12, 0.3, nil, 0.2, 0.18, 0.15, 0.15, 0.14, 0.14, 0.14],
        max: [0.12, 0.2, 0.33, nil, 0.26, 0.2, 0.16, 0.15, 0.15, 0.14, 0.14], nameZh: "炉顶压力")

    static let evidence: [String: ScenarioEvidence] = [
        blastFurnace.id: ScenarioEvidence(history: history, series: [series]),
    ]
}
