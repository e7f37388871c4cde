import Conformance
import Harness
import Scenario
import Testing

@Suite struct PlatformActionTests {
    static let path = "Scenarios/quality/DQ-04-maintenance-and-disabled-point.yaml"

    @Test func aPlatformStepThatCannotApplyIsAnErrorRecord() throws {
        var scenario = try Library.scenario(Self.path)
        for i in scenario.spec.timeline.indices {
            switch scenario.spec.timeline[i].action {
            case .platform(.maintenance): scenario.spec.timeline[i].equipment = "L9"
            case .platform(.pointDisabled(_, let off)): scenario.spec.timeline[i].action = .platform(.pointDisabled(point: "NO_SUCH", off))
            default: break
            }
        }
        let result = LockstepRun.run(scenario, rules: try Library.rules())
        let errors = result.history.filter { $0.type == .error }.compactMap(\.message)
        #expect(errors.contains { $0.hasPrefix("platform step 'maintenance' (maintenance) cannot apply: unknown equipment 'L9'") })
        #expect(errors.contains { $0.contains("(disablePoint) cannot apply: unknown point NO_SUCH") })
        // The steps are still recorded, under their public names.
        #expect(result.history.contains { $0.type == .step && $0.kind == "platformAction" && $0.name == "maintenance" })
    }

    @Test func platformStepsThatApplyLeaveNoErrorRecord() throws {
        let result = LockstepRun.run(try Library.scenario(Self.path), rules: try Library.rules())
        #expect(!result.history.contains { $0.type == .error })
        #expect(result.history.filter { $0.type == .step && $0.kind == "platformAction" }.count == 3)
    }
}
