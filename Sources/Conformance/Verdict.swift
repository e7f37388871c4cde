import SimCore

/// Three-valued: an expectation held, did not hold, or could not be judged (never a silent pass).
public enum Outcome: String, Hashable, Sendable, Codable, Comparable, CaseIterable {
    case pass, fail, error
    var rank: Int { Outcome.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Outcome, rhs: Outcome) -> Bool { lhs.rank < rhs.rank }
}

/// The judgement of one expectation, explaining itself: what was expected, what was seen, in which
/// window, with the first and last relevant occurrence and the latency from cause to observation.
public struct Verdict: Hashable, Sendable, Codable {
    /// The expectation's id within its scenario.
    public var id: String
    /// `alarmRaised`, `gradeReached`, … (the key in the scenario file).
    public var kind: String
    public var outcome: Outcome
    /// One line: what the expectation asks, in words.
    public var expected: String
    /// What the history shows (for a pass, the matching observation).
    public var observed: String
    /// The window in plant milliseconds since start, and the step it is relative to.
    public var windowStartMs: Int64
    public var windowEndMs: Int64
    public var anchor: String?
    /// Cause (the anchor step, else the window start) → the observation that satisfied it.
    public var latencyMs: Int64?
    /// First and last relevant occurrence (for a fail: of what should not have happened, or of
    /// the nearest thing seen instead), and how many.
    public var firstMs: Int64?
    public var lastMs: Int64?
    public var occurrences: Int
    public var enterprise: String?
    /// The point the expectation is about, if any (reports plot it).
    public var point: String?
    public var clauses: [String]
    public var note: String?
    /// `file:line:col` of the expectation.
    public var location: String

    public init(id: String, kind: String, outcome: Outcome, expected: String, observed: String,
                windowStartMs: Int64, windowEndMs: Int64, anchor: String?, latencyMs: Int64? = nil,
                firstMs: Int64? = nil, lastMs: Int64? = nil, occurrences: Int = 0, enterprise: String? = nil,
                point: String? = nil, clauses: [String] = [], note: String? = nil, location: String) {
        self.id = id; self.kind = kind; self.outcome = outcome; self.expected = expected; self.observed = observed
        self.windowStartMs = windowStartMs; self.windowEndMs = windowEndMs; self.anchor = anchor
        self.latencyMs = latencyMs; self.firstMs = firstMs; self.lastMs = lastMs; self.occurrences = occurrences
        self.enterprise = enterprise; self.point = point; self.clauses = clauses; self.note = note
        self.location = location
    }
}

/// One scenario's result: its identity, verdicts, alarm-quality figures, and any error that kept
/// it from being judged.
public struct ScenarioResult: Hashable, Sendable, Codable {
    public var id: String
    public var titleZh: String
    public var titleEn: String
    public var file: String
    /// SHA-256 over the scenario and its plant files.
    public var digest: String
    public var seed: UInt64
    public var enterprises: [String]
    public var clauses: [String]
    public var durationMs: Int64
    public var verdicts: [Verdict]
    public var quality: AlarmQuality
    /// A harness or target error for the scenario as a whole (then its verdicts are `error`).
    public var error: String?
    /// Live runs: uplink delivery, target lag and set-aside events (nil in lockstep; optional, so
    /// schema version 1 files without it still read).
    public var delivery: DeliveryFigures?

    public init(id: String, titleZh: String, titleEn: String, file: String, digest: String, seed: UInt64,
                enterprises: [String], clauses: [String], durationMs: Int64, verdicts: [Verdict],
                quality: AlarmQuality, error: String? = nil, delivery: DeliveryFigures? = nil) {
        self.id = id; self.titleZh = titleZh; self.titleEn = titleEn; self.file = file; self.digest = digest
        self.seed = seed; self.enterprises = enterprises; self.clauses = clauses; self.durationMs = durationMs
        self.verdicts = verdicts; self.quality = quality; self.error = error; self.delivery = delivery
    }

    /// Error if anything errored, else fail if anything failed, else pass.
    public var outcome: Outcome {
        if error != nil { return .error }
        return verdicts.map(\.outcome).max() ?? .pass
    }

    public func count(_ outcome: Outcome) -> Int { verdicts.filter { $0.outcome == outcome }.count }

    /// The slowest pass.
    public var worstLatencyMs: Int64? { verdicts.compactMap { $0.outcome == .pass ? $0.latencyMs : nil }.max() }
}

/// A whole run (`verdicts.json`): what ran, against what, with which identity, and the results.
public struct RunResult: Hashable, Sendable, Codable {
    public static let currentSchemaVersion = 1
    public var schemaVersion: Int
    public var tundishVersion: String
    /// The seed override of the run (nil: each scenario's own seed).
    public var seed: UInt64?
    public var mode: String
    public var target: String
    /// `i/n` when the run was one shard of the library.
    public var shard: String?
    /// When the run started (wall clock, ISO 8601; the only wall-clock figure, set by the CLI).
    public var startedAt: String
    /// The command that reproduces the run.
    public var replay: String
    public var scenarios: [ScenarioResult]
    /// The run's id (part of every uplink batch id in live modes); nil in runs of older versions.
    public var runId: String?

    public init(tundishVersion: String, seed: UInt64?, mode: String, target: String, shard: String? = nil,
                startedAt: String, replay: String, scenarios: [ScenarioResult]) {
        schemaVersion = Self.currentSchemaVersion
        self.tundishVersion = tundishVersion; self.seed = seed; self.mode = mode; self.target = target
        self.shard = shard; self.startedAt = startedAt; self.replay = replay; self.scenarios = scenarios
    }

    public var outcome: Outcome { scenarios.map(\.outcome).max() ?? .pass }

    /// 0 all pass, 1 any fail, 2 any harness or target error.
    public var exitCode: Int32 {
        switch outcome {
        case .pass: 0
        case .fail: 1
        case .error: 2
        }
    }

    public func count(_ outcome: Outcome) -> Int { scenarios.map { $0.count(outcome) }.reduce(0, +) }
}

extension RunResult {
    public struct MergeError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Joins shard results: scenarios in id order; every part must come from the same version,
    /// seed, mode and target, and no scenario may appear twice.
    public static func merged(_ parts: [RunResult]) throws(MergeError) -> RunResult {
        guard let first = parts.first else { throw MergeError(description: "nothing to merge") }
        for part in parts.dropFirst() {
            if part.tundishVersion != first.tundishVersion || part.seed != first.seed || part.mode != first.mode
                || part.target != first.target
            {
                throw MergeError(description: "cannot merge runs of different version, seed, mode or target "
                    + "(\(first.tundishVersion)/\(first.seed.map(String.init) ?? "-")/\(first.mode)/\(first.target) vs "
                    + "\(part.tundishVersion)/\(part.seed.map(String.init) ?? "-")/\(part.mode)/\(part.target))")
            }
        }
        var seen: Set<String> = []
        for scenario in parts.flatMap(\.scenarios) where !seen.insert(scenario.id).inserted {
            throw MergeError(description: "scenario \(scenario.id) appears in more than one part")
        }
        var words = first.replay.split(separator: " ").map(String.init)
        if let i = words.firstIndex(of: "--shard") { words.removeSubrange(i..<min(i + 2, words.count)) }
        let replay = words.joined(separator: " ")
        return RunResult(
            tundishVersion: first.tundishVersion, seed: first.seed, mode: first.mode, target: first.target, shard: nil,
            startedAt: parts.map(\.startedAt).min() ?? first.startedAt, replay: replay,
            scenarios: parts.flatMap(\.scenarios).sorted { $0.id < $1.id })
    }
}
