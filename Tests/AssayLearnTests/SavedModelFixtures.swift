import AssayFrame
import AssayLearn
import Foundation

/// Saved model files written once and kept under `Fixtures/models`, each with the predictions
/// its model gave when it was written: every file a released Assay wrote must keep loading and
/// predicting the same. See `Fixtures/models/README.md`.
enum SavedModelFixtures {
    /// A pipeline fitted on some rows of a sample dataset, then asked to predict a few rows.
    struct Fixture: Sendable {
        var name: String
        var sample: String
        var target: String
        var stages: [any Stage]
        var model: any Model
        /// Every `trainingStep`-th row is fitted on, which keeps the file small (knn saves its rows).
        var trainingStep: Int
        var validation: ValidationScheme?

        init(
            _ name: String, _ sample: String, target: String, stages: [any Stage], model: any Model, trainingStep: Int = 3,
            validation: ValidationScheme? = nil
        ) {
            self.name = name
            self.sample = sample
            self.target = target
            self.stages = stages
            self.model = model
            self.trainingStep = trainingStep
            self.validation = validation
        }
    }

    /// What a fixture's model predicted, when it was written, for the sample's `rows`.
    struct Expected: Codable, Equatable {
        var sample: String
        var rows: [Int]
        var classes: [String]?
        var probabilities: [Double]?
        var values: [Double]?
    }

    static let directory = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/models")

    static func modelFile(_ name: String) -> URL { directory.appending(path: "\(name).json") }
    static func expectedFile(_ name: String) -> URL { directory.appending(path: "\(name).expected.json") }

    /// The names of the saved model files in the folder, each with its expected predictions beside it.
    static func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false))) ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasSuffix(".expected.json") }.map { String($0.dropLast(".json".count)) }.sorted()
    }

    // MARK: - The catalog

    /// `(bill_length_mm / bill_depth_mm)`.
    static let billRatio = RowExpression.binary(.divide, .column("bill_length_mm", id: 1), .column("bill_depth_mm", id: 2), id: 3)

    /// `if(island in ["Dream", "Biscoe"] and not (body_mass_g is null), log(flipper_length_mm + 1) * -2.5, null)`:
    /// every kind of expression node.
    static let everyNode = RowExpression.call("if", [
        .binary(
            .and,
            .isIn(.column("island", id: 1), [.string("Dream", id: 2), .string("Biscoe", id: 3)], negated: false, id: 4),
            .unary(.not, .isNull(.column("body_mass_g", id: 5), negated: false, id: 6), id: 7), id: 8),
        .binary(
            .multiply, .call("log", [.binary(.add, .column("flipper_length_mm", id: 9), .number(1, id: 10), id: 11)], id: 12),
            .unary(.negate, .number(2.5, id: 13), id: 14), id: 15),
        .null(id: 16),
    ], id: 17)

    /// Penguins as the models see them: numbers filled, sex filled, island and sex one-hot.
    static let penguinStages: [any Stage] = [
        Impute(.numeric), Impute(.names(["sex"]), strategy: .mode), OneHot(.names(["island", "sex"])),
    ]

    static let all: [Fixture] = [
        // One per stage type, and per variant that saves differently.
        Fixture(
            "stage-impute", "penguins", target: "species",
            stages: [
                Derivation("heavy", .binary(.greater, .column("body_mass_g", id: 1), .number(4000, id: 2), id: 3)),
                Impute(.names(["bill_length_mm", "body_mass_g"])),
                Impute(.names(["flipper_length_mm"]), strategy: .median),
                Impute(.names(["bill_depth_mm"]), strategy: .value(.number(17.25))),
                Impute(.names(["island"]), strategy: .mode),
                Impute(.names(["sex"]), strategy: .value(.string("unknown"))),
                Impute(.names(["heavy"]), strategy: .value(.bool(true))),
                OneHot(.names(["island", "sex", "heavy"])),
            ],
            model: LogisticRegression()),
        Fixture("stage-scale-standard", "diabetes", target: "progression", stages: [Scale(.numeric)], model: LinearRegression()),
        Fixture("stage-scale-minmax", "diabetes", target: "progression", stages: [Scale(.numeric, method: .minmax)], model: LinearRegression()),
        Fixture("stage-scale-robust", "diabetes", target: "progression", stages: [Scale(.numeric, method: .robust)], model: LinearRegression()),
        Fixture(
            "stage-onehot", "penguins", target: "species",
            stages: [Impute(.numeric), OneHot(.names(["island", "sex"]), dropLast: true, maxCategories: 2)], model: LogisticRegression()),
        Fixture(
            "stage-index", "penguins", target: "species",
            stages: [CategoryIndex(.names(["island", "sex"]))], model: TreeModel(TreeParameters(depth: 3))),
        Fixture("stage-bucket", "diabetes", target: "progression", stages: [Bucket("bmi", splits: [20, 25.5, 30])], model: LinearRegression()),
        Fixture("stage-quantiles", "diabetes", target: "progression", stages: [Quantiles(.names(["bmi", "bp"]), buckets: 4)], model: LinearRegression()),
        Fixture("stage-poly", "diabetes", target: "progression", stages: [Polynomial(.names(["bmi", "bp"]), degree: 3)], model: LinearRegression()),
        Fixture("stage-interact", "diabetes", target: "progression", stages: [Interaction("bmi", "s5")], model: LinearRegression()),
        Fixture("stage-log", "diabetes", target: "progression", stages: [LogOnePlus(.names(["s1", "s2"]))], model: LinearRegression()),
        Fixture(
            "stage-pca", "diabetes", target: "progression",
            stages: [Scale(.numeric), PrincipalComponents(.numeric, k: 3)], model: LinearRegression()),
        Fixture(
            "stage-derive", "penguins", target: "species",
            stages: [Derivation("bill_ratio", billRatio), Derivation("odd", everyNode)] + penguinStages, model: LogisticRegression()),

        // One per model type and task.
        Fixture("model-logistic-binary", "titanic", target: "survived", stages: [OneHot(.categorical)], model: LogisticRegression(), trainingStep: 6),
        Fixture("model-logistic-classes", "penguins", target: "species", stages: penguinStages, model: LogisticRegression(reg: 0.1, l1Ratio: 0.5)),
        Fixture(
            "model-linear", "diabetes", target: "progression", stages: [], model: LinearRegression(reg: 0.1, l1Ratio: 0.5),
            validation: .holdout(fraction: 0.25)),
        Fixture(
            "model-knn-classes", "penguins", target: "species", stages: penguinStages + [Scale(.numeric)],
            model: NearestNeighbors(k: 4, weights: .distance), trainingStep: 6),
        Fixture("model-knn-values", "diabetes", target: "progression", stages: [], model: NearestNeighbors(k: 5), trainingStep: 8),
        Fixture("model-bayes", "penguins", target: "species", stages: penguinStages, model: GaussianNaiveBayes()),
        Fixture("model-tree-classes", "penguins", target: "species", stages: penguinStages, model: TreeModel(TreeParameters(depth: 3))),
        Fixture("model-tree-values", "diabetes", target: "progression", stages: [], model: TreeModel(TreeParameters(depth: 3))),
        Fixture(
            "model-forest-classes", "penguins", target: "species", stages: penguinStages,
            model: ForestModel(ForestParameters(trees: 3, depth: 3))),
        Fixture("model-forest-values", "diabetes", target: "progression", stages: [], model: ForestModel(ForestParameters(trees: 3, depth: 3))),
        Fixture(
            "model-boost-binary", "titanic", target: "survived", stages: [CategoryIndex(.categorical)],
            model: BoostModel(BoostParameters(rounds: 4, depth: 2, minLeaf: 3)), trainingStep: 6),
        Fixture(
            "model-boost-classes", "penguins", target: "species", stages: [CategoryIndex(.names(["island", "sex"]))],
            model: BoostModel(BoostParameters(rounds: 3, depth: 2, minLeaf: 3))),
        Fixture("model-boost-values", "diabetes", target: "progression", stages: [], model: BoostModel(BoostParameters(rounds: 4, depth: 2, minLeaf: 3))),
    ]

    // MARK: - Writing

    /// The rows every fixture predicts: a spread over the sample, and for penguins row 3, which
    /// has no measurements at all.
    static func predictedRows(_ data: Dataset) -> [Int] {
        Array(Set(Array(stride(from: 0, to: data.rowCount, by: max(1, data.rowCount / 12))) + [min(3, data.rowCount - 1)])).sorted()
    }

    static func expected(_ prediction: Prediction, sample: String, rows: [Int]) -> Expected {
        switch prediction {
        case .probabilities(let p, let classes): Expected(sample: sample, rows: rows, classes: classes, probabilities: p)
        case .values(let v): Expected(sample: sample, rows: rows, values: v)
        }
    }

    /// Fits `fixture` with the current code and writes its saved model and expected predictions.
    static func write(_ fixture: Fixture) throws {
        let data = try SampleData.load(fixture.sample)
        let training = data.take(Array(stride(from: 0, to: data.rowCount, by: fixture.trainingStep)))
        let settings = fixture.stages.map { ComponentSettings(kind: $0.kind, parameters: []) } + [ComponentSettings(kind: fixture.model.kind, parameters: [])]
        let pipeline = Pipeline(stages: fixture.stages, model: fixture.model, settings: settings, name: fixture.name)
        let fitted = try PipelineTrainer.fit(
            pipeline, on: training, target: fixture.target, validation: fixture.validation, context: FitContext(seed: 7, threads: 2))
        let rows = predictedRows(data)
        let expected = expected(try fitted.predict(data.take(rows)), sample: fixture.sample, rows: rows)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try SavedModel.encode(fitted).write(to: modelFile(fixture.name))
        try ModelCoding.encode(expected).write(to: expectedFile(fixture.name))
    }
}
