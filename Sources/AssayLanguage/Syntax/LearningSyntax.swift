/// The training and evaluation forms: `fit`, `evaluate`, `predict`.
public enum LearningForm: Sendable {
    /// `fit PIPELINE on DATA target COL [cv K | holdout R] [seed S] [parallel P]`
    case fit(pipeline: Expression, data: Expression, target: Identifier, clauses: [LearningClause])
    /// `evaluate MODEL_OR_BOARD on DATA [metrics M, ...]`
    case evaluate(model: Expression, data: Expression, metrics: [Identifier])
    /// `predict MODEL on DATA`
    case predict(model: Expression, data: Expression)

    /// The clauses `fit` accepts after `target COL`, each with one value.
    public static let fitClauses = ["cv", "holdout", "seed", "parallel"]
}

/// A clause with a value, such as `cv 5` or `seed 42`.
public struct LearningClause: Sendable {
    public var keyword: Identifier
    public var value: Expression

    public init(keyword: Identifier, value: Expression) {
        self.keyword = keyword
        self.value = value
    }
}
