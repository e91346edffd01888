import AssayFrame
import AssayLearn
import Foundation
import Synchronization
import Testing

/// Every fitted model written through `StoredModel` and read back predicts the same bits, and the
/// tree learners fit through `Model` as they do directly.
@Suite struct StoredModelTests {
    /// A learner and the kind of target to fit it on.
    struct Case: Sendable, CustomTestStringConvertible {
        enum Task: Sendable { case binary, multiclass, regression }

        var model: any Model
        var task: Task
        var testDescription: String { "\(model.kind) \(task)" }

        init(_ model: any Model, _ task: Task) {
            self.model = model
            self.task = task
        }
    }

    static let cases: [Case] = [
        Case(LogisticRegression(), .binary),
        Case(LogisticRegression(reg: 0.01, l1Ratio: 0.5), .multiclass),
        Case(LinearRegression(), .regression),
        Case(LinearRegression(reg: 0.1, l1Ratio: 0.5), .regression),
        Case(NearestNeighbors(k: 3), .binary),
        Case(NearestNeighbors(k: 4, weights: .distance), .multiclass),
        Case(NearestNeighbors(k: 4, weights: .distance), .regression),
        Case(GaussianNaiveBayes(), .binary),
        Case(GaussianNaiveBayes(), .multiclass),
        Case(TreeModel(TreeParameters(depth: 4)), .binary),
        Case(TreeModel(TreeParameters(depth: 4, criterion: .entropy)), .multiclass),
        Case(TreeModel(TreeParameters(depth: 4)), .regression),
        Case(ForestModel(ForestParameters(trees: 5, depth: 4)), .binary),
        Case(ForestModel(ForestParameters(trees: 5, depth: 4)), .multiclass),
        Case(ForestModel(ForestParameters(trees: 5, depth: 4)), .regression),
        Case(BoostModel(BoostParameters(rounds: 8, minLeaf: 3)), .binary),
        Case(BoostModel(BoostParameters(rounds: 8, minLeaf: 3)), .multiclass),
        Case(BoostModel(BoostParameters(rounds: 8, minLeaf: 3)), .regression),
    ]

    /// 90 rows of three features and targets that depend on them with a little noise.
    static func fixture(_ task: Case.Task) throws -> (FeatureMatrix, Target) {
        var rng = SeededGenerator(seed: 11)
        let rows = 90
        var values = [Double](repeating: 0, count: rows * 3)
        for i in values.indices { values[i] = Double.random(in: -2...2, using: &rng) }
        let x = try FeatureMatrix(rows: rows, names: ["a", "b", "c"], values: values)
        let scores = (0..<rows).map { r in 1.5 * x[r, 0] - x[r, 1] + 0.5 * x[r, 2] + Double.random(in: -0.5...0.5, using: &rng) }
        switch task {
        case .binary:
            return (x, .classes(labels: scores.map { $0 > 0 ? 1 : 0 }, classes: ["no", "yes"]))
        case .multiclass:
            return (x, .classes(labels: scores.map { $0 < -1 ? 0 : $0 < 1 ? 1 : 2 }, classes: ["low", "mid", "high"]))
        case .regression:
            return (x, .values(scores))
        }
    }

    /// The features reordered, one renamed away (all missing) and a few values missing: the
    /// paths a prediction takes for data that doesn't match the training data.
    static func query(_ x: FeatureMatrix) throws -> FeatureMatrix {
        var c = Array(x.column(2))
        for r in stride(from: 0, to: c.count, by: 5) { c[r] = .nan }
        return try FeatureMatrix(rows: x.rows, names: ["c", "a", "other"], values: c + Array(x.column(0)) + Array(x.column(1)))
    }

    func reloaded(_ model: any FittedModel) throws -> any FittedModel {
        let json = try ModelCoding.encode(StoredModel(model))
        return try ModelCoding.decode(StoredModel.self, from: json).model
    }

    @Test(arguments: cases)
    func aSavedModelPredictsTheSameBits(_ test: Case) throws {
        let (x, y) = try Self.fixture(test.task)
        let fitted = try test.model.fit(x, y, context: FitContext(seed: 3, threads: 2))
        let loaded = try reloaded(fitted)
        #expect(loaded.kind == test.model.kind)
        #expect(loaded.featureNames == fitted.featureNames)
        for input in [x, try Self.query(x)] {
            let (before, after) = (fitted.predict(input), loaded.predict(input))
            switch (before, after) {
            case (.probabilities(let p, let classes), .probabilities(let q, let loadedClasses)):
                #expect(sameBits(p, q))
                #expect(classes == loadedClasses)
            case (.values(let p), .values(let q)):
                #expect(sameBits(p, q))
            default:
                Issue.record("the loaded model predicts \(after), the fitted one \(before)")
            }
        }
        #expect(try ModelCoding.encode(StoredModel(loaded)) == ModelCoding.encode(StoredModel(fitted)))
    }

    @Test func treeModelsFitAsTheLearnerDoes() throws {
        let (x, y) = try Self.fixture(.multiclass)
        let context = FitContext(seed: 5, threads: 2)
        let tree = TreeParameters(depth: 3)
        let forest = ForestParameters(trees: 4)
        let boost = BoostParameters(rounds: 5, minLeaf: 3)
        let fitted = [
            try TreeModel(tree).fit(x, y, context: context),
            try ForestModel(forest).fit(x, y, context: context),
            try BoostModel(boost).fit(x, y, context: context),
        ].compactMap { $0 as? FittedTrees }
        let direct = [
            try TreeLearner.fitTree(x, y, tree, context: context),
            try TreeLearner.fitForest(x, y, forest, context: context),
            try TreeLearner.fitBoost(x, y, boost, context: context),
        ]
        #expect(fitted.map(\.ensemble) == direct)
        #expect(fitted.map(\.kind) == ["tree", "forest", "boost"])
        #expect(fitted.map(\.threads) == [2, 2, 2])
        #expect(fitted.allSatisfy { $0.featureNames == ["a", "b", "c"] })
    }

    @Test func treeModelsReportProgressAndStopWhenInterrupted() throws {
        let (x, y) = try Self.fixture(.binary)
        #expect(throws: LearnError.cancelled) {
            try ForestModel(ForestParameters(trees: 3)).fit(x, y, context: FitContext(isCancelled: { true }))
        }
        let reported = Reported()
        _ = try BoostModel(BoostParameters(rounds: 3, minLeaf: 3)).fit(x, y, context: FitContext(progress: { reported.add($0) }))
        #expect(reported.last == 1)
    }

    @Test func aLoadedTreeModelKeepsItsEnsemble() throws {
        let (x, y) = try Self.fixture(.regression)
        let fitted = try BoostModel(BoostParameters(rounds: 4, minLeaf: 3)).fitTrees(x, y, context: FitContext(threads: 3))
        let loaded = try #require(try reloaded(fitted) as? FittedTrees)
        #expect(loaded.ensemble == fitted.ensemble)
        #expect(loaded.threads == 3)
    }
}

/// Progress values a fit reported, from any thread.
final class Reported: Sendable {
    private let values = Mutex<[Double]>([])

    func add(_ value: Double) { values.withLock { $0.append(value) } }
    var last: Double? { values.withLock { $0.last } }
}
