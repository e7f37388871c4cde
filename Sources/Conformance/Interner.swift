/// Strings numbered in the order first seen (alarm points, enterprises, levels), so that the
/// history's indexes group and compare integers instead of hashing strings again.
struct Interner: Sendable {
    private(set) var names: [String] = []
    private var ids: [String: Int32] = [:]

    init() {}

    var count: Int { names.count }

    /// The number of `name`, numbering it if new.
    mutating func intern(_ name: String) -> Int32 {
        let (id, isNew) = ids.number(name)
        if isNew { names.append(name) }
        return id
    }

    /// The number of `name`, nil if it was never interned.
    func id(_ name: String) -> Int32? { ids[name] }
}

extension Dictionary where Value == Int32 {
    /// The number of `key`, the next free one (the count) if new: one hash either way.
    mutating func number(_ key: Key) -> (number: Int32, isNew: Bool) {
        let next = Int32(count)
        let number = Self.read(&self[key, default: next])
        return (number, number == next)
    }

    private static func read(_ value: inout Int32) -> Int32 { value }
}
