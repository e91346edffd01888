/// A fitted model as a saved file holds it: `{"type": "logistic", ...fitted state}`, so any
/// model can be written and read back without knowing its type beforehand.
public struct StoredModel: Sendable, Codable {
    public var model: any FittedModel

    public init(_ model: any FittedModel) {
        self.model = model
    }

    /// Every fitted model a file can hold. A tag is part of the file format: never reuse one.
    static let tags = TypeTags(family: "model", entries: [
        .init("logistic", FittedLogisticRegression.self),
        .init("linear", FittedLinearRegression.self),
        .init("knn", FittedNearestNeighbors.self),
        .init("bayes", FittedGaussianNaiveBayes.self),
        // One tag for single trees, forests and boosting: the ensemble says which.
        .init("trees", FittedTrees.self),
    ])

    public func encode(to encoder: any Encoder) throws {
        try Self.tags.encode(model, to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        guard let model = try Self.tags.decode(from: decoder) as? any FittedModel else {
            throw ModelCoding.damaged("a saved model is not a fitted model")
        }
        self.model = model
    }
}
