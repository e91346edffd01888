import Foundation

/// One parameter of a flattened search space, with where it sits in the tree. Searchers work on
/// points: one coordinate per dimension, NaN where the dimension is inactive; a choice's
/// coordinate is the index of its option.
struct SearchDimension: Sendable, Hashable {
    let path: String
    let domain: SearchDomain
    /// For a choice: the dimensions of each option's own parameters, in order.
    var children: [[Int]]

    var optionCount: Int {
        if case .choice(let options) = domain.kind { return options.count }
        return 0
    }

    /// A draw from the domain's prior distribution.
    func samplePrior(_ random: inout SplitMix) -> Double {
        switch domain.kind {
        case .fixed: return 0
        case .uniform(let low, let high): return low + random.unit() * (high - low)
        case .logUniform(let low, let high): return exp(log(low) + random.unit() * (log(high) - log(low)))
        case .integer(let low, let high): return Double(low) + (random.unit() * Double(high - low + 1)).rounded(.down)
        case .quantized(let low, let high, _): return snap(low + random.unit() * (high - low))
        case .normal(let mean, let deviation): return mean + deviation * random.normal()
        case .choice(let options): return Double(min(options.count - 1, Int(random.unit() * Double(options.count))))
        }
    }

    /// The bounds of the space TPE models the dimension in: logs for log-uniform, half a step
    /// beyond the ends for integers, infinite for normal.
    var modelBounds: (low: Double, high: Double) {
        switch domain.kind {
        case .uniform(let low, let high), .quantized(let low, let high, _): (low, high)
        case .logUniform(let low, let high): (log(low), log(high))
        case .integer(let low, let high): (Double(low) - 0.5, Double(high) + 0.5)
        case .normal, .fixed, .choice: (-.infinity, .infinity)
        }
    }

    /// The prior's mean and deviation in model space: the middle and the width of a bounded
    /// range, as Hyperopt puts them; the given ones for normal.
    var modelPrior: (mean: Double, deviation: Double) {
        if case .normal(let mean, let deviation) = domain.kind { return (mean, deviation) }
        let (low, high) = modelBounds
        return ((low + high) / 2, high - low)
    }

    /// A value of the dimension as a coordinate of its model space.
    func toModel(_ value: Double) -> Double {
        if case .logUniform = domain.kind { return log(value) }
        return value
    }

    /// A coordinate of model space as a value of the dimension (rounded where it is quantized).
    func fromModel(_ coordinate: Double) -> Double {
        switch domain.kind {
        case .logUniform(let low, let high): return min(high, max(low, exp(coordinate)))
        case .integer(let low, let high): return min(Double(high), max(Double(low), coordinate.rounded()))
        case .quantized: return snap(coordinate)
        case .uniform(let low, let high): return min(high, max(low, coordinate))
        case .normal, .fixed, .choice: return coordinate
        }
    }

    /// The distance between neighbouring values in model space: 1 for integers, the step for
    /// quantized reals, 0 for continuous dimensions.
    var step: Double {
        switch domain.kind {
        case .integer: 1
        case .quantized(_, _, let step): step
        case .uniform, .logUniform, .normal, .fixed, .choice: 0
        }
    }

    /// For quantized dimensions, the stretch of model space that rounds to `value`.
    func bucket(of value: Double) -> (low: Double, high: Double)? {
        switch domain.kind {
        case .integer:
            return (value - 0.5, value + 0.5)
        case .quantized(let low, let high, let step):
            let (first, last) = Self.multiples(low, high, step)
            let steps = (value / step).rounded()
            return (steps <= first ? low : value - step / 2, steps >= last ? high : value + step / 2)
        case .uniform, .logUniform, .normal, .fixed, .choice:
            return nil
        }
    }

    /// The nearest multiple of the step within the bounds.
    func snap(_ value: Double) -> Double {
        guard case .quantized(let low, let high, let step) = domain.kind else { return value }
        let (first, last) = Self.multiples(low, high, step)
        let steps = min(last, max(first, (value / step).rounded()))
        // 0.1 * 3 is 0.30000000000000004; 3 / 10 is 0.3.
        let inverse = 1 / step
        if abs(inverse - inverse.rounded()) < 1e-9 * inverse { return steps / inverse.rounded() }
        return steps * step
    }

    /// The first and last multiples (as counts of steps) within the bounds.
    static func multiples(_ low: Double, _ high: Double, _ step: Double) -> (first: Double, last: Double) {
        ((low / step).rounded(.up), (high / step).rounded(.down))
    }

    /// The value an assignment reports for a coordinate.
    func value(_ coordinate: Double) -> ParameterValue {
        switch domain.kind {
        case .fixed(let value): return value
        case .integer: return .integer(Int(coordinate))
        case .choice(let options): return options[Int(coordinate)].value
        case .uniform, .logUniform, .quantized, .normal: return .number(coordinate)
        }
    }
}
