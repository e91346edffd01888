import Foundation

/// The multivariate form of TPE's estimators (Falkner et al. 2018; Optuna's default): one
/// kernel per observation over all parameters at once, plus the prior as one more kernel. A
/// kernel is the product of a normal per number (in model space, truncated to the bounds) and a
/// distribution per choice peaked on the observation's option. Where an observation lacks a
/// parameter (its option was not taken) the prior stands in for that factor.
///
/// A number's kernel widths adapt to the data, dimension by dimension, as in Optuna: each
/// observation's width is the larger gap to its neighbours among the observations that have the
/// parameter (the outermost ones have one neighbour; a lone one measures to the bounds), then
/// clipped to the range and from below (see `neighbourWidths`). Clustered good
/// trials thus get narrow kernels and the search refines around them, which a width that
/// depends only on the count (Scott's rule) cannot do. A choice's kernel gives its option
/// `1 + s` parts and every option `s` parts, with `s = priorWeight / kernels`.
struct JointParzenEstimator {
    private let space: SearchSpace
    /// The searched dimensions.
    private let dimensions: [Int]
    /// Per searched dimension, its option count (0 for numbers).
    private let options: [Int]
    /// Per kernel and searched dimension: the centre in model space (a choice's option index),
    /// NaN for the prior's factor.
    private var centres: [[Double]] = []
    /// Per kernel and searched dimension: a number's width, unused for choices.
    private var widths: [[Double]] = []
    /// Per kernel and searched dimension: log of a number factor's mass inside the bounds.
    private var logMasses: [[Double]] = []
    /// Per searched choice dimension: log of the probability a kernel gives its own option and
    /// each other one.
    private var logPeaks: [(own: Double, other: Double)] = []
    private var logWeights: [Double] = []
    private var cumulative: [Double] = []

    /// `weights` are the observations' relative weights; `trials` counts every observed trial
    /// (good and bad), which sets the narrowest kernel.
    init(space: SearchSpace, observations: [[Double]], weights observationWeights: [Double], priorWeight: Double, trials: Int) {
        self.space = space
        dimensions = space.dimensions.indices.filter {
            if case .fixed = space.dimensions[$0].domain.kind { false } else { true }
        }
        options = dimensions.map { space.dimensions[$0].optionCount }

        let weights = [priorWeight] + observationWeights
        let total = weights.reduce(0, +)
        var running = 0.0
        for weight in weights {
            logWeights.append(log(weight / total))
            running += weight / total
            cumulative.append(running)
        }

        let kernels = observations.count + 1
        centres = [[Double]](repeating: [Double](repeating: .nan, count: dimensions.count), count: kernels)
        widths = centres
        logMasses = [[Double]](repeating: [Double](repeating: 0, count: dimensions.count), count: kernels)
        logPeaks = [(own: Double, other: Double)](repeating: (0, 0), count: dimensions.count)
        for (position, index) in dimensions.enumerated() {
            let dimension = space.dimensions[index]
            let active = observations.indices.filter { !observations[$0][index].isNaN }
            if options[position] > 0 {
                let smoothing = priorWeight / Double(active.count + 1)
                let sum = 1 + Double(options[position]) * smoothing
                logPeaks[position] = (log((1 + smoothing) / sum), log(max(smoothing, .leastNormalMagnitude) / sum))
                for k in active { centres[k + 1][position] = observations[k][index] }
                continue
            }
            let coordinates = active.map { dimension.toModel(observations[$0][index]) }
            let spread = Self.neighbourWidths(coordinates, bounds: dimension.modelBounds, range: dimension.modelPrior.deviation, trials: trials, step: dimension.step)
            for (j, k) in active.enumerated() {
                centres[k + 1][position] = coordinates[j]
                widths[k + 1][position] = spread[j]
            }
            let bounds = dimension.modelBounds
            for kernel in 0..<kernels {
                let (mean, deviation) = factor(kernel, position)
                logMasses[kernel][position] = log(
                    max(ParzenEstimator.normalMass(bounds.low, bounds.high, mean, deviation), .leastNormalMagnitude))
            }
        }
    }

    /// Each coordinate's kernel width: the larger gap to its neighbours in sorted order, the
    /// bounds counting as neighbours only when there is one coordinate; clipped between
    /// `range / min(100, trials + 2)` (but at least `step`, so an int's kernel reaches its
    /// neighbouring values) and `range`.
    static func neighbourWidths(_ coordinates: [Double], bounds: (low: Double, high: Double), range: Double, trials: Int, step: Double) -> [Double] {
        let count = coordinates.count
        guard count > 0 else { return [] }
        let order = coordinates.indices.sorted { coordinates[$0] < coordinates[$1] }
        let sorted = order.map { coordinates[$0] }
        var gaps = [Double](repeating: range, count: count)
        if count == 1 {
            gaps[0] = max(sorted[0] - bounds.low, bounds.high - sorted[0])
        } else {
            gaps[0] = sorted[1] - sorted[0]
            gaps[count - 1] = sorted[count - 1] - sorted[count - 2]
            for k in stride(from: 1, to: count - 1, by: 1) { gaps[k] = max(sorted[k] - sorted[k - 1], sorted[k + 1] - sorted[k]) }
        }
        let smallest = max(step, range / min(100, Double(trials + 2)))
        var widths = [Double](repeating: 0, count: count)
        for (k, index) in order.enumerated() { widths[index] = min(range, max(smallest, gaps[k])) }
        return widths
    }

    /// The normal of one numeric factor: the observation's, or the prior's where it has none.
    private func factor(_ kernel: Int, _ position: Int) -> (mean: Double, deviation: Double) {
        let centre = centres[kernel][position]
        if centre.isNaN { return space.dimensions[dimensions[position]].modelPrior }
        return (centre, widths[kernel][position])
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
            let count = options[position]
            if count > 0 {
                let draw = Int(random.unit() * Double(count))
                // The kernel's own option beyond the even share: with probability own - other.
                let extra = centre.isNaN ? 0 : exp(logPeaks[position].own) - exp(logPeaks[position].other)
                if !centre.isNaN, random.unit() < extra {
                    point[index] = centre
                } else {
                    point[index] = Double(min(count - 1, draw))
                }
                continue
            }
            let (mean, deviation) = factor(kernel, position)
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
            let count = options[position]
            if count > 0 {
                let uniform = -log(Double(count))
                let (own, other) = logPeaks[position]
                for kernel in centres.indices {
                    let centre = centres[kernel][position]
                    terms[kernel] += centre.isNaN ? uniform : (centre == value ? own : other)
                }
                continue
            }
            let bucket = dimension.bucket(of: value)
            let coordinate = dimension.toModel(value)
            for kernel in centres.indices {
                let (mean, deviation) = factor(kernel, position)
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
