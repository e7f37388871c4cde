import Foundation
import Reference
import SimCore

/// An enterprise's settings on the platform (scenario `platform:` steps; docs/serve.md): equipment in
/// maintenance (检修) and disabled points (停用), whose alarms are excluded from then on; and the reset
/// of a test tenant. Each is a stored input, so a restart replays it. A setting stamped ahead of the
/// platform's clock (the step's time, while the uplink still carries the readings before it) waits
/// until the clock reaches it, so it takes effect at the step's time exactly as in lockstep.
extension Platform {
    /// Puts an equipment unit into maintenance (`on`) or back in service, at `atMs` (default: now).
    public func setMaintenance(enterprise: String, equipment: String, on: Bool, atMs: Int64?) throws(PlatformError) {
        let plant = try plant(enterprise)
        guard plant.equipment.contains(where: { $0.id == equipment }) else {
            throw PlatformError.notFound("no equipment '\(equipment)' of enterprise '\(enterprise)'")
        }
        try store([.maintenance(enterprise: enterprise, equipment: equipment, on: on, timeMs: atMs ?? now)])
    }

    /// Disables (停用) a point or enables it again, at `atMs` (default: now).
    public func setPointDisabled(enterprise: String, point: String, disabled: Bool, atMs: Int64?) throws(PlatformError) {
        let plant = try plant(enterprise)
        guard plant.points.contains(where: { $0.code == point }) else {
            throw PlatformError.notFound("no point '\(point)' of enterprise '\(enterprise)'")
        }
        try store([.pointDisabled(enterprise: enterprise, point: point, disabled: disabled, timeMs: atMs ?? now)])
    }

    /// Starts the state afresh at `atMs` (default: now): no alarms, grades, readings or settings;
    /// the clock restarts there. Stored events, webhooks, registrations and batch ids stay. With
    /// `enterprises`, only those are monitored until the next reset (a test tenant's scope: the
    /// others would go offline); empty: all.
    public func reset(atMs: Int64?, enterprises: [String] = []) throws(PlatformError) {
        for code in enterprises where !universe.contains(where: { $0.enterprise.code == code }) {
            throw PlatformError.notFound("no enterprise '\(code)'")
        }
        try store([.reset(timeMs: atMs ?? now, enterprises: enterprises)])
        anchor = nil
    }

    /// Readings of each point of `enterprise` received with their own times in [`fromMs`, `toMs`),
    /// since the latest reset; offline readings (no value) do not count.
    public func receptionCounts(enterprise: String, fromMs: Int64, toMs: Int64) throws(PlatformError) -> [String: Int] {
        let plant = try plant(enterprise)
        do {
            let counts = try store.receptionCounts(enterprise: enterprise, fromMs: fromMs, toMs: toMs)
            return Dictionary(uniqueKeysWithValues: plant.points.map { ($0.code, counts[$0.code] ?? 0) })
        } catch {
            throw PlatformError.storage("\(error)")
        }
    }

    func plant(_ enterprise: String) throws(PlatformError) -> ReferencePlant {
        guard let plant = core.plants.first(where: { $0.enterprise.code == enterprise }) else {
            throw PlatformError.notFound("no enterprise '\(enterprise)'")
        }
        return plant
    }

    func store(_ inputs: [PlatformInput]) throws(PlatformError) {
        do { try commit(inputs, batch: nil) } catch { throw PlatformError.storage("\(error)") }
    }

    /// Applies the settings waiting for a time at or before `timeMs`, each at its own time.
    static func applyDue(before timeMs: Int64, to core: inout ReferenceCore, pending: inout [PlatformInput]) {
        while let next = pending.first, next.timeMs <= timeMs {
            pending.removeFirst()
            let instant = SimInstant(milliseconds: next.timeMs)
            if instant > core.now { core.advance(to: instant) }
            set(next, on: &core)
        }
    }

    /// A setting at or before the clock applies now; a later one waits (in time order); a reset
    /// replaces the core.
    static func applySetting(_ input: PlatformInput, to core: inout ReferenceCore, pending: inout [PlatformInput],
                             universe: [ReferencePlant]) {
        if case .reset(let time, let enterprises) = input {
            pending.removeAll()
            let plants = enterprises.isEmpty ? universe : universe.filter { enterprises.contains($0.enterprise.code) }
            core = ReferenceCore(plants: plants, rules: core.rules, start: SimInstant(milliseconds: time))
        } else if input.timeMs <= core.now.milliseconds {
            set(input, on: &core)
        } else {
            let at = pending.firstIndex { $0.timeMs > input.timeMs } ?? pending.endIndex
            pending.insert(input, at: at)
        }
    }

    static func set(_ input: PlatformInput, on core: inout ReferenceCore) {
        switch input {
        case .maintenance(let enterprise, let equipment, let on, _):
            try? core.setMaintenance(enterprise: enterprise, equipment: equipment, on)
        case .pointDisabled(let enterprise, let point, let disabled, _):
            try? core.setPointDisabled(enterprise: enterprise, point: point, disabled)
        default:
            break
        }
    }
}
