import ConfigText
import SimCore

extension ExpectationParser {
    /// The window: anchor = `after:` step (default: scenario start); start = anchor + `from`
    /// (default 0s); end = anchor + `within`, or the time of the `until:` step, or the scenario end.
    func parseWindow(_ map: MapReader) -> Window? {
        var ok = true
        var anchor: String?
        var anchorTime = SimInstant.start
        if let afterNode = map.present("after") {
            if let name = reader.string(afterNode, "a step name"), let at = stepTime(name, afterNode, key: "after") {
                anchor = name; anchorTime = at
            } else {
                ok = false
            }
        }
        var start = anchorTime
        if let fromNode = map.present("from") {
            if let offset = reader.duration(fromNode) { start = anchorTime + offset } else { ok = false }
        }
        let end = parseWindowEnd(map, anchorTime: anchorTime, ok: &ok)
        guard ok else { return nil }
        let windowEnd = end ?? SimInstant.start + (duration ?? .zero)
        if windowEnd < start {
            sink.error(map.node.location, "window ends at \(windowEnd.sinceStart), before it starts at \(start.sinceStart)")
            return nil
        }
        return Window(anchor: anchor, start: start, end: windowEnd)
    }

    func parseWindowEnd(_ map: MapReader, anchorTime: SimInstant, ok: inout Bool) -> SimInstant? {
        let within = map.present("within"), until = map.present("until")
        if within != nil, until != nil {
            sink.error(map.keyLocation("until"), "a window ends either 'within' a duration or 'until' a step, not both")
            ok = false
            return nil
        }
        if let within {
            guard let span = reader.duration(within) else { ok = false; return nil }
            return anchorTime + span
        }
        if let until {
            guard let name = reader.string(until, "a step name"), let at = stepTime(name, until, key: "until") else {
                ok = false; return nil
            }
            return at
        }
        return nil
    }

    /// The resolved time of a named step; unknown names are reported (names that exist but did
    /// not resolve were reported already, so they fail quietly).
    func stepTime(_ name: String, _ node: YNode, key: String) -> SimInstant? {
        if let at = times[name] { return at }
        if !names.contains(name) {
            sink.error(node.location, "unknown step '\(YNode.clip(name))' in '\(key)'",
                       suggestion: Suggest.closest(to: name, among: names))
        }
        return nil
    }
}
