/// `forest(...)`: a random forest (`TreeLearner.fitForest`) as a model.
public struct ForestModel: Model {
    public var parameters: ForestParameters

    public init(_ parameters: ForestParameters = ForestParameters()) {
        self.parameters = parameters
    }

    public var kind: String { "forest" }

    public func fit(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> any FittedModel {
        try fitTrees(x, target, context: context)
    }

    /// `fit` with its concrete result.
    public func fitTrees(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> FittedTrees {
        FittedTrees(ensemble: try TreeLearner.fitForest(x, target, parameters, context: context), threads: context.threads)
    }
}
