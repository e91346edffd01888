/// The arithmetic of `describe` and of `group`'s aggregates, on values already free of missing
/// ones, so both give the same numbers. Conventions follow pandas: the sum of nothing is 0,
/// variance and standard deviation are sample statistics (ddof = 1), quantiles interpolate
/// linearly between the closest ranks.
enum Moments {
    /// Neumaier's compensated sum: exact enough that a column's mean doesn't depend on its order.
    static func sum(_ values: some Sequence<Double>) -> Double {
        var sum = 0.0, compensation = 0.0
        for x in values {
            let t = sum + x
            compensation += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum
            sum = t
        }
        // An infinite term makes the compensation NaN; the plain sum is then the answer.
        return compensation.isFinite ? sum + compensation : sum
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : sum(values) / Double(values.count)
    }

    /// Two passes (mean, then squared deviations) for accuracy; NaN below two values.
    static func variance(_ values: [Double]) -> Double {
        guard values.count > 1 else { return .nan }
        let m = mean(values)
        return sum(values.lazy.map { ($0 - m) * ($0 - m) }) / Double(values.count - 1)
    }

    static func standardDeviation(_ values: [Double]) -> Double {
        variance(values).squareRoot()
    }

    /// The `q` quantile of sorted values, interpolating linearly (numpy's and pandas' default).
    static func quantile(sorted values: [Double], _ q: Double) -> Double {
        guard let first = values.first, let last = values.last else { return .nan }
        let position = q * Double(values.count - 1)
        guard position > 0 else { return first }
        guard position < Double(values.count - 1) else { return last }
        let low = Int(position.rounded(.down))
        let fraction = position - Double(low)
        let a = values[low], b = values[low + 1]
        // numpy's lerp: from the nearer end, so the result stays within [a, b].
        return fraction >= 0.5 ? b - (b - a) * (1 - fraction) : a + (b - a) * fraction
    }
}
