import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Observers

/// Makes a target file's hooks and action requests: placeholders filled from the run's variables,
/// an HTTP request (success: `expectStatus`, else any 2xx) or a shell command (success: exit 0).
/// Each returns nil on success, else what went wrong (for an `error` record).
public struct TargetRequests: Sendable {
    /// The environment plus the run's own variables (`RUN_ID`, `SCENARIO`, `EPOCH_MS`, `PORT`…).
    public var variables: [String: String]
    public var timeoutSeconds: Int64 = 30

    public init(variables: [String: String]) { self.variables = variables }

    public func run(_ hook: LiveSettings.Hook, extra: [String: String] = [:]) async -> String? {
        switch hook {
        case .request(let request): await perform(request, extra: extra)
        case .command(let command): await shell(fill(command, extra))
        }
    }

    func fill(_ text: String, _ extra: [String: String]) -> String {
        var missing: [String] = []
        return Placeholders.substitute(text, variables.merging(extra) { $1 }, missing: &missing)
    }

    public func perform(_ spec: LiveSettings.Request, extra: [String: String] = [:]) async -> String? {
        if case .failure(let failure) = await fetch(spec, extra: extra) { return failure.message }
        return nil
    }

    /// Why a request did not succeed.
    public struct Failure: Error, Sendable { public var message: String }

    /// The answer's body when the request succeeds.
    public func fetch(_ spec: LiveSettings.Request, extra: [String: String] = [:]) async -> Result<[UInt8], Failure> {
        let url = fill(spec.url, extra)
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: spec.method)
        for (name, value) in spec.headers.sorted(by: { $0.key < $1.key }) { request.headers.add(name: name, value: fill(value, extra)) }
        if let body = spec.body {
            if !request.headers.contains(name: "Content-Type") { request.headers.add(name: "Content-Type", value: "application/json") }
            request.body = .bytes(ByteBuffer(string: fill(body, extra)))
        }
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(timeoutSeconds))
            let answer = try await response.body.collect(upTo: 4 << 20)
            let status = Int(response.status.code)
            let ok = spec.expectStatus.isEmpty ? (200..<300).contains(status) : spec.expectStatus.contains(status)
            guard !ok else { return .success(Array(answer.readableBytesView)) }
            let text = String(buffer: answer).prefix(200)
            return .failure(Failure(message: "\(spec.method) \(url) answered \(status)" + (text.isEmpty ? "" : ": \(text)")))
        } catch {
            return .failure(Failure(message: "\(spec.method) \(url) failed: \(error)"))
        }
    }

    func shell(_ command: String) async -> String? {
        let variables = variables
        let result = try? await PacedLoop.onThread { () -> (Int32, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            process.environment = variables
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            do { try process.run() } catch { return (-1, "\(error)") }
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data.prefix(200), as: UTF8.self))
        }
        guard let (status, stderr) = result else { return "command '\(command)' could not be run" }
        guard status != 0 else { return nil }
        let detail = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        return "command '\(command)' exited with \(status)" + (detail.isEmpty ? "" : ": \(detail)")
    }
}
