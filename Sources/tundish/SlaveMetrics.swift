import CLISupport
import Foundation
import ModbusServer
import Telemetry
import Uplink

/// `tundish slave --metrics HOST:PORT`: the slave's figures on `GET /metrics` (Prometheus text).
enum SlaveMetrics {
    /// Starts serving; the returned task ends the server when cancelled.
    static func start(_ listen: String, server: ModbusSlaveServer, sender: UplinkSender?, clock: PlantTimeBox)
        throws -> Task<Void, any Error>
    {
        let (host, port) = try SlaveCommand.parseListen(listen)
        let telemetry = Telemetry()
        telemetry.bootstrapGlobally()
        telemetry.addCollector {
            let s = server.statistics
            let modbus: [(String, String, Int)] = [
                ("tundish_modbus_requests_total", "Modbus requests received", s.requests),
                ("tundish_modbus_replies_total", "Modbus replies sent (answers and exceptions)", s.replies),
                ("tundish_modbus_exceptions_total", "Modbus exception replies", s.exceptions),
                ("tundish_modbus_unanswered_total", "Modbus requests dropped without a reply", s.dropped),
                ("tundish_modbus_malformed_frames_total", "Malformed MBAP frames", s.malformedFrames),
                ("tundish_modbus_connections_accepted_total", "TCP connections accepted", s.connectionsAccepted),
            ]
            for (name, help, value) in modbus { telemetry.total(name, help: help, to: value) }
            telemetry.gauge("tundish_modbus_connections_open", help: "TCP connections open").set(Double(s.connectionsOpen))
            telemetry.gauge("tundish_plant_time_seconds", help: "Plant time since the scenario start")
                .set(Double(clock.now.milliseconds) / 1000)
            guard let sender else { return }
            let sent = await sender.statistics
            for (outcome, value) in [("delivered", sent.delivered), ("rejected", sent.rejected), ("retried", sent.retries)] {
                telemetry.total("tundish_uplink_batches_total", [("outcome", outcome)],
                                help: "Uplink batches by outcome", to: value)
            }
            telemetry.gauge("tundish_uplink_spool_depth", help: "Uplink batches waiting in the spool")
                .set(Double(sender.spool.count))
        }
        return Task {
            try await telemetry.serve(host: host, port: Int(port)) { bound in
                Console.error("metrics on http://\(host):\(bound)/metrics")
            }
        }
    }
}
