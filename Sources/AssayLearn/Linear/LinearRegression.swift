/// `linear(reg, l1_ratio)`: least squares with an optional elastic-net penalty and an
/// unpenalized intercept, minimizing
///
///     1/(2n) ‖y − Xw − b‖² + reg · (l1_ratio ‖w‖₁ + (1 − l1_ratio)/2 ‖w‖²)
///
/// (glmnet's and scikit-learn's objective: `Ridge(alpha=n·reg)` when l1_ratio is 0,
/// `Lasso(alpha=reg)` when 1, `ElasticNet(alpha=reg, l1_ratio=l1_ratio)` between). Without L1
/// it solves the normal equations by Cholesky; with L1 it runs coordinate descent. Features are
/// used as given: the pipeline scales them (`scale()`), the model does not.
public struct LinearRegression: Model {
    public var reg: Double
    public var l1Ratio: Double

    public init(reg: Double = 0, l1Ratio: Double = 0) {
        self.reg = reg
        self.l1Ratio = l1Ratio
    }

    public var kind: String { "linear" }

    public func fit(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> any FittedModel {
        try fitLinear(x, target, context: context)
    }

    /// `fit` with its concrete result.
    public func fitLinear(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> FittedLinearRegression {
        try PenaltyCheck.validate(reg: reg, l1Ratio: l1Ratio)
        try target.requireRows(x)
        let y = try target.requireValues(for: kind)
        try x.requireComplete(for: kind)
        let n = x.rows
        let p = x.columnCount
        var w = [Double](repeating: 0, count: p)
        let yMean = y.reduce(0, +) / Double(n)
        var b = yMean
        if l1Ratio > 0 && reg > 0 {
            let v = [Double](repeating: 1 / Double(n), count: n)
            try ElasticNetDescent(lambda: reg, alpha: l1Ratio).solve(x: x, v: v, z: y, w: &w, b: &b, context: context)
        } else if p > 0 {
            // Centre, then (XcᵀXc/n + reg·I) w = Xcᵀyc/n; the intercept restores the means.
            let means = (0..<p).map { j in x.column(j).reduce(0, +) / Double(n) }
            var gram = [Double](repeating: 0, count: p * p)
            var rhs = [Double](repeating: 0, count: p)
            for a in 0..<p {
                let xa = x.column(a)
                for c in a..<p {
                    let xc = x.column(c)
                    var sum = 0.0
                    for i in 0..<n { sum += (xa[xa.startIndex + i] - means[a]) * (xc[xc.startIndex + i] - means[c]) }
                    gram[a * p + c] = sum / Double(n)
                    gram[c * p + a] = sum / Double(n)
                }
                var sum = 0.0
                for i in 0..<n { sum += (xa[xa.startIndex + i] - means[a]) * (y[i] - yMean) }
                rhs[a] = sum / Double(n)
                gram[a * p + a] += reg * (1 - l1Ratio)
            }
            try context.checkCancellation()
            w = Cholesky.solveRegularized(gram, rhs, size: p)
            b = yMean - zip(w, means).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let terms = LinearTerms(outputs: ["prediction"], featureNames: x.names, weights: [w], intercepts: [b])
        return FittedLinearRegression(terms: terms)
    }
}

/// A fitted `linear()` model: a weight per feature and an intercept. Saved as `{"terms": {...}}`.
public struct FittedLinearRegression: FittedModel, Codable {
    public var terms: LinearTerms
    public var kind: String { "linear" }
    public var featureNames: [String] { terms.featureNames }
    public var coefficients: [Double] { terms.weights[0] }
    public var intercept: Double { terms.intercepts[0] }

    public func predict(_ x: FeatureMatrix) -> Prediction {
        .values(terms.scores(x))
    }
}

extension FittedLinearRegression: ValidatedOnLoad {
    func validate() throws(LearnError) {
        try terms.validate()
        guard terms.outputs.count == 1 else {
            throw ModelCoding.damaged("a saved `linear` model has \(terms.outputs.count) outputs instead of 1")
        }
    }
}

/// Checks shared by the penalized linear models.
enum PenaltyCheck {
    static func validate(reg: Double, l1Ratio: Double) throws(LearnError) {
        guard reg >= 0, reg.isFinite else {
            throw LearnError("`reg` must be a number at least 0, got \(reg)")
        }
        guard l1Ratio >= 0, l1Ratio <= 1 else {
            throw LearnError("`l1_ratio` must be between 0 and 1, got \(l1Ratio)")
        }
    }
}

/// Solves a symmetric positive semi-definite system by Cholesky factorization.
enum Cholesky {
    /// Solves `a x = b` (`a` row-major, size × size). A singular `a` (collinear features
    /// without a penalty) gets a ridge just large enough to factor, which approaches the
    /// minimum-norm least-squares solution.
    static func solveRegularized(_ a: [Double], _ b: [Double], size p: Int) -> [Double] {
        let trace = (0..<p).reduce(0.0) { $0 + a[$1 * p + $1] }
        var jitter = 0.0
        for _ in 0..<20 {
            var m = a
            for i in 0..<p { m[i * p + i] += jitter }
            if let x = solve(m, b, size: p) { return x }
            jitter = jitter == 0 ? 1e-12 * max(trace / Double(max(p, 1)), 1e-300) : jitter * 100
        }
        return [Double](repeating: 0, count: p)
    }

    /// nil when `a` is not numerically positive definite.
    static func solve(_ a: [Double], _ b: [Double], size p: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: p * p)
        let scale = (0..<p).reduce(0.0) { max($0, abs(a[$1 * p + $1])) }
        for i in 0..<p {
            for j in 0...i {
                var sum = a[i * p + j]
                for k in 0..<j { sum -= l[i * p + k] * l[j * p + k] }
                if i == j {
                    guard sum > 1e-13 * scale, sum.isFinite else { return nil }
                    l[i * p + i] = sum.squareRoot()
                } else {
                    l[i * p + j] = sum / l[j * p + j]
                }
            }
        }
        var y = b
        for i in 0..<p {
            for k in 0..<i { y[i] -= l[i * p + k] * y[k] }
            y[i] /= l[i * p + i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for k in (i + 1)..<p { y[i] -= l[k * p + i] * y[k] }
            y[i] /= l[i * p + i]
        }
        return y
    }
}
