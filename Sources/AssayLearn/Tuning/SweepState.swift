import Foundation

/// The shared state of a running sweep, guarded by one condition: the suggestions made so far
/// (made in trial order), the finished trials and when to stop. Workers claim trial indices in
/// order, wait until the results their suggestion may see are in, evaluate outside the lock and
/// record the outcome.
final class SweepState<Extra: Sendable>: @unchecked Sendable {
    private let sweep: Sweep
    private let total: Int
    private let isCancelled: @Sendable () -> Bool
    private let progress: @Sendable (SweepProgress) -> Void
    private let evaluate: @Sendable (Assignment, UInt64) throws -> (loss: Double, extra: Extra)

    private let condition = NSCondition()
    private var suggestions: [Assignment] = []
    private var outcomes: [Trial<Extra>?]
    private var next = 0
    /// Every trial before this one has finished.
    private var finishedPrefix = 0
    private var finishedCount = 0
    /// The best of the finished prefix, for `stopAfter`.
    private var prefixBest: (trial: Int, loss: Double)?
    /// The best of all finished trials, for progress.
    private var best: (trial: Int, loss: Double)?
    /// The last trial of a sweep that `stopAfter` ended.
    private var stoppedAt: Int?
    private var interrupted = false

    init(
        sweep: Sweep, total: Int, isCancelled: @escaping @Sendable () -> Bool,
        progress: @escaping @Sendable (SweepProgress) -> Void,
        evaluate: @escaping @Sendable (Assignment, UInt64) throws -> (loss: Double, extra: Extra)
    ) {
        self.sweep = sweep
        self.total = total
        self.isCancelled = isCancelled
        self.progress = progress
        self.evaluate = evaluate
        outcomes = [Trial<Extra>?](repeating: nil, count: total)
    }

    private var stopping: Bool { stoppedAt != nil || interrupted }

    /// One worker's loop: claim, wait, suggest, evaluate, record, until the sweep is done.
    func work() {
        condition.lock()
        defer { condition.unlock() }
        while !stopping, next < total {
            if isCancelled() {
                interrupted = true
                break
            }
            let index = next
            next += 1
            let seen = max(0, index - sweep.lag)
            while !(finishedPrefix >= seen && suggestions.count == index) && !stopping {
                if isCancelled() { interrupted = true }
                _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
            }
            if stopping { break }
            let history = SearchHistory(
                finished: (0..<seen).compactMap { trial in
                    outcomes[trial].map { SearchHistory.Observation(trial: trial, assignment: $0.assignment, loss: $0.loss) }
                },
                pending: Array(suggestions[seen..<index]))
            let assignment = sweep.searcher.suggest(trial: index, in: sweep.space, seed: sweep.seed, history: history)
            suggestions.append(assignment)
            condition.broadcast()
            condition.unlock()

            let trialSeed = Sweep.trialSeed(sweep.seed, trial: index)
            let start = ContinuousClock.now
            var outcome: Result<(loss: Double, extra: Extra), any Error>
            do {
                outcome = .success(try evaluate(assignment, trialSeed))
            } catch {
                outcome = .failure(error)
            }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

            condition.lock()
            if case .failure = outcome, isCancelled() {
                // Stopped by the interrupt: neither a result nor a failure of the trial.
                interrupted = true
                break
            }
            if case .success(let value) = outcome, value.loss.isNaN {
                outcome = .failure(LearnError("the trial's loss is not a number"))
            }
            let trial: Trial<Extra>
            switch outcome {
            case .success(let value):
                trial = Trial(
                    index: index, assignment: assignment, seed: trialSeed, loss: value.loss, extra: value.extra,
                    seconds: seconds, error: nil)
            case .failure(let error):
                trial = Trial(index: index, assignment: assignment, seed: trialSeed, loss: nil, extra: nil, seconds: seconds, error: error)
            }
            record(trial)
            condition.broadcast()
        }
        condition.broadcast()
    }

    /// Stores a finished trial, advances the finished prefix (where `stopAfter` is decided, so
    /// the decision does not depend on finishing order) and reports progress.
    private func record(_ trial: Trial<Extra>) {
        outcomes[trial.index] = trial
        finishedCount += 1
        if let loss = trial.loss, loss < (best?.loss ?? .infinity) { best = (trial.index, loss) }
        while finishedPrefix < total, stoppedAt == nil, let done = outcomes[finishedPrefix] {
            if let loss = done.loss, loss < (prefixBest?.loss ?? .infinity) { prefixBest = (done.index, loss) }
            if let patience = sweep.stopAfter, done.index - (prefixBest?.trial ?? -1) >= patience {
                stoppedAt = done.index
            }
            finishedPrefix += 1
        }
        progress(SweepProgress(finished: finishedCount, total: total, trial: trial.index, bestTrial: best?.trial, bestLoss: best?.loss))
    }

    func result() -> SweepResult<Extra> {
        condition.lock()
        defer { condition.unlock() }
        let last = stoppedAt ?? total - 1
        let kept = outcomes.prefix(last + 1).compactMap { $0 }
        return SweepResult(trials: kept, interrupted: interrupted || isCancelled(), stoppedEarly: stoppedAt != nil)
    }
}
