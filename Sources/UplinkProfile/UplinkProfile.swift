/// The default HTTP uplink profile: the JSON payloads an enterprise gateway posts (basic data,
/// readings, alarms, heartbeats) and the reference platform ingests. See docs/uplink-profile.md.
public enum UplinkProfile {
    public static let name = "tundish-default"
    public static let version = 1
}
