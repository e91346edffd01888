extension Metric: Codable {
    /// The metrics a fit reports and `evaluate` shows when none are named, the default first.
    public static func reported(for target: Target) -> [Metric] {
        switch target {
        case .classes(_, let classes) where classes.count <= 2: [.auc, .accuracy, .f1, .logloss]
        case .classes: [.f1, .accuracy, .auc, .logloss]
        case .values: [.rmse, .mae, .r2]
        }
    }
}

/// A metric's value; for validation, the mean over folds with the standard deviation.
public struct MetricScore: Sendable, Hashable, Codable {
    public var metric: Metric
    public var value: Double
    /// Population standard deviation over folds; nil for a single score.
    public var std: Double?

    public init(metric: Metric, value: Double, std: Double? = nil) {
        self.metric = metric
        self.value = value
        self.std = std
    }
}

/// How a fit measures itself on data it did not train on.
public enum ValidationScheme: Sendable, Hashable, Codable, CustomStringConvertible {
    /// K folds, stratified by class for classification.
    case crossValidation(folds: Int)
    /// One split holding out a fraction of the rows, stratified by class for classification.
    case holdout(fraction: Double)

    public var description: String {
        switch self {
        case .crossValidation(let k): "cv \(k)"
        case .holdout(let r): "holdout \(StageColumns.format(r))"
        }
    }
}

/// Validation metrics of a fit: the scheme and each metric's mean and std.
public struct ValidationSummary: Sendable, Hashable, Codable {
    public var scheme: ValidationScheme
    public var scores: [MetricScore]

    public init(scheme: ValidationScheme, scores: [MetricScore]) {
        self.scheme = scheme
        self.scores = scores
    }

    public func score(_ metric: Metric) -> MetricScore? { scores.first { $0.metric == metric } }
}
