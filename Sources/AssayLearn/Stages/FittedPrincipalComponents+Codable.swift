// `{"inputs": [...], "means": [...], "components": [[loading per input], ...],
// "explainedVariance": [...], "explainedVarianceRatio": [...]}`.
extension FittedPrincipalComponents: Codable {
    private enum CodingKeys: String, CodingKey { case inputs, means, components, explainedVariance, explainedVarianceRatio }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(means, forKey: .means)
        try c.encode(components, forKey: .components)
        try c.encode(explainedVariance, forKey: .explainedVariance)
        try c.encode(explainedVarianceRatio, forKey: .explainedVarianceRatio)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let inputs = try c.decode([String].self, forKey: .inputs)
        let means = try c.decode([Double].self, forKey: .means)
        let components = try c.decode([[Double]].self, forKey: .components)
        let variance = try c.decode([Double].self, forKey: .explainedVariance)
        let ratio = try c.decode([Double].self, forKey: .explainedVarianceRatio)
        guard means.count == inputs.count, components.allSatisfy({ $0.count == inputs.count }) else {
            throw ModelCoding.damaged("a saved `pca` stage has means or loadings that don't match its \(inputs.count) columns")
        }
        guard variance.count == components.count, ratio.count == components.count else {
            throw ModelCoding.damaged("a saved `pca` stage has explained variances that don't match its \(components.count) components")
        }
        self.init(inputs: inputs, means: means, components: components, explainedVariance: variance, explainedVarianceRatio: ratio)
    }
}
