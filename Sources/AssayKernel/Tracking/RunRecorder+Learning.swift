import AssayLearn
import AssayTracking
import JupyterKernel

// What a fit, a board and an evaluation log: each model a run, written when it starts and
// updated when it ends.

extension RunRecorder {
    func fit(_ pipeline: Pipeline, tags: [String: String], _ work: () throws(LearnError) -> FittedPipeline)
        throws(LearnError) -> (model: FittedPipeline, runID: String?)
    {
        guard begin() else { return (try work(), nil) }
        let runID = startFit(pipeline, tags: tags)
        let model = try observe(runID, work) { model in finishFit(model, runID: runID) }
        return (model, runID)
    }

    func board(_ pipelines: [Pipeline], tags: [String: String], _ work: (BoardEvents) throws(LearnError) -> Board)
        throws(LearnError) -> (board: Board, runID: String?, modelRunIDs: [String?])
    {
        guard begin() else { return (try work(BoardEvents()), nil, []) }
        let run = startBoard(pipelines, tags: tags)
        let board = try observe(run.parentID, { () throws(LearnError) in try work(run.events) }) { board in
            finishBoard(board, runID: run.parentID, childIDs: run.childIDs)
        }
        return (board, run.parentID, run.childIDs)
    }

    func evaluation(
        of model: FittedPipeline, run modelRun: String?, on dataName: String?, tags: [String: String],
        _ work: () throws(LearnError) -> [MetricScore]
    ) throws(LearnError) -> [MetricScore] {
        guard begin() else { return try work() }
        let runID = startEvaluation(of: model, run: modelRun, on: dataName, tags: tags)
        return try observe(runID, work) { scores in
            log(RunData(metrics: RunContent.metrics(scores)), to: runID)
            end(runID, status: .finished)
        }
    }

    /// A RUNNING run for a pipeline, with its hyperparameters as params.
    func startFit(_ pipeline: Pipeline, parent: String? = nil, tags: [String: String]) -> String? {
        let id = start(name: pipeline.name, model: pipeline.settings.last?.kind, parent: parent, tags: tags)
        log(RunData(params: RunContent.params(pipeline.settings)), to: id)
        return id
    }

    /// Logs a fitted model's metrics and the model itself, and ends its run FINISHED.
    func finishFit(_ model: FittedPipeline, runID: String?) {
        log(RunData(metrics: RunContent.metrics(model), tags: ["task": model.task.rawValue]), to: runID)
        attach(model, to: runID)
        end(runID, status: .finished)
    }

    /// Ends a run whose work failed: KILLED when interrupted, FAILED otherwise.
    func end(_ runID: String?, failure: LearnError) {
        if failure == .cancelled {
            end(runID, status: .killed, error: "interrupted")
        } else {
            end(runID, status: .failed, error: failure.message)
        }
    }

    /// A parent run for a board, and events that give each model its own child run.
    func startBoard(_ pipelines: [Pipeline], tags: [String: String]) -> BoardRun {
        let names = pipelines.map(\.name)
        var name = "board: " + names.joined(separator: ", ")
        if name.count > 120 { name = "board of \(pipelines.count) models" }
        let parentID = start(name: name, model: "board", tags: tags)
        return BoardRun(recorder: self, pipelines: pipelines, parentID: parentID, tags: tags)
    }

    /// Ends a board's parent run, naming its best model's run.
    func finishBoard(_ board: Board, runID: String?, childIDs: [String?]) {
        var tags: [String: String] = [:]
        if let best = board.ranking.first, best < childIDs.count, let bestID = childIDs[best] { tags["best_run"] = bestID }
        tags["metric"] = board.metric.rawValue
        log(RunData(tags: tags), to: runID)
        end(runID, status: .finished)
    }

    /// A RUNNING run for scoring a model on data, tagged with the model's own run.
    func startEvaluation(of model: FittedPipeline, run modelRun: String?, on dataName: String?, tags: [String: String]) -> String? {
        var tags = tags
        if let modelRun { tags["evaluates"] = modelRun }
        return start(name: "evaluate \(model.name) on \(dataName ?? "data")", model: model.kind, tags: tags)
    }
}
