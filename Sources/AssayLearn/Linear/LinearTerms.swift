/// The weights of a fitted linear or logistic model, one row per output, by feature name.
///
/// Saved as `{"outputs": [...], "featureNames": [...], "weights": [[per feature], ...], "intercepts": [...]}`.
public struct LinearTerms: Sendable, Hashable, Codable {
    /// What each row predicts: `["prediction"]` for regression, the second class for a binary
    /// logistic model (its log-odds), every class for a multinomial one.
    public var outputs: [String]
    public var featureNames: [String]
    /// `weights[output][feature]`.
    public var weights: [[Double]]
    public var intercepts: [Double]

    /// The weight of a feature for an output (the first by default); nil for an unknown name.
    public func weight(of feature: String, output: String? = nil) -> Double? {
        guard let j = featureNames.firstIndex(of: feature) else { return nil }
        let k = output.flatMap { outputs.firstIndex(of: $0) } ?? (output == nil ? 0 : -1)
        return k >= 0 ? weights[k][j] : nil
    }

    /// Each output's linear score `b + Σ wⱼxⱼ` for every row, row-major; a missing feature
    /// contributes nothing (features are expected centred, so this is the mean's contribution).
    func scores(_ x: FeatureMatrix) -> [Double] {
        let aligned = x.aligned(to: featureNames)
        let n = aligned.rows
        let k = outputs.count
        var out = [Double](repeating: 0, count: n * k)
        for o in 0..<k {
            var score = [Double](repeating: intercepts[o], count: n)
            for j in featureNames.indices where weights[o][j] != 0 {
                let w = weights[o][j]
                let base = j * n
                for i in 0..<n {
                    let value = aligned.values[base + i]
                    if !value.isNaN { score[i] += w * value }
                }
            }
            for i in 0..<n { out[i * k + o] = score[i] }
        }
        return out
    }
}

extension LinearTerms: ValidatedOnLoad {
    func validate() throws(LearnError) {
        guard !outputs.isEmpty, weights.count == outputs.count, intercepts.count == outputs.count,
              weights.allSatisfy({ $0.count == featureNames.count })
        else {
            throw ModelCoding.damaged("a saved linear model's weights don't match its \(outputs.count) outputs and \(featureNames.count) features")
        }
    }
}
