import ArgumentParser

@main
struct Tundish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tundish",
        abstract: "Plant simulator and conformance harness for steel and aluminium DC-casting risk monitoring.",
        version: TundishVersion.current,
        subcommands: [
            RunCommand.self, CheckCommand.self, ReportCommand.self, ValidateCommand.self, PointsCommand.self,
            SimulateCommand.self, SlaveCommand.self, ServeCommand.self, BenchCommand.self,
        ])
}

enum TundishVersion {
    static let current = "0.1.0"
}
