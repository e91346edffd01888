/// What long work gets besides its data: a seed, a thread budget, a way to notice an
/// interrupt and a way to report progress.
public struct FitContext: Sendable {
    public var seed: UInt64
    /// Threads the work may use (at least 1).
    public var threads: Int
    /// True once the user interrupted; long loops check it and throw `LearnError.cancelled`.
    public var isCancelled: @Sendable () -> Bool
    /// Fraction done, 0...1; called from any thread, at most a few times per second is plenty.
    public var progress: @Sendable (Double) -> Void

    public init(
        seed: UInt64 = 0, threads: Int = 1, isCancelled: @escaping @Sendable () -> Bool = { false },
        progress: @escaping @Sendable (Double) -> Void = { _ in }
    ) {
        self.seed = seed
        self.threads = max(1, threads)
        self.isCancelled = isCancelled
        self.progress = progress
    }

    public func checkCancellation() throws(LearnError) {
        if isCancelled() { throw LearnError.cancelled }
    }
}
