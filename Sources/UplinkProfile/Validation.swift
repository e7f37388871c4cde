/// Semantic checks beyond the JSON shape. Every problem names its JSON path; checks run in a
/// fixed order (header first, then items in order), so the first problem is deterministic.

/// Collects problems with paths.
struct ProblemList {
    var items: [UplinkError] = []

    mutating func invalid(_ path: String, _ message: String) { items.append(UplinkError(.invalidValue, path: path, message)) }

    mutating func nonEmpty(_ text: String, at path: String) {
        if text.isEmpty { invalid(path, "expected a non-empty string") }
    }

    mutating func time(_ ms: Int64, at path: String) {
        if ms < 0 { invalid(path, "expected Unix milliseconds ≥ 0, found \(ms)") }
    }

    mutating func header(_ payload: some UplinkPayload) {
        nonEmpty(payload.batchId, at: "$.batchId")
        nonEmpty(payload.companyCode, at: "$.companyCode")
        nonEmpty(payload.gatewayCode, at: "$.gatewayCode")
    }

    mutating func count(_ count: Int, of items: String, at path: String, limit: Int) {
        if count > limit {
            self.items.append(UplinkError(.batchTooLarge, path: path, "\(count) \(items) exceed the limit of \(limit)"))
        }
    }
}

/// `120` for 120.0, `0.35` for 0.35.
func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
}

extension BasicData {
    public func problems(limits: UplinkLimits = .default) -> [UplinkError] {
        var list = ProblemList()
        list.header(self)
        list.time(sentAt, at: "$.sentAt")
        list.count(equipments.count, of: "equipments", at: "$.equipments", limit: limits.maxTargets)
        list.count(targets.count, of: "targets", at: "$.targets", limit: limits.maxTargets)
        guard list.items.isEmpty else { return list.items }
        var equipIndex: [String: Int] = [:]
        for (i, entry) in equipments.enumerated() {
            let path = "$.equipments[\(i)].equipCode"
            list.nonEmpty(entry.equipCode, at: path)
            if let first = equipIndex[entry.equipCode] {
                list.invalid(path, "duplicate of $.equipments[\(first)].equipCode (\"\(entry.equipCode)\")")
            } else {
                equipIndex[entry.equipCode] = i
            }
        }
        var targetIndex: [String: Int] = [:]
        for (i, target) in targets.enumerated() {
            let base = "$.targets[\(i)]"
            list.nonEmpty(target.targetCode, at: base + ".targetCode")
            if let first = targetIndex[target.targetCode] {
                list.invalid(base + ".targetCode", "duplicate of $.targets[\(first)].targetCode (\"\(target.targetCode)\")")
            } else {
                targetIndex[target.targetCode] = i
            }
            if equipIndex[target.equipCode] == nil {
                list.invalid(base + ".equipCode", "\"\(target.equipCode)\" is not among $.equipments")
            }
            target.check(at: base, into: &list)
        }
        return list.items
    }
}

extension BasicData.Target {
    func check(at base: String, into list: inout ProblemList) {
        if samplePeriodMs <= 0 { list.invalid(base + ".samplePeriodMs", "expected a period > 0 ms, found \(samplePeriodMs)") }
        let values = [lowValue, topValue, lowValue01, lowValue02, topValue01, topValue02]
        let fields = ["lowValue", "topValue", "lowValue01", "lowValue02", "topValue01", "topValue02"]
        for (value, field) in zip(values, fields) where value.map({ !$0.isFinite }) == true {
            list.invalid(base + "." + field, "expected a finite number")
        }
        if let low = lowValue, let top = topValue, low > top {
            list.invalid(
                base + ".lowValue", "range minimum \(formatNumber(low)) above maximum topValue \(formatNumber(top))")
        }
        // LL ≤ L ≤ H ≤ HH where present; the path is the lower-named limit of the first pair out of order.
        let ordered = [("LL", "lowValue01", lowValue01), ("L", "lowValue02", lowValue02),
                       ("H", "topValue01", topValue01), ("HH", "topValue02", topValue02)]
            .compactMap { name, field, value in value.map { (name, field, $0) } }
        for (a, b) in zip(ordered, ordered.dropFirst()) where a.2 > b.2 {
            list.invalid(base + "." + a.1, "\(a.0) \(formatNumber(a.2)) above \(b.0) \(formatNumber(b.2))")
            break
        }
    }
}

extension ReadingsBatch {
    public func problems(limits: UplinkLimits = .default) -> [UplinkError] {
        var list = ProblemList()
        list.header(self)
        list.time(collectTime, at: "$.collectTime")
        list.count(datas.count, of: "readings", at: "$.datas", limit: limits.maxReadings)
        guard list.items.isEmpty else { return list.items }
        for (i, reading) in datas.enumerated() {
            let base = "$.datas[\(i)]"
            list.nonEmpty(reading.targetCode, at: base + ".targetCode")
            if reading.value == nil && reading.quality == .good {
                list.invalid(base + ".value", "expected a number when quality is 0 (good), found null")
            }
            if let value = reading.value, !value.isFinite { list.invalid(base + ".value", "expected a finite number") }
            list.time(reading.time, at: base + ".time")
        }
        return list.items
    }
}

extension AlarmBatch {
    public func problems(limits: UplinkLimits = .default) -> [UplinkError] {
        var list = ProblemList()
        list.header(self)
        list.count(alarms.count, of: "alarms", at: "$.alarms", limit: limits.maxAlarms)
        guard list.items.isEmpty else { return list.items }
        for (i, alarm) in alarms.enumerated() {
            let base = "$.alarms[\(i)]"
            list.nonEmpty(alarm.alarmId, at: base + ".alarmId")
            list.nonEmpty(alarm.targetCode, at: base + ".targetCode")
            let needsValue: Set<AlarmType> = [.ll, .l, .h, .hh]
            if alarm.alarmValue == nil && needsValue.contains(alarm.alarmType) {
                list.invalid(base + ".alarmValue", "expected a number for alarmType \"\(alarm.alarmType.rawValue)\", found null")
            }
            if let value = alarm.alarmValue, !value.isFinite { list.invalid(base + ".alarmValue", "expected a finite number") }
            if let threshold = alarm.threshold, !threshold.isFinite { list.invalid(base + ".threshold", "expected a finite number") }
            list.time(alarm.alarmTime, at: base + ".alarmTime")
            if let clear = alarm.clearTime, clear < alarm.alarmTime {
                list.invalid(base + ".clearTime", "\(clear) before alarmTime \(alarm.alarmTime)")
            }
        }
        return list.items
    }
}

extension Heartbeat {
    public func problems(limits: UplinkLimits = .default) -> [UplinkError] {
        var list = ProblemList()
        list.header(self)
        list.time(time, at: "$.time")
        if onlineTargets < 0 { list.invalid("$.onlineTargets", "expected a count ≥ 0, found \(onlineTargets)") }
        if totalTargets < 0 { list.invalid("$.totalTargets", "expected a count ≥ 0, found \(totalTargets)") }
        if onlineTargets > totalTargets, totalTargets >= 0 {
            list.invalid("$.onlineTargets", "\(onlineTargets) above totalTargets \(totalTargets)")
        }
        return list.items
    }
}
