import AssayFrame
import AssayLearn
import Foundation
import Testing

/// The JSON format's numbers, and what a damaged or foreign file gives instead of a crash.
@Suite struct ModelCodingTests {
    func roundTrip(_ values: [Double]) throws -> [Double] {
        try ModelCoding.decode([Double].self, from: ModelCoding.encode(values))
    }

    @Test func doublesReadBackToTheSameBits() throws {
        let awkward: [Double] = [
            0, -0.0, 0.1, 0.1 + 0.2, 1.0 / 3, -2.5, 1e-300, .leastNonzeroMagnitude, 2.2250738585072014e-308, .ulpOfOne, 1 + .ulpOfOne,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .pi, 0x1p53 + 2, 1e22, 1e23, 123456789.123456789,
            .infinity, -.infinity,
        ]
        #expect(try roundTrip(awkward).map(\.bitPattern) == awkward.map(\.bitPattern))
        var rng = SeededGenerator(seed: 1)
        let random = (0..<20_000).map { _ in Double(bitPattern: rng.next()) }.filter { !$0.isNaN }
        #expect(try roundTrip(random).map(\.bitPattern) == random.map(\.bitPattern))
        #expect(try roundTrip([.nan]).first?.isNaN == true)
        #expect(String(decoding: try ModelCoding.encode([.nan, .infinity, -.infinity, 2, 0.5]), as: UTF8.self) == #"["nan","inf","-inf",2,0.5]"#)
    }

    func stageError(_ json: String) -> LearnError? {
        do {
            _ = try ModelCoding.decode([StoredStage].self, from: Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    func modelError(_ json: String) -> LearnError? {
        do {
            _ = try ModelCoding.decode(StoredModel.self, from: Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func garbageIsNotValidJSON() {
        #expect(modelError("this is not a model") == LearnError("the saved file is not valid JSON", help: "save the model again"))
        #expect(modelError(#"{"type": "linear", "terms": "#) == LearnError("the saved file is not valid JSON", help: "save the model again"))
        #expect(modelError("") == LearnError("the saved file is not valid JSON", help: "save the model again"))
    }

    @Test func anUnknownTypeNamesTheKnownOnes() {
        #expect(modelError(#"{"type": "magic"}"#) == LearnError(
            "unknown model type `magic` in the saved file", help: "the model types are `logistic`, `linear`, `knn`, `bayes`, `trees`"))
        #expect(stageError(#"[{"type": "bucket", "column": "x", "splits": [1]}, {"type": "spin"}]"#) == LearnError(
            "unknown stage type `spin` at `[1]` in the saved file",
            help: "the stage types are `impute`, `scale`, `onehot`, `index`, `bucket`, `quantiles`, `products`, `log`, `pca`, `derive`"))
    }

    @Test func aMissingOrMistypedFieldIsNamedByItsPath() {
        #expect(modelError("{}") == LearnError("the saved file lacks `type`", help: "save the model again"))
        #expect(modelError("[1, 2]") == LearnError("the saved file has the wrong kind of value at `.`, where a object belongs", help: "save the model again"))
        #expect(stageError(#"[{"type": "bucket", "column": "x", "splits": "many"}]"#)
            == LearnError("the saved file has the wrong kind of value at `[0].splits`, where a list belongs", help: "save the model again"))
        #expect(stageError(#"[{"type": "scale", "method": "fancy", "columns": []}]"#)
            == LearnError("the saved file has an invalid value at `[0].method`", help: "save the model again"))
        #expect(stageError(#"[{"type": "log"}]"#) == LearnError("the saved file lacks `[0].columns`", help: "save the model again"))
        #expect(modelError(#"{"type": "linear", "terms": {"outputs": ["prediction"], "featureNames": ["a"], "weights": [[null]], "intercepts": [0]}}"#)
            == LearnError("the saved file has null at `terms.weights[0][0]`, where a number belongs", help: "save the model again"))
    }

    @Test func partsThatDontFitTogetherAreAnErrorNotACrash() {
        #expect(stageError(#"[{"type": "pca", "inputs": ["a", "b"], "means": [0], "components": [[1, 0]], "explainedVariance": [1], "explainedVarianceRatio": [1]}]"#)
            == LearnError("a saved `pca` stage has means or loadings that don't match its 2 columns", help: "save the model again"))
        #expect(stageError(#"[{"type": "products", "stage": "poly", "inputs": ["a"], "terms": [[0, 1]]}]"#)
            == LearnError("a saved `poly` stage has a product of columns it does not list", help: "save the model again"))
        #expect(modelError(#"{"type": "linear", "terms": {"outputs": ["prediction"], "featureNames": ["a", "b"], "weights": [[1]], "intercepts": [0]}}"#)
            == LearnError("a saved linear model's weights don't match its 1 outputs and 2 features", help: "save the model again"))
        #expect(modelError(#"{"type": "logistic", "classes": ["a", "b", "c"], "terms": {"outputs": ["c"], "featureNames": ["x"], "weights": [[1]], "intercepts": [0]}}"#)
            == LearnError("a saved `logistic` model's 1 outputs don't match its 3 classes", help: "save the model again"))
        #expect(modelError(#"{"type": "knn", "k": 9, "weights": "uniform", "featureNames": ["x"], "trainingRows": [1, 2], "target": {"values": [1, 2]}}"#)
            == LearnError("a saved `knn` model has k = 9 for 2 training rows", help: "save the model again"))
        #expect(modelError(#"{"type": "knn", "k": 1, "weights": "uniform", "featureNames": ["x"], "trainingRows": [1, 2], "target": {"classes": ["a", "b"], "labels": [0, 5]}}"#)
            == LearnError("a saved `knn` model has labels outside its 2 classes", help: "save the model again"))
        #expect(modelError(#"{"type": "bayes", "classes": ["a", "b"], "featureNames": ["x"], "logPriors": [0, 0], "means": [0], "variances": [1, 1]}"#)
            == LearnError("a saved `bayes` model's statistics don't match its 2 classes and 1 features", help: "save the model again"))
        #expect(modelError(#"{"type": "trees", "threads": 1, "ensemble": {"kind": "tree", "trees": [], "featureNames": [], "baseScore": [0]}}"#)
            == LearnError("a saved model has no features", help: "save the model again"))
    }

    /// A stage from outside the library, which the file format does not know.
    struct Unknown: FittedStage {
        func transform(_ data: Dataset) throws(LearnError) -> Dataset { data }
        var summary: [(String, String)] { [] }
    }

    @Test func aStageTheFormatDoesNotKnowCantBeSaved() {
        #expect(throws: LearnError("a stage of type `Unknown` can't be saved")) {
            try ModelCoding.encode(StoredStage(Unknown()))
        }
    }
}
