import Envelope
import Foundation
import Hummingbird
import UplinkProfile

/// The uplink accepts the SM4 envelope as well as plain bodies (docs/uplink-profile.md, "Envelope"):
/// a body with `appid` and `data` keys is opened with the credentials of its app id, after the
/// `appsecret` header was checked against that app's secret; the payload inside is then ingested
/// exactly as a plain body. Plain bodies keep needing the bearer token.
struct EnvelopeIngest: Sendable {
    let codec: EnvelopeCodec
    let credentials: [String: EnvelopeCredentials]

    init(credentials: [EnvelopeCredentials], codec: EnvelopeCodec = .default) {
        self.codec = codec
        self.credentials = Dictionary(credentials.map { ($0.appId, $0) }, uniquingKeysWith: { _, last in last })
    }

    var enabled: Bool { !credentials.isEmpty }

    /// The app secret header's value (names compare case-insensitively), nil when absent.
    func secret(in headers: HTTPFields) -> String? {
        let wanted = codec.secretHeader.lowercased()
        return headers.first { $0.name.canonicalName == wanted }?.value
    }

    /// The default-profile payload JSON of a request body: the body itself when plain (the bearer
    /// token is then required), the decrypted `data` when it is an envelope.
    func payload(of body: Data, headers: HTTPFields, token: String?) throws -> Data {
        let isEnvelope = codec.isEnvelope(body)
        guard enabled, isEnvelope else {
            if let token, headers[.authorization] != "Bearer \(token)" {
                throw APIError(.unauthorized, "a valid 'Authorization: Bearer <token>' header is required")
            }
            if isEnvelope {
                throw APIError(.badRequest, "$: an envelope body ('\(codec.appIdKey)', '\(codec.dataKey)'), but this platform has no app credentials configured")
            }
            return body
        }
        switch codec.open(body: body, appSecret: secret(in: headers), credentialsFor: { credentials[$0] }) {
        case .success(let payload): return payload
        case .failure(let error): throw APIError(HTTPResponse.Status(code: error.httpStatus), error.description)
        }
    }
}

/// On the uplink: lets a request through with a valid bearer token, or (when envelope credentials
/// are configured) with an `appsecret` header, which the route then checks against the app id.
struct UplinkAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?
    let envelope: EnvelopeIngest

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let bearerOK = token.map { request.headers[.authorization] == "Bearer \($0)" } ?? true
        let secretPresent = envelope.enabled && envelope.secret(in: request.headers) != nil
        guard bearerOK || secretPresent else {
            let alternative = envelope.enabled ? " (or, for an envelope body, an '\(envelope.codec.secretHeader)' header)" : ""
            throw APIError(.unauthorized, "a valid 'Authorization: Bearer <token>' header is required\(alternative)")
        }
        return try await next(request, context)
    }
}
