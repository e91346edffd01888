// `{"k": 5, "weights": "uniform", "featureNames": [...], "trainingRows": [row-major],
// "target": {...}, "threads": 2}`: the training data itself, since that is the model.
extension FittedNearestNeighbors: Codable {
    private enum CodingKeys: String, CodingKey { case k, weights, featureNames, trainingRows, target, threads }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(k, forKey: .k)
        try c.encode(weights, forKey: .weights)
        try c.encode(featureNames, forKey: .featureNames)
        try c.encode(trainingRows, forKey: .trainingRows)
        try c.encode(target, forKey: .target)
        try c.encode(threads, forKey: .threads)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let k = try c.decode(Int.self, forKey: .k)
        let featureNames = try c.decode([String].self, forKey: .featureNames)
        let trainingRows = try c.decode([Double].self, forKey: .trainingRows)
        let target = try c.decode(Target.self, forKey: .target)
        guard !featureNames.isEmpty, target.count >= 1, trainingRows.count == target.count * featureNames.count else {
            throw ModelCoding.damaged("a saved `knn` model's training rows don't match its \(featureNames.count) features and \(target.count) targets")
        }
        guard (1...target.count).contains(k) else {
            throw ModelCoding.damaged("a saved `knn` model has k = \(k) for \(target.count) training rows")
        }
        if case .classes(let labels, let classes) = target, labels.contains(where: { $0 < 0 || Int($0) >= classes.count }) {
            throw ModelCoding.damaged("a saved `knn` model has labels outside its \(classes.count) classes")
        }
        self.init(
            k: k, weights: try c.decode(NearestNeighbors.Weights.self, forKey: .weights), featureNames: featureNames,
            trainingRows: trainingRows, target: target, threads: max(1, try c.decodeIfPresent(Int.self, forKey: .threads) ?? 1))
    }
}

// Saved by name: `"uniform"`, `"distance"`.
extension NearestNeighbors.Weights: Codable {}
