import ConfigText
import PlantModel
import SimCore

extension PlantFileParser {
    /// Per-point overrides. Builds the plant (without overrides) to know its points and their
    /// default limits; limit overrides are merged key by key (`null` removes a limit), then the
    /// merged set must be ordered LL ≤ L ≤ H ≤ HH.
    func parseOverrides(_ node: YNode, config: PlantConfig) -> [String: PointOverride] {
        guard case .mapping(let pairs) = node.value else {
            reader.mismatch(node, "a mapping of point codes for points")
            return [:]
        }
        let plant = Plant(config: config, catalogue: catalogue)
        let codes = plant.points.map(\.code)
        var overrides: [String: PointOverride] = [:]
        for pair in pairs {
            guard let code = reader.string(pair.key, "a point code") else { continue }
            guard let index = plant.pointIndex[code], index < plant.points.count else {
                sink.error(pair.key.location, "unknown point '\(YNode.clip(code))'",
                           suggestion: Suggest.closest(to: code, among: codes))
                continue
            }
            if let override = parseOverride(pair.value, code: code, defaults: plant.points[index].limits) {
                overrides[code] = override
            }
        }
        return overrides
    }

    func parseOverride(_ node: YNode, code: String, defaults: Limits) -> PointOverride? {
        guard let map = MapReader(node, what: "point '\(code)'", keys: Self.overrideKeys, reader: reader) else { return nil }
        var override = PointOverride()
        var ok = true
        if let limitsNode = map["limits"] {
            if let limits = parseLimits(limitsNode, code: code, defaults: defaults) { override.limits = limits } else { ok = false }
        }
        if let periodNode = map["samplePeriod"] {
            if let period = reader.duration(periodNode) {
                if period.milliseconds <= 0 {
                    sink.error(periodNode.location, "expected a sample period above 0, found '\(period)'")
                    ok = false
                } else {
                    override.samplePeriod = period
                }
            } else {
                ok = false
            }
        }
        return ok ? override : nil
    }

    func parseLimits(_ node: YNode, code: String, defaults: Limits) -> Limits? {
        guard let map = MapReader(node, what: "limits of '\(code)'", keys: Self.limitKeys, reader: reader) else { return nil }
        var limits = defaults
        var ok = true
        let paths: [(String, WritableKeyPath<Limits, Double?>)] = [("ll", \.ll), ("l", \.l), ("h", \.h), ("hh", \.hh)]
        for (key, path) in paths {
            guard let value = map[key] else { continue }
            if value.isNull {
                limits[keyPath: path] = nil
            } else if let number = reader.number(value) {
                limits[keyPath: path] = number
            } else {
                ok = false
            }
        }
        guard ok else { return nil }
        if let problem = limits.orderingProblem() {
            sink.error(node.location, "limits of '\(code)' are out of order after merging with the defaults: "
                           + "\(problem) (expected LL ≤ L ≤ H ≤ HH)")
            return nil
        }
        return limits
    }
}
