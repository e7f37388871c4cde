import SimCore
import Testing

@Suite struct SeededRandomTests {
    @Test func sameSeedSameSequence() {
        var a = SeededRandom(seed: 42)
        var b = SeededRandom(seed: 42)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }

    @Test func differentSeedsDiffer() {
        var a = SeededRandom(seed: 1)
        var b = SeededRandom(seed: 2)
        #expect((0..<8).map { _ in a.next() } != (0..<8).map { _ in b.next() })
    }

    @Test func forksAreIndependentOfDrawsInTheParent() {
        var parent = SeededRandom(seed: 7)
        let before = parent.fork(label: "noise")
        _ = (0..<1000).map { _ in parent.next() }
        let after = parent.fork(label: "noise")
        var x = before, y = after
        #expect(x.next() == y.next())
        var other = parent.fork(label: "faults")
        var noise = parent.fork(label: "noise")
        #expect(other.next() != noise.next())
    }

    @Test func unitDrawsStayInRangeAndGaussianIsCentred() {
        var rng = SeededRandom(seed: 99)
        var sum = 0.0, sumSq = 0.0
        let n = 20_000
        for _ in 0..<n {
            let u = rng.nextUnit()
            #expect(u >= 0 && u < 1)
            let g = rng.nextGaussian()
            sum += g; sumSq += g * g
        }
        #expect(abs(sum / Double(n)) < 0.05)
        #expect(abs(sumSq / Double(n) - 1) < 0.05)
    }

    @Test func noiseIsCentredWithUnitVarianceAndBounded() {
        var rng = SeededRandom(seed: 5)
        let draws = (0..<50_000).map { _ in rng.nextNoise() }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.03)
        #expect(draws.allSatisfy { abs($0) <= 3.4642 })
        #expect(draws.contains { abs($0) > 2.5 })
    }

    @Test func chanceFollowsTheRatio() {
        var rng = SeededRandom(seed: 3)
        let hits = (0..<10_000).filter { _ in rng.chance(1, in: 4) }.count
        #expect(hits > 2300 && hits < 2700)
    }
}
