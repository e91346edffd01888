/// Chooses the parameters of each trial of a sweep. A suggestion must depend only on its
/// arguments, so that a sweep repeats for a seed whatever its parallelism.
public protocol Searcher: Sendable {
    /// Checks that the searcher can search `space` and returns how many distinct trials it can
    /// suggest, nil when there is no end (random, TPE).
    func trialLimit(for space: SearchSpace) throws(LearnError) -> Int?

    /// The assignment of trial `trial` (counted from 0).
    func suggest(trial: Int, in space: SearchSpace, seed: UInt64, history: SearchHistory) -> Assignment
}

extension Searcher {
    public func trialLimit(for space: SearchSpace) throws(LearnError) -> Int? { nil }
}
