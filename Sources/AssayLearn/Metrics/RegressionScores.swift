import Foundation

/// Regression metrics with scikit-learn's definitions (r2 is 1 for a perfect fit of a constant
/// target and 0 for an imperfect one, as `force_finite=True`).
enum RegressionScores {
    static func score(_ metric: Metric, y: [Double], f: [Double]) -> Double {
        let n = Double(y.count)
        var squared = 0.0
        var absolute = 0.0
        for i in y.indices {
            let d = y[i] - f[i]
            squared += d * d
            absolute += abs(d)
        }
        switch metric {
        case .mse: return squared / n
        case .rmse: return (squared / n).squareRoot()
        case .mae: return absolute / n
        case .r2:
            let mean = y.reduce(0, +) / n
            let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            if total == 0 { return squared == 0 ? 1 : 0 }
            return 1 - squared / total
        default: return .nan
        }
    }
}
