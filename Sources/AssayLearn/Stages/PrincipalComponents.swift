import AssayFrame

/// `pca(k=5)`: the fitted data's first k principal components `pc1..pck` in place of the
/// columns used (number columns by default; they must be complete). Components are eigenvectors
/// of the covariance matrix (cyclic Jacobi), by decreasing variance, each signed so its largest
/// loading in absolute value is positive (scikit-learn's `svd_flip` on the components).
public struct PrincipalComponents: Stage {
    public var columns: ColumnSelector
    public var k: Int

    public init(_ columns: ColumnSelector = .numeric, k: Int = 5) {
        self.columns = columns
        self.k = k
    }

    public var kind: String { "pca" }

    public func fit(_ data: Dataset, context: FitContext) throws(LearnError) -> any FittedStage {
        let names = try columns.resolve(in: data, stage: kind, accepts: [.number])
        guard k >= 1 else { throw LearnError("`k` must be at least 1, got \(k)") }
        guard k <= names.count else {
            throw LearnError("`pca(k=\(k))` needs at least \(k) number columns, and there are \(names.count)", help: "lower `k`")
        }
        let n = data.rowCount
        guard n >= 2 else { throw LearnError("`pca` needs at least 2 rows, got \(n)") }
        let p = names.count
        var columnsValues: [[Double]] = []
        for name in names {
            let values = try StageColumns.numbers(name, in: data, stage: kind)
            guard !values.contains(where: \.isNaN) else {
                throw LearnError("`pca` needs complete columns, and `\(name)` has missing values", help: "fill them first, for example `impute(\(name))`")
            }
            columnsValues.append(values)
        }
        let means = columnsValues.map { $0.reduce(0, +) / Double(n) }
        var covariance = [Double](repeating: 0, count: p * p)
        for a in 0..<p {
            for b in a..<p {
                var sum = 0.0
                for i in 0..<n { sum += (columnsValues[a][i] - means[a]) * (columnsValues[b][i] - means[b]) }
                covariance[a * p + b] = sum / Double(n - 1)
                covariance[b * p + a] = covariance[a * p + b]
            }
        }
        try context.checkCancellation()
        let (eigenvalues, vectors) = SymmetricEigen.jacobi(covariance, size: p)
        let order = (0..<p).sorted { eigenvalues[$0] > eigenvalues[$1] }
        let total = eigenvalues.reduce(0) { $0 + max($1, 0) }
        var components: [[Double]] = []
        for index in order.prefix(k) {
            var v = (0..<p).map { vectors[$0 * p + index] }
            let largest = v.indices.max { abs(v[$0]) < abs(v[$1]) }!
            if v[largest] < 0 { v = v.map { -$0 } }
            components.append(v)
        }
        return FittedPrincipalComponents(
            inputs: names, means: means, components: components,
            explainedVariance: order.prefix(k).map { eigenvalues[$0] },
            explainedVarianceRatio: order.prefix(k).map { total > 0 ? eigenvalues[$0] / total : 0 })
    }
}

/// Fitted `pca`: the input columns' means, the components (loadings per input) and the variance
/// each explains, saved under those names.
public struct FittedPrincipalComponents: FittedStage, Codable {
    public var inputs: [String]
    public var means: [Double]
    public var components: [[Double]]
    public var explainedVariance: [Double]
    public var explainedVarianceRatio: [Double]

    public func transform(_ data: Dataset) throws(LearnError) -> Dataset {
        var inputValues: [[Double]] = []
        for name in inputs { inputValues.append(try StageColumns.numbers(name, in: data, stage: "pca")) }
        let used = Set(inputs)
        let scores = components.enumerated().map { c, loadings in
            var score = [Double](repeating: 0, count: data.rowCount)
            for (j, loading) in loadings.enumerated() {
                for i in score.indices { score[i] += loading * (inputValues[j][i] - means[j]) }
            }
            return Column("pc\(c + 1)", .number(score))
        }
        return try StageColumns.dataset(data.columns.filter { !used.contains($0.name) } + scores, stage: "pca")
    }

    public var summary: [(String, String)] {
        explainedVarianceRatio.enumerated().map { ("pc\($0 + 1)", "explains \(StageColumns.format($1 * 100))%") }
    }
}

extension FittedPrincipalComponents: ValidatedOnLoad {
    func validate() throws(LearnError) {
        guard means.count == inputs.count, components.allSatisfy({ $0.count == inputs.count }) else {
            throw ModelCoding.damaged("a saved `pca` stage has means or loadings that don't match its \(inputs.count) columns")
        }
        guard explainedVariance.count == components.count, explainedVarianceRatio.count == components.count else {
            throw ModelCoding.damaged("a saved `pca` stage has explained variances that don't match its \(components.count) components")
        }
    }
}

/// Eigen-decomposition of a small symmetric matrix.
enum SymmetricEigen {
    /// Cyclic Jacobi rotations until the off-diagonal part vanishes: eigenvalues and the
    /// eigenvectors as the columns of a row-major matrix.
    static func jacobi(_ matrix: [Double], size p: Int) -> (values: [Double], vectors: [Double]) {
        var a = matrix
        var v = [Double](repeating: 0, count: p * p)
        for i in 0..<p { v[i * p + i] = 1 }
        let scale = max(a.reduce(0) { max($0, abs($1)) }, .leastNormalMagnitude)
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<p { for j in 0..<p where i != j { off += a[i * p + j] * a[i * p + j] } }
            if off.squareRoot() <= 1e-15 * scale { break }
            for q in 0..<p {
                for r in (q + 1)..<max(p, q + 1) where a[q * p + r] != 0 {
                    let theta = (a[r * p + r] - a[q * p + q]) / (2 * a[q * p + r])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<p {
                        let akq = a[k * p + q], akr = a[k * p + r]
                        a[k * p + q] = c * akq - s * akr
                        a[k * p + r] = s * akq + c * akr
                    }
                    for k in 0..<p {
                        let aqk = a[q * p + k], ark = a[r * p + k]
                        a[q * p + k] = c * aqk - s * ark
                        a[r * p + k] = s * aqk + c * ark
                    }
                    for k in 0..<p {
                        let vkq = v[k * p + q], vkr = v[k * p + r]
                        v[k * p + q] = c * vkq - s * vkr
                        v[k * p + r] = s * vkq + c * vkr
                    }
                }
            }
        }
        return ((0..<p).map { a[$0 * p + $0] }, v)
    }
}
