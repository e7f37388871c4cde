import ConfigText
import PlantModel

/// Regional expectations on the regulator view: `regionGrades: {region, grade, atLeast, atMost}`
/// and `regionUnhandled: {region, atLeast, atMost}`.
extension ExpectationParser {
    func parseRegionGrades(_ node: YNode) -> ExpectationKind? {
        guard let map = MapReader(node, what: "regionGrades", keys: ["region", "grade", "atLeast", "atMost"], reader: reader)
        else { return nil }
        var ok = true
        let region = parseRegion(map, ok: &ok)
        var grade: RiskGrade?
        if let gradeNode = map.present("grade") { grade = parseGrade(gradeNode) } else {
            sink.error(node.location, "regionGrades needs 'grade' (one of blue, yellow, orange, red)")
        }
        let bounds = parseBounds(map, node, ok: &ok)
        guard ok, let region, let grade, let bounds else { return nil }
        return .regionGrades(region: region, grade: grade, bounds: bounds)
    }

    func parseRegionUnhandled(_ node: YNode) -> ExpectationKind? {
        guard let map = MapReader(node, what: "regionUnhandled", keys: ["region", "atLeast", "atMost"], reader: reader)
        else { return nil }
        var ok = true
        let region = parseRegion(map, ok: &ok)
        let bounds = parseBounds(map, node, ok: &ok)
        guard ok, let region, let bounds else { return nil }
        return .regionUnhandled(region: region, bounds: bounds)
    }

    func parseRegion(_ map: MapReader, ok: inout Bool) -> String? {
        guard let node = map.present("region") else {
            sink.error(map.node.location, "expected 'region' (a district code such as 450127, or its name such as 横州市)")
            ok = false
            return nil
        }
        guard let region = reader.string(node, "a region code or name") else { ok = false; return nil }
        return region
    }

    func parseBounds(_ map: MapReader, _ node: YNode, ok: inout Bool) -> CountBounds? {
        var bounds = CountBounds(atLeast: nil, atMost: nil)
        for key in ["atLeast", "atMost"] {
            guard let valueNode = map.present(key) else { continue }
            guard let value = reader.integer(valueNode, "a count") else { ok = false; continue }
            guard value >= 0 else {
                sink.error(valueNode.location, "expected a count of 0 or more, found \(valueNode.found)")
                ok = false
                continue
            }
            if key == "atLeast" { bounds.atLeast = value } else { bounds.atMost = value }
        }
        if map.present("atLeast") == nil && map.present("atMost") == nil {
            sink.error(node.location, "expected 'atLeast' or 'atMost' (or both)")
            ok = false
        }
        if let low = bounds.atLeast, let high = bounds.atMost, low > high {
            sink.error(node.location, "atLeast \(low) is more than atMost \(high)")
            ok = false
        }
        return ok ? bounds : nil
    }
}
