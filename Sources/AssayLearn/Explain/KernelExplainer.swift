/// Kernel SHAP (Lundberg & Lee 2017) for any model given as a prediction function: a feature
/// left out of a coalition takes the background's values (independent features), a coalition's
/// value is the weighted mean prediction over the background, and the SHAP values are the
/// weighted least-squares fit of the coalitions' values under the Shapley kernel, constrained
/// to add up to the row's prediction minus the base value.
public struct KernelExplainer: Sendable {
    public let background: Background
    public let outputNames: [String]
    /// The background's weighted mean prediction, per output.
    public let expectedValue: [Double]
    /// Rows × outputs, row-major, for a matrix with the background's columns.
    let predict: @Sendable (FeatureMatrix) -> [Double]

    /// `predict` must return `outputs.count` numbers per row, row-major, and be safe to call
    /// from several threads at once.
    public init(background: Background, outputs: [String], predict: @escaping @Sendable (FeatureMatrix) -> [Double]) throws(LearnError) {
        self.background = background
        outputNames = outputs
        self.predict = predict
        let k = outputs.count
        let out = predict(background.data)
        guard k > 0, out.count == background.data.rows * k else {
            throw LearnError("the prediction gives \(out.count) numbers for \(background.data.rows) rows and \(k) outputs")
        }
        var expected = [Double](repeating: 0, count: k)
        for (r, w) in background.weights.enumerated() {
            for o in 0..<k { expected[o] += w * out[r * k + o] }
        }
        expectedValue = expected
    }

    /// Coalitions per row when not given: shap's default, `2M + 2048`.
    public static func defaultSamples(features: Int) -> Int { 2 * features + 2048 }

    /// Kernel SHAP values of every row of `x` (columns matched to the background's by name).
    /// The same seeded coalitions serve every row, so the least-squares system is set up once.
    public func shap(_ x: FeatureMatrix, samples: Int? = nil, seed: UInt64 = 0, threads: Int = 1) -> ShapValues {
        let names = background.data.names
        let input = x.aligned(to: names)
        let rows = input.rows
        let m = names.count
        let k = outputNames.count
        var values = [Double](repeating: 0, count: rows * m * k)
        let result = { (values: [Double]) in
            ShapValues(featureNames: names, outputNames: outputNames, rows: rows, values: values, base: expectedValue)
        }
        guard rows > 0, m > 0 else { return result(values) }
        let budget = samples ?? Self.defaultSamples(features: m)
        // Every coalition when they fit the budget (2^M − 2 of them), which makes the values exact.
        let allCoalitions = m < 62 ? (1 << m) - 2 : Int.max
        let coalitions = Coalitions(features: m, budget: min(budget, allCoalitions), seed: seed)
        let system = coalitions.count > 0 ? LeastSquares(coalitions) : nil
        let workers = max(1, min(threads, rows))
        values.withUnsafeMutableBufferPointer { out in
            TreeThreads.run(workers) { worker in
                var r = worker
                while r < rows {
                    let row = (0..<m).map { input.values[$0 * rows + r] }
                    let phi = explain(row, coalitions: coalitions, system: system)
                    for i in 0..<(m * k) { out[r * m * k + i] = phi[i] }
                    r += workers
                }
            }
        }
        return result(values)
    }

    /// One row's values, features × outputs.
    private func explain(_ row: [Double], coalitions: Coalitions, system: LeastSquares?) -> [Double] {
        let m = row.count
        let k = outputNames.count
        let full = predict(FeatureMatrix(trusted: 1, background.data.names, row))
        guard full.count == k else { return [Double](repeating: .nan, count: m * k) }
        let delta = (0..<k).map { full[$0] - expectedValue[$0] }
        guard let system else {
            // One feature: it gets everything.
            return (0..<(m * k)).map { delta[$0 % k] }
        }
        let value = coalitionValues(row, coalitions)
        var phi = [Double](repeating: 0, count: m * k)
        for o in 0..<k {
            let y = (0..<coalitions.count).map { value[$0 * k + o] - expectedValue[o] }
            let solution = system.solve(y, total: delta[o])
            for j in 0..<m { phi[j * k + o] = solution[j] }
        }
        return phi
    }

    /// Each coalition's weighted mean prediction over the background (coalitions × outputs),
    /// predicted a batch of coalitions at a time to bound the memory of the mixed rows.
    private func coalitionValues(_ row: [Double], _ coalitions: Coalitions) -> [Double] {
        let data = background.data
        let b = data.rows
        let m = row.count
        let k = outputNames.count
        let perBatch = max(1, 50_000 / b)
        var value = [Double](repeating: 0, count: coalitions.count * k)
        var first = 0
        while first < coalitions.count {
            let count = min(perBatch, coalitions.count - first)
            let n = count * b
            var mixed = [Double](repeating: 0, count: n * m)
            for j in 0..<m {
                let column = j * n
                for c in 0..<count {
                    let inside = coalitions.members[(first + c) * m + j] != 0
                    for r in 0..<b { mixed[column + c * b + r] = inside ? row[j] : data.values[j * b + r] }
                }
            }
            let out = predict(FeatureMatrix(trusted: n, data.names, mixed))
            // A prediction of the wrong shape gives no values rather than a crash.
            guard out.count == n * k else { return [Double](repeating: .nan, count: coalitions.count * k) }
            for c in 0..<count {
                for r in 0..<b {
                    let w = background.weights[r]
                    for o in 0..<k { value[(first + c) * k + o] += w * out[(c * b + r) * k + o] }
                }
            }
            first += count
        }
        return value
    }
}
