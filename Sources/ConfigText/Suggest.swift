/// "Did you mean" by edit distance, for every file format's diagnostics (scenario, plant, profile).
public enum Suggest {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo: a
    /// case-insensitive match, or an edit distance of at most a third of the word (at least 1, at
    /// most 3). Ties go to the candidate listed first.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        guard !word.isEmpty, word.count <= 200 else { return nil }
        let lowered = word.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == lowered && $0 != word }) { return exact }
        let threshold = min(3, max(1, word.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word && candidate.count <= 200 {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= threshold, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { value = min(value, previous2[j - 2] + 1) }
                current[j] = value
            }
            previous2 = previous
            previous = current
        }
        return previous[y.count]
    }
}
