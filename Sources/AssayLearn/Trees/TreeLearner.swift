import Dispatch
import Synchronization

/// Fits CART trees, random forests and gradient-boosted trees on binned features.
public enum TreeLearner {
    /// One CART tree, grown depth-first on all rows.
    public static func fitTree(_ x: FeatureMatrix, _ y: Target, _ p: TreeParameters, context: FitContext) throws(LearnError) -> TreeEnsemble {
        let criterion = try p.validated(classification: y.isClassification)
        let task = try TrainingTask(x, y)
        try context.checkCancellation()
        let data = BinnedFeatures(x, maxBins: p.bins, threads: context.threads)
        let score = task.score(criterion)
        let m = p.maxFeatures.resolve(x.columnCount)
        let grower = TreeGrower(
            data: data, score: score, minLeaf: Double(p.minLeaf), maxDepth: p.depth ?? Int.max, maxLeaves: Int.max,
            featuresPerSplit: m < x.columnCount ? m : nil, threads: context.threads)
        var rng = SplitMix(seed: context.seed, stream: 0)
        let stats = task.stats(score, weights: nil)
        let grown = grower.grow(rows: (0..<Int32(x.rows)).map { $0 }, stats: stats, features: Array(0..<x.columnCount), rng: &rng)
        context.progress(1)
        return try TreeEnsemble(kind: .tree, trees: [grown.tree], featureNames: x.names, classes: task.classes, baseScore: [Double](repeating: 0, count: score.outputs))
    }

    /// A random forest: bootstrapped rows, features drawn per split, trees grown in parallel.
    /// Every tree has its own seed derived from `context.seed`, so the forest does not depend
    /// on the number of threads.
    public static func fitForest(_ x: FeatureMatrix, _ y: Target, _ p: ForestParameters, context: FitContext) throws(LearnError) -> TreeEnsemble {
        let criterion = try p.validated(classification: y.isClassification)
        let task = try TrainingTask(x, y)
        try context.checkCancellation()
        let data = BinnedFeatures(x, maxBins: p.bins, threads: context.threads)
        let score = task.score(criterion)
        let m = (p.maxFeatures ?? (y.isClassification ? .sqrt : .all)).resolve(x.columnCount)
        let grower = TreeGrower(
            data: data, score: score, minLeaf: Double(p.minLeaf), maxDepth: p.depth ?? Int.max, maxLeaves: Int.max,
            featuresPerSplit: m < x.columnCount ? m : nil, threads: 1)
        let features = Array(0..<x.columnCount)
        let rows = x.rows
        var trees = [Tree?](repeating: nil, count: p.trees)
        let done = Atomic<Int>(0)
        let stopped = Atomic<Bool>(false)
        let workers = max(1, min(context.threads, p.trees))
        let treeCount = p.trees
        trees.withUnsafeMutableBufferPointer { treeBuffer in
            let out = treeBuffer.baseAddress!
            TreeThreads.run(workers) { worker in
                var t = worker
                var weights = [Double](repeating: 0, count: rows)
                while t < treeCount {
                    if stopped.load(ordering: .relaxed) || context.isCancelled() {
                        stopped.store(true, ordering: .relaxed)
                        return
                    }
                    var rng = SplitMix(seed: context.seed, stream: t)
                    var chosen: [Int32] = []
                    if p.bootstrap {
                        for r in 0..<rows { weights[r] = 0 }
                        for _ in 0..<rows { weights[Int(rng.next(upperBound: UInt64(rows)))] += 1 }
                        chosen.reserveCapacity(rows)
                        for r in 0..<rows where weights[r] > 0 { chosen.append(Int32(r)) }
                    } else {
                        chosen = (0..<Int32(rows)).map { $0 }
                    }
                    let stats = task.stats(score, weights: p.bootstrap ? weights : nil)
                    out[t] = grower.grow(rows: chosen, stats: stats, features: features, rng: &rng).tree
                    let finished = done.add(1, ordering: .relaxed).newValue
                    context.progress(Double(finished) / Double(treeCount))
                    t += workers
                }
            }
        }
        if stopped.load(ordering: .relaxed) { throw LearnError.cancelled }
        return try TreeEnsemble(
            kind: .forest, trees: trees.compactMap { $0 }, featureNames: x.names, classes: task.classes,
            baseScore: [Double](repeating: 0, count: score.outputs))
    }
}

/// Checked training data: what every tree fit needs to know about its target.
struct TrainingTask: Sendable {
    var rows: Int
    /// Class indices, or nil for regression.
    var labels: [Int32]?
    var classes: [String]?
    var values: [Double]

    init(_ x: FeatureMatrix, _ y: Target) throws(LearnError) {
        guard x.rows > 0 else {
            throw LearnError("there are no rows to train on", help: "check the filters that produced the training data")
        }
        guard x.columnCount > 0 else {
            throw LearnError("there are no features to train on", help: "keep at least one numeric column besides the target")
        }
        guard y.count == x.rows else {
            throw LearnError("the target has \(y.count) rows and the features \(x.rows)")
        }
        rows = x.rows
        switch y {
        case .classes(let labels, let classes):
            var seen = [Int](repeating: 0, count: classes.count)
            for label in labels {
                guard label >= 0, Int(label) < classes.count else {
                    throw LearnError("the target has a label \(label) outside its \(classes.count) classes")
                }
                seen[Int(label)] += 1
            }
            let present = seen.indices.filter { seen[$0] > 0 }
            if present.count < 2 {
                let name = present.first.map { "`\(classes[$0])`" } ?? "no class"
                throw LearnError(
                    "the target has a single class, \(name), in the training rows",
                    help: "a classifier needs rows of at least two classes; check the target column and the filters")
            }
            self.labels = labels
            self.classes = classes
            values = []
        case .values(let v):
            if let bad = v.firstIndex(where: { !$0.isFinite }) {
                throw LearnError("the target is missing or not finite in row \(bad + 1)", help: "drop those rows first, e.g. `where TARGET != null`")
            }
            if let first = v.first, v.allSatisfy({ $0 == first }) {
                throw LearnError(
                    "the target has a single value, \(first), in every training row",
                    help: "there is nothing to learn; check the target column and the filters")
            }
            labels = nil
            classes = nil
            values = v
        }
    }

    var classCount: Int { classes?.count ?? 0 }

    func score(_ criterion: SplitCriterion) -> SplitScore {
        switch criterion {
        case .gini: .gini(classes: classCount)
        case .entropy: .entropy(classes: classCount)
        case .variance: .variance
        }
    }

    /// Per-row sums for a CART score: `[w, w·y]` or `[w, w·[y = k]...]`, `w` the row's weight.
    func stats(_ score: SplitScore, weights: [Double]?) -> [Double] {
        let stride = score.stride
        var stats = [Double](repeating: 0, count: rows * stride)
        for r in 0..<rows {
            let w = weights?[r] ?? 1
            stats[r * stride] = w
            if let labels {
                stats[r * stride + 1 + Int(labels[r])] = w
            } else {
                stats[r * stride + 1] = w * values[r]
            }
        }
        return stats
    }
}
