/// A run's id: 8 base-36 characters drawn at the edge (the CLI passes the system's generator).
/// With the scenario id it is part of every uplink batch id, so that no two runs or scenarios share
/// one against a long-lived target that drops batch ids it has seen.
public enum RunId {
    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")

    public static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
        String((0..<8).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// The scope a live scenario's gateways put in their batch ids: `<run id>-<scenario id>`.
    public static func batchScope(run: String, scenario: String) -> String { "\(run)-\(scenario)" }
}
