import Foundation

/// The multivariate form of TPE's estimators (Falkner et al. 2018, as Optuna uses it by
/// default): one kernel per observation over all parameters at once, the product of a normal
/// per number (in model space, truncated to the bounds) and a peaked distribution per choice,
/// plus the prior as one more kernel. Kernel widths follow Scott's rule,
/// `scale · n^(-1/(d+4))` of the prior's width, clipped below like Hyperopt's. Where an
/// observation lacks a parameter (its option was not taken) the prior stands in for that factor.
struct JointParzenEstimator {
    private let space: SearchSpace
    /// The searched dimensions.
    private let dimensions: [Int]
    /// Per kernel and dimension: the centre in model space (a choice's option index), NaN for
    /// the prior's factor.
    private var centres: [[Double]] = []
    private var logWeights: [Double] = []
    private var cumulative: [Double] = []
    /// Per dimension: the observation kernels' width.
    private var widths: [Double] = []
    /// Per kernel and dimension: log of the kernel factor's mass inside the bounds.
    private var logMasses: [[Double]] = []
    private let bandwidth: Double

    /// `observations` are points in trial order, oldest first.
    init(space: SearchSpace, observations: [[Double]], priorWeight: Double, forgetting: Int, bandwidth: Double) {
        self.space = space
        self.bandwidth = min(1, max(0, bandwidth))
        dimensions = space.dimensions.indices.filter {
            if case .fixed = space.dimensions[$0].domain.kind { false } else { true }
        }
        let count = Double(observations.count)
        let exponent = -1 / (Double(dimensions.count) + 4)
        widths = dimensions.map { index in
            let prior = space.dimensions[index].modelPrior.deviation
            let smallest = prior / min(100, 1 + count)
            return min(prior, max(smallest, bandwidth * pow(max(count, 1), exponent) * prior))
        }
        let weights = [priorWeight] + ParzenEstimator.forgettingWeights(observations.count, forgetting)
        let total = weights.reduce(0, +)
        var running = 0.0
        for weight in weights {
            logWeights.append(log(weight / total))
            running += weight / total
            cumulative.append(running)
        }
        centres.append([Double](repeating: .nan, count: dimensions.count))
        for point in observations {
            centres.append(dimensions.map { index in
                let value = point[index]
                if value.isNaN || space.dimensions[index].optionCount > 0 { return value }
                return space.dimensions[index].toModel(value)
            })
        }
        logMasses = centres.map { centre in
            dimensions.indices.map { position in
                let dimension = space.dimensions[dimensions[position]]
                guard dimension.optionCount == 0 else { return 0 }
                let (mean, deviation) = factor(centre, position)
                let bounds = dimension.modelBounds
                return log(max(ParzenEstimator.normalMass(bounds.low, bounds.high, mean, deviation), .leastNormalMagnitude))
            }
        }
    }

    /// The normal of one numeric factor: the observation's, or the prior's where it has none.
    private func factor(_ centre: [Double], _ position: Int) -> (mean: Double, deviation: Double) {
        if centre[position].isNaN { return space.dimensions[dimensions[position]].modelPrior }
        return (centre[position], widths[position])
    }

    /// The probability a choice kernel centred on an option gives that option: the rest,
    /// `bandwidth · (K - 1) / K`, is spread evenly over the other options.
    private func peak(options: Int) -> Double {
        1 - bandwidth * Double(options - 1) / Double(options)
    }

    /// A point drawn from the mixture: every searched dimension gets a value (inactive ones are
    /// dropped when the point becomes an assignment).
    func sample(_ random: inout SplitMix) -> [Double] {
        let u = random.unit()
        let kernel = cumulative.firstIndex { u < $0 } ?? (cumulative.count - 1)
        var point = [Double](repeating: 0, count: space.dimensions.count)
        for (position, index) in dimensions.enumerated() {
            let dimension = space.dimensions[index]
            let centre = centres[kernel][position]
            let options = dimension.optionCount
            if options > 0 {
                if centre.isNaN || options == 1 {
                    point[index] = Double(min(options - 1, Int(random.unit() * Double(options))))
                } else if random.unit() < peak(options: options) {
                    point[index] = centre
                } else {
                    // One of the other options, evenly.
                    let other = min(options - 2, Int(random.unit() * Double(options - 1)))
                    point[index] = Double(other >= Int(centre) ? other + 1 : other)
                }
                continue
            }
            let (mean, deviation) = factor(centres[kernel], position)
            let bounds = dimension.modelBounds
            var coordinate = min(bounds.high, max(bounds.low, mean))
            for _ in 0..<100 {
                let x = mean + deviation * random.normal()
                if x >= bounds.low && x <= bounds.high {
                    coordinate = x
                    break
                }
            }
            point[index] = dimension.fromModel(coordinate)
        }
        return point
    }

    /// log density of a point over its active searched dimensions (NaN elsewhere).
    func logDensity(_ point: [Double]) -> Double {
        var terms = logWeights
        for (position, index) in dimensions.enumerated() {
            let value = point[index]
            if value.isNaN { continue }
            let dimension = space.dimensions[index]
            let options = dimension.optionCount
            let bucket = options > 0 ? nil : dimension.bucket(of: value)
            let coordinate = options > 0 ? value : dimension.toModel(value)
            for kernel in centres.indices {
                let centre = centres[kernel][position]
                if options > 0 {
                    let p: Double
                    if centre.isNaN || options == 1 {
                        p = 1 / Double(options)
                    } else {
                        let top = peak(options: options)
                        p = centre == value ? top : (1 - top) / Double(options - 1)
                    }
                    terms[kernel] += log(p)
                    continue
                }
                let (mean, deviation) = factor(centres[kernel], position)
                if let bucket {
                    let mass = ParzenEstimator.normalMass(bucket.low, bucket.high, mean, deviation)
                    terms[kernel] += log(max(mass, .leastNormalMagnitude)) - logMasses[kernel][position]
                } else {
                    let z = (coordinate - mean) / deviation
                    terms[kernel] += -0.5 * z * z - log(deviation) - 0.918_938_533_204_672_7 - logMasses[kernel][position]
                }
            }
        }
        guard let largest = terms.max(), largest > -.infinity else { return -.infinity }
        return largest + log(terms.reduce(0) { $0 + exp($1 - largest) })
    }
}
