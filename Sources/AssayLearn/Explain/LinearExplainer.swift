/// Exact SHAP values of a linear or logistic model under independent features:
/// `φ_j = w_j (x_j − mean_j)`, the means taken over background data, in the model's linear
/// score (log-odds for a binary logistic model, one score per class for a multinomial one).
public struct LinearExplainer: Sendable {
    public let terms: LinearTerms
    /// The background mean of each feature, a missing value counting as 0 as the model scores it.
    public let means: [Double]
    /// The mean score over the background, per output.
    public let expectedValue: [Double]

    public init(_ terms: LinearTerms, background: FeatureMatrix) {
        self.terms = terms
        let x = background.aligned(to: terms.featureNames)
        let n = x.rows
        let means = terms.featureNames.indices.map { j -> Double in
            guard n > 0 else { return 0 }
            var sum = 0.0
            for r in 0..<n {
                let v = x.values[j * n + r]
                if !v.isNaN { sum += v }
            }
            return sum / Double(n)
        }
        self.means = means
        expectedValue = terms.outputs.indices.map { k in
            var sum = terms.intercepts[k]
            for (w, m) in zip(terms.weights[k], means) { sum += w * m }
            return sum
        }
    }

    public init(_ model: FittedLinearRegression, background: FeatureMatrix) {
        self.init(model.terms, background: background)
    }

    public init(_ model: FittedLogisticRegression, background: FeatureMatrix) {
        self.init(model.terms, background: background)
    }

    public func shap(_ x: FeatureMatrix) -> ShapValues {
        let input = x.aligned(to: terms.featureNames)
        let n = input.rows
        let features = terms.featureNames.count
        let outputs = terms.outputs.count
        var values = [Double](repeating: 0, count: n * features * outputs)
        for j in 0..<features {
            for r in 0..<n {
                let v = input.values[j * n + r]
                let centred = (v.isNaN ? 0 : v) - means[j]
                for k in 0..<outputs { values[(r * features + j) * outputs + k] = terms.weights[k][j] * centred }
            }
        }
        return ShapValues(featureNames: terms.featureNames, outputNames: terms.outputs, rows: n, values: values, base: expectedValue)
    }
}
