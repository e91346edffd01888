import Dispatch
import Foundation

/// Runs the trials of a search on a pool of threads. A trial's suggestion depends only on the
/// seed, its index, the results of the trials at least `lag` places before it and the
/// assignments of the `lag` trials just before it (treated as still running): a sweep waits for
/// those results before suggesting, so it gives the same trials for a seed whatever `parallel`
/// is. With `parallel` above `lag`, some workers wait.
public struct Sweep: Sendable {
    public var space: SearchSpace
    public var searcher: any Searcher
    /// Trials to run at most (fewer when the searcher runs out, like a grid).
    public var trials: Int
    /// Trials evaluated at the same time.
    public var parallel: Int
    public var seed: UInt64
    /// Trials whose results a suggestion does not wait for. 0 makes every suggestion wait for
    /// all earlier results (a sequential search, whatever `parallel` says); larger lags let
    /// `lag` trials run at once, at some cost in search quality for short sweeps.
    public var lag: Int
    /// Ends the sweep after this many trials in a row without a better loss.
    public var stopAfter: Int?

    public static let defaultLag = 8

    public init(
        space: SearchSpace, searcher: any Searcher, trials: Int, parallel: Int = 1, seed: UInt64 = 0,
        lag: Int = Sweep.defaultLag, stopAfter: Int? = nil
    ) {
        self.space = space
        self.searcher = searcher
        self.trials = trials
        self.parallel = parallel
        self.seed = seed
        self.lag = lag
        self.stopAfter = stopAfter
    }

    /// The trials to run: `trials`, capped by the searcher's limit. Throws when the searcher
    /// cannot search the space (a grid over a continuous domain) or `trials` is below 1.
    public func plannedTrials() throws(LearnError) -> Int {
        guard trials >= 1 else { throw LearnError("a sweep needs at least 1 trial, got \(trials)") }
        if let stopAfter, stopAfter < 1 { throw LearnError("`stop after` needs at least 1 trial, got \(stopAfter)") }
        let limit = try searcher.trialLimit(for: space)
        return min(trials, limit ?? trials)
    }

    /// The seed trial `index` is evaluated with.
    public static func trialSeed(_ seed: UInt64, trial index: Int) -> UInt64 {
        var generator = SplitMix(seed: seed, stream: index)
        return generator.next()
    }

    /// Runs the sweep. `evaluate` gets a trial's assignment and seed and returns the loss to
    /// minimize with anything else to keep; it runs on worker threads and should check the same
    /// cancellation as `isCancelled`. `progress` is called after each finished trial, one call
    /// at a time, in the order trials finish. Throws only when the sweep cannot start.
    public func run<Extra: Sendable>(
        isCancelled: @escaping @Sendable () -> Bool = { false },
        progress: @escaping @Sendable (SweepProgress) -> Void = { _ in },
        evaluate: @escaping @Sendable (Assignment, UInt64) throws -> (loss: Double, extra: Extra)
    ) throws(LearnError) -> SweepResult<Extra> {
        let total = try plannedTrials()
        let state = SweepState<Extra>(sweep: self, total: total, isCancelled: isCancelled, progress: progress, evaluate: evaluate)
        let workers = max(1, min(parallel, total))
        let group = DispatchGroup()
        for _ in 1..<workers {
            group.enter()
            let thread = Thread {
                state.work()
                group.leave()
            }
            thread.start()
        }
        state.work()
        group.wait()
        return state.result()
    }
}
