import AssayLearn

/// The observer where nothing is tracked (expressions the frontend asks for, a session without a
/// store): it runs the work and records nothing.
struct UntrackedObserver: RunObserver, TrialObserver {
    var isRecording: Bool { false }

    func fit(_ pipeline: Pipeline, tags: [String: String], _ work: () throws(LearnError) -> FittedPipeline)
        throws(LearnError) -> (model: FittedPipeline, runID: String?)
    {
        (try work(), nil)
    }

    func board(_ pipelines: [Pipeline], tags: [String: String], _ work: (BoardEvents) throws(LearnError) -> Board)
        throws(LearnError) -> (board: Board, runID: String?, modelRunIDs: [String?])
    {
        (try work(BoardEvents()), nil, [])
    }

    func evaluation(
        of model: FittedPipeline, run modelRun: String?, on dataName: String?, tags: [String: String],
        _ work: () throws(LearnError) -> [MetricScore]
    ) throws(LearnError) -> [MetricScore] {
        try work()
    }

    func sweep(_ plan: SweepPlan, tags: [String: String], _ work: (any TrialObserver) throws(LearnError) -> TuningValue)
        throws(LearnError) -> TuningValue
    {
        try work(self)
    }

    func trial(_ index: Int, pipeline: Pipeline, assignment: Assignment, _ work: () throws(LearnError) -> MetricScore)
        throws(LearnError) -> MetricScore
    {
        try work()
    }
}
