import AssayLanguage
import AssayLearn
import JupyterKernel
import Synchronization
import Testing

@testable import AssayKernel

/// An observer that keeps what it hears, in order, as lines of text.
final class ListeningObserver: RunObserver, TrialObserver {
    let heard = Mutex<[String]>([])

    var isRecording: Bool { true }

    func fit(_ pipeline: Pipeline, tags: [String: String], _ work: () throws(LearnError) -> FittedPipeline)
        throws(LearnError) -> (model: FittedPipeline, runID: String?)
    {
        (try listen("fit \(pipeline.name)", work), "fit-run")
    }

    func board(_ pipelines: [Pipeline], tags: [String: String], _ work: (BoardEvents) throws(LearnError) -> Board)
        throws(LearnError) -> (board: Board, runID: String?, modelRunIDs: [String?])
    {
        let names = pipelines.map(\.name)
        let events = BoardEvents(
            started: { [self] index in note("model \(names[index]) started") },
            finished: { [self] index, result in
                switch result {
                case .success: note("model \(names[index]) finished")
                case .failure(let error): note("model \(names[index]) failed: \(error.message)")
                }
            })
        let board = try listen("board of \(pipelines.count)") { () throws(LearnError) in try work(events) }
        return (board, "board-run", names.map { "run of \($0)" })
    }

    func evaluation(
        of model: FittedPipeline, run modelRun: String?, on dataName: String?, tags: [String: String],
        _ work: () throws(LearnError) -> [MetricScore]
    ) throws(LearnError) -> [MetricScore] {
        try listen("evaluate \(model.name) of \(modelRun ?? "no run") on \(dataName ?? "data")", work)
    }

    func sweep(_ plan: SweepPlan, tags: [String: String], _ work: (any TrialObserver) throws(LearnError) -> TuningValue)
        throws(LearnError) -> TuningValue
    {
        try listen("sweep \(plan.search) of \(plan.trials) by \(plan.metric.rawValue)") { () throws(LearnError) in try work(self) }
    }

    func trial(_ index: Int, pipeline: Pipeline, assignment: Assignment, _ work: () throws(LearnError) -> MetricScore)
        throws(LearnError) -> MetricScore
    {
        try listen("trial \(index + 1)", work)
    }

    private func note(_ line: String) {
        heard.withLock { $0.append(line) }
    }

    private func listen<T>(_ what: String, _ work: () throws(LearnError) -> T) throws(LearnError) -> T {
        note("\(what) started")
        do throws(LearnError) {
            let result = try work()
            note("\(what) finished")
            return result
        } catch {
            note("\(what) failed: \(error.message)")
            throw error
        }
    }
}

/// The evaluator reports its learning work to the observer it holds, and records nothing itself.
@Suite struct RunObserverTests {
    /// Evaluates `code` with `observer`, binding the value to `name` when given.
    private func run(_ code: String, as name: String? = nil, in bindings: inout [String: Value], observer: any RunObserver)
        throws(Diagnostic) -> Value
    {
        let evaluator = Evaluator(bindings: bindings, cancellation: CancellationToken(), observer: observer)
        let value = try evaluator.evaluate(try Parser.parseExpression(SourceText(code)))
        if let name { bindings[name] = value }
        return value
    }

    @Test func fitBoardEvaluationAndTuneReportStartAndFinishInOrder() throws {
        let observer = ListeningObserver()
        var bindings: [String: Value] = [:]
        _ = try run("load sample \"iris\"", as: "iris", in: &bindings, observer: observer)
        #expect(observer.heard.withLock { $0 }.isEmpty)

        let model = try run("fit tree(depth=2) on iris target species seed 1", as: "m", in: &bindings, observer: observer)
        guard case .model(let fitted) = model else { Issue.record("not a model"); return }
        #expect(fitted.runID == "fit-run")
        _ = try run("fit [tree(depth=1), bayes()] on iris target species parallel 1", as: "b", in: &bindings, observer: observer)
        _ = try run("evaluate m on iris metrics accuracy", in: &bindings, observer: observer)
        _ = try run("tune tree(depth=[1, 2]) on iris target species search grid cv 2 parallel 1", in: &bindings, observer: observer)
        #expect(observer.heard.withLock { $0 } == [
            "fit tree(depth=2) started", "fit tree(depth=2) finished",
            "board of 2 started",
            "model tree(depth=1) started", "model tree(depth=1) finished", "model bayes() started", "model bayes() finished",
            "board of 2 finished",
            "evaluate tree(depth=2) of fit-run on iris started", "evaluate tree(depth=2) of fit-run on iris finished",
            "sweep grid of 2 by f1 started",
            "trial 1 started", "trial 1 finished", "trial 2 started", "trial 2 finished",
            "sweep grid of 2 by f1 finished",
        ])
    }

    @Test func aBoardsModelsKnowTheRunsItsObserverGave() throws {
        var bindings: [String: Value] = [:]
        _ = try run("load sample \"iris\"", as: "iris", in: &bindings, observer: ListeningObserver())
        let value = try run("fit [tree(depth=1), bayes()] on iris target species parallel 1", in: &bindings, observer: ListeningObserver())
        guard case .board(let board) = value else { Issue.record("not a board"); return }
        #expect(board.parentRunID == "board-run")
        #expect(board.runIDs == ["run of tree(depth=1)", "run of bayes()"])
    }

    @Test func aFailingFitReportsItsFailureAndTheUserSeesTheError() throws {
        let observer = ListeningObserver()
        var bindings: [String: Value] = [:]
        _ = try run("load sample \"iris\" | where species == \"setosa\"", as: "setosa", in: &bindings, observer: observer)
        var failure: Diagnostic?
        do throws(Diagnostic) {
            _ = try run("fit logistic() on setosa target species", in: &bindings, observer: observer)
        } catch {
            failure = error
        }
        let heard = observer.heard.withLock { $0 }
        #expect(heard.first == "fit logistic() started")
        #expect(heard.count == 2)
        #expect(heard.last?.hasPrefix("fit logistic() failed: ") == true)
        #expect(failure.map { heard.last == "fit logistic() failed: \($0.message)" } == true)
    }

    @Test func withoutAStoreTheWorkRunsUntracked() throws {
        var bindings: [String: Value] = [:]
        _ = try run("load sample \"iris\"", as: "iris", in: &bindings, observer: UntrackedObserver())
        let value = try run("fit tree(depth=1) on iris target species", in: &bindings, observer: UntrackedObserver())
        guard case .model(let model) = value else { Issue.record("not a model"); return }
        #expect(model.runID == nil)
    }
}
