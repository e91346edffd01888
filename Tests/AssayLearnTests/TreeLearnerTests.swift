import AssayFrame
import Foundation
import Testing

@testable import AssayLearn

/// Tiny data whose best splits can be checked by hand, and properties of the three learners.
@Suite struct TreeLearnerTests {
    static func matrix(_ columns: [String: [Double]]) throws -> FeatureMatrix {
        let names = columns.keys.sorted()
        return try FeatureMatrix(rows: columns[names[0]]!.count, names: names, values: names.flatMap { columns[$0]! })
    }

    static func classes(_ labels: [Int32], _ names: [String] = ["a", "b"]) -> Target {
        .classes(labels: labels, classes: names)
    }

    /// Iris as features and a three-class target.
    static func iris() throws -> (FeatureMatrix, Target) {
        let data = try SampleData.load("iris")
        let x = try FeatureMatrix(Dataset(columns: data.columns.filter { $0.name != "species" }))
        guard case .string(let species) = data.column("species")!.values else { throw LearnError("species") }
        let names = species.dictionary.sorted()
        let labels = species.codes.map { Int32(names.firstIndex(of: species.dictionary[Int($0)])!) }
        return (x, .classes(labels: labels, classes: names))
    }

    /// A noisy two-class problem on 6 features, one with missing values.
    static func synthetic(rows: Int = 2_000) throws -> (FeatureMatrix, Target) {
        var rng = SplitMix(seed: 7)
        var values = [Double](repeating: 0, count: rows * 6)
        var labels = [Int32](repeating: 0, count: rows)
        for r in 0..<rows {
            var score = 0.0
            for f in 0..<6 {
                let v = Double(rng.next() >> 11) * 0x1p-53 * 2 - 1
                values[f * rows + r] = (f == 5 && r % 7 == 0) ? .nan : v
                score += [1.5, -1.0, 0.8, 0, 0.3, 1.0][f] * v
            }
            let noise = Double(rng.next() >> 11) * 0x1p-53 - 0.5
            labels[r] = score + noise > 0 ? 1 : 0
        }
        return (try FeatureMatrix(rows: rows, names: (0..<6).map { "x\($0)" }, values: values), classes(labels))
    }

    // MARK: - CART

    @Test func aStumpSplitsBetweenTheClasses() throws {
        let x = try Self.matrix(["x": [1, 2, 3, 4, 5, 6]])
        let model = try TreeLearner.fitTree(x, Self.classes([0, 0, 0, 1, 1, 1]), TreeParameters(depth: 1), context: FitContext())
        let tree = model.trees[0]
        #expect(model.kind == .tree)
        #expect(tree.feature == [0, -1, -1])
        #expect(tree.threshold[0] == 3.5)
        #expect(tree.left[0] == 1 && tree.right[0] == 2)
        #expect(tree.value == [0.5, 0.5, 1, 0, 0, 1])
        #expect(tree.cover == [6, 3, 3])
        // Gini falls from 0.5 to 0 on 6 rows.
        #expect(tree.gain == [3, 0, 0])
        #expect(model.predict(try Self.matrix(["x": [0, 3.4, 3.6, 100]]), threads: 1)
            == .probabilities([1, 0, 1, 0, 0, 1, 0, 1], classes: ["a", "b"]))
    }

    @Test func aRegressionStumpPredictsTheMeans() throws {
        let x = try Self.matrix(["x": [1, 2, 3, 4]])
        let model = try TreeLearner.fitTree(x, .values([1, 1, 5, 7]), TreeParameters(depth: 1), context: FitContext())
        #expect(model.trees[0].threshold[0] == 2.5)
        #expect(model.predict(try Self.matrix(["x": [0, 10]]), threads: 1) == .values([1, 6]))
        // Variance times rows: 4 · 6.75 − 2 · 0 − 2 · 1.
        #expect(abs(model.trees[0].gain[0] - 25) < 1e-12)
    }

    @Test(arguments: [(Int32(0), true), (Int32(1), false)])
    func missingValuesGoWhereTheirRowsFitBest(missingLabel: Int32, goesLeft: Bool) throws {
        let x = try Self.matrix(["x": [1, 2, 3, .nan, .nan, 10, 11, 12]])
        let y = Self.classes([0, 0, 0, missingLabel, missingLabel, 1, 1, 1])
        let model = try TreeLearner.fitTree(x, y, TreeParameters(depth: 1), context: FitContext())
        let tree = model.trees[0]
        #expect(tree.threshold[0] == 6.5)
        #expect(tree.missingGoesLeft[0] == goesLeft)
        let p = model.predict(try Self.matrix(["x": [.nan]]), threads: 1)
        #expect(p == .probabilities(missingLabel == 0 ? [1, 0] : [0, 1], classes: ["a", "b"]))
    }

    @Test func depthAndMinLeafBoundTheTree() throws {
        let (x, y) = try Self.iris()
        let model = try TreeLearner.fitTree(x, y, TreeParameters(depth: 3, minLeaf: 5), context: FitContext())
        let tree = model.trees[0]
        func depth(_ node: Int) -> Int { tree.isLeaf(node) ? 0 : 1 + max(depth(Int(tree.left[node])), depth(Int(tree.right[node]))) }
        #expect(depth(0) <= 3)
        for node in 0..<tree.nodeCount where tree.isLeaf(node) { #expect(tree.cover[node] >= 5) }
        // Children's rows add up to their parent's.
        for node in 0..<tree.nodeCount where !tree.isLeaf(node) {
            #expect(tree.cover[Int(tree.left[node])] + tree.cover[Int(tree.right[node])] == tree.cover[node])
        }
        guard case .probabilities(let p, _) = model.predict(x, threads: 2) else { Issue.record("expected probabilities"); return }
        let correct = (0..<x.rows).filter { r in
            guard case .classes(let labels, _) = y else { return false }
            return (0..<3).max { p[r * 3 + $0] < p[r * 3 + $1] } == Int(labels[r])
        }
        #expect(correct.count >= 140, "a depth-3 tree fits iris almost perfectly")
    }

    // MARK: - Forest

    @Test func aForestDoesNotDependOnTheThreadCount() throws {
        let (x, y) = try Self.synthetic()
        let p = ForestParameters(trees: 12, depth: 8)
        let one = try TreeLearner.fitForest(x, y, p, context: FitContext(seed: 3, threads: 1))
        let two = try TreeLearner.fitForest(x, y, p, context: FitContext(seed: 3, threads: 2))
        let other = try TreeLearner.fitForest(x, y, p, context: FitContext(seed: 4, threads: 2))
        #expect(one == two)
        #expect(one != other)
        #expect(one.trees.count == 12)
    }

    @Test func forestProbabilitiesAreAveragesOfTreeProbabilities() throws {
        let (x, y) = try Self.synthetic(rows: 500)
        let model = try TreeLearner.fitForest(x, y, ForestParameters(trees: 5), context: FitContext(threads: 2))
        guard case .probabilities(let p, let classes) = model.predict(x, threads: 2) else { Issue.record("expected probabilities"); return }
        #expect(classes == ["a", "b"])
        #expect(p.count == 1_000)
        for r in 0..<500 { #expect(abs(p[2 * r] + p[2 * r + 1] - 1) < 1e-12) }
    }

    // MARK: - Boosting

    @Test func boostingLowersTheTrainingLoglossRoundByRound() throws {
        let (x, y) = try Self.synthetic()
        let model = try TreeLearner.fitBoost(x, y, BoostParameters(rounds: 40), context: FitContext(threads: 2))
        guard case .classes(let labels, _) = y else { Issue.record("expected class labels"); return }
        func logloss(_ rounds: Int) throws -> Double {
            let partial = try TreeEnsemble(kind: .boost, trees: Array(model.trees.prefix(rounds)), featureNames: model.featureNames, classes: model.classes, baseScore: model.baseScore)
            guard case .probabilities(let p, _) = partial.predict(x, threads: 1) else { return .nan }
            return (0..<x.rows).map { -log(max(p[2 * $0 + Int(labels[$0])], 1e-15)) }.reduce(0, +) / Double(x.rows)
        }
        let losses = try [0, 1, 5, 10, 20, 40].map(logloss)
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $0 > $1 }, "\(losses)")
        #expect(losses[0] > 0.69 && losses[5] < 0.35)
    }

    @Test func boostingDoesNotDependOnTheThreadCount() throws {
        let (x, y) = try Self.synthetic()
        let p = BoostParameters(rounds: 10, subsample: 0.8, colsample: 0.7)
        let one = try TreeLearner.fitBoost(x, y, p, context: FitContext(seed: 1, threads: 1))
        let two = try TreeLearner.fitBoost(x, y, p, context: FitContext(seed: 1, threads: 2))
        #expect(one == two)
    }

    // Enough rows that partitions, gathers, gradients and histograms all split across threads.
    @Test(arguments: [1.0, 0.8])
    func boostingOnManyRowsDoesNotDependOnTheThreadCount(subsample: Double) throws {
        let (x, y) = try Self.synthetic(rows: 40_000)
        let p = BoostParameters(rounds: 4, subsample: subsample)
        let one = try TreeLearner.fitBoost(x, y, p, context: FitContext(seed: 1, threads: 1))
        let three = try TreeLearner.fitBoost(x, y, p, context: FitContext(seed: 1, threads: 3))
        #expect(one == three)
        #expect(one.rawOutput(x, threads: 1) == three.rawOutput(x, threads: 3))
    }

    @Test func leavesAndDepthBoundBoostedTrees() throws {
        let (x, y) = try Self.synthetic()
        let model = try TreeLearner.fitBoost(x, y, BoostParameters(rounds: 5, depth: nil, leaves: 7, minLeaf: 10), context: FitContext())
        for tree in model.trees {
            #expect((0..<tree.nodeCount).filter(tree.isLeaf).count <= 7)
        }
        let shallow = try TreeLearner.fitBoost(x, y, BoostParameters(rounds: 5, depth: 1), context: FitContext())
        for tree in shallow.trees { #expect(tree.nodeCount == 3) }
    }

    @Test func multiclassBoostingGivesOneTreePerClassPerRound() throws {
        let (x, y) = try Self.iris()
        let model = try TreeLearner.fitBoost(x, y, BoostParameters(rounds: 20, minLeaf: 5), context: FitContext(threads: 2))
        #expect(model.trees.count == 60)
        #expect(model.trees.map(\.outputIndex).prefix(6) == [0, 1, 2, 0, 1, 2])
        #expect(model.outputCount == 3)
        guard case .probabilities(let p, let classes) = model.predict(x, threads: 2) else { Issue.record("expected probabilities"); return }
        #expect(classes == ["setosa", "versicolor", "virginica"])
        #expect(p.count == 150 * 3)
        #expect(abs(p[0] + p[1] + p[2] - 1) < 1e-12)
        #expect(p[0] > 0.9, "the first iris is a setosa")
        #expect(model.rawOutput(x, threads: 1).count == 150 * 3)
    }

    @Test func regressionBoostingStartsFromTheMeanAndFitsIt() throws {
        let x = try Self.matrix(["x": (0..<200).map(Double.init)])
        let y = Target.values((0..<200).map { $0 < 100 ? 1.0 : 3.0 })
        let model = try TreeLearner.fitBoost(x, y, BoostParameters(rounds: 50, rate: 0.3), context: FitContext())
        #expect(model.baseScore == [2])
        guard case .values(let v) = model.predict(try Self.matrix(["x": [10, 150]]), threads: 1) else {
            Issue.record("a regression model predicted something other than values"); return
        }
        #expect(abs(v[0] - 1) < 1e-3 && abs(v[1] - 3) < 1e-3)
    }

    @Test func binaryRawOutputIsTheLogOddsOfThePrediction() throws {
        let (x, y) = try Self.synthetic(rows: 300)
        let model = try TreeLearner.fitBoost(x, y, BoostParameters(rounds: 5), context: FitContext())
        let raw = model.rawOutput(x, threads: 1)
        guard case .probabilities(let p, _) = model.predict(x, threads: 1) else { Issue.record("expected probabilities"); return }
        for r in 0..<300 { #expect(abs(1 / (1 + exp(-raw[r])) - p[2 * r + 1]) < 1e-12) }
        // Base score plus the trees' leaf values, tree by tree.
        let first = (0..<x.rows).map { r in
            model.trees.reduce(model.baseScore[0]) { sum, tree in
                (0..<6).map { x[r, $0] }.withUnsafeBufferPointer { sum + tree.value[tree.leaf($0.baseAddress!, stride: 1)] }
            }
        }
        for r in 0..<300 { #expect(abs(first[r] - raw[r]) < 1e-12) }
    }

    // MARK: - Saving

    @Test(arguments: ["tree", "forest", "boost"])
    func aSavedModelPredictsTheSame(kind: String) throws {
        let (x, y) = try Self.synthetic(rows: 400)
        let context = FitContext(seed: 9, threads: 2)
        let model = switch kind {
        case "tree": try TreeLearner.fitTree(x, y, TreeParameters(), context: context)
        case "forest": try TreeLearner.fitForest(x, y, ForestParameters(trees: 4), context: context)
        default: try TreeLearner.fitBoost(x, y, BoostParameters(rounds: 5), context: context)
        }
        let json = try JSONEncoder().encode(model)
        let loaded = try JSONDecoder().decode(TreeEnsemble.self, from: json)
        #expect(loaded == model)
        #expect(loaded.predict(x, threads: 1) == model.predict(x, threads: 2))
    }

    @Test func aDamagedSavedTreeIsAnErrorNotACrash() throws {
        let x = try Self.matrix(["x": [1, 2, 3, 4]])
        let model = try TreeLearner.fitTree(x, Self.classes([0, 0, 1, 1]), TreeParameters(depth: 1), context: FitContext())
        var json = String(decoding: try JSONEncoder().encode(model), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"left\":[1,", with: "\"left\":[7,")
        #expect(throws: (any Error).self) { try JSONDecoder().decode(TreeEnsemble.self, from: Data(json.utf8)) }
    }

    @Test func columnsAreMatchedByNameAtPrediction() throws {
        let x = try Self.matrix(["a": [1, 2, 3, 4], "b": [0, 0, 0, 0]])
        let model = try TreeLearner.fitTree(x, Self.classes([0, 0, 1, 1]), TreeParameters(depth: 1), context: FitContext())
        let swapped = try FeatureMatrix(rows: 2, names: ["b", "a"], values: [0, 0, 1, 4])
        #expect(model.predict(swapped, threads: 1) == .probabilities([1, 0, 0, 1], classes: ["a", "b"]))
        // A missing feature is a missing value, which follows the larger side here (a tie: left).
        let without = try FeatureMatrix(rows: 1, names: ["b"], values: [0])
        #expect(model.predict(without, threads: 1).rowCount == 1)
    }

    // MARK: - Errors

    @Test func aTargetWithOneClassIsAnError() throws {
        let x = try Self.matrix(["x": [1, 2, 3]])
        #expect(throws: LearnError(
            "the target has a single class, `b`, in the training rows",
            help: "a classifier needs rows of at least two classes; check the target column and the filters")) {
            try TreeLearner.fitBoost(x, Self.classes([1, 1, 1]), BoostParameters(), context: FitContext())
        }
    }

    @Test func aConstantTargetIsAnError() throws {
        let x = try Self.matrix(["x": [1, 2, 3]])
        #expect(throws: LearnError(
            "the target has a single value, 2.0, in every training row",
            help: "there is nothing to learn; check the target column and the filters")) {
            try TreeLearner.fitForest(x, .values([2, 2, 2]), ForestParameters(), context: FitContext())
        }
    }

    @Test func noRowsIsAnError() throws {
        let x = try FeatureMatrix(rows: 0, names: ["x"], values: [])
        #expect(throws: LearnError("there are no rows to train on", help: "check the filters that produced the training data")) {
            try TreeLearner.fitTree(x, .values([]), TreeParameters(), context: FitContext())
        }
    }

    @Test func parametersOutOfRangeNameTheParameter() throws {
        let x = try Self.matrix(["x": [1, 2, 3, 4]])
        let y = Self.classes([0, 1, 0, 1])
        let context = FitContext()
        #expect(throws: LearnError("`depth` must be at least 1, got 0", help: "use null for unlimited depth")) {
            try TreeLearner.fitTree(x, y, TreeParameters(depth: 0), context: context)
        }
        #expect(throws: LearnError("`rate` must be greater than 0, got 0.0", help: "0.1 is the usual choice; smaller rates need more rounds")) {
            try TreeLearner.fitBoost(x, y, BoostParameters(rate: 0), context: context)
        }
        #expect(throws: LearnError("`subsample` must be in (0, 1], got 1.5", help: "1.0 uses everything")) {
            try TreeLearner.fitBoost(x, y, BoostParameters(subsample: 1.5), context: context)
        }
        #expect(throws: LearnError("`bins` must be between 2 and 255, got 256", help: "255 is the usual choice")) {
            try TreeLearner.fitForest(x, y, ForestParameters(bins: 256), context: context)
        }
        #expect(throws: LearnError("`criterion` \"variance\" is for numeric targets, and this target has classes", help: "use \"gini\" or \"entropy\"")) {
            try TreeLearner.fitTree(x, y, TreeParameters(criterion: .variance), context: context)
        }
    }

    @Test func anInterruptStopsTheFit() throws {
        let (x, y) = try Self.synthetic(rows: 200)
        let context = FitContext(isCancelled: { true })
        #expect(throws: LearnError.cancelled) { try TreeLearner.fitForest(x, y, ForestParameters(trees: 3), context: context) }
        #expect(throws: LearnError.cancelled) { try TreeLearner.fitBoost(x, y, BoostParameters(rounds: 3), context: context) }
    }

    // MARK: - Binning

    @Test func binEdgesSitBetweenDistinctValues() {
        #expect(BinnedFeatures.edges(sortedValues: [1, 1, 2, 4], maxBins: 255) == [1.5, 3, 4])
        let many = BinnedFeatures.edges(sortedValues: (0..<1_000).map(Double.init), maxBins: 4)
        #expect(many.count == 4)
        #expect(many.last == 999)
    }
}

@Suite struct BinningTests {
    @Test func radixSortOrdersLikeComparison() {
        var rng = SplitMix(seed: 11)
        var values = (0..<5_000).map { _ in (Double(rng.next() >> 11) * 0x1p-53 - 0.5) * 1e6 }
        values += [0, -0.0, .infinity, -.infinity, 1e-300, -1e-300, 42, 42]
        let sorted = BinnedFeatures.radixSorted(values)
        #expect(sorted == values.map { $0 == 0 ? 0 : $0 }.sorted())
    }
}
