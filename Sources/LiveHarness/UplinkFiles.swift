import Envelope
import Foundation
import UplinkProfile
import Yams

/// Reading the uplink's profile and credentials files (live-run edge).
public enum UplinkFiles {
    public static func profile(_ path: String?) throws -> ProfileFile {
        guard let path else { return .default }
        do {
            return try ProfileFile.parse(try FileReader().read(path), file: path)
        } catch let error as ProfileFileError {
            throw LiveRunError(error.description)
        }
    }

    /// `ENTERPRISE_CODE: {appId, appSecret, keyHex, ivHex}` (Scenarios/profiles/credentials-example.yaml).
    public static func credentials(_ path: String?) throws -> [String: EnvelopeCredentials] {
        guard let path else { return [:] }
        do {
            let table = try YAMLDecoder().decode([String: EnvelopeCredentials].self, from: try FileReader().read(path))
            for (code, entry) in table {
                do {
                    _ = try entry.key()
                    _ = try entry.iv()
                } catch {
                    throw LiveRunError("\(path):1:1: error: \(code): \(error)")
                }
            }
            return table
        } catch let error as LiveRunError {
            throw error
        } catch let error as DecodingError {
            throw LiveRunError("\(path):1:1: error: expected ENTERPRISE_CODE: {appId, appSecret, keyHex, ivHex}: \(error)")
        } catch {
            throw LiveRunError("\(path):1:1: error: \(error)")
        }
    }

    /// Turns a spooled default-profile body into what the profile puts on the wire.
    public static func prepare(profile: ProfileFile, credentials: [String: EnvelopeCredentials])
        -> @Sendable (String, String) throws -> (body: Data, headers: [(String, String)])
    {
        { _, body in
            let json = Data(body.utf8)
            let mapped = profile.fields.isIdentity ? json : profile.fields.outgoing(json)
            var headers: [(String, String)] = []
            let company = ((try? JSONSerialization.jsonObject(with: json)) as? [String: Any])?["companyCode"] as? String
            let entry = company.flatMap { credentials[$0] }
            if case .secretHeader(let name) = profile.auth, let entry { headers.append((name, entry.appSecret)) }
            guard profile.envelope == .sm4 else { return (mapped, headers) }
            guard let entry else { throw LiveRunError("no SM4 credentials for enterprise '\(company ?? "?")'") }
            return (try profile.envelopeCodec.seal(payloadJSON: mapped, credentials: entry), headers)
        }
    }
}
