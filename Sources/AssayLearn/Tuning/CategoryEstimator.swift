import Foundation

/// TPE's model of a choice: each option's probability is proportional to its weighted count
/// among the observations (linear forgetting as for numbers) plus a pseudo-count of
/// `priorWeight`, Hyperopt's prior.
struct CategoryEstimator {
    private var probabilities: [Double]
    private var cumulative: [Double] = []

    /// `observations` are option indices in trial order, oldest first.
    init(observations: [Int], options: Int, priorWeight: Double, forgetting: Int) {
        let weights = ParzenEstimator.forgettingWeights(observations.count, forgetting)
        probabilities = [Double](repeating: priorWeight, count: options)
        for (k, option) in observations.enumerated() { probabilities[option] += weights[k] }
        let total = probabilities.reduce(0, +)
        var running = 0.0
        for k in probabilities.indices {
            probabilities[k] /= total
            running += probabilities[k]
            cumulative.append(running)
        }
    }

    func sample(_ random: inout SplitMix) -> Int {
        let u = random.unit()
        return cumulative.firstIndex { u < $0 } ?? (probabilities.count - 1)
    }

    func logProbability(_ option: Int) -> Double { log(probabilities[option]) }
}
