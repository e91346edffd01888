import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How an ensemble's trees combine.
public enum EnsembleKind: String, Sendable, Hashable, Codable {
    /// One CART tree.
    case tree
    /// The average of the trees' values or class probabilities.
    case forest
    /// The sum of the trees' margins plus `baseScore`, through a sigmoid or softmax for classes.
    case boost
}

/// A fitted tree model: one CART tree, a forest or a boosted ensemble, in one shape.
public struct TreeEnsemble: Sendable, Hashable, Codable {
    public var kind: EnsembleKind
    public var trees: [Tree]
    public var featureNames: [String]
    /// Class names for classification, nil for regression.
    public var classes: [String]?
    /// What the raw output starts from, one number per output (boosting; zeros otherwise).
    public var baseScore: [Double]

    public init(kind: EnsembleKind, trees: [Tree], featureNames: [String], classes: [String]?, baseScore: [Double]) throws(LearnError) {
        self.kind = kind
        self.trees = trees
        self.featureNames = featureNames
        self.classes = classes
        self.baseScore = baseScore
        try validate()
    }

    /// Numbers per row of `rawOutput`: 1 for regression and binary boosting, else the classes.
    public var outputCount: Int { baseScore.count }

    /// Class probabilities (rows × classes) or values.
    public func predict(_ x: FeatureMatrix, threads: Int) -> Prediction {
        var raw = rawOutput(x, threads: threads)
        guard let classes else { return .values(raw) }
        let rows = x.rows
        switch kind {
        case .tree, .forest:
            return .probabilities(raw, classes: classes)
        case .boost where outputCount == 1:
            var p = [Double](repeating: 0, count: rows * 2)
            for r in 0..<rows {
                let q = 1 / (1 + exp(-raw[r]))
                p[2 * r] = 1 - q
                p[2 * r + 1] = q
            }
            return .probabilities(p, classes: classes)
        case .boost:
            let margins = raw
            TreeLearner.softmax(margins, outputs: outputCount, into: &raw)
            return .probabilities(raw, classes: classes)
        }
    }

    /// Rows × `outputCount` numbers before any link: boosting's margins (log-odds for two
    /// classes, per-class scores for more), a forest's averaged probabilities or values. Base
    /// value plus SHAP contributions add up to this.
    ///
    /// Columns are matched to `featureNames` by name; a feature the input lacks is missing.
    public func rawOutput(_ x: FeatureMatrix, threads: Int) -> [Double] {
        let x = aligned(x)
        let rows = x.rows
        let outputs = outputCount
        var out = [Double](repeating: 0, count: rows * outputs)
        guard rows > 0 else { return out }
        let packed = trees.map(PackedTree.init)
        // Rows are walked a block at a time, copied row-major so each row's features share a
        // few cache lines while every tree visits them.
        let block = 256
        let blocks = (rows + block - 1) / block
        let workers = max(1, min(threads, blocks))
        let features = featureNames.count
        x.values.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { outBuffer in
                let outBase = outBuffer.baseAddress!
                let xBase = xs.baseAddress!
                TreeThreads.run(workers) { worker in
                    let local = UnsafeMutablePointer<Double>.allocate(capacity: block * features)
                    defer { local.deallocate() }
                    var b = worker
                    while b < blocks {
                        let start = b * block
                        let end = min(rows, start + block)
                        for f in 0..<features {
                            let column = xBase + f * rows
                            for r in start..<end { local[(r - start) * features + f] = column[r] }
                        }
                        for tree in packed {
                            tree.accumulate(local, features: features, count: end - start, into: outBase + start * outputs, outputs: outputs)
                        }
                        b += workers
                    }
                }
            }
        }
        let scale = kind == .boost ? 1.0 : 1.0 / Double(max(trees.count, 1))
        for r in 0..<rows {
            for k in 0..<outputs {
                out[r * outputs + k] = out[r * outputs + k] * scale + baseScore[k]
            }
        }
        return out
    }

    /// `x` with exactly this model's features in order; absent features are all missing.
    private func aligned(_ x: FeatureMatrix) -> FeatureMatrix {
        // The fields are public; a matrix edited out of shape predicts as all missing, not a crash.
        guard x.rows >= 0, x.values.count == x.rows * x.names.count else {
            return FeatureMatrix(trusted: max(x.rows, 0), featureNames, [Double](repeating: .nan, count: max(x.rows, 0) * featureNames.count))
        }
        if x.names == featureNames { return x }
        var position: [String: Int] = [:]
        for (i, name) in x.names.enumerated() where position[name] == nil { position[name] = i }
        var values = [Double](repeating: .nan, count: x.rows * featureNames.count)
        for (j, name) in featureNames.enumerated() {
            guard let i = position[name] else { continue }
            for r in 0..<x.rows { values[j * x.rows + r] = x.values[i * x.rows + r] }
        }
        return FeatureMatrix(trusted: x.rows, featureNames, values)
    }

    func validate() throws(LearnError) {
        let outputs = baseScore.count
        guard outputs >= 1 else { throw LearnError("a saved model has no outputs", help: "save the model again") }
        guard !featureNames.isEmpty else { throw LearnError("a saved model has no features", help: "save the model again") }
        if let classes, classes.count < 2 || (outputs != 1 && outputs != classes.count) {
            throw LearnError("a saved model's classes do not match its outputs", help: "save the model again")
        }
        for tree in trees {
            try tree.validate()
            let fits = tree.outputs == outputs || (tree.outputs == 1 && tree.outputIndex >= 0 && tree.outputIndex < outputs)
            guard fits else { throw LearnError("a saved tree's outputs do not match its model", help: "save the model again") }
            for f in tree.feature where Int(f) >= featureNames.count {
                throw LearnError("a saved tree splits on feature \(f), and the model has \(featureNames.count)", help: "save the model again")
            }
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, trees, featureNames, classes, baseScore }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            kind: c.decode(EnsembleKind.self, forKey: .kind), trees: c.decode([Tree].self, forKey: .trees),
            featureNames: c.decode([String].self, forKey: .featureNames),
            classes: c.decodeIfPresent([String].self, forKey: .classes), baseScore: c.decode([Double].self, forKey: .baseScore))
    }
}

/// A tree's nodes interleaved for prediction, walked without branches: a leaf is a node that
/// leads to itself, so eight rows can walk side by side, hiding each step's latency, until
/// none of them moves.
struct PackedTree: Sendable {
    struct Node {
        var threshold: Double
        var feature: Int32
        var left: Int32
        var right: Int32
        /// 1 when a missing value goes left.
        var missingLeft: Int32
    }

    var nodes: [Node]
    var value: [Double]
    var outputs: Int
    var outputIndex: Int
    var depth: Int

    init(_ tree: Tree) {
        nodes = (0..<tree.nodeCount).map { i in
            if tree.isLeaf(i) {
                // Never goes right, even for NaN: `NaN > ∞` is false.
                return Node(threshold: .infinity, feature: 0, left: Int32(i), right: Int32(i), missingLeft: 1)
            }
            return Node(threshold: tree.threshold[i], feature: tree.feature[i], left: tree.left[i], right: tree.right[i], missingLeft: tree.missingGoesLeft[i] ? 1 : 0)
        }
        value = tree.value
        outputs = tree.outputs
        outputIndex = tree.outputIndex
        var depths = [Int](repeating: 0, count: tree.nodeCount)
        var deepest = 0
        for i in 0..<tree.nodeCount where !tree.isLeaf(i) {
            // Children come after their parents, so a parent's depth is known first.
            depths[Int(tree.left[i])] = depths[i] + 1
            depths[Int(tree.right[i])] = depths[i] + 1
            deepest = max(deepest, depths[i] + 1)
        }
        depth = deepest
    }

    /// One step from node `i` for value `v`. `v > t` sends NaN left and `!(v <= t)` sends it
    /// right; they agree on every number.
    @inline(__always)
    static func step(_ n: UnsafePointer<Node>, _ i: Int, _ x: UnsafePointer<Double>, _ features: Int, _ r: Int) -> Int {
        let node = n[i]
        let v = x[r * features + Int(node.feature)]
        let right = node.missingLeft != 0 ? v > node.threshold : !(v <= node.threshold)
        return Int(right ? node.right : node.left)
    }

    /// Lanes walked together.
    static let lanes = 8

    /// Adds this tree's leaf values for `count` rows of row-major `x` to `out` (rows × outputs).
    func accumulate(_ x: UnsafePointer<Double>, features: Int, count: Int, into out: UnsafeMutablePointer<Double>, outputs total: Int) {
        let range = 0..<count
        nodes.withUnsafeBufferPointer { nodeBuffer in
            value.withUnsafeBufferPointer { valueBuffer in
                let n = nodeBuffer.baseAddress!
                let v = valueBuffer.baseAddress!
                @inline(__always) func add(_ r: Int, _ i: Int) {
                    if outputs == 1 {
                        out[r * total + outputIndex] += v[i]
                    } else {
                        for k in 0..<outputs { out[r * total + k] += v[i * outputs + k] }
                    }
                }
                var r = range.lowerBound
                // Lanes step together until none moves (at most `depth` steps); shallow trees
                // skip the check and just take `depth` steps.
                let deep = depth > 16
                do {
                    var at = (0, 0, 0, 0, 0, 0, 0, 0)
                    while r + Self.lanes <= range.upperBound {
                        at = (0, 0, 0, 0, 0, 0, 0, 0)
                        for _ in 0..<depth {
                            let before = at
                            at.0 = Self.step(n, at.0, x, features, r)
                            at.1 = Self.step(n, at.1, x, features, r + 1)
                            at.2 = Self.step(n, at.2, x, features, r + 2)
                            at.3 = Self.step(n, at.3, x, features, r + 3)
                            at.4 = Self.step(n, at.4, x, features, r + 4)
                            at.5 = Self.step(n, at.5, x, features, r + 5)
                            at.6 = Self.step(n, at.6, x, features, r + 6)
                            at.7 = Self.step(n, at.7, x, features, r + 7)
                            guard deep else { continue }
                            let moved = (before.0 ^ at.0) | (before.1 ^ at.1) | (before.2 ^ at.2) | (before.3 ^ at.3)
                                | (before.4 ^ at.4) | (before.5 ^ at.5) | (before.6 ^ at.6) | (before.7 ^ at.7)
                            if moved == 0 { break }
                        }
                        add(r, at.0); add(r + 1, at.1); add(r + 2, at.2); add(r + 3, at.3)
                        add(r + 4, at.4); add(r + 5, at.5); add(r + 6, at.6); add(r + 7, at.7)
                        r += Self.lanes
                    }
                }
                while r < range.upperBound {
                    var i = 0
                    while true {
                        let next = Self.step(n, i, x, features, r)
                        if next == i { break }
                        i = next
                    }
                    add(r, i)
                    r += 1
                }
            }
        }
    }
}
