/// `boost(...)`: gradient-boosted trees (`TreeLearner.fitBoost`) as a model.
public struct BoostModel: Model {
    public var parameters: BoostParameters

    public init(_ parameters: BoostParameters = BoostParameters()) {
        self.parameters = parameters
    }

    public var kind: String { "boost" }

    public func fit(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> any FittedModel {
        try fitTrees(x, target, context: context)
    }

    /// `fit` with its concrete result.
    public func fitTrees(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> FittedTrees {
        FittedTrees(ensemble: try TreeLearner.fitBoost(x, target, parameters, context: context), threads: context.threads)
    }
}
