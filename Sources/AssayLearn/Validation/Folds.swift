import AssayFrame
/// Row splits for validation, deterministic for a seed: the same seed gives the same folds on
/// every machine. Train and test indices are sorted.
public enum Folds {
    /// K folds over `rows` rows in a seeded random order; fold sizes differ by at most one.
    public static func kFold(rows: Int, k: Int, seed: UInt64) throws(LearnError) -> [(train: [Int], test: [Int])] {
        try check(k: k, rows: rows)
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<rows)
        generator.shuffle(&order)
        var fold = [Int](repeating: 0, count: rows)
        for (position, row) in order.enumerated() { fold[row] = position % k }
        return assemble(fold, k: k)
    }

    /// K folds that keep each class's share: every class's rows are shuffled and dealt to the folds
    /// in turn, continuing where the previous class stopped so fold sizes stay balanced.
    public static func stratifiedKFold(labels: [Int32], k: Int, seed: UInt64) throws(LearnError) -> [(train: [Int], test: [Int])] {
        try check(k: k, rows: labels.count)
        var generator = SeededGenerator(seed: seed)
        var fold = [Int](repeating: 0, count: labels.count)
        var next = 0
        for rows in rowsByClass(labels) {
            var rows = rows
            generator.shuffle(&rows)
            for row in rows {
                fold[row] = next % k
                next += 1
            }
        }
        return assemble(fold, k: k)
    }

    /// One split holding out `fraction` of the rows (rounded, at least one row on each side);
    /// stratified by class when `labels` are given.
    public static func holdout(rows: Int, fraction: Double, labels: [Int32]? = nil, seed: UInt64) throws(LearnError) -> (train: [Int], test: [Int]) {
        guard fraction > 0, fraction < 1 else {
            throw LearnError("holdout needs a fraction between 0 and 1, got \(fraction)", help: "for example `holdout 0.2`")
        }
        guard rows >= 2 else { throw LearnError("holdout needs at least 2 rows, got \(rows)") }
        if let labels, labels.count != rows {
            throw LearnError("\(labels.count) labels for \(rows) rows")
        }
        var generator = SeededGenerator(seed: seed)
        let testCount = min(max(Int((fraction * Double(rows)).rounded()), 1), rows - 1)
        var isTest = [Bool](repeating: false, count: rows)
        if let labels {
            // Each class gives its share, largest remainders first, so the total is exact.
            let groups = rowsByClass(labels).map { rows -> [Int] in
                var rows = rows
                generator.shuffle(&rows)
                return rows
            }
            let quotas = groups.map { Double($0.count) * Double(testCount) / Double(rows) }
            var counts = quotas.map { Int($0.rounded(.down)) }
            let byRemainder = quotas.indices.sorted { (quotas[$0] - Double(counts[$0]), -$0) > (quotas[$1] - Double(counts[$1]), -$1) }
            for g in byRemainder.prefix(testCount - counts.reduce(0, +)) { counts[g] += 1 }
            for (g, group) in groups.enumerated() { for row in group.prefix(counts[g]) { isTest[row] = true } }
        } else {
            var order = Array(0..<rows)
            generator.shuffle(&order)
            for row in order.prefix(testCount) { isTest[row] = true }
        }
        return ((0..<rows).filter { !isTest[$0] }, (0..<rows).filter { isTest[$0] })
    }

    private static func check(k: Int, rows: Int) throws(LearnError) {
        guard k >= 2 else { throw LearnError("cross-validation needs at least 2 folds, got \(k)", help: "for example `cv 5`") }
        guard k <= rows else { throw LearnError("\(k) folds need at least \(k) rows, and there are \(rows)") }
    }

    /// Row indices grouped by label, labels in increasing order.
    private static func rowsByClass(_ labels: [Int32]) -> [[Int]] {
        var groups: [Int32: [Int]] = [:]
        for (row, label) in labels.enumerated() { groups[label, default: []].append(row) }
        return groups.keys.sorted().map { groups[$0] ?? [] }
    }

    private static func assemble(_ fold: [Int], k: Int) -> [(train: [Int], test: [Int])] {
        (0..<k).map { f in
            (fold.indices.filter { fold[$0] != f }, fold.indices.filter { fold[$0] == f })
        }
    }
}
