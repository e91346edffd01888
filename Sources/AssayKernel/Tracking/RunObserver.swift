import AssayLearn

/// Watches the learning work of one statement. Each fit, board, evaluation and sweep runs inside
/// one of these methods, which reports the work's start, finish or failure itself; the work's
/// result or error comes back unchanged, so reporting never fails a computation.
///
/// Engines run the work; the observer only hears of it, so any engine reports the same way.
protocol RunObserver: Sendable {
    /// Whether reports are kept. When false, callers need not describe their data for them.
    var isRecording: Bool { get }

    /// Fits one pipeline: the model and the id of its run (nil when nothing is recorded).
    func fit(_ pipeline: Pipeline, tags: [String: String], _ work: () throws(LearnError) -> FittedPipeline)
        throws(LearnError) -> (model: FittedPipeline, runID: String?)

    /// Fits a board. `work` hands the events to the engine, so each model reports as it starts
    /// and ends; the runs come back in board order (empty when nothing is recorded).
    func board(_ pipelines: [Pipeline], tags: [String: String], _ work: (BoardEvents) throws(LearnError) -> Board)
        throws(LearnError) -> (board: Board, runID: String?, modelRunIDs: [String?])

    /// Scores a fitted model on data; `modelRun` is the run that fitted it.
    func evaluation(
        of model: FittedPipeline, run modelRun: String?, on dataName: String?, tags: [String: String],
        _ work: () throws(LearnError) -> [MetricScore]
    ) throws(LearnError) -> [MetricScore]

    /// Runs a sweep. `work` reports each of its trials to the trial observer it is given, from
    /// the worker threads that run them.
    func sweep(_ plan: SweepPlan, tags: [String: String], _ work: (any TrialObserver) throws(LearnError) -> TuningValue)
        throws(LearnError) -> TuningValue
}

/// Watches the trials of one sweep; trials run in parallel, so calls come from any thread.
protocol TrialObserver: Sendable {
    /// Runs trial `index` (from 0), whose pipeline comes from `assignment`, and reports its score.
    func trial(_ index: Int, pipeline: Pipeline, assignment: Assignment, _ work: () throws(LearnError) -> MetricScore)
        throws(LearnError) -> MetricScore
}

/// What a sweep is, as its observer is told before it starts.
struct SweepPlan: Sendable {
    let name: String
    /// `tpe`, `random` or `grid`.
    let search: String
    /// The trials planned.
    let trials: Int
    let metric: Metric
    let scheme: ValidationScheme
}
