/// A fitted `tree()`, `forest()` or `boost()` model: its ensemble, and the threads its
/// predictions may use.
public struct FittedTrees: FittedModel {
    /// The nodes, for importance, TreeSHAP and export.
    public var ensemble: TreeEnsemble
    /// Threads for prediction (at least 1); predictions don't depend on it.
    public var threads: Int

    public init(ensemble: TreeEnsemble, threads: Int) {
        self.ensemble = ensemble
        self.threads = max(1, threads)
    }

    /// `tree`, `forest` or `boost`.
    public var kind: String { ensemble.kind.rawValue }
    public var featureNames: [String] { ensemble.featureNames }

    public func predict(_ x: FeatureMatrix) -> Prediction {
        ensemble.predict(x, threads: threads)
    }
}
