/// Cyclic coordinate descent for a weighted least-squares problem with an elastic-net penalty
/// and an unpenalized intercept (glmnet's inner loop):
///
///     minimize ½ Σᵢ vᵢ (zᵢ − b − xᵢ·w)² + λ (α‖w‖₁ + (1−α)/2 ‖w‖²)
///
/// Linear regression solves it once with vᵢ = 1/n and z = y; logistic regression solves it at
/// every Newton step with the loss's curvature as weights.
struct ElasticNetDescent {
    var lambda: Double
    var alpha: Double
    /// Stop when no coefficient moves by more than this (in units of its weighted feature scale).
    var tolerance = 1e-12
    var maxSweeps = 10_000

    func solve(
        x: FeatureMatrix, v: [Double], z: [Double], w: inout [Double], b: inout Double, context: FitContext
    ) throws(LearnError) {
        let n = x.rows
        let p = x.columnCount
        let l1 = lambda * alpha
        let l2 = lambda * (1 - alpha)
        let weightSum = v.reduce(0, +)
        guard weightSum > 0 else { return }
        var curvature = [Double](repeating: 0, count: p)
        var r = z
        x.values.withUnsafeBufferPointer { xs in
            for j in 0..<p {
                let column = xs.baseAddress! + j * n
                var c = 0.0
                for i in 0..<n { c += v[i] * column[i] * column[i] }
                curvature[j] = c
                if w[j] != 0 { for i in 0..<n { r[i] -= w[j] * column[i] } }
            }
        }
        for i in 0..<n { r[i] -= b }
        let zScale = max(1, (zip(v, z).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } / weightSum).squareRoot())
        for sweep in 0..<maxSweeps {
            if sweep % 16 == 0 { try context.checkCancellation() }
            var largestMove = 0.0
            x.values.withUnsafeBufferPointer { xs in
                for j in 0..<p {
                    let column = xs.baseAddress! + j * n
                    let old = w[j]
                    guard curvature[j] > 0 else {
                        w[j] = 0
                        continue
                    }
                    var rho = 0.0
                    for i in 0..<n { rho += v[i] * column[i] * r[i] }
                    rho += curvature[j] * old
                    let shrunk = rho > l1 ? rho - l1 : (rho < -l1 ? rho + l1 : 0)
                    let new = shrunk / (curvature[j] + l2)
                    let delta = new - old
                    if delta != 0 {
                        w[j] = new
                        for i in 0..<n { r[i] -= delta * column[i] }
                        largestMove = max(largestMove, abs(delta) * curvature[j].squareRoot())
                    }
                }
            }
            var shift = 0.0
            for i in 0..<n { shift += v[i] * r[i] }
            shift /= weightSum
            b += shift
            for i in 0..<n { r[i] -= shift }
            largestMove = max(largestMove, abs(shift) * weightSum.squareRoot())
            if largestMove <= tolerance * zScale { return }
        }
    }
}
