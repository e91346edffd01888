import AssayFrame
import Testing

@testable import AssayLearn

/// TreeSHAP against a brute-force Shapley computation and against the model's own output.
@Suite struct TreeExplainerTests {
    enum Task: CaseIterable, Sendable { case binary, multiclass, regression }

    /// `rows` rows of `features` uniform features (every 9th value of feature 1 missing) and a
    /// target that depends on several of them.
    static func data(rows: Int, features: Int, task: Task, seed: UInt64 = 3) throws -> (FeatureMatrix, Target) {
        var generator = SeededGenerator(seed: seed)
        func uniform() -> Double { Double(generator.next() >> 11) * 0x1p-53 * 2 - 1 }
        var values = [Double](repeating: 0, count: rows * features)
        var score = [Double](repeating: 0, count: rows)
        for f in 0..<features {
            for r in 0..<rows {
                let v = uniform()
                values[f * rows + r] = f == 1 && r % 9 == 0 ? .nan : v
                score[r] += (f % 3 == 0 ? 1.0 : -0.6) * v / Double(f + 1)
            }
        }
        for r in 0..<rows { score[r] += 0.3 * uniform() + (values[r] > 0 && values[2 * rows + r] > 0 ? 0.5 : 0) }
        let x = try FeatureMatrix(rows: rows, names: (0..<features).map { "f\($0)" }, values: values)
        switch task {
        case .binary:
            return (x, .classes(labels: score.map { $0 > 0 ? 1 : 0 }, classes: ["no", "yes"]))
        case .multiclass:
            return (x, .classes(labels: score.map { $0 < -0.2 ? 0 : ($0 < 0.2 ? 1 : 2) }, classes: ["a", "b", "c"]))
        case .regression:
            return (x, .values(score))
        }
    }

    static func fit(_ kind: EnsembleKind, _ task: Task, rows: Int, features: Int, trees: Int, depth: Int) throws -> (TreeEnsemble, FeatureMatrix) {
        let (x, y) = try data(rows: rows, features: features, task: task)
        let context = FitContext(seed: 11, threads: 2)
        let model: TreeEnsemble
        switch kind {
        case .tree:
            model = try TreeLearner.fitTree(x, y, TreeParameters(depth: depth), context: context)
        case .forest:
            model = try TreeLearner.fitForest(x, y, ForestParameters(trees: trees, depth: depth, minLeaf: 3), context: context)
        case .boost:
            model = try TreeLearner.fitBoost(x, y, BoostParameters(rounds: trees, rate: 0.3, depth: depth, leaves: 1 << depth, minLeaf: 5), context: context)
        }
        return (model, x)
    }

    // MARK: - Brute force

    /// Algorithm 1 of Lundberg et al. 2018: a tree's expected value given the features in `known`,
    /// following the row where a feature is known and both children by cover otherwise.
    static func expectation(_ tree: Tree, _ x: [Double], known: Set<Int>, node: Int = 0) -> [Double] {
        if tree.isLeaf(node) { return Array(tree.value[(node * tree.outputs)..<((node + 1) * tree.outputs)]) }
        let f = Int(tree.feature[node])
        let l = Int(tree.left[node]), r = Int(tree.right[node])
        if known.contains(f) {
            let v = x[f]
            let left = v <= tree.threshold[node] || (v.isNaN && tree.missingGoesLeft[node])
            return expectation(tree, x, known: known, node: left ? l : r)
        }
        let a = expectation(tree, x, known: known, node: l), b = expectation(tree, x, known: known, node: r)
        let total = tree.cover[l] + tree.cover[r]
        return zip(a, b).map { ($0 * tree.cover[l] + $1 * tree.cover[r]) / total }
    }

    /// The ensemble's expected raw output given `known`, combined as the ensemble combines trees.
    static func expectation(_ model: TreeEnsemble, _ x: [Double], known: Set<Int>) -> [Double] {
        var out = [Double](repeating: 0, count: model.outputCount)
        let scale = model.kind == .boost ? 1.0 : 1.0 / Double(model.trees.count)
        for tree in model.trees {
            let e = expectation(tree, x, known: known)
            if tree.outputs == 1 {
                out[tree.outputIndex] += e[0] * scale
            } else {
                for k in 0..<e.count { out[k] += e[k] * scale }
            }
        }
        return zip(out, model.baseScore).map(+)
    }

    /// Shapley values by enumerating every coalition: features × outputs.
    static func bruteForce(_ model: TreeEnsemble, _ x: [Double]) -> [Double] {
        let m = x.count
        let k = model.outputCount
        var value: [[Double]] = []
        for mask in 0..<(1 << m) {
            value.append(expectation(model, x, known: Set((0..<m).filter { mask & (1 << $0) != 0 })))
        }
        var factorial = [1.0]
        for i in 1...m { factorial.append(factorial[i - 1] * Double(i)) }
        var phi = [Double](repeating: 0, count: m * k)
        for i in 0..<m {
            for mask in 0..<(1 << m) where mask & (1 << i) == 0 {
                let s = mask.nonzeroBitCount
                let w = factorial[s] * factorial[m - s - 1] / factorial[m]
                for o in 0..<k { phi[i * k + o] += w * (value[mask | (1 << i)][o] - value[mask][o]) }
            }
        }
        return phi
    }

    static func row(_ x: FeatureMatrix, _ r: Int) -> [Double] {
        (0..<x.columnCount).map { x[r, $0] }
    }

    // MARK: - Tests

    @Test(arguments: [EnsembleKind.tree, .forest, .boost], Task.allCases)
    func valuesEqualBruteForceShapley(kind: EnsembleKind, task: Task) throws {
        // Five features under depth 4: paths repeat features, which the brute force handles
        // without any of TreeSHAP's bookkeeping.
        let (model, x) = try Self.fit(kind, task, rows: 300, features: 5, trees: 4, depth: 4)
        let explainer = TreeExplainer(model)
        let sample = x.take(Array(0..<12))
        for strategy in [TreeExplainer.Strategy.tables, .perRow] {
            let shap = explainer.shap(sample, threads: 2, strategy: strategy)
            for r in 0..<sample.rows {
                let expected = Self.bruteForce(model, Self.row(sample, r))
                for f in 0..<5 {
                    for o in 0..<model.outputCount {
                        #expect(abs(shap[r, f, o] - expected[f * model.outputCount + o]) < 1e-9, "\(strategy) row \(r) feature \(f)")
                    }
                }
            }
        }
        let empty = Self.expectation(model, Self.row(sample, 0), known: [])
        for o in 0..<model.outputCount { #expect(abs(explainer.expectedValue[o] - empty[o]) < 1e-9) }
    }

    @Test(arguments: [EnsembleKind.tree, .forest, .boost], Task.allCases)
    func baseAndValuesAddUpToTheRawOutput(kind: EnsembleKind, task: Task) throws {
        let (model, x) = try Self.fit(kind, task, rows: 2_000, features: 12, trees: 30, depth: 6)
        let explainer = TreeExplainer(model)
        let shap = explainer.shap(x, threads: 2)
        let raw = model.rawOutput(x, threads: 2)
        let k = model.outputCount
        #expect(shap.outputCount == k)
        var worst = 0.0
        for r in 0..<x.rows {
            for o in 0..<k { worst = max(worst, abs(shap.output(row: r, output: o) - raw[r * k + o])) }
        }
        #expect(worst < 1e-9)
    }

    @Test func threadsAndStrategiesAgree() throws {
        let (model, x) = try Self.fit(.boost, .multiclass, rows: 1_000, features: 8, trees: 20, depth: 5)
        let explainer = TreeExplainer(model)
        let one = explainer.shap(x, threads: 1)
        let two = explainer.shap(x, threads: 2)
        let perRow = explainer.shap(x, threads: 2, strategy: .perRow)
        #expect(one == two)
        #expect(zip(one.values, perRow.values).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func deepTreesAreExplainedWithoutTables() throws {
        // Depth 14 on 14 features: leaves past the table limit take the per-row sums.
        let (model, x) = try Self.fit(.tree, .regression, rows: 3_000, features: 14, trees: 1, depth: 14)
        let explainer = TreeExplainer(model)
        #expect(explainer.trees[0].depth > ShapTree.deepestTable)
        let shap = explainer.shap(x, threads: 2)
        let raw = model.rawOutput(x, threads: 1)
        for r in 0..<x.rows { #expect(abs(shap.output(row: r) - raw[r]) < 1e-9) }
    }

    @Test func columnsAreMatchedByName() throws {
        let (model, x) = try Self.fit(.boost, .binary, rows: 500, features: 4, trees: 5, depth: 3)
        let reversed = try FeatureMatrix(
            rows: x.rows, names: x.names.reversed(), values: (0..<4).reversed().flatMap { Array(x.column($0)) })
        let explainer = TreeExplainer(model)
        #expect(explainer.shap(reversed, threads: 1) == explainer.shap(x, threads: 1))
        #expect(explainer.outputNames == ["yes"])
    }

    @Test func aTreeThatNeverSplitsPutsEverythingInTheBase() throws {
        var tree = Tree(outputs: 1)
        _ = tree.addNode(value: [2.5], cover: 10)
        let model = try TreeEnsemble(kind: .boost, trees: [tree], featureNames: ["a"], classes: nil, baseScore: [1])
        let shap = TreeExplainer(model).shap(try FeatureMatrix(rows: 2, names: ["a"], values: [0, 1]), threads: 1)
        #expect(shap.base == [3.5])
        #expect(shap.values == [0, 0])
    }
}
