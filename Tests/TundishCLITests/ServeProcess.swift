import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A `tundish serve` in the background; its port is read from the start-up line.
final class ServeProcess {
    let process = Process()
    let errors = Pipe()
    private(set) var port = 0
    private(set) var log = ""

    init(_ arguments: [String]) throws {
        process.executableURL = CLIRunner.binary
        process.arguments = ["serve", "--http", "127.0.0.1:0"] + arguments
        process.currentDirectoryURL = CLIRunner.root
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        var line = ""
        let deadline = Date().addingTimeInterval(20)
        while port == 0 && Date() < deadline {
            let byte = errors.fileHandleForReading.readData(ofLength: 1)
            guard !byte.isEmpty else { throw CLITestError("serve ended early: \(log)\(line)") }
            line += String(decoding: byte, as: UTF8.self)
            if line.hasSuffix("\n") {
                log += line
                if let range = line.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                    port = Int(line[range].split(separator: ":").last ?? "") ?? 0
                }
                line = ""
            }
        }
    }

    /// SIGKILL: no chance to flush anything (what a crash looks like).
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { if process.isRunning { process.terminate(); process.waitUntilExit() } }

    func get(_ path: String) throws -> (status: Int, json: Any?) {
        try HTTP.request("http://127.0.0.1:\(port)\(path)")
    }

    func post(_ path: String, json: String, token: String? = nil) throws -> (status: Int, json: Any?) {
        try HTTP.request("http://127.0.0.1:\(port)\(path)", method: "POST", body: Data(json.utf8), token: token)
    }
}

enum HTTP {
    static func request(_ url: String, method: String = "GET", body: Data? = nil, token: String? = nil) throws
        -> (status: Int, json: Any?)
    {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, Data?, (any Error)?) = (0, nil, nil)
        URLSession.shared.dataTask(with: request) { data, response, error in
            result = ((response as? HTTPURLResponse)?.statusCode ?? 0, data, error)
            done.signal()
        }.resume()
        done.wait()
        if let error = result.2 { throw error }
        return (result.0, result.1.flatMap { try? JSONSerialization.jsonObject(with: $0) })
    }
}
