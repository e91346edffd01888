extension ShapTree {
    /// Per-leaf tables of SHAP values by pattern, for one call's rows.
    ///
    /// For a leaf of `d` features, entry `H · d + i` is what its `i`-th feature gets from a row
    /// that follows the features `H` and misses `C`:
    ///
    ///     i ∈ H:  (1 − z_i) · v · A[H \ {i}] · Z[C]
    ///     i ∉ H:       −z_i · v · A[H] · Z[C \ {i}]
    ///
    /// with, for every subset `M` of the leaf's features,
    ///
    ///     A[M] = Σ_{S ⊆ M} w(|S|, d) · Π_{j ∈ M \ S} z_j        Z[M] = Π_{j ∈ M} z_j
    ///
    /// (`v` is 1 for trees of several outputs, which multiply by each output's value
    /// afterwards). A row then costs one load and one addition per slot. Leaves without a
    /// table (`offsets[leaf] < 0`) are computed per row.
    struct Tables: Sendable {
        var offsets: [Int]
        var entries: [Double]
    }

    /// Deepest leaf (in distinct features) that gets a table: 10 features make 10 · 2^10
    /// entries, 80 KB, still cheap to build and to keep in cache while a block of rows passes.
    static let deepestTable = 10

    /// Whether a leaf of `d` distinct features is worth a table for `rows` rows: building costs
    /// about `d · 2^d` steps, and evaluating it per row about `d²`.
    static func tabulates(depth d: Int, rows: Int) -> Bool {
        d <= deepestTable && rows * d >= 2 << d
    }

    /// Table entries the leaves would take for `rows` rows.
    func tableSize(rows: Int) -> Int {
        var size = 0
        for leaf in leaves {
            let d = Int(leaf.depth)
            if Self.tabulates(depth: d, rows: rows) { size += d << d }
        }
        return size
    }

    /// Builds the tables for `rows` rows.
    func tables(rows: Int, weights: ShapleyWeights) -> Tables {
        var offsets = [Int](repeating: -1, count: leaves.count)
        var size = 0
        for (index, leaf) in leaves.enumerated() {
            let d = Int(leaf.depth)
            guard Self.tabulates(depth: d, rows: rows) else { continue }
            offsets[index] = size
            size += d << d
        }
        var entries = [Double](repeating: 0, count: size)
        guard size > 0 else { return Tables(offsets: offsets, entries: entries) }
        let largest = leaves.indices.reduce(0) { offsets[$1] >= 0 ? max($0, Int(leaves[$1].depth)) : $0 }
        // Every subset's polynomial and sums, reused by every leaf.
        var polynomial = [Double](repeating: 0, count: (1 << largest) * (largest + 1))
        var sums = [Double](repeating: 0, count: 2 << largest)
        for (index, leaf) in leaves.enumerated() where offsets[index] >= 0 {
            let d = Int(leaf.depth)
            let slots = Int(leaf.slotOffset)..<(Int(leaf.slotOffset) + d)
            Self.subsetSums(&sums, z: Array(slotFractions[slots]), weights: weights, polynomial: &polynomial)
            let followed = Array(slotFollowed[slots]), missed = Array(slotMissed[slots])
            let full = (1 << d) - 1
            for h in 0...full {
                let row = offsets[index] + h * d
                for i in 0..<d {
                    let others = ~(1 << i)
                    let coefficient = h & (1 << i) != 0 ? followed[i] : missed[i]
                    entries[row + i] = coefficient * sums[2 * (h & others)] * sums[2 * ((full ^ h) & others) + 1]
                }
            }
        }
        return Tables(offsets: offsets, entries: entries)
    }

    /// One leaf's `A[M]` and `Z[M]`, interleaved at `2M` and `2M + 1`. `A[M]` is `Σ_s w(s, d) · c_s` for the coefficients `c_s` of
    /// `Π_{j ∈ M} (t + z_j)` (the elementary symmetric sums the subsets add up to); each
    /// subset's polynomial is its subset without the lowest bit times one factor.
    static func subsetSums(_ entries: inout [Double], z: [Double], weights: ShapleyWeights, polynomial: inout [Double]) {
        let offset = 0
        let d = z.count
        let size = 1 << d
        let width = d + 1
        let w = (0..<d).map { weights[$0, of: d] }
        for s in 0..<width { polynomial[s] = 0 }
        polynomial[0] = 1
        entries[offset] = w[0]
        entries[offset + 1] = 1
        for m in 1..<size {
            let j = m.trailingZeroBitCount
            let previous = m & (m - 1)
            let zj = z[j]
            entries[offset + 2 * m + 1] = entries[offset + 2 * previous + 1] * zj
            let count = m.nonzeroBitCount
            let from = previous * width, to = m * width
            polynomial[to] = zj * polynomial[from]
            if count > 1 {
                for s in 1..<count { polynomial[to + s] = polynomial[from + s - 1] + zj * polynomial[from + s] }
            }
            polynomial[to + count] = polynomial[from + count - 1]
            // The full set's sum is never read (`H \ {i}` lacks `i`) and has no weight for s = d.
            guard count < d else { continue }
            var sum = 0.0
            for s in 0...count { sum += w[s] * polynomial[to + s] }
            entries[offset + 2 * m] = sum
        }
    }
}
