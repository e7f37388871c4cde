import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL
import Testing
import Uplink

/// https with a custom CA file: the sender trusts a certificate signed by that CA and refuses one
/// it cannot verify (the batch stays spooled).
@Suite struct TLSTests {
    /// A throw-away CA and a server certificate for 127.0.0.1, made with the openssl CLI.
    static func makeCertificates(in dir: String) throws {
        let script = """
            set -e
            cd '\(dir)'
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj '/CN=Tundish test CA' 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj '/CN=127.0.0.1' 2>/dev/null
            printf 'subjectAltName=IP:127.0.0.1\\n' > ext.cnf
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext.cnf 2>/dev/null
            openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.pem -days 2 -subj '/CN=other' 2>/dev/null
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    @Test func trustsTheGivenCAAndRefusesOthers() async throws {
        let dir = Sink.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.makeCertificates(in: dir)
        let state = SinkState()
        let router = Router()
        router.post("uplink/v1/:kind") { request, _ -> HTTPResponse.Status in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            return await state.take(path: "/uplink/v1/readings", body: Data(body.readableBytesView))
        }
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile("\(dir)/server.pem").map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: "\(dir)/server.key", format: .pem)))
        tls.minimumTLSVersion = .tlsv12
        let (ports, feed) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "tls-sink")
        logger.logLevel = .critical
        let app = Application(
            router: router, server: try .tls(.http1(), tlsConfiguration: tls),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { feed.yield($0.localAddress?.port ?? 0) }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { feed.finish() }
                do { try await app.runService() } catch { Issue.record("TLS sink: \(error)") }
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next(), "the TLS sink did not start")
            for (ca, expectDelivered) in [("other.pem", false), ("ca.pem", true)] {
                let spool = try Spool(directory: "\(dir)/spool-\(ca)")
                try spool.append(path: "/uplink/v1/readings", batchId: "b-\(ca)", body: #"{"batchId":"b"}"#)
                var configuration = UplinkSender.Configuration(baseURL: "https://127.0.0.1:\(port)")
                configuration.caFile = "\(dir)/\(ca)"
                configuration.backoffBaseMs = 10
                let sender = UplinkSender(spool: spool, configuration: configuration, logger: logger)
                let task = Task { await sender.run() }
                let drained = await sender.drain(timeout: .seconds(expectDelivered ? 10 : 1))
                task.cancel()
                await sender.shutdown()
                #expect(drained == expectDelivered, "CA \(ca)")
                #expect(spool.count == (expectDelivered ? 0 : 1))
            }
            group.cancelAll()
        }
        #expect(await state.all().count == 1)
    }
}
