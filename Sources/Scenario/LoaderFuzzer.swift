import SimCore

/// A seeded mutation fuzzer for the loader (docs/reliability.md): mutates one scenario or plant
/// file of an in-memory set (byte flips, token deletions and duplications, indentation changes,
/// YAML snippets, huge numbers, deep nesting, aliases) and checks the loader's answer. Iteration
/// `i` of seed `s` is always the same mutant, so a finding is reproduced with `mutant(i, s)`.
///
/// The oracle: no crash (the caller's process survives); a rejected file has diagnostics, at least
/// one of them in the fuzzed file; every diagnostic names a known file and a line:col inside it
/// (line ≥ 1 and at most one past its last line, column ≥ 1) and has a message; a file that
/// validates without diagnostics also loads.
public struct LoaderFuzzer: Sendable {
    public struct Finding: Sendable, CustomStringConvertible {
        public var iteration: Int
        public var path: String
        public var problem: String
        public var mutations: [String]
        public var description: String { "iteration \(iteration) (\(path); \(mutations.joined(separator: ", "))): \(problem)" }
    }

    public struct Summary: Sendable {
        public var iterations = 0
        public var accepted = 0
        public var rejected = 0
        public var diagnostics = 0
        public var mutations: [String: Int] = [:]
        public var findings: [Finding] = []
    }

    public let files: [String: String]
    /// Paths mutated, in a fixed order.
    public let targets: [String]
    let loader: @Sendable (_ files: [String: String]) -> ScenarioLoader

    public init(
        files: [String: String], targets: [String]? = nil,
        loader: @escaping @Sendable (_ files: [String: String]) -> ScenarioLoader = {
            ScenarioLoader(reader: MemorySourceReader(files: $0))
        }
    ) {
        self.files = files
        self.targets = (targets ?? Array(files.keys)).sorted()
        self.loader = loader
    }

    static let snippets = [
        "- [", "{a: b", "&a x", "*a", "!!binary AAAA", "? x\n: y", "key: |\n  text", "'''", "\"\\u0000\"",
        "!!python/object:os.system x", "<<: *a", "%YAML 1.2\n---", "---", "...", "- - - - x", "a: {b: [c, {d: e}]}",
        "\t", ": :", "@", "`", "x: !!int abc", "x: 0x1F", "x: 1_000", "x: ~", "x: !!float .nan", "[]", "{}",
        "x: &x {y: *x}", "\u{FEFF}", "x: \"\u{1F600}\"", "钢: 铝",
    ]

    static let numbers = [
        "1e309", "-1e309", "99999999999999999999999", "-9223372036854775809", "9223372036854775807", "0x7FFFFFFFFFFFFFFF",
        ".nan", ".inf", "-.inf", "1e-400", "-0", "0", "4294967296", "65536", "-1", "1.5e300", "0.0000000001",
    ]

    /// The mutant of one iteration: which file, its text, and the mutations applied.
    public func mutant(iteration: Int, seed: UInt64) -> (path: String, text: String, mutations: [String]) {
        var rng = SeededRandom(seed: seed).fork(label: "loader-fuzz/\(iteration)")
        let path = targets[Int(rng.next() % UInt64(targets.count))]
        var text = files[path] ?? ""
        var applied: [String] = []
        for _ in 0...(rng.next() % 3) {
            let (name, mutated) = Self.mutate(text, &rng)
            text = mutated
            applied.append(name)
        }
        return (path, text, applied)
    }

    static func pick<T>(_ items: [T], _ rng: inout SeededRandom) -> T { items[Int(rng.next() % UInt64(items.count))] }

    static func mutate(_ text: String, _ rng: inout SeededRandom) -> (String, String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = Int(rng.next() % UInt64(max(1, lines.count)))
        func joined() -> String { lines.joined(separator: "\n") }
        switch rng.next() % 12 {
        case 0:
            var bytes = Array(text.utf8)
            guard !bytes.isEmpty else { return ("byte flip", text) }
            bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            return ("byte flip", String(decoding: bytes, as: UTF8.self))
        case 1, 2:
            var tokens = lines[line].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard !tokens.isEmpty else { return ("token deletion", text) }
            let at = Int(rng.next() % UInt64(tokens.count))
            let duplicate = rng.next() % 2 == 0
            if duplicate { tokens.insert(tokens[at], at: at) } else { tokens.remove(at: at) }
            lines[line] = tokens.joined(separator: " ")
            return (duplicate ? "token duplication" : "token deletion", joined())
        case 3:
            let change = Int(rng.next() % 5)
            switch change {
            case 0: lines[line] = "  " + lines[line]
            case 1: lines[line] = String(lines[line].drop { $0 == " " })
            case 2: lines[line] = "\t" + lines[line]
            case 3: lines[line] = String(lines[line].dropFirst())
            default: lines[line] = String(repeating: " ", count: Int(rng.next() % 40)) + lines[line]
            }
            return ("indentation", joined())
        case 4:
            let snippet = pick(snippets, &rng)
            if rng.next() % 2 == 0 { lines.insert(snippet, at: line) } else { lines[line] += " " + snippet }
            return ("YAML snippet", joined())
        case 5:
            // A number (or a value after ': ') replaced by a huge, tiny or special one.
            let number = pick(numbers, &rng)
            if let colon = lines[line].range(of: ": ") {
                lines[line] = String(lines[line][..<colon.upperBound]) + number
            } else {
                lines[line] += " " + number
            }
            return ("huge number", joined())
        case 6:
            let depth = 50 + Int(rng.next() % 300)
            let nested =
                rng.next() % 2 == 0
                ? "x: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
                : (0..<min(depth, 120)).map { String(repeating: " ", count: $0 * 2) + "k\($0):" }.joined(separator: "\n")
            lines.insert(nested, at: line)
            return ("deep nesting", joined())
        case 7:
            let bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
                        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]", "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
                        "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]"]
            let count = 1 + Int(rng.next() % UInt64(bomb.count))
            lines.insert(contentsOf: bomb.prefix(count), at: line)
            return ("aliases", joined())
        case 8:
            if let colon = lines[line].range(of: ": "), rng.next() % 2 == 0 {
                lines[line] = String(lines[line][..<colon.upperBound]) + "&v" + String(lines[line][colon.upperBound...])
                lines.insert("alias: *v", at: min(lines.count, line + 1))
            } else {
                lines[line] += " *undefined"
            }
            return ("anchor/alias", joined())
        case 9:
            let other = Int(rng.next() % UInt64(max(1, lines.count)))
            if rng.next() % 2 == 0 { lines.swapAt(line, other) } else { lines.insert(lines[other], at: line) }
            return ("line swap/duplicate", joined())
        case 10:
            if lines.count > 1 { lines.remove(at: line) }
            return ("line deletion", joined())
        default:
            let cut = Int(rng.next() % UInt64(max(1, text.utf8.count)))
            return ("truncation", String(decoding: Array(text.utf8.prefix(cut)), as: UTF8.self))
        }
    }

    /// Runs one iteration; returns the verdict's counts and a finding if the oracle disagrees.
    public func check(iteration: Int, seed: UInt64) -> (rejected: Bool, diagnostics: Int, mutations: [String], finding: Finding?) {
        let (path, text, mutations) = mutant(iteration: iteration, seed: seed)
        var set = files
        set[path] = text
        let loader = loader(set)
        let diagnostics = loader.validate(path: path)
        func finding(_ problem: String) -> Finding {
            Finding(iteration: iteration, path: path, problem: problem, mutations: mutations)
        }
        for diagnostic in diagnostics {
            let location = diagnostic.location
            guard let source = set[location.file] else {
                return (true, diagnostics.count, mutations, finding("diagnostic in an unknown file: \(diagnostic)"))
            }
            let lineCount = source.split(separator: "\n", omittingEmptySubsequences: false).count
            if location.line < 1 || location.line > lineCount + 1 || location.column < 1 || diagnostic.message.isEmpty {
                return (true, diagnostics.count, mutations, finding("diagnostic outside its file (\(lineCount) lines): \(diagnostic)"))
            }
        }
        if !diagnostics.isEmpty, !diagnostics.contains(where: { $0.location.file == path }) {
            let list = diagnostics.map(\.description).joined(separator: "; ")
            return (true, diagnostics.count, mutations, finding("rejected without a diagnostic in the fuzzed file: \(list)"))
        }
        if diagnostics.isEmpty {
            let loads = (try? loader.loadPlantFile(path: path)) != nil || (try? loader.loadScenario(path: path)) != nil
            if !loads { return (false, 0, mutations, finding("validates but does not load")) }
        }
        return (!diagnostics.isEmpty, diagnostics.count, mutations, nil)
    }

    /// Iterations `start..<start+count`; stops collecting after 20 findings.
    public func run(count: Int, seed: UInt64, start: Int = 0, progress: ((Int) -> Void)? = nil) -> Summary {
        var summary = Summary()
        for iteration in start..<(start + count) {
            progress?(iteration)
            let result = check(iteration: iteration, seed: seed)
            summary.iterations += 1
            if result.rejected { summary.rejected += 1 } else { summary.accepted += 1 }
            summary.diagnostics += result.diagnostics
            for name in result.mutations { summary.mutations[name, default: 0] += 1 }
            if let finding = result.finding {
                summary.findings.append(finding)
                if summary.findings.count >= 20 { break }
            }
        }
        return summary
    }
}

/// Files held in memory (the fuzzer's mutants; tests).
public struct MemorySourceReader: SourceReader {
    public var files: [String: String]
    public init(files: [String: String]) { self.files = files }
    public func read(_ path: String) throws -> String {
        guard let text = files[path] else { throw SourceReadError(path: path, reason: "no such file") }
        return text
    }
}
