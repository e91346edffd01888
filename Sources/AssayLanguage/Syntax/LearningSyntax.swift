/// The training and evaluation forms: `fit`, `evaluate`, `predict`.
public enum LearningForm: Sendable {
    /// `fit PIPELINE on DATA target COL [cv K | holdout R] [seed S] [parallel P]`
    case fit(pipeline: Expression, data: Expression, target: Identifier, clauses: [LearningClause])
    /// `evaluate MODEL_OR_BOARD on DATA [metrics M, ...]`
    case evaluate(model: Expression, data: Expression, metrics: [Identifier])
    /// `predict MODEL on DATA`
    case predict(model: Expression, data: Expression)
    /// `importance MODEL [method impurity|permutation] [on DATA] [repeats N] [seed S]`
    case importance(model: Expression, data: Expression?, clauses: [LearningClause])
    /// `shap MODEL on DATA [limit N] [row I] [background N] [class "x"] [seed S]`
    case shap(model: Expression, data: Expression, clauses: [LearningClause])
    /// `tune PIPELINE on DATA target COL [metric M] [search S] [trials N] [parallel P]
    /// [cv K | holdout R] [seed S] [stop after N]`
    case tune(pipeline: Expression, data: Expression, target: Identifier, clauses: [LearningClause])

    /// The clauses `fit` accepts after `target COL`, each with one value.
    public static let fitClauses = ["cv", "holdout", "seed", "parallel"]
    public static let importanceClauses = ["method", "on", "repeats", "seed"]
    public static let shapClauses = ["limit", "row", "background", "class", "seed"]

    /// The clauses `tune` accepts after `target COL`; `metric` and `search` take a word, `stop`
    /// is written `stop after N`.
    public static let tuneClauses = ["metric", "search", "trials", "parallel", "cv", "holdout", "seed", "stop"]
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
