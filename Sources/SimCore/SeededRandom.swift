import Foundation

/// Our own deterministic generator: xoshiro256** seeded through SplitMix64.
///
/// Each subsystem takes its own stream with `fork(label:)`, so extra draws in one subsystem
/// never shift another's sequence. Never use the global generator in the pure core.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    public let seed: UInt64
    private var spareGaussian: Double?

    public init(seed: UInt64) {
        self.seed = seed
        var sm = SplitMix64(state: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// An independent stream named by `label`, derived from this generator's seed only
    /// (not its position), so the order in which subsystems fork does not matter.
    public func fork(label: String) -> SeededRandom {
        SeededRandom(seed: SplitMix64.mix(seed ^ SeededRandom.fnv1a(label)))
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 bits of precision.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal draw (Marsaglia polar method), deterministic.
    public mutating func nextGaussian() -> Double {
        if let spare = spareGaussian {
            spareGaussian = nil
            return spare
        }
        while true {
            let u = 2 * nextUnit() - 1
            let v = 2 * nextUnit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                spareGaussian = v * factor
                return u * factor
            }
        }
    }

    /// A cheap, bounded approximately-normal draw (mean 0, standard deviation 1) for instrument
    /// noise: the Irwin–Hall sum of four 16-bit uniforms taken from one 64-bit draw, rescaled.
    /// Bounded at ±3.46 σ, which suits sensor noise (no unphysical outliers) and costs no `log`.
    public mutating func nextNoise() -> Double {
        let bits = next()
        let sum = Double(bits & 0xFFFF) + Double((bits >> 16) & 0xFFFF) + Double((bits >> 32) & 0xFFFF)
            + Double(bits >> 48)
        return (sum / 65536 - 2) * 1.7320508075688772
    }

    /// True with probability numerator/denominator (integer ratio, no float rounding surprises).
    public mutating func chance(_ numerator: UInt64, in denominator: UInt64) -> Bool {
        precondition(denominator > 0)
        return next() % denominator < numerator
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

/// SplitMix64, used to expand one seed into generator state.
public struct SplitMix64: Sendable {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
