/// `sample` and `split`: random rows, reproducible from a seed alone.
extension Dataset {
    /// `count` distinct rows chosen uniformly, in the random order they were drawn (as pandas'
    /// `sample`).
    public func sample(count: Int, seed: UInt64) throws(FrameError) -> Dataset {
        guard count >= 0 else { throw FrameError("can't sample a negative number of rows (\(count))") }
        guard count <= rowCount else {
            throw FrameError(
                "can't sample \(count) rows from a dataset of \(rowCount) without repeating rows",
                help: "sample at most \(rowCount) rows, or a fraction such as `sample 0.5`")
        }
        var rows = Array(0..<rowCount)
        var generator = SeededGenerator(seed: seed)
        generator.shuffle(&rows, first: count)
        return take(Array(rows.prefix(count)))
    }

    /// A `fraction` of the rows, rounded to the nearest count (half to even, as pandas).
    public func sample(fraction: Double, seed: UInt64) throws(FrameError) -> Dataset {
        guard fraction >= 0 && fraction <= 1 else {
            throw FrameError(
                "a sample fraction is between 0 and 1, got \(fraction)",
                help: "write a fraction such as `sample 0.1`, or a row count such as `sample 100`")
        }
        return try sample(count: Int((fraction * Double(rowCount)).rounded(.toNearestOrEven)), seed: seed)
    }

    /// Random parts of the given fractions, plus one more part with the rest when they add up to
    /// less than 1 (`[0.8]` gives 80% and 20%). Every row lands in exactly one part, and each
    /// part keeps the original row order. Part sizes are the fractions of all rows, rounded so they
    /// add up; with `stratify`, each class (missing being one) is spread over the parts in the
    /// same proportions, as closely as whole rows allow.
    public func split(fractions: [Double], stratify: String?, seed: UInt64) throws(FrameError) -> [Dataset] {
        guard !fractions.isEmpty else {
            throw FrameError("`split` needs at least one fraction", help: "for example `split d 0.8`")
        }
        for fraction in fractions where !(fraction > 0 && fraction <= 1) {
            throw FrameError("a split fraction is between 0 and 1, got \(fraction)")
        }
        let total = Moments.sum(fractions)
        guard total <= 1 + 1e-9 else {
            throw FrameError(
                "split fractions add up to \(total), more than 1",
                help: "make them add up to 1 or less; what is left becomes one more part")
        }
        var parts = fractions
        if 1 - total > 1e-9 { parts.append(1 - total) }
        let strata = GroupRows(try stratify.map { name throws(FrameError) in [try requireColumn(name)] } ?? [], rowCount: rowCount)
        let sizes = (0..<strata.count).map { strata.rows(of: $0).count }
        let allocation = Self.allocate(sizes, parts)
        var generator = SeededGenerator(seed: seed)
        var partOfRow = [Int](repeating: 0, count: rowCount)
        for (stratum, counts) in allocation.enumerated() {
            var rows = Array(strata.rows(of: stratum))
            generator.shuffle(&rows)
            var start = 0
            for (part, count) in counts.enumerated() {
                let end = min(rows.count, start + count)
                for row in rows[start..<end] { partOfRow[row] = part }
                start = end
            }
        }
        var rowsOfPart = [[Int]](repeating: [], count: parts.count)
        for (row, part) in partOfRow.enumerated() { rowsOfPart[part].append(row) }
        return rowsOfPart.map { take($0) }
    }

    /// Rows of each stratum per part. The parts' totals are the fractions of all rows, rounded
    /// cumulatively so they add up; each stratum first gets the whole rows of its exact share,
    /// then the rows left over go where the share's fraction is largest, as long as both the
    /// stratum and the part still lack rows.
    static func allocate(_ sizes: [Int], _ fractions: [Double]) -> [[Int]] {
        let total = sizes.reduce(0, +)
        var targets: [Int] = []
        var cumulative = 0.0
        var previous = 0
        for (part, fraction) in fractions.enumerated() {
            cumulative += fraction
            let boundary = part == fractions.count - 1 ? total : min(total, Int((cumulative * Double(total)).rounded()))
            targets.append(max(0, boundary - previous))
            previous = max(previous, boundary)
        }
        var allocation = sizes.map { size in fractions.map { Int((Double(size) * $0).rounded(.down)) } }
        var stratumLacks = sizes.indices.map { sizes[$0] - allocation[$0].reduce(0, +) }
        var partLacks = fractions.indices.map { part in targets[part] - allocation.reduce(0) { $0 + $1[part] } }
        var cells: [(stratum: Int, part: Int, remainder: Double)] = []
        for (stratum, size) in sizes.enumerated() {
            for (part, fraction) in fractions.enumerated() {
                let share = Double(size) * fraction
                cells.append((stratum, part, share - share.rounded(.down)))
            }
        }
        // Largest remainders first; ties in stratum then part order, so the result is deterministic.
        cells.sort { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : ($0.stratum, $0.part) < ($1.stratum, $1.part) }
        for cell in cells where stratumLacks[cell.stratum] > 0 && partLacks[cell.part] > 0 {
            allocation[cell.stratum][cell.part] += 1
            stratumLacks[cell.stratum] -= 1
            partLacks[cell.part] -= 1
        }
        // Whatever the remainders couldn't place goes to the parts that lack the most rows.
        for stratum in sizes.indices {
            while stratumLacks[stratum] > 0, let part = partLacks.indices.max(by: { partLacks[$0] < partLacks[$1] }) {
                allocation[stratum][part] += 1
                stratumLacks[stratum] -= 1
                partLacks[part] -= 1
            }
        }
        return allocation
    }
}
