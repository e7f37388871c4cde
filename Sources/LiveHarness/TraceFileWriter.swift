import Foundation
import PlantModel
import Simulation

/// Streams the engine's samples to `trace.csv` and its events to `events.jsonl`, buffered.
/// Formatting is deterministic: times in seconds with millisecond precision, values rounded to
/// 4 decimals, so two runs with the same seed give identical files.
public struct TraceFileWriter: TraceSink {
    private let traceHandle: FileHandle
    private let eventsHandle: FileHandle
    private var traceBuffer: [UInt8] = []
    private var eventsBuffer: [UInt8] = []
    /// Point labels per plant (qualified with the enterprise code when there are several plants).
    private let labels: [[String]]
    public private(set) var sampleCount = 0
    public private(set) var eventCount = 0
    public private(set) var interlockTrips = 0
    private let encoder: JSONEncoder

    public init(directory: String, plants: [Plant]) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        traceHandle = try Self.create((directory as NSString).appendingPathComponent("trace.csv"))
        eventsHandle = try Self.create((directory as NSString).appendingPathComponent("events.jsonl"))
        labels = plants.map { plant in
            plant.points.map { plants.count > 1 ? "\(plant.enterprise.code):\($0.code)" : $0.code }
        }
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        traceBuffer.reserveCapacity(1 << 20)
        traceBuffer.append(contentsOf: Array("time,point,value,quality\n".utf8))
    }

    private static func create(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw LiveRunError("\(path): cannot be created") }
        return handle
    }

    public mutating func record(_ sample: Sample) {
        sampleCount += 1
        Self.appendTime(sample.time.milliseconds, to: &traceBuffer)
        traceBuffer.append(UInt8(ascii: ","))
        traceBuffer.append(contentsOf: labels[sample.plant][sample.point].utf8)
        traceBuffer.append(UInt8(ascii: ","))
        if sample.value.isFinite { traceBuffer.append(contentsOf: Self.format(sample.value).utf8) }
        traceBuffer.append(UInt8(ascii: ","))
        traceBuffer.append(contentsOf: sample.quality.description.utf8)
        traceBuffer.append(UInt8(ascii: "\n"))
        if traceBuffer.count >= 1 << 20 { flushTrace() }
    }

    public mutating func record(_ event: EngineEvent) {
        eventCount += 1
        if event.kind == .interlockTripped { interlockTrips += 1 }
        struct Line: Encodable {
            var timeMs: Int64
            var kind: String
            var plant: String
            var equipment: String?
            var name: String
            var step: String?
            var detail: String
        }
        let line = Line(
            timeMs: event.time.milliseconds, kind: event.kind.rawValue, plant: event.plant, equipment: event.equipment,
            name: event.name, step: event.step, detail: event.detail)
        if let data = try? encoder.encode(line) {
            eventsBuffer.append(contentsOf: data)
            eventsBuffer.append(UInt8(ascii: "\n"))
        }
    }

    public mutating func close() {
        flushTrace()
        eventsHandle.write(Data(eventsBuffer))
        eventsBuffer.removeAll()
        try? traceHandle.close()
        try? eventsHandle.close()
    }

    private mutating func flushTrace() {
        traceHandle.write(Data(traceBuffer))
        traceBuffer.removeAll(keepingCapacity: true)
    }

    static func appendTime(_ milliseconds: Int64, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: String(milliseconds / 1000).utf8)
        buffer.append(UInt8(ascii: "."))
        let fraction = Int(milliseconds % 1000)
        buffer.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        buffer.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        buffer.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    /// Rounded to 4 decimals; integers without a fraction.
    static func format(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(rounded)
    }
}
