/// Lists of indices grouped by a dense group number, in one flat array (compressed sparse rows):
/// the members of group `g` are `items[offsets[g]..<offsets[g + 1]]`, in increasing index order.
/// Built by a counting sort: no per-group arrays, no hashing.
struct GroupedIndices: Sendable {
    private var offsets: [Int32] = [0]
    private var items: [Int32] = []

    init() {}

    /// - Parameters:
    ///   - groups: the group of each index (`groups[i]` for index `i`), each in `0..<count`.
    ///   - count: how many groups.
    init(groups: [Int32], count: Int) {
        var offsets = [Int32](repeating: 0, count: count + 1)
        for g in groups { offsets[Int(g) + 1] += 1 }
        for g in 0..<count { offsets[g + 1] += offsets[g] }
        var next = offsets
        var items = [Int32](repeating: 0, count: groups.count)
        for (i, g) in groups.enumerated() {
            items[Int(next[Int(g)])] = Int32(i)
            next[Int(g)] += 1
        }
        self.offsets = offsets
        self.items = items
    }

    var count: Int { offsets.count - 1 }

    /// The members of a group (empty for a group out of range).
    subscript(group: Int) -> ArraySlice<Int32> {
        guard group >= 0, group < count else { return [] }
        return items[Int(offsets[group])..<Int(offsets[group + 1])]
    }
}
