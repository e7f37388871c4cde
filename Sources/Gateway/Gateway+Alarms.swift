import PlantModel
import SimCore
import UplinkProfile

extension Gateway {
    /// The plant's own DCS alarm state of a point: the most severe limit crossed (digital points
    /// alarm at the value their limit names), or offline.
    func level(of point: PointSpec, value: Double?, quality: Quality) -> (AlarmType, Double?)? {
        guard quality != .offline, let value else { return (.offline, nil) }
        let limits = point.limits
        if point.kind == .digital || point.kind == .enumeration {
            if let hh = limits.hh, value >= hh { return (.di, hh) }
            if let h = limits.h, value >= h { return (.di, h) }
            if let ll = limits.ll, value <= ll { return (.di, ll) }
            if let l = limits.l, value <= l { return (.di, l) }
            return nil
        }
        if let ll = limits.ll, value < ll { return (.ll, ll) }
        if let hh = limits.hh, value > hh { return (.hh, hh) }
        if let l = limits.l, value < l { return (.l, l) }
        if let h = limits.h, value > h { return (.h, h) }
        return nil
    }

    /// An alarm batch when the point's alarm state changes: the old alarm cleared, a new one raised.
    mutating func plantAlarm(_ index: Int, time: SimInstant, value: Double?, quality: Quality) -> Payload? {
        let state = level(of: points[index], value: value, quality: quality)
        guard state?.0 != alarmLevel[index] else { return nil }
        var alarms: [AlarmBatch.Alarm] = []
        let now = unix(time)
        if let previous = alarmLevel[index], let open = openAlarm[index] {
            alarms.append(
                AlarmBatch.Alarm(
                    alarmId: open.id, targetCode: points[index].code, alarmType: previous, alarmValue: value,
                    alarmTime: open.time, clearTime: now))
            openAlarm[index] = nil
        }
        if let (type, threshold) = state {
            alarmCount += 1
            let id = "\(configuration.gatewayCode)-A\(alarmCount)"
            openAlarm[index] = (id, now)
            alarms.append(
                AlarmBatch.Alarm(
                    alarmId: id, targetCode: points[index].code, alarmType: type, alarmValue: value, threshold: threshold,
                    alarmTime: now))
        }
        alarmLevel[index] = state?.0
        return .alarms(
            AlarmBatch(batchId: nextBatchId(), companyCode: enterprise, gatewayCode: configuration.gatewayCode, alarms: alarms))
    }
}
