import Foundation
import Hummingbird

/// An error the API answers with `{"error": "..."}` and a status.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try JSONResponse.make(["error": message], status: status)
    }
}

enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return raw(data, status: status)
    }

    static func raw(_ data: Data, status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Write endpoints need `Authorization: Bearer <token>` (when the platform has a token).
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if let token, request.headers[.authorization] != "Bearer \(token)" {
            throw APIError(.unauthorized, "a valid 'Authorization: Bearer <token>' header is required")
        }
        return try await next(request, context)
    }
}

extension Request {
    /// The body, or 413 past `limit` bytes.
    mutating func bodyData(limit: Int) async throws -> Data {
        do {
            let buffer = try await collectBody(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch {
            throw APIError(.contentTooLarge, "request body larger than \(limit) bytes")
        }
    }

    func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError(.badRequest, "\(JSONPath.of(context.codingPath + [key])): missing required key '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw APIError(.badRequest, "\(JSONPath.of(context.codingPath)): expected \(expected)")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw APIError(.badRequest, "\(JSONPath.of(context.codingPath)): expected \(expected), found null")
        } catch let DecodingError.dataCorrupted(context) {
            throw APIError(.badRequest, "\(JSONPath.of(context.codingPath)): malformed JSON: \(context.debugDescription)")
        } catch {
            throw APIError(.badRequest, "malformed JSON: \(error)")
        }
    }
}

enum JSONPath {
    static func of(_ path: [any CodingKey]) -> String {
        "$" + path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
    }
}

public enum BundledDocuments {
    /// docs/openapi.yaml as bundled with the module (a test keeps the two identical).
    public static var openAPI: Data? {
        Bundle.module.url(forResource: "openapi", withExtension: "yaml").flatMap { try? Data(contentsOf: $0) }
    }
}
