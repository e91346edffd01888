/// Kernel SHAP's weighted least squares for a fixed set of coalitions: minimize
/// `Σ_z w_z (y_z − Σ_j z_j φ_j)²` subject to `Σ_j φ_j = total`. The constraint removes the last
/// feature (`φ_M = total − Σ_{j<M} φ_j`), leaving an unconstrained fit on the columns
/// `z_j − z_M` whose normal matrix depends only on the coalitions, so it is built once.
struct LeastSquares: Sendable {
    let coalitions: Coalitions
    /// The normal matrix of the reduced columns, (M − 1)².
    private let normal: [Double]

    init(_ coalitions: Coalitions) {
        self.coalitions = coalitions
        let m = coalitions.features
        let p = m - 1
        var normal = [Double](repeating: 0, count: p * p)
        var column = [Double](repeating: 0, count: p)
        for z in 0..<coalitions.count {
            let base = z * m
            let last = Double(coalitions.members[base + p])
            for j in 0..<p { column[j] = Double(coalitions.members[base + j]) - last }
            let w = coalitions.weights[z]
            for a in 0..<p where column[a] != 0 {
                let wa = w * column[a]
                for b in a..<p { normal[a * p + b] += wa * column[b] }
            }
        }
        for a in 0..<p { for b in 0..<a { normal[a * p + b] = normal[b * p + a] } }
        self.normal = normal
    }

    /// The values for the coalitions' `y` (each coalition's value minus the base value).
    func solve(_ y: [Double], total: Double) -> [Double] {
        let m = coalitions.features
        let p = m - 1
        var rhs = [Double](repeating: 0, count: p)
        for z in 0..<coalitions.count {
            let base = z * m
            let last = Double(coalitions.members[base + p])
            let target = coalitions.weights[z] * (y[z] - last * total)
            for j in 0..<p {
                let c = Double(coalitions.members[base + j]) - last
                if c != 0 { rhs[j] += c * target }
            }
        }
        var phi = Cholesky.solveRegularized(normal, rhs, size: p)
        phi.append(total - phi.reduce(0, +))
        return phi
    }
}
