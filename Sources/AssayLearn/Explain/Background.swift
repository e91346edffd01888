import AssayFrame

/// Background data for Kernel SHAP: a few weighted rows standing for the data, whose weighted
/// mean prediction is the base value. Every coalition costs one prediction per background row,
/// so the data is summarized first, by a sample or by k-means.
public struct Background: Sendable, Hashable {
    public var data: FeatureMatrix
    /// One weight per row, summing to 1.
    public var weights: [Double]

    /// `data` with `weights` (equal when nil), normalized to sum 1.
    public init(_ data: FeatureMatrix, weights: [Double]? = nil) throws(LearnError) {
        guard data.rows > 0 else { throw LearnError("the background data has no rows", help: "explain against at least one row") }
        let w = weights ?? [Double](repeating: 1, count: data.rows)
        guard w.count == data.rows else {
            throw LearnError("the background has \(data.rows) rows and \(w.count) weights")
        }
        let total = w.reduce(0, +)
        guard total > 0, total.isFinite, w.allSatisfy({ $0 >= 0 }) else {
            throw LearnError("background weights must be at least 0 and not all 0")
        }
        self.data = data
        self.weights = w.map { $0 / total }
    }

    /// `count` rows drawn without replacement (all of them when there are fewer), equally weighted.
    public static func sample(_ x: FeatureMatrix, count: Int, seed: UInt64) throws(LearnError) -> Background {
        guard x.rows > count else { return try Background(x) }
        var indices = Array(0..<x.rows)
        var generator = SeededGenerator(seed: seed)
        generator.shuffle(&indices, first: max(count, 1))
        return try Background(x.take(Array(indices[0..<max(count, 1)]).sorted()))
    }

    /// `clusters` k-means centres (k-means++ seeding, then Lloyd's iterations), each weighted
    /// by the rows it holds. Each centre's coordinates are then moved to the nearest value the
    /// feature takes in the data, so one-hot and integer features keep values the model has
    /// seen. Missing values are left out of distances and means.
    public static func kmeans(_ x: FeatureMatrix, clusters: Int, seed: UInt64, iterations: Int = 100) throws(LearnError) -> Background {
        guard x.rows > clusters else { return try Background(x) }
        let n = x.rows, p = x.columnCount, k = max(clusters, 1)
        var generator = SeededGenerator(seed: seed)
        // Row-major copy: distances read a row at a time.
        var rows = [Double](repeating: 0, count: n * p)
        for j in 0..<p { for r in 0..<n { rows[r * p + j] = x.values[j * n + r] } }
        func distance(_ r: Int, _ centres: [Double], _ c: Int) -> Double {
            var sum = 0.0
            for j in 0..<p {
                let d = rows[r * p + j] - centres[c * p + j]
                if !d.isNaN { sum += d * d }
            }
            return sum
        }
        var centres = [Double](repeating: 0, count: k * p)
        func setCentre(_ c: Int, toRow r: Int) { for j in 0..<p { centres[c * p + j] = rows[r * p + j] } }
        setCentre(0, toRow: generator.index(below: n))
        var nearest = [Double](repeating: .infinity, count: n)
        for c in 1..<max(k, 1) {
            var total = 0.0
            for r in 0..<n {
                nearest[r] = min(nearest[r], distance(r, centres, c - 1))
                total += nearest[r]
            }
            // The next centre with probability proportional to its squared distance.
            var pick = Double(generator.next() >> 11) * 0x1p-53 * total
            var chosen = n - 1
            for r in 0..<n {
                pick -= nearest[r]
                if pick < 0 { chosen = r; break }
            }
            setCentre(c, toRow: total > 0 ? chosen : generator.index(below: n))
        }
        var assignment = [Int](repeating: -1, count: n)
        for _ in 0..<max(iterations, 1) {
            var changed = false
            for r in 0..<n {
                var best = 0, bestDistance = Double.infinity
                for c in 0..<k {
                    let d = distance(r, centres, c)
                    if d < bestDistance { best = c; bestDistance = d }
                }
                if assignment[r] != best { assignment[r] = best; changed = true }
            }
            if !changed { break }
            var sums = [Double](repeating: 0, count: k * p)
            var counts = [Double](repeating: 0, count: k * p)
            for r in 0..<n {
                for j in 0..<p where !rows[r * p + j].isNaN {
                    sums[assignment[r] * p + j] += rows[r * p + j]
                    counts[assignment[r] * p + j] += 1
                }
            }
            // A centre that lost all its rows keeps its place.
            for i in 0..<(k * p) where counts[i] > 0 { centres[i] = sums[i] / counts[i] }
        }
        var sizes = [Double](repeating: 0, count: k)
        for r in 0..<n { sizes[assignment[r]] += 1 }
        let kept = (0..<k).filter { sizes[$0] > 0 }
        var values = [Double](repeating: .nan, count: kept.count * p)
        for j in 0..<p {
            let column = x.column(j).filter { !$0.isNaN }.sorted()
            for (i, c) in kept.enumerated() {
                values[j * kept.count + i] = nearestValue(centres[c * p + j], in: column)
            }
        }
        return try Background(FeatureMatrix(rows: kept.count, names: x.names, values: values), weights: kept.map { sizes[$0] })
    }

    /// The element of the sorted `column` closest to `v`; NaN for an empty column or a NaN `v`.
    private static func nearestValue(_ v: Double, in column: [Double]) -> Double {
        guard !v.isNaN, !column.isEmpty else { return .nan }
        var low = 0, high = column.count
        while low < high {
            let mid = (low + high) / 2
            if column[mid] < v { low = mid + 1 } else { high = mid }
        }
        if low == column.count { return column[low - 1] }
        if low == 0 { return column[0] }
        return v - column[low - 1] <= column[low] - v ? column[low - 1] : column[low]
    }
}
