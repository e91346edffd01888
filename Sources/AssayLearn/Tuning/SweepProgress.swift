/// How far a sweep has come, reported after each finished trial.
public struct SweepProgress: Sendable, Hashable {
    /// Trials finished so far.
    public let finished: Int
    /// Trials the sweep will run at most.
    public let total: Int
    /// The trial that just finished.
    public let trial: Int
    /// The best trial finished so far and its loss, nil while every trial failed.
    public let bestTrial: Int?
    public let bestLoss: Double?
}
