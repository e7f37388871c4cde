/// Winch rope forces in a fixed-size inline store (up to 8 ropes; no heap, no allocation in `step`).
/// A broken rope carries nothing; its neighbours take the most of its load (Jiangyin, 2018).
struct RopeForces: Sendable {
    static let capacity = 8
    typealias Store = (Double, Double, Double, Double, Double, Double, Double, Double)

    let count: Int
    let nominalKN: Double
    private(set) var forces: Store
    private var targets: Store
    /// Bit i set: rope i+1 is broken.
    private(set) var brokenMask: UInt8 = 0

    init(count: Int, nominalKN: Double) {
        self.count = min(Self.capacity, max(1, count))
        self.nominalKN = nominalKN
        let n = nominalKN
        forces = (n, n, n, n, n, n, n, n)
        targets = forces
    }

    var anyBroken: Bool { brokenMask != 0 }

    /// Force on rope `index` (0-based).
    func force(_ index: Int) -> Double {
        withUnsafeBytes(of: forces) { $0.load(fromByteOffset: index * MemoryLayout<Double>.stride, as: Double.self) }
    }

    /// The largest force of all ropes.
    var maxForce: Double {
        withUnsafeBytes(of: forces) { raw in
            var best = 0.0
            for i in 0..<count {
                let f = raw.load(fromByteOffset: i * MemoryLayout<Double>.stride, as: Double.self)
                if f > best { best = f }
            }
            return best
        }
    }

    /// Breaks rope `rope` (1-based); returns false when out of range or already broken.
    mutating func breakRope(_ rope: Int) -> Bool {
        guard rope >= 1, rope <= count else { return false }
        let bit = UInt8(1) << UInt8(rope - 1)
        guard brokenMask & bit == 0 else { return false }
        brokenMask |= bit
        retarget()
        return true
    }

    /// Steady loads: the total load spread over intact ropes, neighbours of a broken rope +30 %.
    private mutating func retarget() {
        var weights: Store = (0, 0, 0, 0, 0, 0, 0, 0)
        var sum = 0.0
        withUnsafeMutableBytes(of: &weights) { raw in
            for i in 0..<count where !isBroken(i) {
                let neighbourBroken = isBroken((i + 1) % count) || isBroken((i + count - 1) % count)
                let w = neighbourBroken ? 1.3 : 1.0
                raw.storeBytes(of: w, toByteOffset: i * MemoryLayout<Double>.stride, as: Double.self)
                sum += w
            }
        }
        let scale = sum > 0 ? Double(count) * nominalKN / sum : 0
        let n = count
        withUnsafeMutableBytes(of: &targets) { raw in
            withUnsafeBytes(of: weights) { w in
                for i in 0..<n {
                    let wi = w.load(fromByteOffset: i * MemoryLayout<Double>.stride, as: Double.self)
                    raw.storeBytes(of: wi * scale, toByteOffset: i * MemoryLayout<Double>.stride, as: Double.self)
                }
            }
        }
    }

    private func isBroken(_ index: Int) -> Bool { brokenMask & (UInt8(1) << UInt8(index)) != 0 }

    /// Lags every force towards its target; `ripple` is a common load ripple in kN.
    mutating func step(alpha: Double, ripple: Double) {
        let n = count
        let mask = brokenMask
        let targetsCopy = targets
        withUnsafeMutableBytes(of: &forces) { raw in
            withUnsafeBytes(of: targetsCopy) { t in
                for i in 0..<n {
                    let offset = i * MemoryLayout<Double>.stride
                    let broken = mask & (UInt8(1) << UInt8(i)) != 0
                    let target = broken ? 0 : t.load(fromByteOffset: offset, as: Double.self) + ripple
                    var f = raw.load(fromByteOffset: offset, as: Double.self)
                    f.lag(to: target, alpha)
                    raw.storeBytes(of: f, toByteOffset: offset, as: Double.self)
                }
            }
        }
    }
}
