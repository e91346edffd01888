/// Exact path-dependent TreeSHAP for a fitted tree, forest or boosted ensemble, in the space
/// of `TreeEnsemble.rawOutput`: margins for boosting, averaged probabilities or values for
/// forests. Base value plus a row's values equals its raw output.
public struct TreeExplainer: Sendable {
    public let featureNames: [String]
    public let outputNames: [String]
    /// The cover-weighted mean output of the training data, per output: what every row's
    /// values start from.
    public let expectedValue: [Double]
    let trees: [ShapTree]
    let weights: ShapleyWeights
    let nodeCount: Int

    /// How leaves choose between a table and a per-row sum; tests force each way.
    enum Strategy: Sendable {
        case automatic
        case tables
        case perRow
    }

    public init(_ model: TreeEnsemble) {
        featureNames = model.featureNames
        if let classes = model.classes {
            outputNames = model.outputCount == 1 ? [classes.count > 1 ? classes[1] : classes[0]] : classes
        } else {
            outputNames = model.outputCount == 1 ? ["prediction"] : (0..<model.outputCount).map { "output\($0)" }
        }
        let scale = model.kind == .boost ? 1.0 : 1.0 / Double(max(model.trees.count, 1))
        trees = model.trees.map { ShapTree($0, scale: scale) }
        var expected = model.baseScore
        for tree in trees {
            if tree.outputs == 1 {
                expected[tree.outputIndex] += tree.expected[0]
            } else {
                for k in 0..<tree.outputs { expected[k] += tree.expected[k] }
            }
        }
        expectedValue = expected
        weights = ShapleyWeights(players: trees.reduce(0) { max($0, $1.depth) })
        nodeCount = trees.reduce(0) { max($0, $1.nodeCount) }
    }

    /// SHAP values for every row of `x`, whose columns are matched to the model's features by
    /// name (a feature `x` lacks is missing in every row).
    public func shap(_ x: FeatureMatrix, threads: Int) -> ShapValues {
        shap(x, threads: threads, strategy: .automatic)
    }

    /// Table entries held at once: 32 MB, so a large ensemble is explained a group of trees at
    /// a time instead of holding every tree's tables.
    static let tableBudget = 1 << 22

    /// Rows walked together through one group of trees: the trees' tables stay in cache while
    /// they pass, and a block's values stay in cache across trees.
    static let block = 128

    func shap(_ x: FeatureMatrix, threads: Int, strategy: Strategy) -> ShapValues {
        let features = featureNames.count
        let outputs = outputNames.count
        let rows = max(x.rows, 0)
        // A matrix edited out of shape explains as all missing, as the ensemble predicts it.
        let input = x.values.count == x.rows * x.names.count
            ? x.aligned(to: featureNames)
            : FeatureMatrix(trusted: rows, featureNames, [Double](repeating: .nan, count: rows * features))
        var values = [Double](repeating: 0, count: rows * features * outputs)
        let tableRows: Int
        switch strategy {
        case .automatic: tableRows = rows
        case .tables: tableRows = Int.max / 4096
        case .perRow: tableRows = 0
        }
        let workers = max(1, threads)
        var start = 0
        while start < trees.count, rows > 0 {
            // The next group of trees whose tables fit the budget, at least one.
            var end = start
            var size = 0
            while end < trees.count {
                let next = trees[end].tableSize(rows: tableRows)
                if end > start && size + next > Self.tableBudget { break }
                size += next
                end += 1
            }
            let group = Array(trees[start..<end])
            let tables = buildTables(group, rows: tableRows, threads: workers)
            explain(input, group: group, tables: tables, into: &values, threads: workers)
            start = end
        }
        return ShapValues(featureNames: featureNames, outputNames: outputNames, rows: rows, values: values, base: expectedValue)
    }

    private func buildTables(_ group: [ShapTree], rows: Int, threads: Int) -> [ShapTree.Tables] {
        var tables = [ShapTree.Tables](repeating: ShapTree.Tables(offsets: [], entries: []), count: group.count)
        let weights = weights
        let workers = min(threads, group.count)
        tables.withUnsafeMutableBufferPointer { out in
            TreeThreads.run(workers) { worker in
                var t = worker
                while t < group.count {
                    out[t] = group[t].tables(rows: rows, weights: weights)
                    t += workers
                }
            }
        }
        return tables
    }

    private func explain(_ x: FeatureMatrix, group: [ShapTree], tables: [ShapTree.Tables], into values: inout [Double], threads: Int) {
        let rows = x.rows
        let features = featureNames.count
        let outputs = outputNames.count
        let block = Self.block
        let blocks = (rows + block - 1) / block
        let workers = max(1, min(threads, blocks))
        let depth = weights.players
        let nodeCount = nodeCount
        let weights = weights
        x.values.withUnsafeBufferPointer { xs in
            values.withUnsafeMutableBufferPointer { out in
                guard let xBase = xs.baseAddress, let outBase = out.baseAddress else { return }
                TreeThreads.run(workers) { worker in
                    let scratch = ShapTree.Scratch(nodes: nodeCount, depth: depth, rows: block)
                    let local = UnsafeMutablePointer<Double>.allocate(capacity: block * max(features, 1))
                    defer {
                        scratch.deallocate()
                        local.deallocate()
                    }
                    var b = worker
                    while b < blocks {
                        let first = b * block
                        let count = min(rows, first + block) - first
                        // Row-major copies, so a row's features share a few cache lines.
                        for f in 0..<features {
                            let column = xBase + f * rows + first
                            for r in 0..<count { local[r * features + f] = column[r] }
                        }
                        let phi = outBase + first * features * outputs
                        for (tree, table) in zip(group, tables) {
                            tree.withView(table, weights: weights) { view in
                                view.explain(local, count: count, features: features, into: phi, outputs: outputs, scratch: scratch)
                            }
                        }
                        b += workers
                    }
                }
            }
        }
    }
}
