extension Tree {
    /// Covers where every split's cover is exactly the sum of its children's, built up from the
    /// leaves (negative covers count as 0). Sums of histogram sums can differ from the parent's
    /// own sum in the last bits, and the path-dependent expectation needs fractions that add up.
    func consistentCover() -> [Double] {
        var out = [Double](repeating: 0, count: nodeCount)
        // Children come after their parents, so a backward pass sees children first.
        for i in stride(from: nodeCount - 1, through: 0, by: -1) {
            out[i] = isLeaf(i) ? max(cover[i], 0) : out[Int(left[i])] + out[Int(right[i])]
        }
        return out
    }
}
