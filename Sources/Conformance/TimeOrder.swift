/// The records' time order, stable (records at the same time keep their position), with the
/// times in that order. Sorts (time, position) keys packed into one integer, by a radix sort on
/// the time bits, never the records themselves (large structs); a comparison sort of key pairs
/// when the time span is too wide to pack.
struct TimeOrder {
    /// Indices into the records, in time order.
    let order: [Int]
    /// `times[k]`: the time of record `order[k]`.
    let times: [Int64]

    /// - Parameter unordered: the records' times, in record order.
    init(_ unordered: [Int64]) {
        guard var lo = unordered.first else { order = []; times = []; return }
        var hi = lo, sorted = true
        for t in unordered {
            if t < hi { sorted = false }
            lo = min(lo, t)
            hi = max(hi, t)
        }
        if sorted {
            order = Array(unordered.indices)
            times = unordered
            return
        }
        let bits = UInt64.bitWidth - UInt64(unordered.count).leadingZeroBitCount
        let span = UInt64(bitPattern: hi &- lo)
        guard span.leadingZeroBitCount >= bits else {
            let keys = unordered.enumerated().map { (t: $1, i: $0) }.sorted { ($0.t, $0.i) < ($1.t, $1.i) }
            order = keys.map(\.i)
            times = keys.map(\.t)
            return
        }
        var keys = unordered.enumerated().map { UInt64(bitPattern: $1 &- lo) << bits | UInt64($0) }
        Self.radixSort(&keys, bits: bits..<(bits + UInt64.bitWidth - span.leadingZeroBitCount))
        let mask = UInt64(1) << bits - 1
        order = keys.map { Int($0 & mask) }
        times = keys.map { lo &+ Int64(bitPattern: $0 >> bits) }
    }

    /// Sorts `keys` by the given bit range, stably (least significant digit first, at most 11
    /// bits a pass, the passes of equal width).
    static func radixSort(_ keys: inout [UInt64], bits: Range<Int>) {
        guard !bits.isEmpty else { return }
        let passes = (bits.count + 10) / 11
        let width = (bits.count + passes - 1) / passes
        var buffer = [UInt64](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 1 << width + 1)
        let mask = UInt64(1) << width - 1
        for shift in stride(from: bits.lowerBound, to: bits.upperBound, by: width) {
            for d in counts.indices { counts[d] = 0 }
            for key in keys { counts[Int((key >> shift) & mask) + 1] += 1 }
            for d in 1..<counts.count { counts[d] += counts[d - 1] }
            for key in keys {
                let d = Int((key >> shift) & mask)
                buffer[counts[d]] = key
                counts[d] += 1
            }
            swap(&keys, &buffer)
        }
    }
}
