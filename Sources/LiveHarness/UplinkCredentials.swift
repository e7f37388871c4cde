/// Which credential to check when a target refuses our uplink posts with 401/403.
public enum UplinkCredentials {
    public enum Scheme: Sendable, Hashable {
        case bearer(tokenSet: Bool)
        case secretHeader(String)
        case sm4
        case none
    }

    public static func hint(_ scheme: Scheme, targetFile: String) -> String {
        switch scheme {
        case .bearer(true):
            "check the bearer token (uplink.token in \(targetFile), or the TUNDISH_TOKEN it names)"
        case .bearer(false):
            "no bearer token was sent: set uplink.token in \(targetFile) (or TUNDISH_TOKEN)"
        case .secretHeader(let header):
            "check each enterprise's appSecret (sent in the '\(header)' header) in the credentials file "
                + "named by uplink.credentials in \(targetFile)"
        case .sm4:
            "check each enterprise's appId, appSecret, keyHex and ivHex in the credentials file named by "
                + "uplink.credentials in \(targetFile), and the profile (uplink.profile)"
        case .none:
            "the profile sends no credentials (auth: {bearer: false}) and the target wants some: set uplink.profile "
                + "and uplink.token or uplink.credentials in \(targetFile)"
        }
    }
}
