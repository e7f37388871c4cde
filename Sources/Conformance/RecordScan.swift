/// What indexing needs of each record, gathered in sequential passes over the records as given
/// (so that the pass in time order touches small slots, not the large records): the times, alarm
/// ids and alarm keys (enterprise, point, level) numbered by one hash each, grade changes by
/// enterprise.
struct RecordScan {
    struct Slot {
        var type: HistoryRecord.Kind
        /// A raised alarm that counts as a hazard alarm.
        var hazard = false
        /// Alarm records: the number of the alarm id (-1: none).
        var id: Int32 = -1
        /// Raised alarms: the number of the alarm key; grade changes: of the enterprise.
        var key: Int32 = -1
    }

    /// What alarms are grouped by (an absent enterprise, point or level is empty, as in `History.Alarm`).
    struct AlarmKey: Hashable {
        var enterprise, point, level: String
    }

    private(set) var slots: [Slot]
    /// Alarm id → number (the time-ordered pass adds the ids it makes up for alarms without one).
    var ids: [String: Int32] = [:]
    private(set) var keys: [AlarmKey] = []
    private(set) var gradeEnterprises: [String] = []
    private(set) var raised = 0
    /// The records' times, in record order.
    private(set) var times: [Int64] = []

    init(_ records: [HistoryRecord]) {
        slots = []
        slots.reserveCapacity(records.count)
        // The times, and room for an id per alarm up front (growing a dictionary of half a million
        // ids rehashes them all).
        times.reserveCapacity(records.count)
        for i in records.indices {
            times.append(records[i].t)
            if records[i].type == .alarmRaised { raised += 1 }
        }
        ids.reserveCapacity(raised)
        var keyNumbers: [AlarmKey: Int32] = [:]
        var gradeNumbers: [String: Int32] = [:]
        for i in records.indices {
            var slot = Slot(type: records[i].type)
            switch slot.type {
            case .alarmRaised:
                let key = AlarmKey(enterprise: records[i].enterprise ?? "", point: records[i].point ?? "",
                                   level: records[i].level ?? "")
                let (number, isNew) = keyNumbers.number(key)
                if isNew { keys.append(key) }
                slot.key = number
                slot.hazard = History.Alarm.isHazard(category: records[i].category, level: key.level)
                if let id = records[i].id { slot.id = ids.number(id).number }
            case .alarmCleared, .alarmHandled:
                if let id = records[i].id { slot.id = ids.number(id).number }
            case .grade:
                if let code = records[i].enterprise {
                    let (number, isNew) = gradeNumbers.number(code)
                    if isNew { gradeEnterprises.append(code) }
                    slot.key = number
                }
            default: break
            }
            slots.append(slot)
        }
    }
}
