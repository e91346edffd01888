import Foundation

/// The Tree-structured Parzen Estimator of Bergstra et al. (2011): after `startupTrials`
/// random trials, the finished trials split by loss into the best ones ("good", how many is
/// `goodShare`, at most `forgetting`) and the rest ("bad"); a Parzen estimator l(x) is fitted to
/// the good trials and g(x) to the bad ones, both with the prior as one more component;
/// `candidates` draws from l(x) are scored by l(x)/g(x) (expected improvement) and the best is
/// taken. Numbers are modelled in their transformed space (logs for loguniform, buckets for int
/// and quniform).
///
/// By default the estimators are joint over all parameters (`JointParzenEstimator`), as in
/// Optuna's default TPE: a kernel per trial, widths from the gaps between neighbouring trials,
/// the best 10% good after 10 start-up trials. Two changes sharpen the search where bench/tpe.py
/// measured Optuna's TPE to stall (refining Branin's minima, Hartmann-6's basins):
/// - the good trials weigh by rank, from 1 for the best down to `1 / (1 + rankTilt)` for the
///   worst good one, so l(x) draws mostly near the best trials; Optuna weighs them equally;
/// - a kernel's narrowest width is `range / min(100, n + 2)` with n all observed trials, for
///   l(x) as for g(x), but never below one step of an int or quniform; Optuna counts only the
///   estimator's own trials, which keeps l(x)'s kernels a twelfth of the range wide at 100 trials.
///
/// `multivariate: false` models each parameter on its own with Hyperopt's estimators (widths
/// from the gaps with the prior among the neighbours; choices by weighted counts plus
/// pseudo-counts) and equal weights for good trials; `TPESearch.hyperopt` has Hyperopt's
/// defaults.
///
/// Trials still running count as bad trials at their assignments (a "constant liar"), so
/// parallel trials spread out instead of crowding one point; failed trials count as bad too.
public struct TPESearch: Searcher {
    /// Random trials before the model takes over (Hyperopt's `n_startup_jobs`).
    public var startupTrials: Int
    /// How many finished trials count as good.
    public var goodShare: GoodShare
    /// Draws from l(x) scored per suggestion (Hyperopt's `n_EI_candidates`).
    public var candidates: Int
    /// The prior's weight among the estimators' components.
    public var priorWeight: Double
    /// At most this many good trials; the newest this many bad trials keep full weight and
    /// older ones fade linearly (Hyperopt's `LF`).
    public var forgetting: Int
    /// Models all parameters jointly (`JointParzenEstimator`) instead of one by one.
    public var multivariate: Bool
    /// How much more the best good trial weighs in l(x) than the worst good one, minus 1: 0
    /// weighs them equally. Used by the joint estimators only.
    public var rankTilt: Double

    public init(
        startupTrials: Int = 10, goodShare: GoodShare = .linear(0.1), candidates: Int = 24, priorWeight: Double = 1,
        forgetting: Int = 25, multivariate: Bool = true, rankTilt: Double = 30
    ) {
        self.multivariate = multivariate
        self.startupTrials = max(0, startupTrials)
        self.goodShare = goodShare
        self.candidates = max(1, candidates)
        self.priorWeight = priorWeight
        self.forgetting = forgetting
        self.rankTilt = max(0, rankTilt)
    }

    /// Hyperopt's defaults: 20 start-up trials, ceil(0.25 · √n) good trials, one estimator per
    /// parameter.
    public static let hyperopt = TPESearch(startupTrials: 20, goodShare: .squareRoot(0.25), multivariate: false, rankTilt: 0)

    public func suggest(trial: Int, in space: SearchSpace, seed: UInt64, history: SearchHistory) -> Assignment {
        var random = RandomSearch.generator(seed: seed, trial: trial)
        let scored = history.finished.filter { $0.loss != nil }
        guard trial >= startupTrials, !scored.isEmpty else { return space.samplePrior(&random) }

        let goodCount = min(goodShare.count(of: scored.count), max(1, forgetting))
        let ranked = scored.sorted { ($0.loss ?? .infinity, $0.trial) < ($1.loss ?? .infinity, $1.trial) }
        let goodTrials = Set(ranked.prefix(goodCount).map(\.trial))
        let bad = history.finished.filter { !goodTrials.contains($0.trial) }.map(\.assignment.point)
            + history.pending.map(\.point)

        if multivariate {
            return jointSuggestion(space, ranked.prefix(goodCount).map(\.assignment.point), bad, &random)
        }
        let good = scored.filter { goodTrials.contains($0.trial) }.map(\.assignment.point)
        var point = [Double](repeating: 0, count: space.dimensions.count)
        for (index, dimension) in space.dimensions.enumerated() {
            let goodValues = good.map { $0[index] }.filter { !$0.isNaN }
            let badValues = bad.map { $0[index] }.filter { !$0.isNaN }
            switch dimension.domain.kind {
            case .fixed:
                point[index] = 0
            case .choice(let options):
                point[index] = Double(chooseOption(options.count, goodValues, badValues, &random))
            case .uniform, .logUniform, .integer, .quantized, .normal:
                point[index] = chooseNumber(dimension, goodValues, badValues, &random)
            }
        }
        return space.assignment(point)
    }

    /// `good` is in rank order, best first; `bad` in trial order, oldest first.
    private func jointSuggestion(_ space: SearchSpace, _ good: [[Double]], _ bad: [[Double]], _ random: inout SplitMix) -> Assignment {
        let trials = good.count + bad.count
        let rankWeights = good.indices.map { 1 / (1 + rankTilt * Double($0) / Double(max(1, good.count - 1))) }
        let l = JointParzenEstimator(space: space, observations: good, weights: rankWeights, priorWeight: priorWeight, trials: trials)
        let g = JointParzenEstimator(
            space: space, observations: bad, weights: ParzenEstimator.forgettingWeights(bad.count, forgetting),
            priorWeight: priorWeight, trials: trials)
        var best: Assignment?
        var bestScore = -Double.infinity
        for _ in 0..<candidates {
            let candidate = space.assignment(l.sample(&random))
            let score = l.logDensity(candidate.point) - g.logDensity(candidate.point)
            if best == nil || score > bestScore {
                best = candidate
                bestScore = score
            }
        }
        return best ?? space.samplePrior(&random)
    }

    private func chooseOption(_ options: Int, _ good: [Double], _ bad: [Double], _ random: inout SplitMix) -> Int {
        let l = CategoryEstimator(observations: good.map { Int($0) }, options: options, priorWeight: priorWeight, forgetting: forgetting)
        let g = CategoryEstimator(observations: bad.map { Int($0) }, options: options, priorWeight: priorWeight, forgetting: forgetting)
        var best = 0
        var bestScore = -Double.infinity
        for _ in 0..<candidates {
            let option = l.sample(&random)
            let score = l.logProbability(option) - g.logProbability(option)
            if score > bestScore {
                best = option
                bestScore = score
            }
        }
        return best
    }

    private func chooseNumber(_ dimension: SearchDimension, _ good: [Double], _ bad: [Double], _ random: inout SplitMix) -> Double {
        let prior = dimension.modelPrior
        let bounds = dimension.modelBounds
        let l = ParzenEstimator(
            observations: good.map(dimension.toModel), prior: prior, priorWeight: priorWeight, forgetting: forgetting,
            bounds: bounds)
        let g = ParzenEstimator(
            observations: bad.map(dimension.toModel), prior: prior, priorWeight: priorWeight, forgetting: forgetting,
            bounds: bounds)
        var best = dimension.fromModel(prior.mean)
        var bestScore = -Double.infinity
        for _ in 0..<candidates {
            let coordinate = l.sample(&random)
            let value = dimension.fromModel(coordinate)
            let score: Double
            if let bucket = dimension.bucket(of: value) {
                score = l.logProbability(bucket.low, bucket.high) - g.logProbability(bucket.low, bucket.high)
            } else {
                score = l.logDensity(coordinate) - g.logDensity(coordinate)
            }
            if score > bestScore {
                best = value
                bestScore = score
            }
        }
        return best
    }

    /// The number of good trials among n finished ones, before the cap at `forgetting`.
    public enum GoodShare: Sendable, Hashable {
        /// ceil(gamma · √n), Hyperopt's rule.
        case squareRoot(Double)
        /// ceil(gamma · n), Optuna's rule.
        case linear(Double)

        func count(of finished: Int) -> Int {
            switch self {
            case .squareRoot(let gamma): Int((gamma * Double(finished).squareRoot()).rounded(.up))
            case .linear(let gamma): Int((gamma * Double(finished)).rounded(.up))
            }
        }
    }
}
