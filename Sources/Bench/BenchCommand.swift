import ArgumentParser

/// `tundish bench …`: the benchmarks and the loader fuzzer, registered by the CLI.
public struct BenchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks; results go to docs/performance.md with the command that produced them.",
        subcommands: [
            BenchSimCommand.self, BenchModbusCommand.self, BenchUplinkCommand.self, BenchCheckCommand.self,
            BenchScaleCommand.self, FuzzParserCommand.self,
        ])

    public init() {}
}
