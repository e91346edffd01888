/// A score of predictions against a target, with scikit-learn's definitions.
///
/// For classes, `precision`, `recall` and `f1` are weighted by class support over the classes in
/// the target or the predictions (`average="weighted"`, 0 where undefined); `auc` is the ROC AUC
/// of the second class for two classes and the unweighted mean of one-vs-rest AUCs otherwise
/// (`roc_auc_score(multi_class="ovr", average="macro")`); `pr_auc` is average precision
/// (`average_precision_score`, macro over classes for more than two); `logloss` clips
/// probabilities to [ε, 1−ε] with ε the Float64 machine epsilon. One-vs-rest averages skip
/// classes absent from the target. Predicted classes are the most probable ones (first on ties).
public enum Metric: String, CaseIterable, Sendable {
    case accuracy, precision, recall, f1, auc
    case prAUC = "pr_auc"
    case logloss
    case rmse, mae, mse, r2

    /// True when larger values are better.
    public var isHigherBetter: Bool {
        switch self {
        case .accuracy, .precision, .recall, .f1, .auc, .prAUC, .r2: true
        case .logloss, .rmse, .mae, .mse: false
        }
    }

    /// True for metrics of classes, false for metrics of values.
    public var isForClasses: Bool {
        switch self {
        case .accuracy, .precision, .recall, .f1, .auc, .prAUC, .logloss: true
        case .rmse, .mae, .mse, .r2: false
        }
    }

    /// `auc` for two classes, `f1` for more, `rmse` for regression.
    public static func defaultMetric(for target: Target) -> Metric {
        switch target {
        case .classes(_, let classes): classes.count <= 2 ? .auc : .f1
        case .values: .rmse
        }
    }

    public static func compute(_ metric: Metric, target: Target, prediction: Prediction) throws(LearnError) -> Double {
        switch (target, prediction) {
        case (.classes(let labels, let classes), .probabilities(let p, let predicted)):
            guard metric.isForClasses else {
                throw LearnError("`\(metric.rawValue)` scores numbers, and the target holds classes", help: "use accuracy, precision, recall, f1, auc, pr_auc or logloss")
            }
            guard predicted == classes else {
                throw LearnError("the prediction's classes \(predicted) differ from the target's \(classes)")
            }
            guard p.count == labels.count * classes.count, !labels.isEmpty else {
                throw LearnError("\(labels.count) target rows but \(prediction.rowCount) predicted rows")
            }
            for label in labels where label < 0 || Int(label) >= classes.count {
                throw LearnError("the target has missing or unknown classes", help: "drop rows without a target first: `dropna`")
            }
            let scores = ClassScores(labels: labels, probabilities: p, classCount: classes.count)
            switch metric {
            case .accuracy: return scores.accuracy()
            case .precision: return scores.weighted(\.precision)
            case .recall: return scores.weighted(\.recall)
            case .f1: return scores.weighted(\.f1)
            case .auc: return try scores.oneVsRest(Ranking.rocAUC, name: "auc")
            case .prAUC: return try scores.oneVsRest(Ranking.averagePrecision, name: "pr_auc")
            case .logloss: return scores.logLoss()
            case .rmse, .mae, .mse, .r2: return .nan  // excluded by the guard above
            }
        case (.values(let y), .values(let f)):
            guard !metric.isForClasses else {
                throw LearnError("`\(metric.rawValue)` scores classes, and the target holds numbers", help: "use rmse, mae, mse or r2")
            }
            guard y.count == f.count, !y.isEmpty else {
                throw LearnError("\(y.count) target rows but \(f.count) predicted rows")
            }
            return RegressionScores.score(metric, y: y, f: f)
        case (.classes, .values):
            throw LearnError("the target holds classes, and the prediction numbers")
        case (.values, .probabilities):
            throw LearnError("the target holds numbers, and the prediction classes")
        }
    }
}
