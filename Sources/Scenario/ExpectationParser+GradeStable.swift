import ConfigText

/// `gradeStable: {maxChanges: N}`: at most N grade changes of an enterprise in the window.
extension ExpectationParser {
    func parseGradeStable(_ node: YNode) -> ExpectationKind? {
        guard let map = MapReader(node, what: "gradeStable", keys: ["maxChanges"], reader: reader) else { return nil }
        guard let valueNode = map.present("maxChanges") else {
            sink.error(node.location, "gradeStable needs 'maxChanges' (the most grade changes allowed in the window)")
            return nil
        }
        guard let value = reader.integer(valueNode, "a count") else { return nil }
        guard value >= 0 else {
            sink.error(valueNode.location, "expected a count of 0 or more, found \(valueNode.found)")
            return nil
        }
        return .gradeStable(maxChanges: value)
    }
}
