/// A fitted stage as a saved file holds it: `{"type": "scale", ...fitted state}`, so any stage
/// can be written and read back without knowing its type beforehand.
public struct StoredStage: Sendable, Codable {
    public var stage: any FittedStage

    public init(_ stage: any FittedStage) {
        self.stage = stage
    }

    /// Every fitted stage a file can hold. A tag is part of the file format: never reuse one.
    static let tags = TypeTags(family: "stage", entries: [
        .init("impute", FittedImpute.self),
        .init("scale", FittedScale.self),
        .init("onehot", FittedOneHot.self),
        .init("index", FittedCategoryIndex.self),
        .init("bucket", Bucket.self),
        .init("quantiles", FittedQuantiles.self),
        .init("products", FittedProducts.self),
        .init("log", FittedLogOnePlus.self),
        .init("pca", FittedPrincipalComponents.self),
        .init("derive", Derivation.self),
    ])

    public func encode(to encoder: any Encoder) throws {
        try Self.tags.encode(stage, to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        guard let stage = try Self.tags.decode(from: decoder) as? any FittedStage else {
            throw ModelCoding.damaged("a saved stage is not a fitted stage")
        }
        self.stage = stage
    }
}
