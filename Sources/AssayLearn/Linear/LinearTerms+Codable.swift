// `{"outputs": [...], "featureNames": [...], "weights": [[per feature], ...], "intercepts": [...]}`.
extension LinearTerms: Codable {
    private enum CodingKeys: String, CodingKey { case outputs, featureNames, weights, intercepts }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(outputs, forKey: .outputs)
        try c.encode(featureNames, forKey: .featureNames)
        try c.encode(weights, forKey: .weights)
        try c.encode(intercepts, forKey: .intercepts)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let outputs = try c.decode([String].self, forKey: .outputs)
        let featureNames = try c.decode([String].self, forKey: .featureNames)
        let weights = try c.decode([[Double]].self, forKey: .weights)
        let intercepts = try c.decode([Double].self, forKey: .intercepts)
        guard !outputs.isEmpty, weights.count == outputs.count, intercepts.count == outputs.count,
              weights.allSatisfy({ $0.count == featureNames.count })
        else {
            throw ModelCoding.damaged("a saved linear model's weights don't match its \(outputs.count) outputs and \(featureNames.count) features")
        }
        self.init(outputs: outputs, featureNames: featureNames, weights: weights, intercepts: intercepts)
    }
}
