extension ShapTree {
    /// Per-leaf tables of SHAP contributions by pattern, for one call's rows.
    ///
    /// For a leaf of `d` distinct features, entry `H · d + i` is the value of the leaf's `i`-th feature
    /// for a row whose followed features are the bits of `H`, multiplied by the leaf's value
    /// when the tree has one output. Leaves without a table (`offsets[leaf] < 0`) are computed
    /// per row.
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
        // Scratch for the subset sums of the deepest leaf, reused by every leaf.
        var product = [Double](repeating: 0, count: 1 << largest)
        var weighted = [Double](repeating: 0, count: 1 << largest)
        var polynomial = [Double](repeating: 0, count: (1 << largest) * (largest + 1))
        for (index, leaf) in leaves.enumerated() where offsets[index] >= 0 {
            let d = Int(leaf.depth)
            let z = slotFractions[Int(leaf.slotOffset)..<(Int(leaf.slotOffset) + d)]
            let value = outputs == 1 ? leafValues[Int(leaf.valueOffset)] : 1
            Self.fill(
                &entries, at: offsets[index], z: Array(z), value: value, weights: weights,
                product: &product, weighted: &weighted, polynomial: &polynomial)
        }
        return Tables(offsets: offsets, entries: entries)
    }

    /// One leaf's table. For every subset `M` of its features it needs `Z[M] = Π_{j∈M} z_j` and
    /// `A[M] = Σ_{S ⊆ M} w(|S|, d) · Π_{j ∈ M \ S} z_j`, which is `Σ_s w(s, d) · c_s` for the
    /// coefficients `c_s` of `Π_{j ∈ M} (t + z_j)`; each subset's polynomial is its subset
    /// without the lowest bit times one factor. Then, with `C` the features not followed,
    ///
    ///     i ∈ H:  (1 − z_i) · A[H \ {i}] · Z[C]
    ///     i ∉ H:       −z_i · A[H] · Z[C \ {i}]
    static func fill(
        _ entries: inout [Double], at offset: Int, z: [Double], value: Double, weights: ShapleyWeights,
        product: inout [Double], weighted: inout [Double], polynomial: inout [Double]
    ) {
        let d = z.count
        let size = 1 << d
        let width = d + 1
        let full = size - 1
        let w = (0..<d).map { weights[$0, of: d] }
        product[0] = 1
        for s in 0..<width { polynomial[s] = 0 }
        polynomial[0] = 1
        weighted[0] = w[0]
        for m in 1..<size {
            let j = m.trailingZeroBitCount
            let previous = m & (m - 1)
            let zj = z[j]
            product[m] = product[previous] * zj
            let count = m.nonzeroBitCount
            let from = previous * width, to = m * width
            polynomial[to] = zj * polynomial[from]
            if count > 1 {
                for s in 1..<count { polynomial[to + s] = polynomial[from + s - 1] + zj * polynomial[from + s] }
            }
            polynomial[to + count] = polynomial[from + count - 1]
            // The full set's sum is never read (some feature must be off for `A[H]` to matter)
            // and has no weight for s = d.
            guard count < d else { weighted[m] = 0; continue }
            var sum = 0.0
            for s in 0...count { sum += w[s] * polynomial[to + s] }
            weighted[m] = sum
        }
        for h in 0..<size {
            let off = full ^ h
            let row = offset + h * d
            for i in 0..<d {
                let bit = 1 << i
                let phi = h & bit != 0
                    ? (1 - z[i]) * weighted[h ^ bit] * product[off]
                    : -z[i] * weighted[h] * product[off ^ bit]
                entries[row + i] = phi * value
            }
        }
    }
}
