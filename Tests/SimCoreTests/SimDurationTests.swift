import SimCore
import Testing

@Suite struct SimDurationTests {
    @Test(arguments: [
        ("90s", 90_000), ("5m", 300_000), ("1h30m", 5_400_000), ("250ms", 250), ("1.5s", 1500), ("2d", 172_800_000),
        ("1h 30m", 5_400_000),
    ])
    func parses(text: String, ms: Int64) {
        #expect(SimDuration.parse(text) == .ms(ms))
    }

    @Test(arguments: ["", "90", "5 parsecs", "m5", "1..5s", "-3s", "1h30"])
    func rejects(text: String) {
        #expect(SimDuration.parse(text) == nil)
    }

    @Test func printsCompactly() {
        #expect(SimDuration.ms(5_400_000).description == "1h30m")
        #expect(SimDuration.ms(90_250).description == "1m30s250ms")
        #expect(SimDuration.parse(SimDuration.ms(3_723_004).description) == .ms(3_723_004))
    }

    @Test func virtualClockOnlyMovesWhenAdvanced() {
        var clock = VirtualClock()
        #expect(clock.now == .start)
        clock.advance(by: .ms(100))
        clock.advance(by: .ms(100))
        #expect(clock.now.milliseconds == 200)
    }
}
