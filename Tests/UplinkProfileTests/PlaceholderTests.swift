import Testing
import UplinkProfile

@Suite struct ProfileIdentityTests {
    @Test func namesItself() { #expect(UplinkProfile.name == "tundish-default" && UplinkProfile.version == 1) }
}
