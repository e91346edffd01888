/// One tree prepared for exact path-dependent TreeSHAP (Lundberg et al. 2018).
///
/// Under the path-dependent expectation a leaf `l` with value `v` adds to the coalition `S`'s
/// expected output `v · Π_{j ∈ U ∩ S} o_j · Π_{j ∈ U \ S} z_j`, where `U` holds the distinct
/// features on the leaf's path, `o_j` is 1 when the row follows every edge on `j` and `z_j` is
/// the product of those edges' cover fractions. The game restricted to one leaf is a product
/// game, so its Shapley value for `i ∈ U` is
///
///     φ_i = v · (o_i − z_i) · Σ_{S ⊆ H \ {i}} w(|S|, d) · Π_{j ∈ U \ {i} \ S} z_j
///
/// with `H` the features whose `o_j` is 1, `d = |U|` and `w` the Shapley weights; only subsets
/// of `H` survive because `o_j` is 0 elsewhere. The sum depends on the row only through `H`,
/// which is Fast TreeSHAP v2's observation (Yang 2021): a leaf's values for all `2^d` patterns
/// are tabulated once (`ShapTree+Tables`), and a row costs one pass over the nodes to find
/// each leaf's pattern plus `d` additions per leaf. Leaves too deep to tabulate evaluate the
/// sum per row from the polynomial `Π_{j ∈ H} (t + z_j)`, whose coefficients are the
/// elementary symmetric sums the subsets add up to.
struct ShapTree: Sendable {
    /// A split for the row pass, in the tree's order (parents before children).
    struct Node {
        var threshold: Double
        /// Its index among all the tree's nodes.
        var index: Int32
        var feature: Int32
        var left: Int32
        var right: Int32
        /// The bit of this node's feature among the distinct features on the path to it; 0 when
        /// that position is past 64 (only leaves too deep to tabulate lie below, and they do
        /// not read the bits).
        var bit: UInt64
        var missingLeft: Bool
    }

    /// A leaf and where its path's data live in the flat arrays.
    struct Leaf {
        var node: Int32
        /// Distinct features on the path (`d`).
        var depth: Int32
        /// Into `slotFeatures` and `slotFractions`: the path's distinct features in order of
        /// first use, and each one's product of cover fractions (`z_j`).
        var slotOffset: Int32
        /// Into `edges`: the path's edges, for leaves evaluated per row.
        var edgeOffset: Int32
        var edgeCount: Int32
        /// Into `leafValues`.
        var valueOffset: Int32
    }

    /// An edge of a leaf's path: the node it leaves, the side it takes and its feature's slot.
    struct Edge {
        var node: Int32
        var slot: Int32
        var left: Bool
    }

    /// The splits only: the row pass has nothing to do at a leaf.
    var splits: [Node]
    var nodeCount: Int
    var leaves: [Leaf]
    var slotFeatures: [Int32]
    var slotFractions: [Double]
    /// Per slot, what a table's `A · Z` is multiplied by when the row follows the feature,
    /// `(1 − z) · v`, and when it misses it, `−z · v`; `v` is 1 for trees of several outputs,
    /// which multiply by each output's value afterwards.
    var slotFollowed: [Double]
    var slotMissed: [Double]
    var edges: [Edge]
    /// `outputs` numbers per leaf, already scaled as the ensemble combines trees.
    var leafValues: [Double]
    var outputs: Int
    /// The output a one-output tree adds to.
    var outputIndex: Int
    /// The tree's scaled expected value per output: what it adds to the base value.
    var expected: [Double]
    /// The most distinct features on any path.
    var depth: Int

    /// Prepares `tree`, whose values the ensemble multiplies by `scale`.
    init(_ tree: Tree, scale: Double) {
        let n = tree.nodeCount
        outputs = tree.outputs
        outputIndex = tree.outputIndex
        // Covers made consistent bottom-up, so a child's fraction of its parent is always its
        // share of the two children; the shap export writes the same covers.
        let cover = tree.consistentCover()
        var parent = [Int](repeating: -1, count: n)
        // Distinct features on the path to each node, in order of first use.
        var path = [[Int32]](repeating: [], count: n)
        // The slot of each internal node's feature on its path.
        var slot = [Int](repeating: 0, count: n)
        nodeCount = n
        splits = []
        splits.reserveCapacity(n / 2)
        for i in 0..<n where !tree.isLeaf(i) {
            let f = tree.feature[i]
            var below = path[i]
            let position = below.firstIndex(of: f) ?? below.count
            if position == below.count { below.append(f) }
            slot[i] = position
            let l = Int(tree.left[i]), r = Int(tree.right[i])
            parent[l] = i
            parent[r] = i
            path[l] = below
            path[r] = below
            splits.append(Node(
                threshold: tree.threshold[i], index: Int32(i), feature: f, left: tree.left[i], right: tree.right[i],
                bit: position < 64 ? UInt64(1) << UInt64(position) : 0, missingLeft: tree.missingGoesLeft[i]))
        }

        leaves = []
        slotFeatures = []
        slotFractions = []
        slotFollowed = []
        slotMissed = []
        edges = []
        leafValues = []
        expected = [Double](repeating: 0, count: tree.outputs)
        depth = 0
        for l in 0..<n where tree.isLeaf(l) {
            let d = path[l].count
            var z = [Double](repeating: 1, count: d)
            let edgeStart = edges.count
            var child = l
            while parent[child] >= 0 {
                let p = parent[child]
                let total = cover[Int(tree.left[p])] + cover[Int(tree.right[p])]
                // A split whose children saw no weight at all: either side is as likely.
                z[slot[p]] *= total > 0 ? cover[child] / total : 0.5
                edges.append(Edge(node: Int32(p), slot: Int32(slot[p]), left: Int(tree.left[p]) == child))
                child = p
            }
            let reach = z.reduce(1, *)
            let valueOffset = leafValues.count
            for k in 0..<tree.outputs {
                let v = tree.value[l * tree.outputs + k] * scale
                leafValues.append(v)
                expected[k] += reach * v
            }
            // A leaf on an unsplit root adds only to the base value.
            guard d > 0 else { continue }
            leaves.append(Leaf(
                node: Int32(l), depth: Int32(d), slotOffset: Int32(slotFeatures.count), edgeOffset: Int32(edgeStart),
                edgeCount: Int32(edges.count - edgeStart), valueOffset: Int32(valueOffset)))
            slotFeatures.append(contentsOf: path[l])
            slotFractions.append(contentsOf: z)
            let v = tree.outputs == 1 ? leafValues[valueOffset] : 1
            slotFollowed.append(contentsOf: z.map { (1 - $0) * v })
            slotMissed.append(contentsOf: z.map { -$0 * v })
            depth = max(depth, d)
        }
    }
}
