import AssayKernel
import Foundation
import JupyterKernel
import Testing

/// Every fit and evaluation is a run; `runs`, `run`, `compare runs` and `load run` read them.
@Suite struct TrackingTests {
    func notebook(tracking: String? = nil) -> Notebook {
        let notebook = Notebook(tracking: tracking)
        notebook.run("""
            experiment "penguins"
            penguins = load sample "penguins" | dropna species
            train, test = split penguins 0.8 stratify species seed 42
            prep = impute(strategy="median") | impute(island, sex, strategy="mode") | onehot(island, sex) | scale()
            """)
        return notebook
    }

    @Test func aFitIsARunWithParamsMetricsAndTags() {
        let notebook = notebook()
        notebook.run("m = fit prep | boost(rounds=20, rate=0.2) on train target species cv 3 seed 1")
        notebook.run("r = runs")
        #expect(notebook.result("r.rows") == "1")
        #expect(notebook.result("(r | select id, name, status, model, start, duration).columns") == "[\"id\", \"name\", \"status\", \"model\", \"start\", \"duration\"]")
        #expect(notebook.result("(r | select status).columns") == "[\"status\"]")
        let columns = notebook.result("r.columns") ?? ""
        for column in ["metrics.f1", "metrics.f1_std", "metrics.train_f1", "params.boost.rate", "params.boost.rounds", "params.impute_2.strategy", "tags.dataset", "tags.rows", "tags.fingerprint"] {
            #expect(columns.contains("\"\(column)\""), "\(column) in \(columns)")
        }
        #expect(notebook.result("(r | where `params.boost.rate` == 0.2 and status == \"FINISHED\" and model == \"boost\").rows") == "1")
        #expect(notebook.result("(r | where `tags.dataset` == \"train\").rows") == "1")
        #expect(notebook.result("(runs where params.impute.strategy == \"median\").rows") == "1")
    }

    @Test func runsFiltersOrdersAndLimits() {
        let notebook = notebook()
        notebook.run("board = fit prep | [logistic(), tree(depth=2), knn()] on train target species cv 3 seed 7")
        // A parent run for the board and a child per model.
        #expect(notebook.result("(runs).rows") == "4")
        #expect(notebook.result("(runs where model == \"board\").rows") == "1")
        #expect(notebook.result("(runs where metrics.f1 > 0).rows") == "3")
        #expect(notebook.result("(runs where metrics.f1 > 0 order by metrics.f1 desc limit 1 | select model).rows") == "1")
        #expect(notebook.result("(runs where params.tree.depth == 2 | select model).rows") == "1")
        #expect(notebook.result("(runs where parent is not null).rows") == "3")
        #expect(notebook.result("(runs where status in [\"failed\", \"KILLED\"]).rows") == "0")
        #expect(notebook.result("(runs where start > \"2000-01-01\" and duration >= 0).rows") == "4")
        // A board's models know their runs.
        #expect(notebook.result("(runs where id == (run board.best).id and parent is not null).rows") == "1")
    }

    @Test func aRunShowsItsMetricsTagsAndChildren() throws {
        let notebook = notebook()
        notebook.run("board = fit prep | [logistic(), knn()] on train target species seed 7")
        let id = try #require(notebook.result("(run board).id")?.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        #expect(id.count == 6)
        notebook.run("r = run \"\(id)\"")
        #expect(notebook.result("r.children.rows") == "2")
        #expect(notebook.result("r.status") == "\"FINISHED\"")
        #expect(notebook.result("r.model") == "\"board\"")
        let shown = notebook.run("r").sink.resultText ?? ""
        #expect(shown.hasPrefix("run \(id): board: "))
        #expect(shown.contains("children"))
        #expect(notebook.result("r.code")?.contains("fit prep | [logistic(), knn()]") == true)
    }

    @Test func aModelRemembersItsRunAndLoadsBackWithIdenticalPredictions() {
        let notebook = notebook()
        notebook.run("m = fit prep | forest(trees=15) on train target species seed 3")
        notebook.run("r = run m")
        #expect(notebook.result("r.model") == "\"forest\"")
        notebook.run("m2 = load run r.id")
        #expect(notebook.result("(predict m on test | select prediction, p_Adelie, p_Gentoo) == (predict m2 on test | select prediction, p_Adelie, p_Gentoo)") == "true")
        #expect(notebook.result("(run m2).id == r.id") == "true")
    }

    @Test func evaluateIsARunTaggedWithTheModelsRun() {
        let notebook = notebook()
        notebook.run("m = fit prep | logistic() on train target species")
        notebook.run("evaluate m on test metrics accuracy, f1")
        notebook.run("e = runs where tags.evaluates is not null")
        #expect(notebook.result("e.rows") == "1")
        #expect(notebook.result("(e | select `metrics.accuracy`, `metrics.f1`, `tags.dataset`).columns") == "[\"metrics.accuracy\", \"metrics.f1\", \"tags.dataset\"]")
        notebook.run("fitted = (run m).id")
        #expect(notebook.result("(e | where `tags.evaluates` == fitted).rows") == "1")
    }

    @Test func compareRunsMarksWhatDiffers() throws {
        let notebook = notebook()
        notebook.run("a = fit prep | boost(rounds=10, rate=0.1) on train target species seed 1")
        notebook.run("b = fit prep | boost(rounds=10, rate=0.3) on train target species seed 1")
        notebook.run("c = compare runs a, b")
        #expect(notebook.result("(c | where differs and field == \"params.boost.rate\").rows") == "1")
        // What the two runs share must not be marked: a `differs` true everywhere fails here.
        #expect(notebook.result("(c | where not differs and (field == \"params.boost.rounds\" or field == \"model\" or field == \"tags.seed\" or field == \"tags.dataset\")).rows") == "4")
        #expect(notebook.result("(c | where differs and field == \"metrics.train_logloss\").rows") == "1")
        #expect(notebook.result("c.columns.length") == "4")
    }

    @Test func anInterruptedFitIsKilledAndAFailedOneFailed() {
        let notebook = notebook()
        // Interrupted once its progress shows (at once with `progress_after 0`), so the fit is
        // inside its rounds whatever the machine's speed: no machine ends 100,000 rounds first.
        notebook.run("set progress_after 0")
        let token = CancellationToken()
        let sink = RecordingSink(onDisplay: { token.cancel() })
        let (_, error, _) = notebook.run("m = fit prep | boost(rounds=100000) on train target species", cancellation: token, sink: sink)
        #expect(sink.events.contains { if case .display = $0 { true } else { false } })
        #expect(error?.name == "Interrupted")
        #expect(notebook.result("(runs where status == \"KILLED\" and tags.error == \"interrupted\").rows") == "1")
        notebook.failure("bad = fit prep | logistic() on (train | where species == \"Adelie\") target species")
        #expect(notebook.result("(runs where status == \"FAILED\" and tags.error is not null).rows") == "1")
    }

    @Test func runsSurviveANewSession() throws {
        let first = notebook()
        first.run("m = fit prep | logistic() on train target species")
        let path = first.scratch.appendingPathComponent("runs.db").path
        let second = Notebook(tracking: path)
        #expect(second.result("(runs).rows") == "0")
        second.run("experiment \"penguins\"")
        #expect(second.result("(runs).rows") == "1")
        withExtendedLifetime(first) {}
    }

    @Test func anUnwritableStoreWarnsOncePerCellAndTheFitStillWorks() {
        let notebook = notebook(tracking: "/proc/no/such/dir/runs.db")
        let first = notebook.run("m = fit prep | logistic() on train target species")
        #expect(first.error == nil)
        let second = notebook.run("m = fit prep | knn() on train target species")
        #expect(second.error == nil)
        // Exactly one warning in each cell: none would be a swallowed failure, two a repeat
        // (a fit writes several times to the store, and each write fails).
        for cell in [first, second] {
            #expect(cell.sink.stderr.components(separatedBy: "warning: runs are not being tracked").count == 2, "\(cell.sink.stderr)")
        }
        #expect(notebook.result("m.kind") == "\"knn\"")
        #expect(notebook.failure("runs").contains("cannot open the run store"))
    }

    @Test func badQueriesPointAtTheMistake() {
        let notebook = notebook()
        #expect(notebook.failure("runs where metrics.f1 > \"high\"").hasPrefix("error: `metrics.f1` is a number; compare it with a number, not a `string`"))
        #expect(notebook.failure("runs where status == \"DONE\"").contains("unknown status `DONE`"))
        #expect(notebook.failure("runs order by colour").hasPrefix("error: `order by` needs a field of the runs"))
        #expect(notebook.failure("runs wher x").contains("unknown clause `wher`"))
        #expect(notebook.failure("run \"ffffff\"").hasPrefix("error: no run with id \"ffffff\""))
    }

    @Test func trackToSwitchesStoresAndExperimentSaysWhere() {
        let notebook = notebook()
        let other = notebook.scratch.appendingPathComponent("other.db").path
        let moved = notebook.run("track to \"\(other)\"")
        #expect(moved.error == nil)
        #expect(moved.sink.stdout == "runs go to \(other), experiment \"penguins\"\n")
        notebook.run("m = fit prep | logistic() on train target species")
        #expect(notebook.result("(runs).rows") == "1")
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(notebook.run("experiment").sink.stdout == "experiment \"penguins\" in \(other)\n")
    }
}
