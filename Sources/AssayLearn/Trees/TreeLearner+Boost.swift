#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TreeLearner {
    /// Gradient boosting with second-order leaf weights: binary logloss, multiclass softmax
    /// (one tree per class per round) or squared error, grown leaf-wise like LightGBM.
    public static func fitBoost(_ x: FeatureMatrix, _ y: Target, _ p: BoostParameters, context: FitContext) throws(LearnError) -> TreeEnsemble {
        try p.validate()
        let task = try TrainingTask(x, y)
        try context.checkCancellation()
        let data = BinnedFeatures(x, maxBins: p.bins, threads: context.threads)
        let rows = x.rows
        let outputs = task.classCount > 2 ? task.classCount : 1
        let base = baseScore(task, outputs: outputs)
        let score = SplitScore.gradient(l2: p.l2, rate: p.rate)
        let grower = TreeGrower(
            data: data, score: score, minLeaf: Double(p.minLeaf), maxDepth: p.depth ?? Int.max, maxLeaves: p.leaves,
            featuresPerSplit: nil, threads: context.threads)
        let colsample = max(1, Int((p.colsample * Double(x.columnCount)).rounded()))

        var margin = [Double](repeating: 0, count: rows * outputs)
        for r in 0..<rows { for k in 0..<outputs { margin[r * outputs + k] = base[k] } }
        var stats = [Double](repeating: 0, count: rows * 2)
        var probability = [Double](repeating: 0, count: rows * outputs)
        var trees: [Tree] = []
        trees.reserveCapacity(p.rounds * outputs)
        let allRows = (0..<Int32(rows)).map { $0 }

        for round in 0..<p.rounds {
            try context.checkCancellation()
            var rng = SplitMix(seed: context.seed, stream: round)
            if outputs > 1 { softmax(margin, outputs: outputs, into: &probability) }
            for k in 0..<outputs {
                gradients(task, margin: margin, probability: probability, outputs: outputs, output: k, into: &stats, threads: context.threads)
                var chosen = allRows
                if p.subsample < 1 {
                    chosen = allRows.filter { _ in Double(rng.next() >> 11) * 0x1p-53 < p.subsample }
                    if chosen.isEmpty { chosen = [Int32(rng.next(upperBound: UInt64(rows)))] }
                }
                let features = rng.sample(colsample, of: x.columnCount)
                let grown = grower.grow(rows: chosen, stats: stats, features: features, rng: &rng, outputIndex: k)
                update(&margin, outputs: outputs, output: k, with: grown, data: data, sampled: chosen.count == rows, threads: context.threads)
                trees.append(grown.tree)
            }
            context.progress(Double(round + 1) / Double(p.rounds))
        }
        return try TreeEnsemble(kind: .boost, trees: trees, featureNames: x.names, classes: task.classes, baseScore: base)
    }

    /// Where boosting starts: the log-odds of the positive class, the log prior of each class,
    /// or the mean.
    private static func baseScore(_ task: TrainingTask, outputs: Int) -> [Double] {
        guard let labels = task.labels else {
            return [task.values.reduce(0, +) / Double(task.rows)]
        }
        var counts = [Double](repeating: 0, count: task.classCount)
        for label in labels { counts[Int(label)] += 1 }
        let n = Double(task.rows)
        if outputs == 1 {
            let positive = min(max(counts[1] / n, 1e-15), 1 - 1e-15)
            return [log(positive / (1 - positive))]
        }
        return counts.map { log(max($0 / n, 1e-15)) }
    }

    /// Row-wise softmax of margins (rows × outputs), shifted by each row's largest margin.
    static func softmax(_ margin: [Double], outputs: Int, into probability: inout [Double]) {
        let rows = margin.count / outputs
        for r in 0..<rows {
            var top = -Double.infinity
            for k in 0..<outputs { top = max(top, margin[r * outputs + k]) }
            var total = 0.0
            for k in 0..<outputs {
                let e = exp(margin[r * outputs + k] - top)
                probability[r * outputs + k] = e
                total += e
            }
            for k in 0..<outputs { probability[r * outputs + k] /= total }
        }
    }

    /// Per-row `[g, h]` of the loss for one output; rows are independent, so runs of them go
    /// to the threads.
    private static func gradients(
        _ task: TrainingTask, margin: [Double], probability: [Double], outputs: Int, output k: Int, into stats: inout [Double],
        threads: Int
    ) {
        let rows = task.rows
        let workers = rows >= TreeThreads.parallelRows ? threads : 1
        stats.withUnsafeMutableBufferPointer { statBuffer in
        margin.withUnsafeBufferPointer { marginBuffer in
            guard let s = statBuffer.baseAddress, let m = marginBuffer.baseAddress else { return }
            TreeThreads.chunks(rows, workers: workers) { range in
                if let labels = task.labels {
                    if outputs == 1 {
                        for r in range {
                            let q = 1 / (1 + exp(-m[r]))
                            s[2 * r] = q - (labels[r] == 1 ? 1 : 0)
                            s[2 * r + 1] = max(q * (1 - q), 1e-16)
                        }
                    } else {
                        // LightGBM's scaling of the softmax hessian.
                        let factor = Double(outputs) / Double(outputs - 1)
                        for r in range {
                            let q = probability[r * outputs + k]
                            s[2 * r] = q - (Int(labels[r]) == k ? 1 : 0)
                            s[2 * r + 1] = max(factor * q * (1 - q), 1e-16)
                        }
                    }
                } else {
                    for r in range {
                        s[2 * r] = m[r] - task.values[r]
                        s[2 * r + 1] = 1
                    }
                }
            }
        }
        }
    }

    /// Adds a new tree's leaf weights to the margins: trained rows by their leaf's row range,
    /// rows left out by the subsample by walking the tree on their bins. Every margin gets one
    /// addition, so runs of rows go to the threads.
    private static func update(
        _ margin: inout [Double], outputs: Int, output k: Int, with grown: TreeGrower.Grown, data: BinnedFeatures, sampled all: Bool,
        threads: Int
    ) {
        let tree = grown.tree
        let workers = data.rows >= TreeThreads.parallelRows ? threads : 1
        margin.withUnsafeMutableBufferPointer { marginBuffer in
            guard let out = marginBuffer.baseAddress else { return }
            if all {
                let leaves = (0..<tree.nodeCount).filter { tree.isLeaf($0) }
                grown.rows.withUnsafeBufferPointer { rowBuffer in
                    guard let trained = rowBuffer.baseAddress else { return }
                    // Each worker takes a run of positions in the partitioned rows, leaf by leaf.
                    TreeThreads.chunks(rowBuffer.count, workers: workers) { range in
                        for node in leaves {
                            let v = tree.value[node]
                            let start = max(grown.start[node], range.lowerBound)
                            let end = min(grown.start[node] + grown.count[node], range.upperBound)
                            guard start < end else { continue }
                            for i in start..<end { out[Int(trained[i]) * outputs + k] += v }
                        }
                    }
                }
                return
            }
            TreeThreads.chunks(data.rows, workers: workers) { range in
                for r in range {
                    var node = 0
                    while !tree.isLeaf(node) {
                        let f = Int(tree.feature[node])
                        let code = Int(data.codes[f * data.rows + r])
                        let goLeft = code <= grown.binThreshold[node] || (code == data.missingCode[f] && tree.missingGoesLeft[node])
                        node = Int(goLeft ? tree.left[node] : tree.right[node])
                    }
                    out[r * outputs + k] += tree.value[node]
                }
            }
        }
    }
}
