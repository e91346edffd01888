/// Draws every trial from the space's prior, independently: trial i depends only on the seed
/// and i.
public struct RandomSearch: Searcher {
    public init() {}

    public func suggest(trial: Int, in space: SearchSpace, seed: UInt64, history: SearchHistory) -> Assignment {
        var random = Self.generator(seed: seed, trial: trial)
        return space.samplePrior(&random)
    }

    /// The generator of one trial's draws, shared with TPE's start-up trials.
    static func generator(seed: UInt64, trial: Int) -> SplitMix {
        SplitMix(seed: seed ^ 0x7475_6E65_7365_6564, stream: trial)
    }
}
