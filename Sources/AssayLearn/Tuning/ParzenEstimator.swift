import Foundation

/// Hyperopt's adaptive Parzen estimator of one numeric parameter, in its model space: a
/// mixture of normals, one at each observation and one for the prior, truncated to the
/// parameter's bounds. A component's width is the larger gap to its neighbours (the prior
/// counted among them), clipped between `prior / min(100, 1 + components)` and the prior's
/// width; the prior keeps its own width. Older observations weigh less (linear forgetting).
struct ParzenEstimator {
    private var means: [Double] = []
    private var deviations: [Double] = []
    private var weights: [Double] = []
    private var cumulative: [Double] = []
    private var inverseDeviations: [Double] = []
    /// weight / (deviation · √(2π)): a component's density at its mean.
    private var scaledWeights: [Double] = []
    private let low: Double
    private let high: Double
    /// log of the mixture's mass inside the bounds.
    private var logMass = 0.0

    /// `observations` in model space and in trial order, oldest first.
    init(
        observations: [Double], prior: (mean: Double, deviation: Double), priorWeight: Double, forgetting: Int,
        bounds: (low: Double, high: Double)
    ) {
        low = bounds.low
        high = bounds.high
        let observationWeights = Self.forgettingWeights(observations.count, forgetting)
        let order = observations.indices.sorted { observations[$0] < observations[$1] }
        var priorPosition = order.count
        for (position, index) in order.enumerated() where observations[index] >= prior.mean {
            priorPosition = position
            break
        }
        for (position, index) in order.enumerated() {
            if position == priorPosition { append(prior.mean, priorWeight) }
            append(observations[index], observationWeights[index])
        }
        if priorPosition == order.count { append(prior.mean, priorWeight) }

        let count = means.count
        if count == 2 {
            deviations = [prior.deviation, prior.deviation]
            deviations[1 - priorPosition] = prior.deviation / 2
        } else if count > 2 {
            deviations = [Double](repeating: 0, count: count)
            deviations[0] = means[1] - means[0]
            deviations[count - 1] = means[count - 1] - means[count - 2]
            for k in 1..<(count - 1) { deviations[k] = max(means[k] - means[k - 1], means[k + 1] - means[k]) }
            let smallest = prior.deviation / min(100, 1 + Double(count))
            for k in 0..<count { deviations[k] = min(prior.deviation, max(smallest, deviations[k])) }
        }
        if deviations.count < count { deviations = [prior.deviation] }
        deviations[priorPosition] = prior.deviation

        let total = weights.reduce(0, +)
        var running = 0.0
        for k in 0..<count {
            weights[k] /= total
            running += weights[k]
            cumulative.append(running)
        }
        var mass = 0.0
        for k in 0..<count { mass += weights[k] * Self.normalMass(low, high, means[k], deviations[k]) }
        logMass = log(max(mass, .leastNormalMagnitude))
        inverseDeviations = deviations.map { 1 / $0 }
        scaledWeights = (0..<count).map { weights[$0] / (deviations[$0] * (2 * Double.pi).squareRoot()) }
    }

    private mutating func append(_ mean: Double, _ weight: Double) {
        means.append(mean)
        weights.append(weight)
    }

    /// Hyperopt's linear forgetting: the newest `forgetting` observations weigh 1, older ones
    /// ramp down linearly to 1/n for the oldest.
    static func forgettingWeights(_ count: Int, _ forgetting: Int) -> [Double] {
        guard forgetting > 0, count > forgetting else { return [Double](repeating: 1, count: count) }
        let ramp = count - forgetting
        let first = 1 / Double(count)
        return (0..<count).map { k in
            guard k < ramp else { return 1 }
            return ramp == 1 ? first : first + Double(k) * (1 - first) / Double(ramp - 1)
        }
    }

    /// A draw from the truncated mixture.
    func sample(_ random: inout SplitMix) -> Double {
        var component = pick(random.unit())
        for _ in 0..<100 {
            let x = means[component] + deviations[component] * random.normal()
            if x >= low && x <= high { return x }
            component = pick(random.unit())
        }
        return min(high, max(low, means[component]))
    }

    /// The component whose stretch of the cumulative weights holds `u`.
    private func pick(_ u: Double) -> Int {
        var lower = 0
        var upper = cumulative.count - 1
        while lower < upper {
            let middle = (lower + upper) / 2
            if u < cumulative[middle] { upper = middle } else { lower = middle + 1 }
        }
        return lower
    }

    /// log density of the truncated mixture at `x`.
    func logDensity(_ x: Double) -> Double {
        // Plain sums are several times faster than log-sum-exp; fall back to it only when the
        // density underflows, far from every component.
        var density = 0.0
        for k in means.indices {
            let z = (x - means[k]) * inverseDeviations[k]
            density += scaledWeights[k] * exp(-0.5 * z * z)
        }
        if density > 1e-280 { return log(density) - logMass }
        var largest = -Double.infinity
        for k in means.indices {
            let z = (x - means[k]) * inverseDeviations[k]
            largest = max(largest, log(scaledWeights[k]) - 0.5 * z * z)
        }
        var sum = 0.0
        for k in means.indices {
            let z = (x - means[k]) * inverseDeviations[k]
            sum += exp(log(scaledWeights[k]) - 0.5 * z * z - largest)
        }
        return largest + log(sum) - logMass
    }

    /// log of the mixture's probability of [a, b] (for quantized parameters).
    func logProbability(_ a: Double, _ b: Double) -> Double {
        var mass = 0.0
        for k in means.indices { mass += weights[k] * Self.normalMass(max(a, low), min(b, high), means[k], deviations[k]) }
        return log(max(mass, .leastNormalMagnitude)) - logMass
    }

    /// The mass of N(mean, deviation) in [a, b].
    static func normalMass(_ a: Double, _ b: Double, _ mean: Double, _ deviation: Double) -> Double {
        let za = (a - mean) / (deviation * 2.0.squareRoot())
        let zb = (b - mean) / (deviation * 2.0.squareRoot())
        // Differences of erfc on the side where it is small keep precision in the tails.
        if za > 0 { return 0.5 * (erfc(za) - erfc(zb)) }
        if zb < 0 { return 0.5 * (erfc(-zb) - erfc(-za)) }
        return 0.5 * (2 - erfc(zb) - erfc(-za))
    }
}
