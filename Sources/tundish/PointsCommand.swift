import ArgumentParser
import CLISupport
import Foundation
import LiveHarness
import ModbusMap
import PlantModel
import Scenario

struct PointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "points",
        abstract: "Print a plant's point catalogue with units, ranges and limits.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, markdown }

    @Argument(help: "A plant file (Scenarios/plants/*.yaml), or a scenario file: its plants' points.")
    var plantFile: String

    @Option(help: "Output format: table, json, csv, or markdown (the register map as in docs/register-maps.md).")
    var format: Format = .table

    func run() throws { try HarnessErrors.exitCode2 { try execute() } }

    func execute() throws {
        try FileSourceReader.requireFile(plantFile)
        let loader = ScenarioLoader(reader: FileSourceReader())
        var catalogues: [PointCatalogueRows] = []
        do {
            if ScenarioLoader.looksLikePlantFile(try FileSourceReader().read(plantFile)) {
                let file = try loader.loadPlantFile(path: plantFile)
                let plant = Plant(config: file.config)
                catalogues.append(PointCatalogueRows(plant: plant, map: try UnitMap.generate(points: plant.points, layout: file.modbus)))
            } else {
                let scenario = try loader.loadScenario(path: plantFile)
                Console.error("\(plantFile) is a scenario; the points of its plant file\(scenario.spec.plantPaths.count == 1 ? "" : "s"): "
                    + scenario.spec.plantPaths.joined(separator: ", "))
                for (config, layout) in zip(scenario.plants, scenario.modbusLayouts) {
                    let plant = Plant(config: config)
                    catalogues.append(PointCatalogueRows(plant: plant, map: try UnitMap.generate(points: plant.points, layout: layout)))
                }
            }
        } catch let error as DiagnosticError {
            Console.error(error.description)
            throw ExitCode(1)
        }
        switch format {
        case .table: print(catalogues.map { $0.table() }.joined(separator: "\n"), terminator: "")
        case .csv: print(catalogues.map { $0.csv() }.joined(separator: "\n"), terminator: "")
        case .markdown: print(catalogues.map { $0.markdownRegisterMap() }.joined(separator: "\n"), terminator: "")
        case .json:
            let documents = try catalogues.map { try $0.json() }
            print(documents.count == 1 ? documents[0] : "[\n" + documents.joined(separator: ",\n") + "\n]")
        }
    }
}

/// The point catalogue as rows of text, in the three output formats.
struct PointCatalogueRows {
    static let columns = [
        "code", "nameZh", "nameEn", "unit", "kind", "rangeMin", "rangeMax", "LL", "L", "H", "HH",
        "samplePeriod", "critical", "equipment", "states", "clause", "unitId", "table", "address", "type", "scale",
        "offset", "wordOrder", "writable", "qualityRegister",
    ]
    let plant: Plant
    let map: UnitMap

    func value(_ index: Int) -> RegisterBinding? {
        map.bindings.first { $0.pointIndex == index && $0.role == .value }
    }

    var rows: [[String]] {
        plant.points.enumerated().map { index, point in
            let binding = value(index)
            let register: [String] = binding.map {
                [
                    String(map.unitId), $0.table.rawValue, String($0.address), $0.type.rawValue, Self.number($0.scale),
                    Self.number($0.offset), $0.type.width == 2 ? $0.wordOrder.rawValue : "", $0.writable ? "yes" : "no",
                    String(index),
                ]
            } ?? Array(repeating: "", count: 9)
            return [
                point.code, point.nameZh, point.nameEn, point.unit, point.kind.rawValue, Self.number(point.rangeMin),
                Self.number(point.rangeMax), Self.number(point.limits.ll), Self.number(point.limits.l),
                Self.number(point.limits.h), Self.number(point.limits.hh), point.samplePeriod.description,
                point.critical ? "yes" : "no", point.equipment, point.states.joined(separator: "|"), point.clause ?? "",
            ] + register
        }
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    func csv() -> String {
        ([Self.columns] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func json() throws -> String {
        struct Entry: Encodable {
            var code, nameZh, nameEn, unit, kind, equipment: String
            var rangeMin, rangeMax: Double
            var limits: Limits
            var samplePeriodMs: Int64
            var critical: Bool
            var states: [String]
            var clause: String?
            var register: RegisterBinding?
            var qualityRegister: Int
        }
        let entries = plant.points.enumerated().map { index, point in
            Entry(
                code: point.code, nameZh: point.nameZh, nameEn: point.nameEn, unit: point.unit, kind: point.kind.rawValue,
                equipment: point.equipment, rangeMin: point.rangeMin, rangeMax: point.rangeMax, limits: point.limits,
                samplePeriodMs: point.samplePeriod.milliseconds, critical: point.critical, states: point.states,
                clause: point.clause, register: value(index), qualityRegister: index)
        }
        struct Document: Encodable {
            var schemaVersion = 1
            var enterprise: Enterprise
            var unitId: UInt8
            var points: [Entry]
            /// The plant's safety interlocks: trigger points and side, actions, result points, delay, clause.
            var interlocks: [InterlockSpec]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Document(enterprise: plant.enterprise, unitId: map.unitId, points: entries,
                                                      interlocks: plant.interlocks))
        return String(decoding: data, as: UTF8.self)
    }

    /// The register map as a Markdown table (docs/register-maps.md is checked against it).
    func markdownRegisterMap() -> String {
        var lines = [
            "Unit id \(map.unitId). Quality of point n: input register n. Plant-time clock: input registers "
                + "\(UnitMap.clockAddress(pointCount: plant.points.count))…\(UnitMap.clockAddress(pointCount: plant.points.count) + 2).",
            "",
            "| point | name | unit | table | address | type | scale | offset | word order | writable |",
            "|---|---|---|---|---:|---|---:|---:|---|---|",
        ]
        for (index, point) in plant.points.enumerated() {
            guard let binding = value(index) else { continue }
            lines.append(
                "| `\(point.code)` | \(point.nameZh) / \(point.nameEn) | \(point.unit) | \(binding.table.rawValue) | "
                    + "\(binding.address) | \(binding.type.rawValue) | \(Self.number(binding.scale)) | \(Self.number(binding.offset)) | "
                    + "\(binding.type.width == 2 ? binding.wordOrder.rawValue : "—") | \(binding.writable ? "yes" : "no") |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Aligned columns (CJK characters count double width), a subset that fits a terminal.
    func table() -> String {
        let shown = [0, 1, 3, 4, 7, 8, 9, 10, 11, 17, 18, 19, 22]
        let header = shown.map { Self.columns[$0] }
        let body = rows.map { row in shown.map { row[$0] } }
        let widths = header.indices.map { column in
            ([header] + body).map { Self.displayWidth($0[column]) }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { cell, width in
                cell + String(repeating: " ", count: width - Self.displayWidth(cell))
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let title = "\(plant.enterprise.code) \(plant.enterprise.name) — \(plant.points.count) points"
        return ([title, line(header)] + body.map(line)).joined(separator: "\n") + "\n"
    }

    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic || $1.value >= 0xFF00 && $1.value <= 0xFF60 ? 2 : 1) }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
