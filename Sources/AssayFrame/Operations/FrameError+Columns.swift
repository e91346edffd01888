/// Errors about column names, with a `help:` line that suggests the closest known name or lists
/// the columns there are.
extension FrameError {
    public static func unknownColumn(_ name: String, available: [String], side: String? = nil) -> FrameError {
        let place = side.map { " in the \($0) dataset" } ?? ""
        return FrameError("unknown column `\(name)`\(place)", help: columnHelp(for: name, available: available))
    }

    static func columnHelp(for name: String, available: [String]) -> String {
        if let closest = closestName(to: name, in: available) { return "did you mean `\(closest)`?" }
        guard !available.isEmpty else { return "the dataset has no columns" }
        let shown = available.prefix(8).map { "`\($0)`" }.joined(separator: ", ")
        let more = available.count > 8 ? " and \(available.count - 8) more" : ""
        return "the columns are \(shown)\(more)"
    }

    /// The known name within a small edit distance (a third of the name, at least 1), case
    /// differences counting as nothing; nil when nothing is close.
    static func closestName(to name: String, in candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        let limit = max(1, target.count / 3)
        for candidate in candidates {
            let other = Array(candidate.lowercased())
            guard abs(other.count - target.count) <= limit else { continue }
            let distance = editDistance(target, other)
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// neighbours (`nmae` is one edit from `name`).
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}

extension Dataset {
    /// The column named `name`, or an unknown-column error that helps find the right one.
    func requireColumn(_ name: String) throws(FrameError) -> Column {
        guard let column = column(name) else { throw .unknownColumn(name, available: columnNames) }
        return column
    }

    /// The columns named, in order; each name may appear once.
    func requireColumns(_ names: [String], role: String) throws(FrameError) -> [Column] {
        var seen: Set<String> = []
        var result: [Column] = []
        for name in names {
            guard seen.insert(name).inserted else { throw FrameError("\(role) `\(name)` is listed twice") }
            result.append(try requireColumn(name))
        }
        return result
    }
}
