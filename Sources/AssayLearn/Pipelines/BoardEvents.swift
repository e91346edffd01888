/// What a board fit tells its caller as each pipeline starts and ends, from the worker thread
/// that fits it: tracking writes a run per model as it goes.
public struct BoardEvents: Sendable {
    /// A pipeline (by board position) is about to be fitted.
    public var started: @Sendable (Int) -> Void
    /// A pipeline's fit ended, with its model or its error.
    public var finished: @Sendable (Int, Result<FittedPipeline, LearnError>) -> Void

    public init(
        started: @escaping @Sendable (Int) -> Void = { _ in },
        finished: @escaping @Sendable (Int, Result<FittedPipeline, LearnError>) -> Void = { _, _ in }
    ) {
        self.started = started
        self.finished = finished
    }
}
