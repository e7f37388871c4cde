import Scenario
import SimCore

/// What a run directory keeps of a scenario besides its history: its identity, and the
/// expectations it is judged by (so that `tundish check` needs nothing else).
public struct ScenarioMeta: Hashable, Sendable, Codable {
    public var id: String
    public var titleZh: String
    public var titleEn: String
    public var file: String
    public var digest: String
    public var seed: UInt64
    public var enterprises: [String]
    public var clauses: [String]
    public var durationMs: Int64
    public var expectations: [Expectation]
    /// The enterprises' names and districts from the plant files (absent in older run directories).
    public var enterpriseDetails: [EnterpriseIdentity]?
    /// Wall-clock milliseconds the run of the scenario took, set by the CLI once it has run.
    public var wallMs: Int64?

    public init(id: String, titleZh: String, titleEn: String, file: String, digest: String, seed: UInt64,
                enterprises: [String], clauses: [String], durationMs: Int64, expectations: [Expectation],
                enterpriseDetails: [EnterpriseIdentity]? = nil, wallMs: Int64? = nil) {
        self.id = id; self.titleZh = titleZh; self.titleEn = titleEn; self.file = file; self.digest = digest
        self.seed = seed; self.enterprises = enterprises; self.clauses = clauses; self.durationMs = durationMs
        self.expectations = expectations; self.enterpriseDetails = enterpriseDetails; self.wallMs = wallMs
    }

    public init(_ scenario: LoadedScenario, file: String, seed: UInt64) {
        let spec = scenario.spec
        self.init(id: spec.id, titleZh: spec.titleZh, titleEn: spec.titleEn, file: file, digest: scenario.digest,
                  seed: seed, enterprises: scenario.plants.map(\.enterprise.code), clauses: spec.clauses,
                  durationMs: spec.duration.milliseconds, expectations: spec.expectations,
                  enterpriseDetails: scenario.plants.map {
                      EnterpriseIdentity(code: $0.enterprise.code, name: $0.enterprise.name, nameEn: $0.enterprise.nameEn,
                                         regionCode: $0.enterprise.regionCode, regionName: $0.enterprise.regionName)
                  })
    }
}

extension ScenarioResult {
    /// Judges a scenario's expectations against its history. A scenario-wide `error` (the run could
    /// not be made) turns every verdict that is not already decided into an error.
    public static func judged(_ meta: ScenarioMeta, history: History, error: String? = nil) -> ScenarioResult {
        var verdicts = Checker(history: history).judge(meta.expectations)
        if let error {
            for i in verdicts.indices where verdicts[i].outcome == .pass && verdicts[i].latencyMs == nil {
                verdicts[i].outcome = .error
                verdicts[i].observed = error
            }
        }
        return ScenarioResult(
            id: meta.id, titleZh: meta.titleZh, titleEn: meta.titleEn, file: meta.file, digest: meta.digest,
            seed: meta.seed, enterprises: meta.enterprises, clauses: meta.clauses, durationMs: meta.durationMs,
            verdicts: verdicts,
            quality: AlarmQuality.compute(history: history, expectations: meta.expectations,
                                          duration: .ms(meta.durationMs)),
            error: error, delivery: DeliveryFigures.compute(history), enterpriseDetails: meta.enterpriseDetails,
            wallMs: meta.wallMs)
    }
}

/// Which points a report plots for a scenario: those its expectations name, then those of the
/// first hazard alarms raised, at most `limit`.
public enum PlotSelection {
    public static func points(_ meta: ScenarioMeta, history: History, limit: Int = 4)
        -> [(enterprise: String, point: String)]
    {
        var chosen: [(enterprise: String, point: String)] = []
        func add(_ enterprise: String?, _ point: String) {
            guard chosen.count < limit else { return }
            let owner = enterprise ?? history.enterprises.first { $0.points.contains(point) }?.code
            guard let owner, !chosen.contains(where: { $0.enterprise == owner && $0.point == point }) else { return }
            chosen.append((owner, point))
        }
        for e in meta.expectations {
            switch e.kind {
            case .alarmRaised(let m), .alarmNotRaised(let m), .alarmCleared(let m):
                if let point = m.point { add(e.plant, point) }
            case .dataComplete(let point, _):
                if let point { add(e.plant, point) }
            default: break
            }
        }
        for alarm in history.alarms where alarm.isHazard && alarm.level != "INTERLOCK" { add(alarm.enterprise, alarm.point) }
        return chosen
    }
}
