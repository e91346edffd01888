import AssayLearn

/// How `importance` measures a feature.
enum ImportanceMethod: String, Sendable, CaseIterable {
    /// Split gains of a tree model (Spark's `featureImportances`).
    case impurity
    /// The drop of the model's score when a feature's values are shuffled, on given rows.
    case permutation
    /// A linear model's weights, standardized by each feature's spread on given rows.
    case coefficients

    /// What a model is measured by when `method` is not given.
    static func defaultMethod(for model: any FittedModel) -> ImportanceMethod {
        if model is FittedTrees { return .impurity }
        if linearTerms(of: model) != nil { return .coefficients }
        return .permutation
    }

    /// The weights of a linear or logistic model.
    static func linearTerms(of model: any FittedModel) -> LinearTerms? {
        if let m = model as? FittedLinearRegression { return m.terms }
        if let m = model as? FittedLogisticRegression { return m.terms }
        return nil
    }
}

/// What an engine answers for `importance`: one value per feature, in the model's feature order.
struct FeatureImportance: Sendable {
    var featureNames: [String]
    var values: [Double]
    /// Permutation importance: the spread over repeats.
    var standardDeviation: [Double]?
    /// A linear model with one output: its raw weights.
    var coefficients: [Double]?
}
