import ConfigText
import ModbusMap
import PlantModel
import SimCore

/// Reads source files for the loader. The CLI supplies one backed by the file system; tests use
/// an in-memory one. Keeping this a protocol keeps the loader pure.
public protocol SourceReader: Sendable {
    /// The file's text; throw a `SourceReadError` when it cannot be read.
    func read(_ path: String) throws -> String
}

public struct SourceReadError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "\(path): \(reason)" }
}

/// Guards against hostile inputs.
public struct LoadLimits: Sendable {
    public var maxBytes: Int
    /// Nodes visited while walking a document (aliases count each time they are expanded).
    public var maxNodes: Int
    public init(maxBytes: Int = 1 << 20, maxNodes: Int = 100_000) { self.maxBytes = maxBytes; self.maxNodes = maxNodes }
    public static let `default` = LoadLimits()
}

/// A scenario with its plants, ready for the engine.
public struct LoadedScenario: Sendable {
    public var spec: ScenarioSpec
    /// One per `spec.plantPaths` entry, in the same order.
    public var plants: [PlantConfig]
    /// SHA-256 over the scenario text and every plant text (the run's input identity).
    public var digest: String
    /// Each plant's Modbus layout and own port, in `plants` order.
    public var modbusLayouts: [ModbusLayout]
    public var modbusPorts: [UInt16?]
    public init(
        spec: ScenarioSpec, plants: [PlantConfig], digest: String, modbusLayouts: [ModbusLayout]? = nil,
        modbusPorts: [UInt16?]? = nil
    ) {
        self.spec = spec; self.plants = plants; self.digest = digest
        self.modbusLayouts = modbusLayouts ?? plants.map { _ in ModbusLayout() }
        self.modbusPorts = modbusPorts ?? plants.map { _ in nil }
    }
}

/// Parses and validates plant and scenario files (YAML) into typed values, reporting every problem
/// with `file:line:col`.
public struct ScenarioLoader: Sendable {
    public let reader: any SourceReader
    public let limits: LoadLimits
    /// Equipment types plant files may use (tests inject their own).
    public let catalogue: [EquipmentType]

    public init(reader: any SourceReader, limits: LoadLimits = .default, catalogue: [EquipmentType] = EquipmentCatalogue.all) {
        self.reader = reader
        self.limits = limits
        self.catalogue = catalogue
    }

    /// Loads one plant file; throws every diagnostic (sorted by position) when it is not valid.
    public func loadPlant(path: String) throws(DiagnosticError) -> PlantConfig {
        try loadPlantFile(path: path).config
    }

    /// Loads one plant file with its Modbus layout.
    public func loadPlantFile(path: String) throws(DiagnosticError) -> PlantFile {
        let sink = DiagnosticSink()
        sink.register(file: path)
        let file = readText(path, sink: sink, reportAt: nil).flatMap { plant(text: $0, path: path, sink: sink) }
        guard let file, sink.count == 0 else { throw DiagnosticError(sink.sorted) }
        return file
    }

    /// Loads a scenario and the plant files it names; throws every diagnostic of the scenario and
    /// of its plant files (sorted: scenario first, then plant files, each by position).
    ///
    /// `LoadedScenario.digest` is the lowercase hex SHA-256 of the UTF-8 bytes of the scenario
    /// file's text, followed, for each plant file in `spec.plantPaths` order, by one NUL byte (0x00)
    /// and the UTF-8 bytes of that plant file's text. NUL never occurs in valid YAML, so the
    /// concatenation is unambiguous; any byte change in any input changes the digest.
    public func loadScenario(path: String) throws(DiagnosticError) -> LoadedScenario {
        let sink = DiagnosticSink()
        sink.register(file: path)
        let loaded = readText(path, sink: sink, reportAt: nil).flatMap { scenario(text: $0, path: path, sink: sink) }
        guard let loaded, sink.count == 0 else { throw DiagnosticError(sink.sorted) }
        return loaded
    }

    /// Validates one file of either kind (a plant file has a top-level `enterprise:`); returns
    /// every diagnostic, empty when the file is valid.
    public func validate(path: String) -> [Diagnostic] {
        let sink = DiagnosticSink()
        sink.register(file: path)
        guard let text = readText(path, sink: sink, reportAt: nil) else { return sink.sorted }
        return validate(text: text, path: path, sink: sink)
    }

    /// The same for a file already read (`tundish validate` reads each file once).
    public func validate(text: String, path: String) -> [Diagnostic] {
        let sink = DiagnosticSink()
        sink.register(file: path)
        return validate(text: text, path: path, sink: sink)
    }

    func validate(text: String, path: String, sink: DiagnosticSink) -> [Diagnostic] {
        guard let root = YAMLDocument.parse(text: text, file: path, limits: limits, into: sink) else { return sink.sorted }
        if Self.isPlantFile(root) {
            _ = plant(root: root, sink: sink)
        } else {
            _ = scenario(root: root, text: text, path: path, sink: sink)
        }
        return sink.sorted
    }

    /// Whether a file's text is a plant file (a top-level `enterprise:` key), by a cheap line scan.
    public static func looksLikePlantFile(_ text: String) -> Bool {
        text.split(separator: "\n").contains { $0.hasPrefix("enterprise:") }
    }

    static func isPlantFile(_ root: YNode) -> Bool {
        guard case .mapping(let pairs) = root.value else { return false }
        return pairs.contains { $0.key.scalarText == "enterprise" }
    }

    /// The file's text; a read failure is reported at `reportAt` (or at the file's 1:1).
    func readText(_ path: String, sink: DiagnosticSink, reportAt: SourceLocation?) -> String? {
        do {
            return try reader.read(path)
        } catch let error as SourceReadError {
            let location = reportAt ?? SourceLocation(file: path, line: 1, column: 1)
            let prefix = reportAt == nil ? "cannot read file" : "cannot read plant file '\(path)'"
            sink.error(location, "\(prefix): \(error.reason)")
        } catch {
            let location = reportAt ?? SourceLocation(file: path, line: 1, column: 1)
            sink.error(location, "cannot read file '\(path)': \(error)")
        }
        return nil
    }

    func plant(text: String, path: String, sink: DiagnosticSink) -> PlantFile? {
        guard let root = YAMLDocument.parse(text: text, file: path, limits: limits, into: sink) else { return nil }
        return plant(root: root, sink: sink)
    }

    func plant(root: YNode, sink: DiagnosticSink) -> PlantFile? {
        PlantFileParser(reader: YAMLReader(sink: sink), catalogue: catalogue).parse(root)
    }

    func scenario(text: String, path: String, sink: DiagnosticSink) -> LoadedScenario? {
        guard let root = YAMLDocument.parse(text: text, file: path, limits: limits, into: sink) else { return nil }
        return scenario(root: root, text: text, path: path, sink: sink)
    }
}
