import AssayLearn
import Testing

/// What models say about data they can't learn from, and metrics about mismatched input.
@Suite struct ModelErrorTests {
    let x: FeatureMatrix
    let complete: FeatureMatrix

    init() throws {
        x = try FeatureMatrix(rows: 3, names: ["a"], values: [1, .nan, 3])
        complete = try FeatureMatrix(rows: 3, names: ["a"], values: [1, 2, 3])
    }

    @Test func missingFeaturesNeedImputing() {
        #expect(throws: LearnError("`logistic` needs complete features, and `a` has missing values", help: "fill them first, for example `impute(a)`")) {
            try LogisticRegression().fit(x, .classes(labels: [0, 1, 0], classes: ["n", "y"]), context: FitContext())
        }
    }

    @Test func aSingleClassIsAnError() {
        #expect(throws: LearnError("the target has a single class, and `logistic` needs at least two")) {
            try LogisticRegression().fit(complete, .classes(labels: [1, 1, 1], classes: ["n", "y"]), context: FitContext())
        }
    }

    @Test func outOfRangeHyperparameters() {
        #expect(throws: LearnError("`l1_ratio` must be between 0 and 1, got 2.0")) {
            try LinearRegression(reg: 1, l1Ratio: 2).fit(complete, .values([1, 2, 3]), context: FitContext())
        }
        #expect(throws: LearnError("`k` must be at least 1, got 0")) {
            try NearestNeighbors(k: 0).fit(complete, .values([1, 2, 3]), context: FitContext())
        }
    }

    @Test func predictionMatchesFeaturesByName() throws {
        let model = try LinearRegression().fit(complete, .values([2, 4, 6]), context: FitContext())
        let renamed = try FeatureMatrix(rows: 1, names: ["b", "a"], values: [100, 10])
        #expect(allClose(values(model.predict(renamed)), [20], 1e-9))
        #expect(model.featureNames == ["a"])
    }

    @Test func metricsCheckTheirInputs() {
        #expect(throws: LearnError("`rmse` scores numbers, and the target holds classes", help: "use accuracy, precision, recall, f1, auc, pr_auc or logloss")) {
            try Metric.compute(.rmse, target: .classes(labels: [0], classes: ["a", "b"]), prediction: .probabilities([0.5, 0.5], classes: ["a", "b"]))
        }
        #expect(throws: LearnError("`auc` needs both classes in the target, and it holds only one")) {
            try Metric.compute(.auc, target: .classes(labels: [0, 0], classes: ["a", "b"]), prediction: .probabilities([0.5, 0.5, 0.2, 0.8], classes: ["a", "b"]))
        }
        #expect(Metric.defaultMetric(for: .classes(labels: [], classes: ["a", "b", "c"])) == .f1)
    }
}
