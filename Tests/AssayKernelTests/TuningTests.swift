import AssayKernel
import Foundation
import JupyterKernel
import Testing

/// `tune` as a notebook uses it.
@Suite struct TuningTests {
    func notebook() -> Notebook {
        let notebook = Notebook()
        notebook.run("""
            penguins = load sample "penguins" | dropna species
            train, test = split penguins 0.8 stratify species seed 42
            prep = impute(strategy="median") | impute(island, sex, strategy="mode") | onehot(island, sex) | scale()
            """)
        return notebook
    }

    @Test func gridEnumeratesEveryCombinationOnce() {
        let notebook = notebook()
        notebook.run("t = tune prep | tree(depth=[2, 3, 4], criterion=[\"gini\", \"entropy\"]) on train target species search grid")
        #expect(notebook.result("t.trials.rows") == "6")
        #expect(notebook.result("(t.trials | distinct `tree.depth`, `tree.criterion`).rows") == "6")
    }

    @Test func resultsAreTheSameWhateverTheParallelism() {
        let notebook = notebook()
        let space = "prep | boost(rounds=int(10, 40), rate=loguniform(0.01, 0.3)) on train target species trials 10 seed 3"
        notebook.run("a = tune \(space) parallel 1")
        notebook.run("b = tune \(space) parallel 3")
        #expect(notebook.result("(a.trials | drop seconds) == (b.trials | drop seconds)") == "true")
        notebook.run("c = tune \(space) search random parallel 2")
        notebook.run("d = tune \(space) search random parallel 1")
        #expect(notebook.result("(c.trials | drop seconds) == (d.trials | drop seconds)") == "true")
    }

    @Test func conditionalSpacesReportOnlyTheChosenModelsParameters() {
        let notebook = notebook()
        notebook.run("t = tune prep | choice(logistic(reg=loguniform(0.001, 10)), knn(k=int(1, 15))) on train target species search random trials 12 seed 1")
        #expect(notebook.result("t.trials.columns") == "[\"trial\", \"model\", \"logistic.reg\", \"knn.k\", \"f1\", \"f1_std\", \"seconds\"]")
        #expect(notebook.result("(t.trials | where model == \"knn\" and `logistic.reg` is not null).rows") == "0")
        #expect(notebook.result("(t.trials | where model == \"logistic\" and `knn.k` is not null).rows") == "0")
        #expect(notebook.result("(t.trials | where model == \"knn\").rows > 0") == "true")
    }

    @Test func theBestPipelineIsRefittedOnAllTheData() {
        let notebook = notebook()
        notebook.run("t = tune prep | tree(depth=int(1, 4)) on train target species trials 4 seed 2")
        notebook.run("m = t.best")
        #expect(notebook.result("m.kind") == "\"tree\"")
        #expect(notebook.result("(predict m on test).rows") == "69")
        #expect(notebook.result("t.params.rows") == "1")
    }

    @Test func spacesAreCheckedBeforeAnythingRuns() {
        let notebook = notebook()
        #expect(notebook.failure("t = tune prep | boost(rounds=uniform(10, 50)) on train target species").contains("takes whole numbers"))
        #expect(notebook.failure("t = tune prep | boost(rate=loguniform(0, 1)) on train target species").contains("rate"))
        #expect(notebook.failure("t = tune prep | boost(rate=uniform(0.3, 0.1)) on train target species").contains("uniform"))
        #expect(notebook.failure("t = tune prep | boost(rate=uniform(0.01, 0.3)) on train target species search grid").contains("grid"))
        #expect(notebook.failure("t = tune prep | boost() on train target species").contains("nothing to tune"))
        #expect(notebook.failure("t = tune prep | boost(rate=uniform(0.01, 0.3)) on train target species metric rmse").contains("scores numbers"))
    }
}
