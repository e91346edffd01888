/// `tree(...)`: one CART tree (`TreeLearner.fitTree`) as a model.
public struct TreeModel: Model {
    public var parameters: TreeParameters

    public init(_ parameters: TreeParameters = TreeParameters()) {
        self.parameters = parameters
    }

    public var kind: String { "tree" }

    public func fit(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> any FittedModel {
        try fitTrees(x, target, context: context)
    }

    /// `fit` with its concrete result.
    public func fitTrees(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> FittedTrees {
        FittedTrees(ensemble: try TreeLearner.fitTree(x, target, parameters, context: context), threads: context.threads)
    }
}
