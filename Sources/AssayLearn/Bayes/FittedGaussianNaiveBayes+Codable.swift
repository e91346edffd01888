// `{"classes": [...], "featureNames": [...], "logPriors": [...], "means": [class-major],
// "variances": [class-major]}`.
extension FittedGaussianNaiveBayes: Codable {
    private enum CodingKeys: String, CodingKey { case classes, featureNames, logPriors, means, variances }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(classes, forKey: .classes)
        try c.encode(featureNames, forKey: .featureNames)
        try c.encode(logPriors, forKey: .logPriors)
        try c.encode(means, forKey: .means)
        try c.encode(variances, forKey: .variances)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let classes = try c.decode([String].self, forKey: .classes)
        let featureNames = try c.decode([String].self, forKey: .featureNames)
        let logPriors = try c.decode([Double].self, forKey: .logPriors)
        let means = try c.decode([Double].self, forKey: .means)
        let variances = try c.decode([Double].self, forKey: .variances)
        let cells = classes.count * featureNames.count
        guard !classes.isEmpty, logPriors.count == classes.count, means.count == cells, variances.count == cells else {
            throw ModelCoding.damaged("a saved `bayes` model's statistics don't match its \(classes.count) classes and \(featureNames.count) features")
        }
        self.init(classes: classes, featureNames: featureNames, logPriors: logPriors, means: means, variances: variances)
    }
}
