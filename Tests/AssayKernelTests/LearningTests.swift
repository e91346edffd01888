import AssayKernel
import Foundation
import JupyterKernel
import Testing

/// Pipelines, `fit`, `evaluate` and `predict` as a notebook uses them.
@Suite struct LearningTests {
    func notebook() -> Notebook {
        let notebook = Notebook()
        notebook.run("""
            penguins = load sample "penguins" | dropna species
            train, test = split penguins 0.8 stratify species seed 42
            prep = impute(strategy="median") | impute(island, sex, strategy="mode") | onehot(island, sex) | scale()
            """)
        return notebook
    }

    @Test func aPipelineFitsAndScoresOnTestData() throws {
        let notebook = notebook()
        notebook.run("m = fit prep | logistic() on train target species")
        #expect(notebook.result("m.kind") == "\"logistic\"")
        #expect(notebook.result("m.classes") == "[\"Adelie\", \"Chinstrap\", \"Gentoo\"]")
        let features = try #require(notebook.result("m.features"))
        #expect(features.contains("\"island=Dream\""))
        notebook.run("scores = evaluate m on test")
        #expect(notebook.result("scores.columns") == "[\"model\", \"kind\", \"f1\", \"accuracy\", \"auc\", \"logloss\"]")
        #expect(notebook.result("(scores | where f1 > 0.95).rows") == "1")
    }

    @Test func predictAddsPredictionAndProbabilityColumns() {
        let notebook = notebook()
        notebook.run("m = fit prep | forest(trees=20) on train target species seed 1")
        notebook.run("p = predict m on test")
        #expect(notebook.result("p.columns.length") == "12")
        #expect(notebook.result("(p | select prediction, p_Adelie, p_Chinstrap, p_Gentoo).columns") == "[\"prediction\", \"p_Adelie\", \"p_Chinstrap\", \"p_Gentoo\"]")
        #expect(notebook.result("(p | where prediction != species).rows < 5") == "true")
    }

    @Test func aBoardRanksItsModelsByTheDefaultMetric() {
        let notebook = notebook()
        notebook.run("board = fit prep | [logistic(), tree(depth=2), knn()] on train target species cv 3 seed 7")
        #expect(notebook.result("board.leaderboard.rows") == "3")
        #expect(notebook.result("board.leaderboard.columns").map { $0.contains("\"f1_std\"") } == true)
        #expect(notebook.result("board.best.kind").map { ["\"logistic\"", "\"knn\""].contains($0) } == true)
        notebook.run("e = evaluate board on test metrics accuracy, f1")
        #expect(notebook.result("e.columns") == "[\"model\", \"kind\", \"accuracy\", \"f1\"]")
    }

    @Test func fitsAreReproducibleForASeed() {
        let notebook = notebook()
        notebook.run("a = fit prep | boost(rounds=20) on train target species seed 3")
        notebook.run("b = fit prep | boost(rounds=20) on train target species seed 3 parallel 1")
        #expect(notebook.result("(predict a on test | select p_Adelie) == (predict b on test | select p_Adelie)") == "true")
    }

    @Test func regressionIsInferredFromANumericTarget() {
        let notebook = Notebook()
        notebook.run("d = load sample \"diabetes\"")
        notebook.run("m = fit linear(reg=0.01) on d target progression holdout 0.2 seed 1")
        #expect(notebook.result("(m.metrics | select metric).rows") == "3")
        #expect(notebook.result("((predict m on d) | select prediction).columns") == "[\"prediction\"]")
    }

    @Test func anUnknownHyperparameterSuggestsTheClosest() {
        #expect(notebook().failure("m = fit prep | boost(rouns=10) on train target species") == """
            error: unknown hyperparameter `rouns` of `boost`
             --> cell 2, line 1, column 22
              |
            1 | m = fit prep | boost(rouns=10) on train target species
              |                      ^^^^^
            help: did you mean `rounds`?
            """)
    }

    @Test func aValueOutOfRangeSaysWhatIsAllowed() {
        let text = notebook().failure("m = fit prep | boost(rate=-1) on train target species")
        #expect(text.hasPrefix("error: `rate` of `boost` must be a number greater than 0, found -1"))
    }

    @Test func aSearchSpaceNeedsTune() {
        let text = notebook().failure("m = fit prep | boost(rate=loguniform(0.01, 0.3)) on train target species")
        #expect(text.contains("holds a search space"))
        #expect(text.contains("help: use `tune`"))
    }

    @Test func aConstantOrMissingTargetIsAnError() {
        let notebook = notebook()
        #expect(notebook.failure("m = fit prep | logistic() on (train | where species == \"Adelie\") target species").contains("single value"))
        #expect(notebook.failure("m = fit prep | logistic() on train target speces").contains("did you mean `species`?"))
        let missing = Notebook()
        missing.run("p = load sample \"penguins\"")
        #expect(missing.failure("m = fit impute() | onehot() | logistic() on p target sex").contains("missing value"))
    }

    @Test func aFailedFitLeavesTheSessionAsItWas() {
        let notebook = notebook()
        notebook.run("m = fit prep | logistic() on train target species")
        _ = notebook.failure("m = fit prep | logistic() on train target nothing")
        #expect(notebook.result("m.kind") == "\"logistic\"")
    }

    @Test func stringsNeedEncodingFirst() {
        let text = Notebook().failure("""
            p = load sample "penguins" | dropna
            m = fit logistic() on p target species
            """)
        #expect(text.contains("holds strings"))
        #expect(text.contains("onehot(island)"))
    }

    @Test func aSavedModelLoadsBackWithIdenticalPredictions() throws {
        let notebook = notebook()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-model-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        notebook.run("m = fit prep | derive(ratio = bill_length_mm / bill_depth_mm) | boost(rounds=15) on train target species seed 2")
        notebook.run("save m to \"\(path)\"")
        notebook.run("n = load model \"\(path)\"")
        #expect(notebook.result("(predict m on test) == (predict n on test)") == "true")
        #expect(notebook.result("n.features == m.features") == "true")
    }

    @Test func aModelShowsItsStagesParametersAndMetrics() throws {
        let notebook = notebook()
        notebook.run("m = fit prep | tree(depth=3) on train target species cv 3")
        let (sink, error, _) = notebook.run("m")
        #expect(error == nil)
        let text = sink.resultText ?? ""
        #expect(text.contains("stages"))
        #expect(text.contains("hyperparameters"))
        #expect(text.contains("depth"))
        #expect(text.contains("cv 3"))
    }

    @Test func stagesTransformADatasetDirectly() {
        let notebook = notebook()
        #expect(notebook.result("(train | onehot(island)).columns.length") == "10")
    }
}
