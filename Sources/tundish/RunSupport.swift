import CLISupport
import Conformance
import Foundation
import LiveHarness
import Reference
import Scenario
import SimCore

/// One progress line per finished scenario, on standard error.
struct Progress {
    let total: Int
    let quiet: Bool
    var done = 0

    mutating func finished(_ result: ScenarioResult) {
        done += 1
        guard !quiet else { return }
        let width = String(total).count
        let n = String(repeating: " ", count: width - String(done).count) + String(done)
        let head = "[\(n)/\(total)] \(result.outcome.rawValue.uppercased().padding(toLength: 5, withPad: " ", startingAt: 0)) \(result.id)"
        if result.digest.isEmpty, let error = result.error {  // never loaded: no seed, no verdicts
            Console.error(head + " · not loaded: " + (error.split(separator: "\n").first.map { String($0.prefix(160)) } ?? ""))
            return
        }
        Console.error(head + " · seed \(result.seed) · \(result.count(.pass))/\(result.verdicts.count) passed"
            + (result.error.map { " · \($0.prefix(120))" } ?? ""))
    }
}
