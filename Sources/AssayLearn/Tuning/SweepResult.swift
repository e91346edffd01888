/// What a sweep found: every trial kept, in trial order, and the best.
public struct SweepResult<Extra: Sendable>: Sendable {
    public let trials: [Trial<Extra>]
    /// True when an interrupt ended the sweep; the trials finished before it are kept.
    public let interrupted: Bool
    /// True when `stopAfter` trials passed without improvement.
    public let stoppedEarly: Bool

    /// The trial with the lowest loss (the earliest among equals), nil when every trial failed.
    public var best: Trial<Extra>? {
        bestFirst.first.flatMap { $0.loss == nil ? nil : $0 }
    }

    /// Trials by loss, lowest first, failed trials last; ties keep trial order.
    public var bestFirst: [Trial<Extra>] {
        trials.sorted { ($0.loss ?? .infinity, $0.index) < ($1.loss ?? .infinity, $1.index) }
    }

    /// The best loss after each trial, for a convergence chart (nil until a trial succeeds).
    public var bestSoFar: [Double?] {
        var best: Double?
        return trials.map { trial in
            if let loss = trial.loss, loss < (best ?? .infinity) { best = loss }
            return best
        }
    }
}
